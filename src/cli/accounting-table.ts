/** Plain-text tables for a terminal: aligned columns, amounts on the right, an optional total row. */

export interface Column {
  header: string;
  /** Amounts and counts read best right-aligned, so their digits line up. */
  align?: 'left' | 'right';
}

const GAP = '  ';

/**
 * The table as lines: header, a rule, the rows, and (when given) a rule and
 * the footer row. Widths are measured in characters, which is right for the
 * Latin text and digits the books hold; trailing spaces are trimmed.
 */
export function renderTable(columns: Column[], rows: string[][], footer?: string[]): string[] {
  const all = footer ? [...rows, footer] : rows;
  const widths = columns.map((column, i) => Math.max(column.header.length, ...all.map((row) => (row[i] ?? '').length)));
  const format = (cells: string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(GAP)
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join(GAP);
  const lines = [format(columns.map((c) => c.header)), rule, ...rows.map(format)];
  if (footer) lines.push(rule, format(footer));
  return lines;
}

/** Two columns of label and value, the labels padded so the values start in one column. */
export function renderFields(fields: Array<[string, string]>, indent = '  '): string[] {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${indent}${label.padEnd(width)}${GAP}${value}`.trimEnd());
}
