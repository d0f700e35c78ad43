/**
 * Which finished tasks took longer than they should have, and why. The
 * expected time comes from what the task was about (the employee's reading
 * of it, else its type); the root cause from the task's own history: how
 * long its approval requests waited, how long the owner's own steps took
 * after the employee handed over, retries against unreachable books.
 */
import type { TaskState } from '../../agent/task-state';
import type { Bottleneck } from '../briefing-data';
import { days } from '../render/format-days';

const DAY_MS = 86_400_000;

/** Expected days to finish, by what the task is about. */
export const EXPECTED_DAYS_BY_INTENT: Readonly<Record<string, number>> = {
  work_completed: 2,
  payment_received: 1,
  expense_paid: 1,
  bill_due: 3,
  quote_request: 3,
  meeting: 2,
  informational: 1,
  invoice_overdue: 7,
  unknown: 3,
};

/** Expected days by task type, for tasks the employee did not read (or read with an LLM's own intents). */
export const EXPECTED_DAYS_BY_TYPE: Readonly<Record<string, number>> = { email: 2, whatsapp: 2, file_drop: 2, manual: 3 };

/** A task finishing within this much of its expected time is on time. */
const TOLERANCE_DAYS = 0.25;

export interface FinishedTask {
  title: string;
  path: string;
  type: string;
  /** When it entered the system (triage), ms. */
  startedAt: number;
  completedAt: number;
  state: TaskState | null;
}

export function roundDays(ms: number): number {
  return Math.round((ms / DAY_MS) * 10) / 10;
}

export function expectedDays(task: FinishedTask): number {
  return (task.state ? EXPECTED_DAYS_BY_INTENT[task.state.intent] : undefined) ?? EXPECTED_DAYS_BY_TYPE[task.type] ?? 2;
}

/** A span in milliseconds as the briefing says it: `1 day`, `2.5 days`. */
function spanInDays(ms: number): string {
  return days(ms / DAY_MS);
}

/** The longest wait in the task's history, in words, with its length in ms. */
export function rootCause(task: FinishedTask): { cause: string; ms: number } {
  const candidates: Array<{ cause: string; ms: number }> = [];
  const state = task.state;
  if (state) {
    for (const step of state.steps) {
      const approval = step.approval;
      if (!approval) continue;
      const requested = Date.parse(approval.requested);
      const decided = approval.decided ? Date.parse(approval.decided) : task.completedAt;
      if (Number.isNaN(requested) || Number.isNaN(decided)) continue;
      const ms = Math.max(0, decided - requested);
      const verdict = approval.decision === 'expired' ? ', then it expired' : approval.decision === 'rejected' ? ', then it was rejected' : '';
      candidates.push({ cause: `Waiting for approval ${spanInDays(ms)} (${step.title}${verdict})`, ms });
    }
    const handedOver = Date.parse(state.loop.completed ?? '');
    if (state.human_steps.length > 0 && !Number.isNaN(handedOver)) {
      const ms = Math.max(0, task.completedAt - handedOver);
      candidates.push({ cause: `Waiting for your own steps ${spanInDays(ms)} (${state.human_steps[0] ?? 'your steps'})`, ms });
    }
    for (const step of state.steps.filter((s) => s.attempts > 1)) {
      const first = Date.parse(step.first_started ?? '');
      const finished = Date.parse(step.finished ?? '') || task.completedAt;
      if (Number.isNaN(first)) continue;
      candidates.push({ cause: `Retrying ${step.title}: ${step.attempts} tries over ${spanInDays(finished - first)} (the books could not be reached)`, ms: Math.max(0, finished - first) });
    }
    if (state.loop.status === 'max_iterations_exceeded' || state.loop.status === 'failed') {
      candidates.push({ cause: `The employee stopped (${state.loop.outcome ?? state.loop.status}) and it was finished by hand`, ms: task.completedAt - task.startedAt });
    }
  }
  const best = candidates.sort((a, b) => b.ms - a.ms)[0];
  if (best && best.ms > 0) return best;
  const waited = task.completedAt - task.startedAt;
  return { cause: state ? `Open ${spanInDays(waited)} with no single wait to blame` : `Waited ${spanInDays(waited)} in Needs_Action for you (the employee had no step of its own)`, ms: waited };
}

/** The finished tasks that ran late, longest delay first. */
export function findBottlenecks(tasks: FinishedTask[], limit = 10): Bottleneck[] {
  const out: Bottleneck[] = [];
  for (const task of tasks) {
    const actualDays = roundDays(task.completedAt - task.startedAt);
    const expected = expectedDays(task);
    if (actualDays <= expected + TOLERANCE_DAYS) continue;
    out.push({ task: task.title, path: task.path, expectedDays: expected, actualDays, delayDays: Math.round((actualDays - expected) * 10) / 10, rootCause: rootCause(task).cause });
  }
  return out.sort((a, b) => b.delayDays - a.delayDays || a.task.localeCompare(b.task)).slice(0, limit);
}
