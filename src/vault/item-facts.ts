import { localDate } from './task-naming';
import { sha256Hex } from './content-hash';
import { classifyType, resolvePriority, type Priority, type TaskType } from './task-classifier';
import type { InboxItem } from './inbox-item-reader';

/** What triage decides about an item before writing anything. */
export interface ItemFacts {
  type: TaskType;
  priority: Priority;
  /** A one-line title for the note heading and the file name. */
  title: string;
  /** Who or where it came from. */
  source: string;
  /** The sender alone, when known, for the plan's wording. */
  from?: string;
  received: Date;
  triggerId: string;
}

/** The header block at the top of a pasted e-mail, lower-case keys. */
export function emailHeaders(body: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of body.replace(/^\s*\n/, '').split(/\r?\n/)) {
    if (line.trim() === '') break;
    const match = /^([A-Za-z][A-Za-z-]*):\s*(.*)$/.exec(line);
    if (!match) break;
    headers[(match[1] ?? '').toLowerCase()] = (match[2] ?? '').trim();
  }
  return headers;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function date(value: unknown): Date | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = new Date(value.trim());
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** The first line a person would call the gist, without Markdown or chat prefixes. */
export function firstLine(body: string): string {
  for (const raw of body.split(/\r?\n/)) {
    const line = raw
      .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[.\]\s+)?|\d+[.)]\s+)/, '')
      .replace(/^\[?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\]?\s*(?:-\s*)?[^:\n]{1,60}:\s/, '')
      .trim();
    if (line !== '' && !/^(-{3,}|\*{3,}|_{3,})$/.test(line)) return line.length > 100 ? `${line.slice(0, 99)}…` : line;
  }
  return '';
}

/** `trg-<yyyymmdd>-<8 hex>`: stable for the same file name and content. */
export async function triggerIdFor(originalPath: string, contentSha256: string, received: Date): Promise<string> {
  const hash = await sha256Hex(`${originalPath}\n${contentSha256}`);
  return `trg-${localDate(received).replace(/-/g, '')}-${hash.slice(0, 8)}`;
}

/**
 * Reads type, priority, title, source and arrival time from an item, the
 * note's own frontmatter first, then e-mail headers, then the file itself.
 */
export async function itemFacts(item: InboxItem, inboxPath: string): Promise<ItemFacts> {
  const fm = item.note?.frontmatter ?? {};
  const body = item.note?.body ?? '';
  const type = classifyType({ name: item.name, isMarkdown: item.isMarkdown, frontmatter: fm, body });
  const headers = type === 'email' ? emailHeaders(body) : {};
  const stem = item.name.replace(/\.[^.]*$/, '');
  const title = item.isMarkdown
    ? (text(fm.subject) ?? text(fm.title) ?? text(headers.subject) ?? (firstLine(body) || stem))
    : `File received: ${item.name}`;
  const from = text(fm.from) ?? text(headers.from);
  const declaredSource = text(fm.source);
  const sourceIsJustType = declaredSource !== undefined && /^(e-?mail|gmail|imap|mail|whatsapp|wa|file_drop|file-drop|file|drop|manual|note)$/i.test(declaredSource);
  const source = from ?? (declaredSource && !sourceIsJustType ? declaredSource : inboxPath);
  const received = date(fm.received) ?? date(fm.date) ?? date(headers.date) ?? new Date(item.mtime);
  const priority = resolvePriority(fm.priority, `${title}\n${body}\n${item.isMarkdown ? '' : item.name}`);
  const triggerId = await triggerIdFor(inboxPath, item.sha256, received);
  return from ? { type, priority, title, source, from, received, triggerId } : { type, priority, title, source, received, triggerId };
}
