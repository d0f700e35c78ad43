/** Cells of a Markdown table row, split on pipes that are not escaped (GFM rules: `\\` is an escaped backslash). */
export function tableCells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const ch = row[i] ?? '';
    if (ch === '\\' && i + 1 < row.length) {
      cell += ch + (row[i + 1] ?? '');
      i++;
    } else if (ch === '|') {
      out.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  out.push(cell);
  return out.slice(1, -1).map((c) => c.trim());
}
