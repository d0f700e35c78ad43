import { lastSlotAtOrBefore, nextSlotAfter, type Schedule } from './schedule';

/**
 * Timers may fire a little early against the wall clock; without this slack an
 * "every 1 minute" job ticked once a minute would slip to every 2 minutes.
 */
export const EVERY_GRACE_MS = 1_000;

/** What the due decision needs from a job's ledger entry. */
export interface DueHistory {
  /** The slot the last finished (or given-up) run covered, ISO 8601. */
  lastSlot?: string;
  /** When the scheduler first saw this job, ISO 8601. */
  firstSeenAt?: string;
}

/**
 * The slot a job should run for at `now`, or null when it is not due.
 *
 * - `every N minutes` counts from the last run, not from a clock grid: it is
 *   due when N minutes have passed since the last run started (a failed run
 *   counts, so a failing job waits N minutes), and a job that never ran is due
 *   at once. The slot it runs for is `now`.
 * - `daily` / `weekly` are due when the latest slot at or before `now` is later
 *   than the slot the last run covered. However many slots were missed while
 *   the app was closed, only the latest is returned: one catch-up run.
 * - A daily or weekly job with no history is due only for slots since it was
 *   first seen, so a fresh install does not run Monday's briefing on a Friday.
 * - A last slot in the future means the system clock was moved back; the
 *   record cannot be trusted, so the job is due for the current slot instead
 *   of sleeping until the clock catches up.
 */
export function dueSlot(schedule: Schedule, history: DueHistory | undefined, now: Date): Date | null {
  const last = history?.lastSlot === undefined ? null : new Date(history.lastSlot);
  if (schedule.kind === 'every') {
    if (!last) return now;
    const elapsed = now.getTime() - last.getTime();
    if (elapsed < -EVERY_GRACE_MS) return now;
    return elapsed >= schedule.minutes * 60_000 - EVERY_GRACE_MS ? now : null;
  }
  const latest = lastSlotAtOrBefore(schedule, now);
  if (!latest) return null;
  if (!last) {
    const firstSeen = history?.firstSeenAt === undefined ? now : new Date(history.firstSeenAt);
    return latest.getTime() >= firstSeen.getTime() ? latest : null;
  }
  if (latest.getTime() > last.getTime()) return latest;
  if (last.getTime() > now.getTime() && latest.getTime() !== last.getTime()) return latest;
  return null;
}

/** When the job will next be due, for the dashboard: `now` when it is due already. */
export function nextDue(schedule: Schedule, history: DueHistory | undefined, now: Date): Date {
  if (dueSlot(schedule, history, now)) return now;
  if (schedule.kind === 'every' && history?.lastSlot !== undefined) {
    return nextSlotAfter(schedule, new Date(history.lastSlot));
  }
  return nextSlotAfter(schedule, now);
}
