import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { AuditLogger, ErrorLogger } from '../logs/log-types';
import type { VaultPort } from '../../vault/vault-port';
import type { JobRecord } from './run-ledger';
import type { Schedule } from './schedule';

/** What a job receives when it runs. */
export interface JobContext {
  /** Aborted when the scheduler stops; long jobs should check it and wind down. */
  signal: AbortSignal;
  /** The scheduler clock's time when the run began. */
  now: Date;
  /** The slot this run covers: the scheduled time for daily/weekly jobs, the start for `every` jobs. */
  slot: Date;
}

/** A job as the caller registers it. */
export interface JobDefinition {
  /** Stable id: lowercase letters, digits, dots, dashes, underscores. Used in logs and the ledger. */
  id: string;
  /** Sentence-case name for the dashboard, e.g. "Weekly briefing". */
  title: string;
  /** A {@link Schedule} or its text form, e.g. "weekly monday 08:00". */
  schedule: Schedule | string;
  run: (ctx: JobContext) => Promise<void>;
}

/**
 * The timer functions the scheduler loop uses; the plugin passes window's so
 * Obsidian can track them. They are called as plain functions, not methods.
 */
export interface TimerFunctions {
  setInterval(this: void, callback: () => void, ms: number): unknown;
  clearInterval(this: void, handle: unknown): void;
}

export interface SchedulerOptions {
  vault: VaultPort;
  /** Vault path of the run ledger, normally `layout.runLedger`. */
  ledgerPath: string;
  clock: Clock;
  errors?: ErrorLogger;
  audit?: AuditLogger;
  bus?: EventBus;
  /** Defaults to the global setInterval/clearInterval. */
  timers?: TimerFunctions;
}

/** How one job fared in a tick or a manual run. */
export type JobOutcome = 'success' | 'failure' | 'not-due' | 'already-running' | 'stopped';

export interface JobRunResult {
  id: string;
  outcome: JobOutcome;
  durationMs?: number;
  error?: string;
}

/** What a tick did. `ran` lists every job that ran, including those in `failed`. */
export interface TickResult {
  at: Date;
  ran: string[];
  failed: string[];
  skipped: { id: string; reason: 'not-due' | 'already-running' | 'stopped' }[];
  results: JobRunResult[];
}

/** One job's line on the dashboard. */
export interface JobStatus {
  id: string;
  title: string;
  schedule: string;
  lastRun: Date | null;
  lastStatus: JobRecord['lastStatus'] | null;
  lastError: string | null;
  nextRun: Date;
  running: boolean;
}
