import { Notice, TFile, type Plugin } from 'obsidian';
import { AgentError } from '../agent/agent';
import type { LoopRun } from '../agent/ralph-loop';
import { resolveLayout } from '../core/layout';
import { dirname, stem } from '../core/paths';
import { listPendingApprovals } from '../vault/dashboard-sources';
import { PendingApprovalsModal } from './approvals-modal';
import type { PluginRunner } from './plugin-runner';
import type { SettingsStore } from './settings-store';

/**
 * The employee's commands. Running a task's loop is automation, so only the
 * runner does it; approving or rejecting is the owner's own answer, written
 * on the note from any device, and acted on by the runner (at once when it
 * is this device).
 */
export function registerAgentCommands(plugin: Plugin, runner: PluginRunner, store: SettingsStore): void {
  const { app } = plugin;
  const activeIn = (folder: (layout: ReturnType<typeof resolveLayout>) => string[]): TFile | null => {
    const file = app.workspace.getActiveFile();
    if (!file || file.extension !== 'md') return null;
    return folder(resolveLayout(store.value)).includes(dirname(file.path)) ? file : null;
  };

  plugin.addCommand({
    id: 'run-agent-on-task',
    name: 'Run the employee on the current task',
    checkCallback: (checking) => {
      const file = activeIn((l) => [l.needsAction]);
      if (!file) return false;
      if (!checking) void runner.act('run the employee on this task', (rt) => rt.agent.runTask(file.path), describeRun);
      return true;
    },
  });
  for (const decision of ['approved', 'rejected'] as const) {
    plugin.addCommand({
      id: decision === 'approved' ? 'approve-request' : 'reject-request',
      name: decision === 'approved' ? 'Approve the current request' : 'Reject the current request',
      checkCallback: (checking) => {
        const file = activeIn((l) => [l.pendingApproval]);
        if (!file) return false;
        if (!checking) void decide(runner, file.path, decision);
        return true;
      },
    });
  }
  plugin.addCommand({
    id: 'show-pending-approvals',
    name: 'Show pending approvals',
    callback: () => {
      const layout = resolveLayout(store.value);
      new PendingApprovalsModal(app, () => listPendingApprovals(runner.vaultPort, layout.pendingApproval), (path) => {
        const file = app.vault.getFileByPath(path);
        if (file) void app.workspace.getLeaf(false).openFile(file);
      }).open();
    },
  });
}

async function decide(runner: PluginRunner, path: string, decision: 'approved' | 'rejected'): Promise<void> {
  const runtime = await runner.runtimeForRequest();
  if (!runtime) {
    new Notice('AI employee is still starting; try again in a moment.');
    return;
  }
  try {
    await runtime.agent.decide(path, decision, 'obsidian');
  } catch (error) {
    new Notice(error instanceof AgentError ? error.message : `Could not record the decision: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const word = decision === 'approved' ? 'Approved' : 'Rejected';
  if (!runner.isActive) {
    new Notice(`${word}. The device that runs automations acts on it at its next pass.`);
    return;
  }
  await runner.act('act on the decision', (rt) => rt.agent.runNewPass(), (report) => {
    const runs = report.runs.filter((r) => r.iterations > 0);
    return `${word}. ${runs.map(describeRun).join(' ') || 'Nothing more to do now.'}`;
  });
}

/** One run of a task's loop, as a sentence. */
export function describeRun(run: LoopRun): string {
  const name = stem(run.task);
  switch (run.status) {
    case 'completed':
      return `${name}: done and moved to Done.`;
    case 'awaiting_approval':
      return `${name}: waiting for your approval (see Pending approvals).`;
    case 'handed_over':
      return `${name}: the employee did its part; the steps left are yours.`;
    case 'waiting':
      return `${name}: ${run.outcome}.`;
    case 'skipped':
      return `${name}: nothing to do (${run.outcome}).`;
    default:
      return `${name}: ${run.status.replace(/_/g, ' ')}: ${run.outcome}`;
  }
}
