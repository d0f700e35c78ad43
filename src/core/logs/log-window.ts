import type { VaultPort } from '../../vault/vault-port';
import { VaultError } from '../../vault/vault-port';
import { compareIsoWeeks, isoWeekOf } from '../iso-week';
import { basename, dirname, joinVaultPath, stem } from '../paths';
import { parseArchiveFileName } from './archive-names';
import { jsonlLines, type JsonRecord } from './jsonl-log';
import { entryTime } from './log-values';

/** Which log to read, and from when. */
export interface LogWindowQuery {
  vault: VaultPort;
  /** The live file, e.g. `Logs/error_log.jsonl`. */
  path: string;
  /** Where rotation puts past weeks; defaults to `archive/` beside the live file. */
  archiveFolder?: string;
  /** Earliest time to include, ms since the epoch. */
  since: number;
}

/** The archive folder rotation uses for a live log when none is configured. */
export function defaultArchiveFolder(livePath: string): string {
  return joinVaultPath(dirname(livePath), 'archive');
}

/**
 * The entries of a log from `since` on, oldest first. Weekly rotation may
 * already have moved part of the window into the archive (on a Monday
 * morning, yesterday is last week), so the archives of every week the window
 * touches are read as well. A line found both in an archive and in the live
 * file (rotation interrupted between its two steps) is counted once.
 */
export async function readLogSince(query: LogWindowQuery): Promise<JsonRecord[]> {
  const archiveFolder = query.archiveFolder ?? defaultArchiveFolder(query.path);
  const files = [...(await archivesSince(query.vault, archiveFolder, query.path, query.since)), query.path];
  // Per line text, the most times it appears in any one file: copies across files are the same line.
  const counts = new Map<string, { count: number; value: JsonRecord; time: number }>();
  for (const file of files) {
    const inFile = new Map<string, number>();
    for (const line of jsonlLines(await readIfPresent(query.vault, file))) {
      const time = line.value ? entryTime(line.value) : undefined;
      if (!line.value || time === undefined || time < query.since) continue;
      const n = (inFile.get(line.text) ?? 0) + 1;
      inFile.set(line.text, n);
      const known = counts.get(line.text);
      if (!known) counts.set(line.text, { count: n, value: line.value, time });
      else if (n > known.count) known.count = n;
    }
  }
  const out: Array<{ value: JsonRecord; time: number }> = [];
  for (const { count, value, time } of counts.values()) for (let i = 0; i < count; i += 1) out.push({ value, time });
  return out.sort((a, b) => a.time - b.time).map((e) => e.value);
}

/** Archives of this log for the weeks from the one holding `since` on. */
async function archivesSince(vault: VaultPort, archiveFolder: string, livePath: string, since: number): Promise<string[]> {
  const first = Number.isFinite(since) ? isoWeekOf(new Date(since)) : { year: 0, week: 0 };
  const out: string[] = [];
  for (const file of await vault.list(archiveFolder)) {
    const parsed = parseArchiveFileName(basename(file.path));
    if (parsed && parsed.name === stem(livePath) && compareIsoWeeks(parsed.week, first) >= 0) out.push(file.path);
  }
  return out;
}

async function readIfPresent(vault: VaultPort, path: string): Promise<string> {
  try {
    return await vault.read(path);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'not-found') return '';
    throw error;
  }
}
