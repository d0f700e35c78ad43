import { isoWithOffset, type Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { EventName } from '../events';
import type { VaultPort } from '../../vault/vault-port';
import { AlertMonitor, type AlertDecision } from './alert-monitor';
import { JsonlWriter, type JsonRecord } from './jsonl-log';
import { readLogSince } from './log-window';
import { describeError, entryTime, errorKind, nonNegativeInt, text } from './log-values';
import { redact, redactRecord, redactString, type SecretRegistry } from './redact';
import type { ErrorEntry, ErrorInput, ErrorLogger, Severity } from './log-types';

/** Ports and settings of an {@link ErrorLog}. */
export interface ErrorLogOptions {
  vault: VaultPort;
  /** Usually `layout.errorLog` (`Logs/error_log.jsonl`). */
  path: string;
  clock: Clock;
  bus: EventBus;
  secrets?: SecretRegistry;
  /** Errors from one source that raise an alert. Default 3. */
  alertThreshold?: number;
  /** The alert's rolling window. Default 60 minutes. */
  alertWindowMinutes?: number;
  /** Where rotation archives past weeks; defaults to `archive/` beside the log. */
  archiveFolder?: string;
  /** Told when a line could not be written; logging itself never throws. */
  onWriteError?: (error: unknown) => void;
}

/** Per-call options of {@link ErrorLog.log}. */
export interface LogOptions {
  /** False to skip the `error.logged` event (used for failures of `error.logged` handlers, to avoid a loop). */
  emit?: boolean;
}

/** The `error` of the log lines that record a raised alert. */
export const ALERT_ERROR_KIND = 'AlertTriggered';

const SEVERITIES: readonly Severity[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/**
 * The central error log, `Logs/error_log.jsonl`. Every module reports here;
 * each entry is redacted, appended, announced as `error.logged`, and counted
 * for alert escalation (`error.alert_triggered`). Raised alerts are written to
 * the log too, which is both a notice for the user and what lets a restarted
 * process pick up the alert state where it stopped.
 */
export class ErrorLog implements ErrorLogger {
  readonly monitor: AlertMonitor;
  private readonly writer: JsonlWriter;
  private ready: Promise<void> | null = null;
  /** Entries logged without a caller awaiting them (bus failures), so {@link drain} can wait. */
  private readonly detached = new Set<Promise<unknown>>();

  constructor(private readonly options: ErrorLogOptions) {
    this.monitor = new AlertMonitor({ threshold: options.alertThreshold, windowMinutes: options.alertWindowMinutes });
    this.writer = new JsonlWriter(options.vault, options.path);
  }

  /**
   * Rebuilds the alert state from the last window of the log: errors still
   * inside it count towards the threshold, alerts still inside it are not
   * raised again. Runs once; {@link log} waits for it.
   */
  init(): Promise<void> {
    this.ready ??= this.restore();
    return this.ready;
  }

  /** Records one error. Never throws: a failure to log must not become a second failure. */
  async log(input: ErrorInput, options: LogOptions = {}): Promise<ErrorEntry> {
    await this.init();
    const at = this.options.clock.now();
    const entry = this.buildSafely(input, at);
    await this.write(entry);
    if (options.emit !== false) {
      const { source, severity, error, message } = entry;
      this.options.bus.emit('error.logged', { source, severity, error, message });
    }
    if (entry.severity === 'ERROR' || entry.severity === 'CRITICAL') {
      const decision = this.monitor.record(entry.source, at.getTime(), entry.message);
      if (decision) await this.raise(decision);
    }
    return entry;
  }

  /** Entries from the last `withinMs` milliseconds, oldest first, alerts included (the dashboard shows the last 24 h). */
  async recent(withinMs: number): Promise<ErrorEntry[]> {
    const since = this.options.clock.now().getTime() - withinMs;
    const records = await readLogSince({ ...this.windowQuery(), since });
    return records.filter(isErrorRecord).map(normalizeEntry);
  }

  /** Routes the bus's handler failures here, as source `event_bus` with the event in the context. */
  bindToBus(bus: EventBus = this.options.bus): void {
    bus.setFailureSink((event: EventName, error: unknown) => {
      const input: ErrorInput = {
        source: 'event_bus',
        error,
        message: `Something went wrong while reacting to "${event}": ${describeError(error) ?? 'unknown error'}`,
        context: { event },
      };
      // A failing `error.logged` handler would otherwise be fed its own failure forever.
      this.detach(this.log(input, { emit: event !== 'error.logged' }));
    });
  }

  /** Resolves once every entry logged in the background (bus failures) has been written. */
  async drain(): Promise<void> {
    while (this.detached.size > 0) await Promise.all([...this.detached]);
  }

  private detach(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined);
    this.detached.add(tracked);
    void tracked.finally(() => this.detached.delete(tracked));
  }

  /** An input that defeats {@link build} (a throwing getter, a hostile proxy) still leaves a line. */
  private buildSafely(input: ErrorInput, at: Date): ErrorEntry {
    try {
      return this.build(input, at);
    } catch (problem) {
      const source = typeof input?.source === 'string' ? input.source : 'unknown';
      return {
        ts: isoWithOffset(at),
        severity: 'ERROR',
        source: redactString(text(source, 'unknown'), this.options.secrets),
        error: 'UnreadableError',
        message: redactString(`An error was reported but its details could not be read: ${describeError(problem) ?? 'unknown problem'}`, this.options.secrets),
        context: {},
        retry_count: 0,
        resolved: false,
      };
    }
  }

  private build(input: ErrorInput, at: Date): ErrorEntry {
    const { secrets } = this.options;
    const raw: Partial<ErrorInput> = typeof input === 'object' && input !== null ? input : {};
    const context = redactRecord(raw.context, { secrets });
    const cause = raw.error instanceof Error ? raw.error.cause : undefined;
    if (cause !== undefined && !('cause' in context)) context.cause = redact(cause, { secrets });
    const message = text(raw.message, describeError(raw.error) ?? 'No details were given.');
    return {
      ts: isoWithOffset(at),
      severity: SEVERITIES.includes(raw.severity as Severity) ? (raw.severity as Severity) : 'ERROR',
      source: redactString(text(raw.source, 'unknown'), secrets),
      error: redactString(errorKind(raw.error), secrets),
      message: redactString(message, secrets),
      context,
      retry_count: nonNegativeInt(raw.retry_count),
      resolved: raw.resolved === true,
    };
  }

  private async raise(decision: AlertDecision): Promise<void> {
    const minutes = Math.round(this.monitor.windowMs / 60_000);
    const windowStart = isoWithOffset(new Date(decision.windowStart));
    await this.write({
      ts: isoWithOffset(new Date(decision.at)),
      severity: 'WARNING',
      source: decision.source,
      error: ALERT_ERROR_KIND,
      message: `${decision.count} errors from ${decision.source} within ${minutes} minutes. Latest: ${decision.lastMessage}`,
      context: {
        count: decision.count,
        threshold: this.monitor.threshold,
        window_minutes: minutes,
        window_start: windowStart,
        last_message: decision.lastMessage,
      },
      retry_count: 0,
      resolved: false,
    });
    this.options.bus.emit('error.alert_triggered', {
      source: decision.source,
      count: decision.count,
      windowStart,
      lastMessage: decision.lastMessage,
    });
  }

  private async write(entry: ErrorEntry): Promise<void> {
    try {
      await this.writer.append(entry);
    } catch (error) {
      this.options.onWriteError?.(error);
    }
  }

  private async restore(): Promise<void> {
    try {
      const since = this.options.clock.now().getTime() - this.monitor.windowMs;
      for (const record of await readLogSince({ ...this.windowQuery(), since })) {
        const at = entryTime(record);
        if (at === undefined || !isErrorRecord(record)) continue;
        if (record.error === ALERT_ERROR_KIND) this.monitor.restoreAlert(record.source, at);
        else if (record.severity === 'ERROR' || record.severity === 'CRITICAL') this.monitor.restoreError(record.source, at);
      }
    } catch (error) {
      // Without the history the monitor starts empty: an alert may come late, never twice in one run.
      this.detach(this.log({
        source: 'error_log',
        error,
        severity: 'WARNING',
        message: `The error log could not be read back, so alert counting starts from zero: ${describeError(error) ?? 'unknown error'}`,
      }));
    }
  }

  private windowQuery() {
    return { vault: this.options.vault, path: this.options.path, archiveFolder: this.options.archiveFolder };
  }
}

function isErrorRecord(record: JsonRecord): record is JsonRecord & { ts: string; source: string; error: string; severity: string } {
  return typeof record.ts === 'string' && typeof record.source === 'string' && typeof record.error === 'string' && typeof record.severity === 'string';
}

/** A line read back, with the spec's defaults for any field an older or hand-edited line lacks. */
function normalizeEntry(record: JsonRecord & { ts: string; source: string; error: string; severity: string }): ErrorEntry {
  const context = record.context;
  return {
    ts: record.ts,
    severity: SEVERITIES.includes(record.severity as Severity) ? (record.severity as Severity) : 'ERROR',
    source: record.source,
    error: record.error,
    message: typeof record.message === 'string' ? record.message : '',
    context: typeof context === 'object' && context !== null && !Array.isArray(context) ? (context as JsonRecord) : {},
    retry_count: nonNegativeInt(record.retry_count),
    resolved: record.resolved === true,
  };
}
