/**
 * Markdown building blocks for the briefing: escaped text and tables.
 * Everything that comes from notes, books or an LLM goes through
 * {@link escapeInline}, {@link escapeBlock} or a {@link table} cell, so no
 * client name or summary can break a table, open a math span (`$` is
 * escaped: two amounts on a line would otherwise render as LaTeX in
 * Obsidian), start a heading or forge HTML.
 */
import { escapeCell, inlineText } from '../../vault/dashboard-format';

/** Text on one line: whitespace collapsed, Markdown that would leak escaped. Never shortened. */
export function escapeInline(value: string | number): string {
  return inlineText(value, Number.POSITIVE_INFINITY);
}

/**
 * A paragraph-shaped text (the executive summary): line breaks and list
 * markers the writer used are kept, but no line can become a heading, a
 * rule or a table, since those would break the page's structure.
 */
export function escapeBlock(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => {
    const escaped = escapeInline(line);
    if (/^#/.test(escaped)) return `\\${escaped}`;
    // A line of only `-`, `=` or `*` is a rule or turns the line above into a heading.
    if (/^[-=*_](?:\s*[-=*_])*$/.test(escaped)) return `\\${escaped}`;
    return escaped;
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Markdown the caller built and escaped itself (bold totals, links);
 * {@link table} only keeps it on one line. `md('')` is a blank cell, where
 * plain empty text shows as `—` (a value that is missing).
 */
export interface MarkdownCell {
  md: string;
}

/** A table cell: text (escaped by {@link table}; empty shows as `—`), a number, or ready Markdown. */
export type Cell = string | number | null | MarkdownCell;

/** Column alignment; amounts are right-aligned so their digits line up. */
export type Align = 'left' | 'right';

/** A table as the view model carries it; `{{table x}}` renders it. */
export interface MarkdownTable {
  headers: string[];
  rows: Cell[][];
  align?: Align[];
}

/** Ready Markdown for a table cell. */
export function md(markdown: string): MarkdownCell {
  return { md: markdown };
}

/** A bold cell, e.g. a total: `**$15,000**`. */
export function bold(text: string): MarkdownCell {
  return md(`**${escapeCell(text)}**`);
}

export function isMarkdownCell(value: unknown): value is MarkdownCell {
  return typeof value === 'object' && value !== null && typeof (value as { md?: unknown }).md === 'string';
}

/** The Markdown of one cell: pipes that are not yet escaped get a backslash, line breaks become spaces. */
export function cellText(cell: Cell): string {
  if (!isMarkdownCell(cell)) return escapeCell(cell, 200);
  const oneLine = cell.md.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return escapeBarePipes(oneLine);
}

// A pipe is escaped when an odd number of backslashes precedes it (`\\|` is a backslash, then a bare pipe).
function escapeBarePipes(text: string): string {
  let out = '';
  let slashes = 0;
  for (const ch of text) {
    if (ch === '|' && slashes % 2 === 0) out += '\\';
    out += ch;
    slashes = ch === '\\' ? slashes + 1 : 0;
  }
  return out;
}

/**
 * A Markdown table with padded columns, so it also reads as a table in the
 * raw note. Short rows are filled with `—` and long ones cut, so the table
 * always has the header's shape.
 */
export function table(headers: string[], rows: Cell[][], align: Align[] = []): string {
  // Headers may be blank (the corner of a comparison table), so they skip the `—` of empty cells.
  const head = headers.map((h) => escapeInline(h));
  const body = rows.map((row) => head.map((_, i) => cellText(row[i] ?? null)));
  const widths = head.map((h, i) => Math.max(3, width(h), ...body.map((row) => width(row[i] ?? ''))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(text)));
    return align[i] === 'right' ? fill + text : text + fill;
  };
  const rule = widths.map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head.map(pad)), line(rule), ...body.map((row) => line(row.map(pad)))].join('\n');
}

/** Renders a {@link MarkdownTable}. */
export function renderTable(t: MarkdownTable): string {
  return table(t.headers, t.rows, t.align);
}

// Code points, not UTF-16 units, so `€` and `→` count as one column.
function width(text: string): number {
  return [...text].length;
}
