/**
 * How a Ralph loop ends, each with its record in the task state, the plan,
 * the audit log and on the bus:
 * - finished: every step resolved, so the plan is completed and the task
 *   goes to Done/; or only the owner's own steps are left (`handed_over`);
 * - failed: an error no retry can fix; the task goes back to the inbox
 *   marked `needs_attention`, with an alert, and its plan to Done/;
 * - the iteration limit: `max_iterations_exceeded`, with an alert.
 */
import { isoWithOffset, type Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger } from '../core/logs/log-types';
import { stem } from '../core/paths';
import type { Completion } from '../vault/completion';
import { frontmatterBlock } from '../vault/frontmatter';
import { moveFree } from '../vault/task-archiver';
import { NEEDS_ATTENTION } from '../vault/triage';
import type { VaultPort } from '../vault/vault-port';
import type { Notifier } from './notifier';
import { updatePlanNote } from './plan-note';
import type { TaskNote } from './task-reader';
import type { LoopStatus, TaskState, TaskStateStore } from './task-state';
import { advanceTrigger, canMove, moveTrigger } from './trigger';

export interface LoopFinisherDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  audit: AuditLogger;
  bus: EventBus;
  store: TaskStateStore;
  notifier: Notifier;
  completion: Completion;
}


export class LoopFinisher {
  constructor(private readonly deps: LoopFinisherDeps) {}

  private now(): string {
    return isoWithOffset(this.deps.clock.now());
  }

  /** Every step is resolved: complete the task, or hand the owner's steps over. */
  async finish(state: TaskState): Promise<void> {
    const turnedDown = state.steps.filter((s) => s.status === 'rejected' || s.status === 'expired');
    const done = state.steps.filter((s) => s.status === 'done');
    const parts = [`${done.length} of ${state.steps.length} steps done`];
    if (turnedDown.length) parts.push(`${turnedDown.map((s) => `step ${s.index} ${s.status}`).join(', ')}`);
    state.trigger = turnedDown.length
      ? moveTrigger(state.trigger, 'failed', this.now())
      : advanceTrigger(state.trigger, 'completed', this.now());
    if (state.human_steps.length > 0) {
      parts.push(`${state.human_steps.length} left for you`);
      await this.close(state, 'handed_over', parts.join('; '));
      await this.deps.vault.processFrontMatter(state.loop.task_file, (fm) => void (fm.status = 'waiting_for_you')).catch(() => undefined);
      return;
    }
    await this.close(state, 'completed', parts.join('; '));
    const closed = await this.deps.completion.completePlan(state.loop.plan_md);
    if (closed.status === 'completed') {
      state.loop.task_file = closed.task;
      state.loop.plan_md = closed.plan;
      await this.deps.store.save(state);
    }
  }

  /** An error no retry fixes: the task goes back to the inbox for the owner, with an alert. */
  async fail(state: TaskState, error: string): Promise<void> {
    if (canMove(state.trigger.status, 'failed')) state.trigger = moveTrigger(state.trigger, 'failed', this.now());
    await this.close(state, 'failed', error);
    const { task, plan } = await this.returnToInbox(state.loop.task_file, state.loop.plan_md, error, state.origin_trigger_id);
    state.loop.task_file = task;
    state.loop.plan_md = plan;
    await this.deps.store.save(state);
    await this.deps.notifier.notify({ level: 'alert', kind: 'TaskFailed', task, message: `The employee could not finish "${state.task_title}": ${error} The task is back in ${task} for you.` });
  }

  /** The reasoning itself failed for good (nothing was planned, no state exists). */
  async failBeforePlan(note: TaskNote, loopId: string, error: string): Promise<void> {
    const { task } = await this.returnToInbox(note.facts.path, note.plan, error, note.originTriggerId);
    await this.record(loopId, task, 'failed', 0, error);
    await this.deps.notifier.notify({ level: 'alert', kind: 'TaskFailed', task, message: `The employee could not plan "${note.facts.title}": ${error} The task is back in ${task} for you.` });
  }

  /** The iteration limit: the task stays for the owner, with an alert. */
  async exceed(state: TaskState): Promise<void> {
    if (canMove(state.trigger.status, 'failed')) state.trigger = moveTrigger(state.trigger, 'failed', this.now());
    const open = state.steps.find((s) => s.status !== 'done' && s.status !== 'rejected' && s.status !== 'expired');
    const why = `Stopped after ${state.loop.current_iteration} of ${state.loop.max_iterations} iterations` + (open ? ` with step ${open.index} (${open.title}) not done${open.error ? `: ${open.error}` : ''}` : '');
    await this.close(state, 'max_iterations_exceeded', why);
    await this.deps.vault.processFrontMatter(state.loop.task_file, (fm) => void (fm.status = NEEDS_ATTENTION)).catch(() => undefined);
    await this.deps.notifier.notify({ level: 'alert', kind: 'MaxIterationsExceeded', task: state.loop.task_file, message: `"${state.task_title}" needs you: ${why}.` });
  }

  /** The task note disappeared under the loop (moved or deleted by someone). */
  async lose(state: TaskState): Promise<void> {
    if (canMove(state.trigger.status, 'failed')) state.trigger = moveTrigger(state.trigger, 'failed', this.now());
    await this.close(state, 'failed', `The task note ${state.loop.task_file} is gone; nothing more was done`, false);
    await this.deps.notifier.notify({ level: 'info', message: `The task "${state.task_title}" was moved or deleted while the employee worked on it; it stopped.` });
  }

  private async close(state: TaskState, status: LoopStatus, outcome: string, touchPlan = true): Promise<void> {
    state.loop.status = status;
    state.loop.outcome = outcome;
    state.loop.completed = this.now();
    delete state.loop.retry_after;
    await this.deps.store.save(state);
    if (touchPlan) await updatePlanNote(this.deps.vault, state.loop.plan_md, state).catch(() => undefined);
    await this.record(state.loop.loop_id, state.loop.task_file, status, state.loop.current_iteration, outcome, state);
  }

  private async record(loopId: string, task: string, status: LoopStatus, iterations: number, outcome: string, state?: TaskState): Promise<void> {
    const ok = status === 'completed' || status === 'handed_over';
    await this.deps.audit.record({
      action: 'agent.loop',
      source: 'ralph_wiggum_loop',
      status: ok ? 'success' : 'failure',
      agent: 'builtin_agent',
      details: {
        loop_id: loopId,
        task,
        loop_status: status,
        iterations,
        outcome,
        ...(state ? { trigger_id: state.trigger.trigger_id, trigger_status: state.trigger.status, reasoner: state.reasoner, steps: state.steps.map((s) => `${s.index}:${s.skill}:${s.status}`) } : {}),
        ...(ok ? {} : { error_message: outcome }),
      },
    });
    this.deps.bus.emit('agent.loop.finished', { loopId, task, status, iterations, outcome });
  }

  /**
   * Back to the inbox, marked `needs_attention` with the reason, so triage
   * leaves it there until the owner has looked. The first trigger id is kept:
   * when the task comes round again, steps already done find their results
   * by the same idempotency keys instead of repeating them. The plan goes to Done/.
   */
  private async returnToInbox(taskPath: string, planPath: string, error: string, originTriggerId: string): Promise<{ task: string; plan: string }> {
    const { vault, layout } = this.deps;
    let task = taskPath;
    if (await vault.stat(taskPath)) {
      await vault.processFrontMatter(taskPath, (fm) => {
        fm.status = NEEDS_ATTENTION;
        fm.agent_error = error;
        fm.returned = this.now();
        fm.origin_trigger_id = originTriggerId;
      });
      await vault.process(taskPath, (content) => insertCallout(content, error));
      task = await moveFree(vault, taskPath, layout.inbox);
    }
    let plan = planPath;
    if (await vault.stat(planPath)) {
      await vault.processFrontMatter(planPath, (fm) => {
        fm.status = 'failed';
        fm.task = `[[${stem(task)}]]`;
      });
      plan = await moveFree(vault, planPath, layout.done);
    }
    return { task, plan };
  }
}

/** A warning at the top of the body, under the properties. */
function insertCallout(content: string, error: string): string {
  const { block, body } = frontmatterBlock(content);
  const callout = [
    '> [!warning] The employee could not finish this task',
    `> ${error.replace(/\r?\n/g, ' ')}`,
    '> Fix what is wrong, then change `status: needs_attention` to `status: new` and it is picked up again.',
    '',
    '',
  ].join('\n');
  return block + callout + body.replace(/^\n+/, '');
}
