import { isoWithOffset, type Clock } from '../clock';
import type { ErrorLogger } from '../logs/log-types';
import { dirname, extension, joinVaultPath, stem } from '../paths';
import { VaultError, type VaultPort } from '../../vault/vault-port';
import { errorMessage, reportError } from './report';
import { LEDGER_VERSION, parseLedger, type JobRecord, type LedgerData } from './run-ledger-schema';

export type { JobRecord, LedgerData } from './run-ledger-schema';

const REPORT_SOURCE = 'scheduler.ledger';
/** Written as a job's error when the app stopped in the middle of its run. */
export const INTERRUPTED_MESSAGE = 'Interrupted: the app stopped while this job was running';

export interface RunLedgerOptions {
  vault: VaultPort;
  /** Vault path of the ledger, normally `layout.runLedger`. */
  path: string;
  clock: Clock;
  errors?: ErrorLogger;
}

/** How a run ended, as the scheduler hands it to the ledger. */
export interface RunFinish {
  status: 'success' | 'failure';
  finishedAt: Date;
  durationMs: number;
  error?: string;
}

/**
 * The scheduler's memory across restarts: per job, when it last ran, for which
 * slot and how it went. Kept as JSON in the vault and rewritten atomically
 * after every change. It never stops the app from starting: an unreadable
 * file is moved aside (kept, never deleted) and the ledger starts empty.
 */
export class RunLedger {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: RunLedgerOptions,
    private readonly data: LedgerData,
    /** False when an unreadable file could not be moved aside: it must not be overwritten. */
    private readonly persist: boolean,
  ) {}

  /** Reads the ledger, recovering from a corrupt file and from runs cut short by a crash. */
  static async load(options: RunLedgerOptions): Promise<RunLedger> {
    const fresh = (): LedgerData => ({ version: LEDGER_VERSION, createdAt: isoWithOffset(options.clock.now()), jobs: {} });
    const { vault, path, errors } = options;
    if (!(await vault.exists(path))) return new RunLedger(options, fresh(), true);
    let raw: string;
    try {
      raw = await vault.read(path);
    } catch (error) {
      await reportError(errors, {
        source: REPORT_SOURCE,
        error,
        message: `The schedule history at ${path} could not be read (${errorMessage(error)}). Jobs run from a fresh history this time and the file is left untouched.`,
        context: { path },
      });
      return new RunLedger(options, fresh(), false);
    }
    const parsed = parseLedger(raw);
    if (!parsed) {
      const kept = await RunLedger.quarantine(options, raw);
      return new RunLedger(options, fresh(), kept);
    }
    const ledger = new RunLedger(options, parsed, true);
    await ledger.recoverInterrupted();
    return ledger;
  }

  /** When this ledger file was first created, ISO 8601. */
  get createdAt(): string {
    return this.data.createdAt;
  }

  /** A copy of a job's record, or undefined when the job never ran here. */
  get(id: string): JobRecord | undefined {
    const record = this.data.jobs[id];
    return record ? { ...record } : undefined;
  }

  /** A copy of everything, for diagnostics and tests. */
  snapshot(): LedgerData {
    return structuredClone(this.data);
  }

  /**
   * Makes sure a job has a record, noting when it was first seen and under
   * which schedule. When the schedule has changed since (say the briefing
   * moved from 08:00 to 09:00 after it ran), a job with fixed slots starts
   * afresh from now, so the change does not make it run twice in a day.
   */
  async ensure(id: string, now: Date, schedule?: { description: string; fixedSlots: boolean }): Promise<JobRecord> {
    const existing = this.data.jobs[id];
    if (existing && (schedule === undefined || existing.schedule === schedule.description)) return { ...existing };
    const record: JobRecord = existing ?? { firstSeenAt: isoWithOffset(now), runCount: 0, failureCount: 0 };
    if (existing?.schedule !== undefined && schedule?.fixedSlots) {
      record.firstSeenAt = isoWithOffset(now);
      delete record.lastSlot;
    }
    if (schedule) record.schedule = schedule.description;
    this.data.jobs[id] = record;
    await this.save();
    return { ...record };
  }

  /** Records that a run for `slot` began; saved before the job runs so a crash is noticed later. */
  async markStarted(id: string, startedAt: Date, slot: Date): Promise<void> {
    const record = this.recordFor(id, startedAt);
    record.lastStartedAt = isoWithOffset(startedAt);
    record.lastStatus = 'running';
    record.pendingSlot = isoWithOffset(slot);
    await this.save();
  }

  /** Records how a run ended; its slot now counts as covered, whether it succeeded or failed. */
  async markFinished(id: string, finish: RunFinish): Promise<void> {
    const record = this.recordFor(id, finish.finishedAt);
    record.lastFinishedAt = isoWithOffset(finish.finishedAt);
    record.lastStatus = finish.status;
    record.lastDurationMs = finish.durationMs;
    if (finish.status === 'failure') {
      record.lastError = finish.error ?? 'Failed';
      record.failureCount += 1;
    } else {
      delete record.lastError;
    }
    record.runCount += 1;
    if (record.pendingSlot !== undefined) record.lastSlot = record.pendingSlot;
    delete record.pendingSlot;
    delete record.interrupted;
    await this.save();
  }

  /** Resolves once every save started so far has reached the vault. */
  async flush(): Promise<void> {
    await this.saving;
  }

  private recordFor(id: string, now: Date): JobRecord {
    let record = this.data.jobs[id];
    if (!record) {
      record = { firstSeenAt: isoWithOffset(now), runCount: 0, failureCount: 0 };
      this.data.jobs[id] = record;
    }
    return record;
  }

  /**
   * A record still saying 'running' means the app stopped mid-run. The run
   * counts as failed. Its slot stays uncovered so the job runs again once,
   * but if that retry was cut short too the slot is given up, so a job that
   * keeps crashing the app cannot make every restart crash again.
   */
  private async recoverInterrupted(): Promise<void> {
    const now = this.options.clock.now();
    let changed = false;
    for (const [id, record] of Object.entries(this.data.jobs)) {
      if (record.lastStatus !== 'running') continue;
      const retryAlsoInterrupted = record.interrupted === true;
      const slot = record.pendingSlot;
      record.lastStatus = 'failure';
      record.lastError = INTERRUPTED_MESSAGE;
      record.failureCount += 1;
      record.runCount += 1;
      record.lastFinishedAt = isoWithOffset(now);
      if (retryAlsoInterrupted && slot !== undefined) record.lastSlot = slot;
      if (retryAlsoInterrupted) delete record.interrupted;
      else record.interrupted = true;
      delete record.pendingSlot;
      changed = true;
      await reportError(this.options.errors, {
        source: `scheduler.${id}`,
        error: 'JobInterrupted',
        severity: 'WARNING',
        message: retryAlsoInterrupted
          ? `The job "${id}" was interrupted twice in a row; it will wait for its next scheduled time.`
          : `The job "${id}" was interrupted because the app stopped while it was running; it will run again.`,
        context: { startedAt: record.lastStartedAt, slot },
      });
    }
    if (changed) await this.save();
  }

  /** Moves an unreadable ledger aside; true when it is safe to write a new one in its place. */
  private static async quarantine(options: RunLedgerOptions, raw: string): Promise<boolean> {
    const { vault, path, clock, errors } = options;
    const base = joinVaultPath(dirname(path), `${stem(path)}.corrupt-${fileStamp(clock.now())}`);
    const ext = extension(path) === '' ? '' : `.${extension(path)}`;
    let movedTo: string | null = null;
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= 20 && movedTo === null; attempt++) {
      const target = attempt === 1 ? `${base}${ext}` : `${base}-${attempt}${ext}`;
      try {
        await vault.rename(path, target);
        movedTo = target;
      } catch (error) {
        lastError = error;
        // Only a name clash is worth another try with the next suffix.
        if (!(error instanceof VaultError && error.code === 'exists')) break;
      }
    }
    await reportError(errors, {
      source: REPORT_SOURCE,
      error: 'CorruptRunLedger',
      message: movedTo
        ? `The schedule history at ${path} was damaged and could not be read. It was kept as ${movedTo} and the schedule starts with a fresh history.`
        : `The schedule history at ${path} was damaged and could not be moved aside (${errorMessage(lastError)}). It is left untouched and the schedule runs from a fresh history this time.`,
      context: { path, movedTo, bytes: raw.length },
    });
    return movedTo !== null;
  }

  private save(): Promise<void> {
    if (!this.persist) return Promise.resolve();
    // Chained so writes land in order and each writes the state as it is then.
    const next = this.saving.then(() => this.writeNow());
    this.saving = next;
    return next;
  }

  private async writeNow(): Promise<void> {
    try {
      await this.options.vault.write(this.options.path, `${JSON.stringify(this.data, null, 2)}\n`);
    } catch (error) {
      await reportError(this.options.errors, {
        source: REPORT_SOURCE,
        error,
        message: `The schedule history could not be saved to ${this.options.path} (${errorMessage(error)}). Jobs keep running; a job may run again after a restart.`,
        context: { path: this.options.path },
      });
    }
  }
}

/** A file-name-safe local timestamp such as 20260220-103000 (no colons: Windows forbids them). */
function fileStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}` +
    `-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}
