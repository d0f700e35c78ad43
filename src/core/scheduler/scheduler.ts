import { isoWithOffset } from '../clock';
import { dueSlot, nextDue } from './due';
import { RunLedger } from './run-ledger';
import { errorMessage, reportError } from './report';
import { describeSchedule, lastSlotAtOrBefore, parseSchedule, type Schedule } from './schedule';
import type {
  JobDefinition,
  JobRunResult,
  JobStatus,
  SchedulerOptions,
  TickResult,
  TimerFunctions,
} from './scheduler-types';

export type {
  JobContext,
  JobDefinition,
  JobOutcome,
  JobRunResult,
  JobStatus,
  SchedulerOptions,
  TickResult,
  TimerFunctions,
} from './scheduler-types';

interface Job {
  id: string;
  title: string;
  schedule: Schedule;
  run: JobDefinition['run'];
}

const JOB_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Runs registered jobs when they are due, remembering runs in a ledger so a
 * restart neither repeats nor forgets them. A job never overlaps itself; a
 * job that throws is logged and tried again at its next slot, and never
 * stops the other jobs. Different jobs may overlap when a slow job is still
 * running as the next tick comes, so a long briefing does not hold up triage.
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, { done: Promise<void>; abort: AbortController }>();
  private ledger: Promise<RunLedger> | null = null;
  private timer: { handle: unknown; timers: TimerFunctions } | null = null;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** Adds a job; throws a clear error for a bad id, a duplicate id or a bad schedule. */
  register(definition: JobDefinition): void {
    if (!JOB_ID.test(definition.id)) {
      throw new Error(`"${definition.id}" cannot be a job id: use lowercase letters, digits, dots, dashes or underscores.`);
    }
    if (this.jobs.has(definition.id)) throw new Error(`A scheduled job called "${definition.id}" is already registered.`);
    const schedule = parseSchedule(definition.schedule);
    this.jobs.set(definition.id, { id: definition.id, title: definition.title, schedule, run: definition.run });
  }

  /** Runs, one after another in registration order, every job due now. */
  async tick(): Promise<TickResult> {
    const ledger = await this.loadLedger();
    const results: JobRunResult[] = [];
    for (const job of [...this.jobs.values()]) {
      if (this.stopped) {
        results.push({ id: job.id, outcome: 'stopped' });
        continue;
      }
      const description = describeSchedule(job.schedule);
      await ledger.ensure(job.id, this.options.clock.now(), { description, fixedSlots: job.schedule.kind !== 'every' });
      const now = this.options.clock.now();
      results.push(await this.execute(job, ledger, () => dueSlot(job.schedule, ledger.get(job.id), now)));
    }
    return summarize(this.options.clock.now(), results);
  }

  /**
   * Runs one job now whether or not it is due (the manual command). It covers
   * the latest daily/weekly slot, so a missed run done by hand is not repeated.
   */
  async runNow(id: string): Promise<JobRunResult> {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`There is no scheduled job called "${id}".`);
    const ledger = await this.loadLedger();
    return this.execute(job, ledger, () => {
      const now = this.options.clock.now();
      if (job.schedule.kind === 'every') return now;
      const latest = lastSlotAtOrBefore(job.schedule, now);
      const record = ledger.get(id);
      const covered = record?.lastSlot === undefined ? null : new Date(record.lastSlot);
      // Never move a daily/weekly job's covered slot backwards.
      if (latest && (!covered || latest.getTime() > covered.getTime())) return latest;
      return covered ?? now;
    });
  }

  /** Ticks now (catching up missed runs) and then every `intervalMs`, until {@link stop}. */
  start(intervalMs: number, timers?: TimerFunctions): void {
    if (this.timer) return;
    this.stopped = false;
    const use = timers ?? this.options.timers ?? defaultTimers;
    // Called as plain functions: window.setInterval throws when called as a method of another object.
    const { setInterval: every } = use;
    const fire = () => {
      void this.tick().catch((error: unknown) =>
        reportError(this.options.errors, { source: 'scheduler', error, message: `The scheduler could not check its jobs: ${errorMessage(error)}` }),
      );
    };
    this.timer = { handle: every(fire, intervalMs), timers: use };
    fire();
  }

  /**
   * Stops the loop, asks running jobs to stop (their signal aborts) and
   * resolves once they have finished and the ledger is saved. No job starts
   * after this is called.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      const { clearInterval: cancel } = this.timer.timers;
      cancel(this.timer.handle);
      this.timer = null;
    }
    const inFlight = [...this.running.values()];
    for (const run of inFlight) run.abort.abort();
    await Promise.all(inFlight.map((run) => run.done));
    if (this.ledger) await (await this.ledger).flush();
  }

  /** True while `id` is running. */
  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Every job's last and next run, in registration order, for the dashboard. */
  async status(): Promise<JobStatus[]> {
    const ledger = await this.loadLedger();
    const now = this.options.clock.now();
    return [...this.jobs.values()].map((job) => {
      const record = ledger.get(job.id);
      return {
        id: job.id,
        title: job.title,
        schedule: describeSchedule(job.schedule),
        lastRun: record?.lastStartedAt === undefined ? null : new Date(record.lastStartedAt),
        lastStatus: record?.lastStatus ?? null,
        lastError: record?.lastError ?? null,
        nextRun: nextDue(job.schedule, record, now),
        running: this.running.has(job.id),
      };
    });
  }

  /** Loaded once, on first use; a failed load is retried on the next call. */
  private loadLedger(): Promise<RunLedger> {
    this.ledger ??= RunLedger.load({
      vault: this.options.vault,
      path: this.options.ledgerPath,
      clock: this.options.clock,
      errors: this.options.errors,
    }).catch((error: unknown) => {
      this.ledger = null;
      throw error;
    });
    return this.ledger;
  }

  /**
   * Claims the job and runs it for the slot `pickSlot` returns (null: not
   * due). Everything up to the claim is synchronous, so two ticks or a tick
   * and a manual run can never both start the same job.
   */
  private async execute(job: Job, ledger: RunLedger, pickSlot: () => Date | null): Promise<JobRunResult> {
    if (this.stopped) return { id: job.id, outcome: 'stopped' };
    if (this.running.has(job.id)) return { id: job.id, outcome: 'already-running' };
    const slot = pickSlot();
    if (!slot) return { id: job.id, outcome: 'not-due' };
    const abort = new AbortController();
    let finish: () => void = () => undefined;
    this.running.set(job.id, { abort, done: new Promise<void>((resolve) => (finish = resolve)) });
    try {
      const started = this.options.clock.now();
      await ledger.markStarted(job.id, started, slot);
      let error: unknown = null;
      try {
        await job.run({ signal: abort.signal, now: started, slot });
      } catch (thrown) {
        error = thrown ?? new Error('The job failed without saying why');
      }
      const finishedAt = this.options.clock.now();
      const durationMs = Math.max(0, finishedAt.getTime() - started.getTime());
      const status = error === null ? 'success' : 'failure';
      const message = error === null ? undefined : errorMessage(error);
      await ledger.markFinished(job.id, { status, finishedAt, durationMs, error: message });
      await this.record(job, slot, status, durationMs, error, message);
      return { id: job.id, outcome: status, durationMs, error: message };
    } finally {
      this.running.delete(job.id);
      finish();
    }
  }

  /** Audit line, error log entry and event for one finished run. */
  private async record(
    job: Job,
    slot: Date,
    status: 'success' | 'failure',
    durationMs: number,
    error: unknown,
    message: string | undefined,
  ): Promise<void> {
    const { audit, errors, bus } = this.options;
    const slotText = isoWithOffset(slot);
    if (audit) {
      try {
        await audit.record({
          action: `scheduler.run.${job.id}`,
          source: 'scheduler',
          status,
          duration_ms: durationMs,
          details: { slot: slotText, schedule: describeSchedule(job.schedule), ...(message ? { error_message: message } : {}) },
        });
      } catch (auditError) {
        await reportError(errors, { source: 'scheduler', error: auditError, message: `Could not write the audit line for "${job.title}": ${errorMessage(auditError)}` });
      }
    }
    if (status === 'failure') {
      await reportError(errors, {
        source: `scheduler.${job.id}`,
        error,
        message: `The scheduled job "${job.title}" failed: ${(message ?? 'no reason given').replace(/[.!\s]+$/, '')}. It will try again at its next scheduled time.`,
        context: { slot: slotText },
      });
    }
    bus?.emit('scheduler.job.finished', { job: job.id, status, durationMs });
  }
}

/** The host's own timers; core code also runs in Node, where there is no window. */
const defaultTimers: TimerFunctions = { setInterval, clearInterval };

function summarize(at: Date, results: JobRunResult[]): TickResult {
  const ran = results.filter((r) => r.outcome === 'success' || r.outcome === 'failure').map((r) => r.id);
  const failed = results.filter((r) => r.outcome === 'failure').map((r) => r.id);
  const skipped = results.flatMap((r) =>
    r.outcome === 'not-due' || r.outcome === 'already-running' || r.outcome === 'stopped' ? [{ id: r.id, reason: r.outcome }] : [],
  );
  return { at, ran, failed, skipped, results };
}
