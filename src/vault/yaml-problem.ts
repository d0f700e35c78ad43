import { parseDocument } from 'yaml';

/** A frontmatter problem in words a non-programmer can act on. */
export interface YamlProblem {
  /** 1-based line inside the frontmatter block (the line after the opening `---` is 1). */
  line?: number;
  /** What is wrong, completing "Line N of the frontmatter …". */
  what: string;
  /** The parser's own code, kept for the error log. */
  code: string;
}

/** The line where a quoted value opens but never closes. */
function unclosedQuoteLine(lines: string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) {
    const match = /^\s*(?:-\s+|[^:#'"]+:\s+)(["'])(.*)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, quote, rest = ''] = match;
    const closed = quote === '"' ? /(^|[^\\])"/.test(rest) : rest.replace(/''/g, '').includes("'");
    if (!closed) return i + 1;
  }
  return undefined;
}

/** The line where a `[` or `{` list opens but never closes on that line. */
function unclosedBracketLine(lines: string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').replace(/"[^"]*"|'[^']*'/g, '');
    const open = (text.match(/[[{]/g) ?? []).length;
    const close = (text.match(/[\]}]/g) ?? []).length;
    if (open > close) return i + 1;
  }
  return undefined;
}

const EXPLANATIONS: ReadonlyArray<{ test: (code: string, message: string) => boolean; what: string }> = [
  { test: (c, m) => c === 'MISSING_CHAR' && /quote/i.test(m), what: 'has an unclosed quote (a " or \' without its closing partner)' },
  { test: (_c, m) => /flow (sequence|mapping|collection)|end with a [\]}]/i.test(m), what: 'has an unclosed bracket (a [ or { without its closing ] or })' },
  { test: (c) => c === 'DUPLICATE_KEY', what: 'repeats a property name that already appears above it' },
  { test: (c) => c === 'TAB_AS_INDENT', what: 'is indented with a tab; use spaces instead' },
  { test: (c) => c === 'BAD_INDENT', what: 'is indented differently from the lines around it' },
  { test: (c) => c === 'BLOCK_AS_IMPLICIT_KEY', what: 'has a second colon in a value; put the value in quotes' },
  { test: (c) => c === 'MULTILINE_IMPLICIT_KEY' || c === 'UNEXPECTED_TOKEN', what: 'is not a "name: value" line' },
];

/**
 * Explains why a frontmatter block does not parse, or returns null when it
 * is fine. For unclosed quotes and brackets it points at the line where they
 * open, which is where the owner has to look, not where the parser gave up.
 */
export function describeYamlProblem(yamlText: string): YamlProblem | null {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (!first) {
    const value: unknown = doc.toJS();
    if (value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value))) return null;
    return { line: 1, what: 'is not a list of "name: value" properties', code: 'NOT_A_MAP' };
  }
  const message = first.message;
  const rule = EXPLANATIONS.find((r) => r.test(first.code, message));
  const what = rule?.what ?? 'is not valid YAML';
  const lines = yamlText.split(/\r?\n/);
  let line = first.linePos?.[0]?.line;
  if (rule === EXPLANATIONS[0]) line = unclosedQuoteLine(lines) ?? line;
  else if (rule === EXPLANATIONS[1]) line = unclosedBracketLine(lines) ?? line;
  return line === undefined ? { what, code: first.code } : { line, what, code: first.code };
}
