/**
 * The work side of the briefing: tasks received and completed this week and
 * the week before (from the audit log, streamed), the backlog at the end of
 * each week (today's Needs_Action/ worked back through what arrived and was
 * finished since), requests awaiting approval at the week's end, the
 * average time to completion and the bottlenecks of the tasks finished this
 * week (their notes and the employee's record of them).
 */
import type { TaskStateStore } from '../../agent/task-state';
import type { VaultLayout } from '../../core/layout';
import { basename, stem } from '../../core/paths';
import { splitNote } from '../../vault/frontmatter';
import { TASK_TYPES } from '../../vault/task-classifier';
import type { VaultPort } from '../../vault/vault-port';
import type { BriefingWeek, TaskSection } from '../briefing-data';
import { dayBounds } from '../briefing-week';
import { scanAudit } from '../../core/logs/audit-scan';
import { findBottlenecks, roundDays, type FinishedTask } from './bottlenecks';
import { compared } from './finance-collector';

export interface TaskCollectorDeps {
  vault: VaultPort;
  layout: VaultLayout;
  store: TaskStateStore;
}

/** How far before the week an approval request may have been made and still be open at its end. */
const APPROVAL_LOOKBACK_MS = 30 * 86_400_000;

interface Counts {
  received: [number, number, number];
  completed: [number, number, number];
}

export class TaskCollector {
  constructor(private readonly deps: TaskCollectorDeps) {}

  async collect(week: BriefingWeek, previous: BriefingWeek): Promise<TaskSection> {
    const { vault, layout } = this.deps;
    const prevStart = dayBounds(previous.start).from;
    const weekStart = dayBounds(week.start).from;
    const weekEnd = dayBounds(week.end).to;
    // Index 0: the week before, 1: this week, 2: after it (up to now).
    const slot = (at: number) => (at < weekStart ? 0 : at < weekEnd ? 1 : 2);
    const counts: Counts = { received: [0, 0, 0], completed: [0, 0, 0] };
    const finished: Array<{ path: string; at: number }> = [];
    const requested = new Map<string, number>();
    const decided = new Map<string, number>();
    await scanAudit(
      { vault, livePath: layout.auditLog, archiveFolder: layout.logsArchive, since: Math.min(prevStart, weekEnd - APPROVAL_LOOKBACK_MS), until: Infinity, actions: ['vault.triage', 'vault.complete', 'approval.requested', 'approval.decided'] },
      (entry, at) => {
        const details = entry.details ?? {};
        if (entry.action === 'approval.requested' || entry.action === 'approval.decided') {
          const key = `${String(details.trigger_id)}#${String(details.step)}`;
          (entry.action === 'approval.requested' ? requested : decided).set(key, at);
          return;
        }
        if (entry.status !== 'success' || at < prevStart) return;
        const which = entry.action === 'vault.triage' ? counts.received : counts.completed;
        which[slot(at)] += 1;
        if (entry.action === 'vault.complete' && slot(at) === 1 && typeof details.task === 'string') finished.push({ path: details.task, at });
      },
    );
    const backlogNow = (await vault.list(layout.needsAction)).filter((f) => isTaskNote(f.path)).length;
    const pendingEnd = Math.max(0, backlogNow - counts.received[2] + counts.completed[2]);
    const pendingBefore = Math.max(0, pendingEnd - counts.received[1] + counts.completed[1]);
    let awaiting = 0;
    for (const [key, at] of requested) {
      const decidedAt = decided.get(key);
      if (at < weekEnd && (decidedAt === undefined || decidedAt >= weekEnd)) awaiting += 1;
    }
    const tasks = await this.finishedTasks(finished);
    const durations = tasks.map((t) => t.completedAt - t.startedAt);
    return {
      received: compared(counts.received[1], counts.received[0]),
      completed: compared(counts.completed[1], counts.completed[0]),
      pending: compared(pendingEnd, pendingBefore),
      awaitingApproval: awaiting,
      averageDaysToComplete: durations.length ? roundDays(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
      backlogTrend: pendingEnd > pendingBefore ? 'up' : pendingEnd < pendingBefore ? 'down' : 'steady',
      bottlenecks: findBottlenecks(tasks),
    };
  }

  /** The tasks finished this week, as their notes in Done/ and the employee's record of them say. */
  private async finishedTasks(finished: Array<{ path: string; at: number }>): Promise<FinishedTask[]> {
    const out: FinishedTask[] = [];
    for (const { path, at } of finished) {
      let fm: Record<string, unknown>;
      try {
        fm = splitNote(await this.deps.vault.read(path)).frontmatter;
      } catch {
        continue; // moved on or edited beyond reading: it still counts as completed, without its times
      }
      const startedAt = timeOf(fm.triaged) ?? timeOf(fm.received);
      if (startedAt === null) continue;
      const triggerId = typeof fm.trigger_id === 'string' ? fm.trigger_id : null;
      const state = triggerId ? await this.deps.store.load(triggerId).catch(() => null) : null;
      const title = (typeof fm.subject === 'string' && fm.subject) || (typeof fm.title === 'string' && fm.title) || state?.task_title || stem(path);
      out.push({ title, path, type: typeof fm.type === 'string' ? fm.type : 'manual', startedAt, completedAt: timeOf(fm.completed) ?? at, state });
    }
    return out;
  }
}

/** Task notes are named `<type>_<date>_…` by triage; social drafts and the owner's own notes are not tasks. */
function isTaskNote(path: string): boolean {
  const name = basename(path);
  return name.endsWith('.md') && TASK_TYPES.some((t) => name.startsWith(`${t}_`));
}

function timeOf(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== 'string') return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}
