import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../../src/core/clock';
import { EventBus } from '../../../src/core/event-bus';
import type { EventMap } from '../../../src/core/events';
import { resolveLayout, type VaultLayout } from '../../../src/core/layout';
import { AuditLog } from '../../../src/core/logs/audit-log';
import { ErrorLog } from '../../../src/core/logs/error-log';
import { defaultSettings } from '../../../src/core/settings';
import { Scheduler, type JobContext, type TimerFunctions } from '../../../src/core/scheduler/scheduler';
import { FsVault } from '../../../src/vault/fs-vault';

/** A temporary vault with the real logs, bus and a manual clock, as the scheduler sees production. */
export interface Harness {
  dir: string;
  vault: FsVault;
  layout: VaultLayout;
  clock: ManualClock;
  bus: EventBus;
  errors: ErrorLog;
  audit: AuditLog;
  finished: EventMap['scheduler.job.finished'][];
  /** A new scheduler on the same vault, as after a restart. */
  scheduler(timers?: TimerFunctions): Scheduler;
  errorLines(): Promise<Record<string, unknown>[]>;
  auditLines(): Promise<Record<string, unknown>[]>;
  cleanup(): void;
}

export function makeHarness(start: Date): Harness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-scheduler-'));
  const vault = new FsVault(dir);
  const layout = resolveLayout(defaultSettings());
  const clock = new ManualClock(start);
  const bus = new EventBus();
  const errors = new ErrorLog({ vault, path: layout.errorLog, clock, bus });
  const audit = new AuditLog({ vault, path: layout.auditLog, clock });
  const finished: EventMap['scheduler.job.finished'][] = [];
  bus.on('scheduler.job.finished', (payload) => {
    finished.push(payload);
  });
  const lines = async (p: string) =>
    (await vault.exists(p))
      ? (await vault.read(p))
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
  return {
    dir,
    vault,
    layout,
    clock,
    bus,
    errors,
    audit,
    finished,
    scheduler: (timers) => new Scheduler({ vault, ledgerPath: layout.runLedger, clock, errors, audit, bus, timers }),
    errorLines: () => lines(layout.errorLog),
    auditLines: () => lines(layout.auditLog),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A promise with its resolve function outside, for holding a job mid-run. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Local wall-clock time, so the tests mean the same in any time zone. */
export function local(year: number, month: number, day: number, hours = 0, minutes = 0): Date {
  return new Date(year, month - 1, day, hours, minutes);
}

/** A job that records each run's context. */
export function recorder(): { runs: JobContext[]; run: (ctx: JobContext) => Promise<void> } {
  const runs: JobContext[] = [];
  return { runs, run: async (ctx) => void runs.push(ctx) };
}

/** Polls until `condition` holds; the scheduler's work is real file I/O, so it takes a few turns. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('Timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 5));
  }
}
