/**
 * Reads the audit log between two times, streamed line by line, the live
 * file and the weekly archives that can hold the window (rotation moves each
 * past week to `Logs/archive/<log>-GGGG-Www.jsonl`). Only the entries the
 * caller asks for are kept, so memory stays bounded however long the logs
 * grow. A line found in both an archive and the live file (rotation cut off
 * between its two steps) is counted once.
 */
import { compareIsoWeeks, isoWeekOf } from '../iso-week';
import { basename, stem } from '../paths';
import { VaultError, type VaultPort } from '../../vault/vault-port';
import { parseArchiveFileName } from './archive-names';
import type { AuditEntry } from './log-types';

export interface LogScan {
  vault: VaultPort;
  livePath: string;
  archiveFolder: string;
  /** Inclusive, ms. */
  since: number;
  /** Exclusive, ms; Infinity for "until now". */
  until: number;
  /** Which actions to keep (a cheap text test runs before a line is parsed). */
  actions: readonly string[];
}

export async function scanAudit(scan: LogScan, onEntry: (entry: AuditEntry, at: number) => void): Promise<void> {
  const files = [...(await archivesFrom(scan)), scan.livePath];
  const seen = new Set<string>();
  const needles = scan.actions.map((a) => `"action":"${a}"`);
  for (const file of files) {
    try {
      for await (const line of scan.vault.readLines(file)) {
        if (!needles.some((n) => line.includes(n))) continue;
        const entry = parse(line);
        if (!entry || !scan.actions.includes(entry.action)) continue;
        const at = Date.parse(entry.timestamp);
        if (Number.isNaN(at) || at < scan.since || at >= scan.until) continue;
        if (seen.has(line)) continue;
        seen.add(line);
        onEntry(entry, at);
      }
    } catch (error) {
      if (error instanceof VaultError && error.code === 'not-found') continue;
      throw error;
    }
  }
}

async function archivesFrom(scan: LogScan): Promise<string[]> {
  const first = isoWeekOf(new Date(scan.since));
  const last = Number.isFinite(scan.until) ? isoWeekOf(new Date(scan.until)) : null;
  const name = stem(scan.livePath);
  const out: Array<{ path: string; order: number }> = [];
  for (const file of await scan.vault.list(scan.archiveFolder)) {
    const parsed = parseArchiveFileName(basename(file.path));
    if (!parsed || parsed.name !== name || compareIsoWeeks(parsed.week, first) < 0) continue;
    if (last && compareIsoWeeks(parsed.week, last) > 0) continue;
    out.push({ path: file.path, order: parsed.week.year * 100 + parsed.week.week });
  }
  return out.sort((a, b) => a.order - b.order).map((f) => f.path);
}

function parse(line: string): AuditEntry | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return null;
    const entry = value as AuditEntry;
    return typeof entry.action === 'string' && typeof entry.timestamp === 'string' ? entry : null;
  } catch {
    return null;
  }
}
