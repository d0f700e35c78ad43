import type { AuditEntry, ErrorEntry } from '../core/logs/log-types';
import { VaultError, type VaultPort } from './vault-port';

/**
 * Readers of the JSONL logs for the dashboard. The VaultPort has no ranged
 * read, so the file is read whole, but only the lines needed are parsed and
 * kept (the tail for activity, the last day for errors); rotation keeps the
 * live files small. Malformed lines are skipped: a half-written or hand-edited
 * line must not blank the dashboard.
 */

/** The last `limit` well-formed audit entries, oldest first; [] when the log does not exist yet. */
export async function readAuditTail(vault: VaultPort, path: string, limit: number): Promise<AuditEntry[]> {
  if (limit <= 0) return [];
  const lines = await readLines(vault, path);
  const out: AuditEntry[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
    const entry = parseLine(lines[i]);
    if (entry && isAuditEntry(entry)) out.push(entry);
  }
  return out.reverse();
}

/**
 * Error-log entries at or after `sinceMs`, oldest first. DEBUG and INFO lines
 * are not errors and are left out.
 */
export async function readErrorsSince(vault: VaultPort, path: string, sinceMs: number): Promise<ErrorEntry[]> {
  const lines = await readLines(vault, path);
  const out: ErrorEntry[] = [];
  for (const line of lines) {
    const entry = parseLine(line);
    if (!entry || !isErrorEntry(entry)) continue;
    if (entry.severity === 'DEBUG' || entry.severity === 'INFO') continue;
    const at = Date.parse(entry.ts);
    if (!Number.isNaN(at) && at >= sinceMs) out.push(entry);
  }
  return out;
}

async function readLines(vault: VaultPort, path: string): Promise<string[]> {
  try {
    return (await vault.read(path)).split(/\r?\n/);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'not-found') return [];
    throw error;
  }
}

function parseLine(line: string | undefined): Record<string, unknown> | null {
  if (!line || line.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isAuditEntry(value: Record<string, unknown>): value is Record<string, unknown> & AuditEntry {
  return typeof value.timestamp === 'string' && typeof value.action === 'string' && typeof value.status === 'string';
}

function isErrorEntry(value: Record<string, unknown>): value is Record<string, unknown> & ErrorEntry {
  return (
    typeof value.ts === 'string' &&
    typeof value.severity === 'string' &&
    typeof value.source === 'string' &&
    typeof value.message === 'string'
  );
}
