import { parseDocument, stringify } from 'yaml';
import type { Frontmatter } from './vault-port';

// The closing fence is a line of its own: a value ending in `---` does not end the block.
const FENCE = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

export interface SplitNote {
  /** The parsed frontmatter, {} when the note has none. */
  frontmatter: Frontmatter;
  /** Everything after the closing fence. */
  body: string;
  /** Whether the note had a frontmatter block at all. */
  hasFrontmatter: boolean;
}

export class FrontmatterError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'FrontmatterError';
  }
}

/** The frontmatter block as written (fences included, a BOM kept) and the rest, without reading the YAML. */
export function frontmatterBlock(content: string): { block: string; body: string } {
  const bom = content.startsWith('\uFEFF') ? '\uFEFF' : '';
  const match = FENCE.exec(content.slice(bom.length));
  const block = match ? bom + match[0] : '';
  return { block, body: content.slice(block.length) };
}

/** Splits a note into frontmatter and body; broken YAML throws {@link FrontmatterError} with the line. */
export function splitNote(content: string): SplitNote {
  const text = content.replace(/^\uFEFF/, '');
  const match = FENCE.exec(text);
  if (!match) return { frontmatter: {}, body: text, hasFrontmatter: false };
  const yamlText = match[1] ?? '';
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line;
    const where = line !== undefined ? ` (frontmatter line ${line})` : '';
    throw new FrontmatterError(`Broken YAML frontmatter${where}: ${firstError.message.split('\n')[0]}`, line);
  }
  const value: unknown = doc.toJS();
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw new FrontmatterError('Frontmatter must be a set of key: value pairs');
  }
  return { frontmatter: (value ?? {}) as Frontmatter, body: text.slice(match[0].length), hasFrontmatter: true };
}

/** Joins frontmatter and body back into a note. */
export function joinNote(frontmatter: Frontmatter, body: string): string {
  const keys = Object.keys(frontmatter).filter((k) => frontmatter[k] !== undefined);
  if (keys.length === 0) return body;
  const clean: Frontmatter = {};
  for (const k of keys) clean[k] = frontmatter[k];
  const yamlText = stringify(clean, { lineWidth: 0 }).trimEnd();
  return `---\n${yamlText}\n---\n${body}`;
}

/** Reads frontmatter only; convenience for callers that do not need the body. */
export function readFrontmatter(content: string): Frontmatter {
  return splitNote(content).frontmatter;
}
