/**
 * Turns what Handlebars throws into one plain sentence for the owner: which
 * line of their template note, and what is wrong there. Handlebars reports
 * parse errors as a multi-line message with an ASCII pointer, compile errors
 * with a ` - line:column` suffix, and helper failures not at all, so each
 * shape is read on its own.
 */

/** Thrown by a briefing helper; carries the template line Handlebars gave the helper. */
export class TemplateHelperError extends Error {
  constructor(
    readonly helper: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateHelperError';
  }
}

/** What is wrong with a template, and where (a line of the compiled text, 1-based). */
export interface TemplateFault {
  line?: number;
  what: string;
}

/** Describes an error from compiling or rendering `source`. */
export function describeTemplateError(error: unknown, source: string, helpers: readonly string[]): TemplateFault {
  if (error instanceof TemplateHelperError) {
    return { line: error.line, what: `the helper "${error.helper}" failed: ${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) return describeParseError(message, Number(parse[1]), source);
  const lexical = /^Lexical error on line (\d+)/.exec(message);
  if (lexical) return { line: Number(lexical[1]), what: 'Handlebars cannot read the braces on this line' };

  // Compile errors end in " - line:column".
  const located = /^([\s\S]*?) - (\d+):\d+$/.exec(message);
  const text = located?.[1] ?? message;
  const line = located ? Number(located[2]) : undefined;
  const unknown = /used the unknown helper (\S+)/.exec(text);
  if (unknown) {
    return { line, what: `unknown helper "${unknown[1]}" (the briefing helpers are ${helpers.join(', ')})` };
  }
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(text);
  if (mismatch) return { line, what: `{{/${mismatch[2]}}} closes {{#${mismatch[1]}}}` };
  const partial = /^The partial (.+) could not be found$/.exec(text);
  if (partial) {
    const name = partial[1] ?? '';
    return { line: lineOf(source, `{{>\\s*${escapeRegExp(name)}\\b`), what: `the partial "${name}" does not exist (briefing templates cannot use partials)` };
  }
  return { line, what: firstLine(text) };
}

function describeParseError(message: string, line: number, source: string): TemplateFault {
  const got = /got '([^']+)'/.exec(message)?.[1] ?? '';
  if (got === 'EOF') {
    const braces = source.lastIndexOf('{{');
    if (braces > source.lastIndexOf('}}')) {
      return { line: source.slice(0, braces).split('\n').length, what: 'a "{{" is never closed with "}}"' };
    }
    const open = unclosedBlock(source);
    if (open) return { line: open.line, what: `{{#${open.name}}} is never closed (add {{/${open.name}}})` };
    return { line, what: 'the template ends inside a {{…}} or a block' };
  }
  const near = (source.split('\n')[line - 1] ?? '').trim();
  const shown = near.length > 60 ? `${near.slice(0, 59)}…` : near;
  return { line, what: `${HINTS[got] ?? 'Handlebars cannot read this line'}: "${shown}"` };
}

// The tokens a hand-written template most often trips on, in words.
const HINTS: Record<string, string> = {
  INVALID: 'a "{{" that is not closed, or something between the braces Handlebars cannot read',
  CLOSE: 'something is missing before "}}"',
  CLOSE_RAW_BLOCK: 'something is missing before "}}}}"',
  INVERSE: '{{else}} outside a block, or twice in one block',
  OPEN_INVERSE_CHAIN: '{{else}} outside a block, or twice in one block',
  OPEN_ENDBLOCK: 'a closing {{/…}} without its opening {{#…}}',
  EQUALS: 'a misplaced "="',
};

/** The innermost block opened and never closed, by a plain scan of `{{#name` and `{{/name`. */
function unclosedBlock(source: string): { name: string; line: number } | undefined {
  const stack: Array<{ name: string; line: number }> = [];
  const tag = /\{\{~?\s*([#^/])\s*([^\s}~]+)/g;
  for (const match of source.matchAll(tag)) {
    const [, kind = '', name = ''] = match;
    const line = source.slice(0, match.index).split('\n').length;
    if (kind === '/') {
      const at = stack.map((b) => b.name).lastIndexOf(name);
      if (at >= 0) stack.splice(at);
    } else {
      stack.push({ name, line });
    }
  }
  return stack[stack.length - 1];
}

function lineOf(source: string, pattern: string): number | undefined {
  const match = new RegExp(pattern).exec(source);
  return match ? source.slice(0, match.index).split('\n').length : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() || 'an unknown error';
}
