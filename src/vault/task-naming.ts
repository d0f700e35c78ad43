import { joinVaultPath } from '../core/paths';
import type { TaskType } from './task-classifier';

/** Characters no file name may hold on some OS, or that break an Obsidian link. */
const FORBIDDEN = /[\\/:*?"<>|#^[\]]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Names Windows reserves for devices, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Slugs are cut at a word boundary at this length. */
export const MAX_SLUG_LENGTH = 50;
/** Safe file names are shortened to this length, extension kept. */
export const MAX_FILE_NAME_LENGTH = 100;

/**
 * A lowercase, dash-separated slug safe on every OS and in every link:
 * letters and digits of any script, accents folded. '' when nothing usable is left.
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return WINDOWS_RESERVED.test(slug) ? `${slug}-note` : slug;
}

/**
 * A readable file name that keeps the original wording but is safe on every
 * OS and inside `[[links]]`: forbidden and control characters become spaces,
 * trailing dots and spaces go, reserved device names get a suffix, long names
 * are shortened keeping the extension. Null when no letter or digit is left.
 */
export function safeFileName(name: string, maxLength = MAX_FILE_NAME_LENGTH): string | null {
  const dot = name.lastIndexOf('.');
  const rawExt = dot > 0 ? name.slice(dot + 1) : '';
  const ext = rawExt.replace(FORBIDDEN, '').replace(CONTROL, '').replace(/\s+/g, '').toLowerCase().slice(0, 10);
  let base = (dot > 0 ? name.slice(0, dot) : name)
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .replace(FORBIDDEN, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  if (!/[\p{L}\p{N}]/u.test(base)) return null;
  if (WINDOWS_RESERVED.test(base)) base = `${base}_file`;
  const room = maxLength - (ext ? ext.length + 1 : 0);
  if (base.length > room) base = base.slice(0, room).replace(/[\s.-]+$/, '');
  return ext ? `${base}.${ext}` : base;
}

/** `<type>_<yyyy-mm-dd>_<slug>`, the base name (no extension) of a task note. */
export function taskBaseName(type: TaskType, received: Date, title: string, fallback: string): string {
  const slug = slugify(title) || slugify(fallback) || 'item';
  return `${type}_${localDate(received)}_${slug}`;
}

/** `yyyy-mm-dd` in local time, the day the owner would say the item arrived. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** How many numbered names are tried before a random suffix is used. */
export const NUMBERED_CANDIDATES = 20;

/**
 * `name`, then `name-2` … `name-20`, then `name-<random>`: a day with
 * hundreds of e-mails titled "Invoice" must neither run out of names nor
 * check every number before finding a free one.
 */
export function* nameCandidates(base: string, limit = 1000): Generator<string> {
  yield base;
  for (let n = 2; n <= Math.min(limit, NUMBERED_CANDIDATES); n++) yield `${base}-${n}`;
  for (let n = NUMBERED_CANDIDATES + 1; n <= limit; n++) yield `${base}-${randomSuffix()}`;
}

function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Splits `report.pdf` into `report` and `.pdf` so suffixes go before the extension. */
export function splitExtension(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { base: name.slice(0, dot), ext: name.slice(dot) } : { base: name, ext: '' };
}

/**
 * The first free file name in `folder`: `name.ext`, `name-2.ext`, … A name is
 * free when `isTaken` says no for every path it returns, so callers can keep
 * a task, its plan and its future place in Done/ unique together.
 */
export async function firstFreeName(
  folder: string,
  fileName: string,
  isTaken: (path: string, candidateBase: string) => Promise<boolean>,
): Promise<string> {
  const { base, ext } = splitExtension(fileName);
  for (const candidate of nameCandidates(base)) {
    const path = joinVaultPath(folder, `${candidate}${ext}`);
    if (!(await isTaken(path, candidate))) return path;
  }
  throw new Error(`There is no free name left for ${fileName} in ${folder}`);
}
