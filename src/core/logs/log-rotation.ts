import type { Clock } from '../clock';
import { compareIsoWeeks, formatIsoWeek, isoWeekEnd, isoWeekOf, weeksInIsoYear, type IsoWeek } from '../iso-week';
import { basename, extension } from '../paths';
import { VaultError, type VaultPort } from '../../vault/vault-port';
import { archivePathFor, parseArchiveFileName } from './archive-names';
import { entryTime } from './log-values';

/** Inputs of {@link rotateLogs}; the runtime passes the layout's `logs` and `logsArchive`. */
export interface RotateLogsOptions {
  vault: VaultPort;
  /** The folder whose `*.jsonl` files are rotated (not its subfolders). */
  logsFolder: string;
  archiveFolder: string;
  clock: Clock;
  /** Archives whose week ended more than this many days ago are deleted. Default 90. */
  retentionDays?: number;
}

/** What one run of {@link rotateLogs} did. */
export interface RotationSummary {
  /** Lines moved out of the live files in this run. */
  archivedLines: number;
  /** Archive files that received lines. */
  filesWritten: number;
  deletedArchives: number;
}

const DAY_MS = 86_400_000;

/**
 * Weekly rotation and retention of the JSON-lines logs.
 *
 * Every line dated in an ISO week before the current one (local time) moves
 * to `<archive>/<name>-<GGGG>-W<ww>.jsonl`, byte for byte: lines are never
 * re-serialized. The archive is written first and the live file rewritten
 * second, so a crash in between leaves the line in both places, never in
 * neither; the next run sees it already archived and only removes it from the
 * live file. The live file is rewritten with `vault.process`, which removes
 * exactly the archived lines from the content as it is at that moment, so a
 * line appended meanwhile is kept. Lines without a readable timestamp stay in
 * the live file.
 *
 * Safe to run as often as wanted (it is idempotent); the runtime runs it with
 * the log maintenance job.
 */
export async function rotateLogs(options: RotateLogsOptions): Promise<RotationSummary> {
  const summary: RotationSummary = { archivedLines: 0, filesWritten: 0, deletedArchives: 0 };
  const current = isoWeekOf(options.clock.now());
  for (const file of await options.vault.list(options.logsFolder)) {
    if (extension(file.path) !== 'jsonl') continue;
    await rotateFile(options, file.path, current, summary);
  }
  summary.deletedArchives = await pruneArchives(options);
  return summary;
}

async function rotateFile(options: RotateLogsOptions, path: string, current: IsoWeek, summary: RotationSummary): Promise<void> {
  const { vault, archiveFolder } = options;
  const byWeek = new Map<string, { week: IsoWeek; lines: string[] }>();
  for (const line of completeLines(await readOrEmpty(vault, path))) {
    const week = weekOfLine(line);
    if (!week || compareIsoWeeks(week, current) >= 0) continue;
    const key = formatIsoWeek(week);
    const group = byWeek.get(key) ?? { week, lines: [] };
    group.lines.push(line);
    byWeek.set(key, group);
  }
  if (byWeek.size === 0) return;

  const moved = new Multiset();
  for (const { week, lines } of byWeek.values()) {
    const archivePath = archivePathFor(archiveFolder, path, week);
    const existing = await readOrEmpty(vault, archivePath);
    // A line may already be there when an earlier run stopped before rewriting the live file.
    const already = new Multiset(allLines(existing));
    const missing = lines.filter((line) => !already.take(line));
    if (missing.length > 0) {
      const startOnNewLine = existing !== '' && !existing.endsWith('\n') ? '\n' : '';
      await vault.append(archivePath, `${startOnNewLine}${missing.join('\n')}\n`);
      summary.filesWritten += 1;
    }
    for (const line of lines) moved.add(line);
  }

  let removed = 0;
  await vault.process(path, (content) => {
    // Work on a copy: a port may call this again if the file changed under it.
    const pending = moved.clone();
    const segments = content.split('\n');
    const tail = segments.pop() ?? '';
    const kept = segments.filter((line) => !pending.take(line));
    removed = segments.length - kept.length;
    return kept.map((line) => `${line}\n`).join('') + tail;
  });
  summary.archivedLines += removed;
}

/**
 * Deletes archives whose week ended more than `retentionDays` ago. Measured
 * in elapsed time from the week's last instant (Sunday 23:59:59.999 local),
 * so even the newest line in a deleted archive is older than the retention
 * period, across daylight-saving changes too: never a line early.
 */
async function pruneArchives(options: RotateLogsOptions): Promise<number> {
  const retentionMs = retentionDaysOf(options.retentionDays) * DAY_MS;
  const now = options.clock.now().getTime();
  let deleted = 0;
  for (const file of await options.vault.list(options.archiveFolder)) {
    const parsed = parseArchiveFileName(basename(file.path));
    if (!parsed || parsed.week.week > weeksInIsoYear(parsed.week.year)) continue; // not a name rotation writes
    const lastInstant = isoWeekEnd(parsed.week.year, parsed.week.week).getTime() - 1;
    if (now - lastInstant <= retentionMs) continue;
    try {
      await options.vault.remove(file.path);
      deleted += 1;
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'not-found')) throw error;
    }
  }
  return deleted;
}

function retentionDaysOf(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(1, Math.floor(value)) : 90;
}

/** The ISO week of a line's `timestamp` or `ts`, or null when it has none that parses. */
function weekOfLine(line: string): IsoWeek | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const at = entryTime(value as Record<string, unknown>);
  return at === undefined ? null : isoWeekOf(new Date(at));
}

/** Newline-terminated lines only: a last line still being written is left alone. */
function completeLines(content: string): string[] {
  const segments = content.split('\n');
  segments.pop();
  return segments.filter((line) => line.trim() !== '');
}

function allLines(content: string): string[] {
  return content.split('\n').filter((line) => line !== '');
}

async function readOrEmpty(vault: VaultPort, path: string): Promise<string> {
  try {
    return await vault.read(path);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'not-found') return '';
    throw error;
  }
}

/** Counts line occurrences, so two identical lines are moved (and removed) twice, not once. */
class Multiset {
  private readonly counts = new Map<string, number>();

  constructor(items: Iterable<string> = []) {
    for (const item of items) this.add(item);
  }

  add(item: string): void {
    this.counts.set(item, (this.counts.get(item) ?? 0) + 1);
  }

  clone(): Multiset {
    const copy = new Multiset();
    for (const [item, n] of this.counts) copy.counts.set(item, n);
    return copy;
  }

  /** Removes one occurrence; false when there was none. */
  take(item: string): boolean {
    const n = this.counts.get(item) ?? 0;
    if (n === 0) return false;
    if (n === 1) this.counts.delete(item);
    else this.counts.set(item, n - 1);
    return true;
  }
}
