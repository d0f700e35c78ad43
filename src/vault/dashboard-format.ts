/**
 * Text helpers for the generated dashboard block. Everything that comes from
 * notes or logs goes through {@link inlineText} or {@link escapeCell}, so no
 * title or message can break a table, start a comment or math span, or forge
 * the block's end marker (an HTML comment: `<` is always escaped).
 */

/** What the dashboard prints: text, numbers, or nothing. */
export type Printable = string | number | null | undefined;

/** Collapses whitespace and line breaks, shortens to `max` characters, escapes Markdown that would leak. */
export function inlineText(value: Printable, max = 120): string {
  const text = truncate(String(value ?? '').replace(/\s+/g, ' ').trim(), max);
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\$/g, '\\$')
    .replace(/%%/g, '%\\%');
}

/** A table cell: like {@link inlineText}, with a dash for empty values so the table keeps its shape. */
export function escapeCell(value: Printable, max = 120): string {
  if (value === undefined || value === null || String(value).trim() === '') return '—';
  return inlineText(value, max);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Renders a Markdown table; cells must already be escaped. */
export function table(headers: string[], rows: string[][], align: ('left' | 'right')[] = []): string {
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}

/** `YYYY-MM-DD HH:mm` in local time; unparseable input is shown as given, missing as `fallback`. */
export function formatTime(value: string | Date | undefined, fallback = '—'): string {
  if (value === undefined || value === '') return fallback;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** How long ago, in words: `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`. */
export function ago(then: string | Date, now: Date): string {
  const ms = now.getTime() - new Date(then).getTime();
  if (Number.isNaN(ms)) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/**
 * A link to a vault note: a wikilink `[[path|title]]` when the path allows it,
 * otherwise a Markdown link (wikilinks cannot hold `[ ] | # ^`).
 */
export function noteLink(path: string, title: string): string {
  const alias =
    truncate(title.replace(/\s+/g, ' ').trim(), 100)
      .replace(/\[/g, '(')
      .replace(/\]/g, ')')
      .replace(/\|/g, '/')
      .replace(/</g, '‹')
      .replace(/>/g, '›') || 'Untitled';
  const target = path.replace(/\.md$/i, '');
  if (!/[[\]|#^<>]/.test(target)) return `[[${target}|${alias}]]`;
  const href = path.split('/').map(encodeURIComponent).join('/');
  return `[${alias}](${href})`;
}

/** Amounts as written by a person: `1,500` or `1,234.5`; text is kept as is. */
export function formatAmount(amount: number | string): string {
  if (typeof amount === 'number') return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return amount;
}
