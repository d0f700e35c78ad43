/**
 * The scheduled jobs of a runner, registered in the order they should run
 * when several are due at once: new items are triaged, worked, closed and
 * synced, and the briefing written, before the dashboard is drawn.
 */
import { weekJustEnded } from '../briefing/briefing-week';
import { rotateLogs } from './logs/log-rotation';
import type { Runtime } from './runtime';

/** The jobs every runner registers; later features add theirs through {@link Runtime.scheduler}. */
export const CORE_JOBS = {
  triage: 'vault.triage',
  completion: 'vault.completion',
  dashboard: 'dashboard.refresh',
  logs: 'logs.maintenance',
} as const;

/** The accounting jobs: the sync always, the health check only when Odoo is configured. */
export const ACCOUNTING_JOBS = {
  sync: 'accounting.sync',
  health: 'accounting.health',
} as const;

/** The employee's own job: read approval decisions and work every task's Ralph loop. */
export const AGENT_JOB = 'agent.loop';

/** The weekly CEO briefing, for the week just ended. */
export const BRIEFING_JOB = 'briefing.weekly';

/** How often a configured Odoo is checked, so a broken connection is noticed before it is needed. */
export const ODOO_HEALTH_EVERY_MINUTES = 5;


export function registerRuntimeJobs(rt: Runtime): void {
  const s = rt.settings.schedules;
  const every = (minutes: number) => ({ kind: 'every' as const, minutes });
  const jobs = [
    { id: CORE_JOBS.triage, title: 'Triage inbox', schedule: every(s.triageEveryMinutes), work: () => rt.triage.triageInbox() },
    ...(rt.settings.agent.enabled ? [{ id: AGENT_JOB, title: 'Work the tasks (Ralph loop) and read approvals', schedule: every(s.agentEveryMinutes), work: () => agentPass(rt) }] : []),
    { id: CORE_JOBS.completion, title: 'Move finished plans to done', schedule: every(s.triageEveryMinutes), work: () => rt.completion.completeFinishedPlans() },
    {
      id: CORE_JOBS.logs,
      title: 'Rotate and prune logs',
      schedule: every(s.logMaintenanceEveryMinutes),
      work: () => rotateLogs({ vault: rt.deps.vault, logsFolder: rt.layout.logs, archiveFolder: rt.layout.logsArchive, clock: rt.clock, retentionDays: rt.settings.logs.retentionDays }),
    },
    // Failures of the books are logged where they happen (AuditedAccounting); the run's report says what waits.
    { id: ACCOUNTING_JOBS.sync, title: 'Sync accounting', schedule: every(s.accountingSyncEveryMinutes), work: () => rt.accountingSync.run() },
  ];
  for (const { work, ...job } of jobs) {
    rt.scheduler.register({
      ...job,
      run: async () => {
        await work();
      },
    });
  }
  if (rt.settings.briefing.enabled) {
    rt.scheduler.register({
      id: BRIEFING_JOB,
      title: 'Write the weekly CEO briefing',
      schedule: { kind: 'weekly', day: s.weeklyBriefingDay, at: s.weeklyBriefingTime },
      run: async ({ slot }) => {
        await rt.briefing.generate(weekJustEnded(slot));
      },
    });
  }
  rt.scheduler.register({
    id: CORE_JOBS.dashboard,
    title: 'Refresh dashboard',
    schedule: every(s.dashboardEveryMinutes),
    run: async () => {
      await rt.dashboard.refresh();
    },
  });
}

/** One pass of the employee; the job fails only when a task could not be worked at all (each is logged). */
async function agentPass(rt: Runtime): Promise<void> {
  const report = await rt.agent.runPass();
  if (report.failed.length > 0) throw new Error(`${report.failed.length} task(s) could not be worked: ${report.failed.map((f) => f.task).join(', ')}`);
}
