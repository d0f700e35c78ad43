import { formatIsoWeek, type IsoWeek } from '../iso-week';
import { joinVaultPath, stem } from '../paths';

/**
 * Archive naming shared by rotation (which writes archives) and the readers
 * that look back across a week boundary: `Logs/archive/<name>-<GGGG>-W<ww>.jsonl`.
 */

/** `error_log-2026-W07.jsonl` for the live file `Logs/error_log.jsonl`. */
export function archiveFileName(livePath: string, week: IsoWeek): string {
  return `${stem(livePath)}-${formatIsoWeek(week)}.jsonl`;
}

/** The vault path of a live file's archive for one week. */
export function archivePathFor(archiveFolder: string, livePath: string, week: IsoWeek): string {
  return joinVaultPath(archiveFolder, archiveFileName(livePath, week));
}

/** Reads an archive file name back; null for any other file. */
export function parseArchiveFileName(name: string): { name: string; week: IsoWeek } | null {
  const match = /^(.+)-(\d{4})-W(\d{2})\.jsonl$/.exec(name);
  if (!match || match[1] === undefined) return null;
  const week = Number(match[3]);
  if (week < 1 || week > 53) return null;
  return { name: match[1], week: { year: Number(match[2]), week } };
}
