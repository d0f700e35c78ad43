import { isoWithOffset, type Clock } from '../clock';
import type { VaultPort } from '../../vault/vault-port';
import { JsonlWriter, type JsonRecord } from './jsonl-log';
import { readLogSince } from './log-window';
import { redact, redactRecord, redactString, type SecretRegistry } from './redact';
import type { AuditEntry, AuditInput, AuditLogger, AuditStatus } from './log-types';
import { describeError, nonNegativeInt, text } from './log-values';

/** Ports and settings of an {@link AuditLog}. */
export interface AuditLogOptions {
  vault: VaultPort;
  /** Usually `layout.auditLog` (`Logs/audit_log.jsonl`). */
  path: string;
  clock: Clock;
  secrets?: SecretRegistry;
  /** Where rotation archives past weeks; defaults to `archive/` beside the log. */
  archiveFolder?: string;
  /**
   * Told when a line could not be written (disk full, vault gone). Recording
   * never throws, so that a failing log cannot fail the action it records;
   * the runtime points this at the error log so the failure is still seen.
   */
  onWriteError?: (error: unknown) => void;
}

const STATUSES: readonly AuditStatus[] = ['success', 'failure', 'pending', 'skipped'];

/** Spellings callers use for the spec's statuses. */
const STATUS_ALIASES: Readonly<Record<string, AuditStatus>> = {
  ok: 'success', succeeded: 'success', done: 'success', completed: 'success',
  error: 'failure', failed: 'failure', fail: 'failure',
  waiting: 'pending', queued: 'pending',
  skip: 'skipped', ignored: 'skipped',
};

/**
 * The audit trail, `Logs/audit_log.jsonl`: one line per action the employee
 * took. Entries are completed and validated against the spec's rules
 * (timestamp with timezone, known status, non-negative integer duration, an
 * `error_message` on failures) and redacted before they are written.
 */
export class AuditLog implements AuditLogger {
  private readonly writer: JsonlWriter;

  constructor(private readonly options: AuditLogOptions) {
    this.writer = new JsonlWriter(options.vault, options.path);
  }

  /** Completes, redacts and appends one entry. Never throws. */
  async record(input: AuditInput): Promise<void> {
    try {
      await this.writer.append(this.build(input));
    } catch (error) {
      this.options.onWriteError?.(error);
    }
  }

  /** Entries from the last `withinMs` milliseconds, oldest first, archived weeks included; unreadable lines are skipped. */
  async recent(withinMs: number): Promise<AuditEntry[]> {
    const { vault, path, archiveFolder, clock } = this.options;
    const records = await readLogSince({ vault, path, archiveFolder, since: clock.now().getTime() - withinMs });
    return records.filter(isAuditEntry);
  }

  private build(input: AuditInput): AuditEntry {
    const { secrets } = this.options;
    const raw: Partial<AuditInput> = typeof input === 'object' && input !== null ? input : {};
    let details = raw.details === undefined ? undefined : { ...asRecord(raw.details) };
    const { status, unrecognized } = normalizeStatus(raw.status);
    if (unrecognized !== undefined) {
      details = { ...details, original_status: unrecognized };
      details.error_message ??= `The action reported an unknown status (${unrecognized}), so it is recorded as a failure.`;
    }
    if (status === 'failure' && !hasText(details?.error_message)) {
      details = { ...details, error_message: failureMessage(details) };
    }
    const entry: AuditEntry = {
      timestamp: isoWithOffset(this.options.clock.now()),
      action: redactString(text(raw.action, 'unknown'), secrets),
      source: redactString(text(raw.source, 'unknown'), secrets),
      status,
      duration_ms: nonNegativeInt(raw.duration_ms),
      user: redactString(text(raw.user, 'system'), secrets),
    };
    for (const key of ['agent', 'skill', 'mcp_server'] as const) {
      const value = raw[key];
      if (typeof value === 'string' && value !== '') entry[key] = redactString(value, secrets);
    }
    if (details !== undefined) entry.details = redactRecord(details, { secrets });
    return entry;
  }
}

function normalizeStatus(value: unknown): { status: AuditStatus; unrecognized?: string } {
  const key = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if ((STATUSES as readonly string[]).includes(key)) return { status: key as AuditStatus };
  const alias = STATUS_ALIASES[key];
  if (alias) return { status: alias };
  // Unknown outcomes count as failures: claiming success for them could hide a problem.
  return { status: 'failure', unrecognized: typeof value === 'string' ? value : String(redact(value)) };
}

/** The best error text a failure's details offer, or 'unknown error'. */
function failureMessage(details: JsonRecord | undefined): string {
  for (const key of ['error_message', 'error', 'message', 'reason', 'err', 'cause']) {
    const found = describeError(details?.[key]);
    if (found) return found;
  }
  return 'unknown error';
}

function asRecord(value: unknown): JsonRecord {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonRecord;
  return { value };
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function isAuditEntry(value: JsonRecord): value is AuditEntry & JsonRecord {
  return typeof value.timestamp === 'string' && typeof value.action === 'string' && typeof value.status === 'string';
}
