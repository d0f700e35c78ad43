/**
 * The Ralph loop for one task: iterations of READ → REASON → PLAN → ACT →
 * CHECK, every phase a line in `Logs/ralph_wiggum_log.jsonl`. One step is
 * acted on per iteration. The loop pauses (`awaiting_approval`) without
 * using iterations while a request waits for the owner, waits after a
 * transient failure, and ends when every step is resolved (the task goes to
 * Done/), when only the owner's own steps are left (`handed_over`), on an
 * error it cannot fix (the task goes back to the inbox with an alert) or at
 * the iteration limit (`max_iterations_exceeded`, with an alert).
 */
import type { AccountingPort } from '../accounting/accounting-port';
import { localDay } from '../accounting/dates';
import { isoWithOffset, type Clock } from '../core/clock';
import type { VaultLayout } from '../core/layout';
import type { HandbookThresholds } from '../vault/handbook';
import type { VaultPort } from '../vault/vault-port';
import type { LoopFinisher } from './loop-finish';
import type { Notifier } from './notifier';
import { loopIdFor, newTaskState } from './plan-from-reasoning';
import { updatePlanNote } from './plan-note';
import { PHASES, type Phase, type RalphLog, type RalphLogEntry } from './ralph-log';
import type { Reasoner } from './reasoners/reasoner';
import type { SkillRegistry } from './skills/registry';
import type { SkillContext } from './skills/skill';
import { isTransient, messageOf, nextStep, type StepRunner } from './step-runner';
import type { TaskNote } from './task-reader';
import { FINAL_LOOP_STATUSES, type LoopStatus, type TaskState, type TaskStateStore } from './task-state';
import { advanceTrigger } from './trigger';

export interface RalphLoopDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  registry: SkillRegistry;
  reasoner: Reasoner;
  store: TaskStateStore;
  steps: StepRunner;
  finisher: LoopFinisher;
  notifier: Notifier;
  ralph: RalphLog;
  books: () => Promise<AccountingPort>;
}

/** How a run of the loop ended for now. */
export interface LoopRun {
  task: string;
  status: LoopStatus | 'waiting' | 'skipped';
  iterations: number;
  outcome: string;
}

type Next = 'continue' | 'pause' | 'finish' | 'retry' | 'fail';

interface IterationResult {
  state: TaskState | null;
  next: Next;
  outcome: string;
}

/**
 * Whether the next iteration is the employee's own work, which the limit
 * bounds. Carrying out what the owner just approved, or closing a plan
 * whose steps are all resolved, is not: the owner decided, and waiting
 * for that decision used no iterations.
 */
function needsAnIteration(state: TaskState): boolean {
  const next = nextStep(state);
  return next !== undefined && next.status !== 'approved';
}

/** Minutes to wait after the n-th transient failure of a step: 5, 10, 20, 40, then hourly. */
export function retryDelayMinutes(attempt: number): number {
  return Math.min(60, 5 * 2 ** Math.max(0, attempt - 1));
}

export class RalphLoop {
  constructor(private readonly deps: RalphLoopDeps) {}

  /** Works the task until it pauses, waits or ends. Never throws for the task's own trouble. */
  async run(note: TaskNote, handbook: HandbookThresholds): Promise<LoopRun> {
    const { store, clock } = this.deps;
    let state = await store.load(note.facts.triggerId);
    const task = state?.loop.task_file ?? note.facts.path;
    if (state && FINAL_LOOP_STATUSES.has(state.loop.status)) return { task, status: 'skipped', iterations: 0, outcome: state.loop.outcome ?? state.loop.status };
    if (state?.loop.status === 'awaiting_approval') {
      if (state.steps.some((s) => s.status === 'awaiting_approval')) return { task, status: 'awaiting_approval', iterations: 0, outcome: 'waiting for your approval' };
      state.loop.status = 'active';
    }
    if (state?.loop.retry_after && clock.now().getTime() < Date.parse(state.loop.retry_after)) {
      return { task, status: 'waiting', iterations: 0, outcome: `trying again after ${state.loop.retry_after}` };
    }
    let iterations = 0;
    for (;;) {
      if (state && state.loop.current_iteration >= state.loop.max_iterations && needsAnIteration(state)) {
        await this.deps.finisher.exceed(state);
        return { task: state.loop.task_file, status: 'max_iterations_exceeded', iterations, outcome: state.loop.outcome ?? '' };
      }
      const result = await this.iterate(note, state, handbook);
      iterations += 1;
      state = result.state;
      if (!state) return { task, status: result.next === 'retry' ? 'waiting' : 'failed', iterations, outcome: result.outcome };
      if (result.next === 'continue') continue;
      if (result.next === 'pause') return { task: state.loop.task_file, status: 'awaiting_approval', iterations, outcome: result.outcome };
      if (result.next === 'retry') return { task: state.loop.task_file, status: 'waiting', iterations, outcome: result.outcome };
      return { task: state.loop.task_file, status: state.loop.status, iterations, outcome: state.loop.outcome ?? result.outcome };
    }
  }

  /** One iteration; its phase lines are written together when it ends, however it ends. */
  private async iterate(note: TaskNote, existing: TaskState | null, handbook: HandbookThresholds): Promise<IterationResult> {
    const lines: RalphLogEntry[] = [];
    try {
      return await this.phases(note, existing, handbook, lines);
    } finally {
      await this.deps.ralph.writeAll(lines);
    }
  }

  private async phases(note: TaskNote, existing: TaskState | null, handbook: HandbookThresholds, lines: RalphLogEntry[]): Promise<IterationResult> {
    const { clock, vault } = this.deps;
    const iteration = (existing?.loop.current_iteration ?? 0) + 1;
    const loopId = existing?.loop.loop_id ?? loopIdFor(note.facts.triggerId, clock.now());
    const taskPath = existing?.loop.task_file ?? note.facts.path;
    const log = (phase: Phase, action: string, outcome: string, next: Phase | 'DONE' | 'PAUSE', started: number): Promise<void> => {
      lines.push(this.deps.ralph.line({ loop_id: loopId, iteration, phase, action, outcome, next_phase: next, duration_ms: clock.now().getTime() - started, task: taskPath }));
      return Promise.resolve();
    };
    // Every iteration logs all five phases (the spec); after a stop the rest say why they did nothing.
    const skipRest = async (after: Phase, why: string) => {
      const rest = PHASES.slice(PHASES.indexOf(after) + 1);
      for (const [i, phase] of rest.entries()) await log(phase, 'Skipped', why, rest[i + 1] ?? 'DONE', clock.now().getTime());
    };

    // READ
    let t = clock.now().getTime();
    const remaining = existing ? nextStep(existing) : undefined;
    if (!(await vault.stat(taskPath)) && (!existing || remaining)) {
      await log('READ', `Load task from ${taskPath}`, 'The task note is gone (moved or deleted by someone); the loop stops', 'REASON', t);
      await skipRest('READ', 'the task note is gone');
      if (existing) await this.deps.finisher.lose(existing);
      return { state: existing, next: 'fail', outcome: 'task note gone' };
    }
    await log('READ', `Load task from ${taskPath}`, existing ? `Loaded; ${existing.steps.filter((s) => s.status === 'done').length}/${existing.steps.length} steps done` : 'Task loaded', 'REASON', t);

    // REASON
    t = clock.now().getTime();
    let state: TaskState;
    if (existing) {
      state = existing;
      await log('REASON', 'Determine next step', remaining ? `Step ${remaining.index}: ${remaining.skill} (${remaining.status})` : 'Every step is resolved', 'PLAN', t);
    } else {
      try {
        const reasoning = await this.deps.reasoner.reason({ task: note.facts, handbook, skills: this.deps.registry.list(), today: localDay(clock.now()) });
        state = newTaskState({ reasoning, task: note.facts, plan: note.plan, originTriggerId: note.originTriggerId, maxIterations: handbook.max_iterations, currency: handbook.currency, clock, registry: this.deps.registry });
        state.trigger = advanceTrigger(state.trigger, 'processing', isoWithOffset(clock.now()));
        for (const line of reasoning.notes) await log('REASON', 'Note', line, 'REASON', t);
        await log('REASON', `Decide what the task needs (${reasoning.reasoner})`, `${reasoning.plan.intent}: ${state.steps.map((s) => s.skill).join(', ')}`, 'PLAN', t);
      } catch (error) {
        const message = messageOf(error);
        await log('REASON', 'Decide what the task needs', `Failed: ${message}`, 'PLAN', t);
        await skipRest('REASON', isTransient(error) ? 'no plan yet; tried again on a later pass' : 'no plan could be made; the task goes back to the inbox');
        if (isTransient(error)) return { state: null, next: 'retry', outcome: message };
        await this.deps.finisher.failBeforePlan(note, loopId, message);
        return { state: null, next: 'fail', outcome: message };
      }
    }
    state.loop.current_iteration = iteration;
    delete state.loop.retry_after;
    state.loop.status = 'active';
    await this.deps.store.save(state);

    // PLAN
    t = clock.now().getTime();
    await updatePlanNote(vault, state.loop.plan_md, state);
    if (iteration === 1) await vault.processFrontMatter(state.loop.task_file, (fm) => void (fm.status = 'in_progress')).catch(() => undefined);
    const step = nextStep(state);
    await log('PLAN', `Update ${state.loop.plan_md}`, step ? `Next: step ${step.index} of ${state.steps.length}, ${step.title}` : 'Nothing left to do', 'ACT', t);

    // ACT
    t = clock.now().getTime();
    if (!step) {
      await log('ACT', 'No step left', 'Nothing to do', 'CHECK', t);
      t = clock.now().getTime();
      await this.deps.finisher.finish(state);
      await log('CHECK', 'Verify the plan', `Loop ${state.loop.status}: ${state.loop.outcome ?? ''}`, 'DONE', t);
      return { state, next: 'finish', outcome: state.loop.outcome ?? '' };
    }
    const ctx = this.context(state, handbook, step.idempotency_key);
    const acted = await this.deps.steps.act(step, state, ctx);
    const actOutcome = acted.kind === 'approval_requested' ? `Approval requested: ${acted.path}` : acted.kind === 'executed' ? acted.summary : acted.kind === 'skipped' ? acted.why : `Failed: ${acted.error}`;
    await log('ACT', `Invoke ${step.skill}`, actOutcome, 'CHECK', t);

    // CHECK
    t = clock.now().getTime();
    if (acted.kind === 'approval_requested' || acted.kind === 'skipped') {
      state.loop.status = 'awaiting_approval';
      await this.deps.store.save(state);
      await updatePlanNote(vault, state.loop.plan_md, state);
      await vault.processFrontMatter(state.loop.task_file, (fm) => void (fm.status = 'awaiting_approval')).catch(() => undefined);
      await log('CHECK', 'Wait for the owner', 'Paused until the request is decided (no iterations are used while waiting)', 'PAUSE', t);
      return { state, next: 'pause', outcome: actOutcome };
    }
    const checked = acted.kind === 'executed' ? await this.deps.steps.check(step, state, ctx) : acted;
    if (checked.kind === 'retry') {
      state.loop.retry_after = isoWithOffset(new Date(clock.now().getTime() + retryDelayMinutes(step.failures ?? 1) * 60_000));
      await this.deps.store.save(state);
      await updatePlanNote(vault, state.loop.plan_md, state);
      await log('CHECK', `Verify ${step.skill}`, `Will try again after ${state.loop.retry_after}: ${checked.error}`, 'PAUSE', t);
      return { state, next: 'retry', outcome: checked.error };
    }
    if (checked.kind === 'fatal') {
      await this.deps.finisher.fail(state, checked.error);
      await log('CHECK', `Verify ${step.skill}`, `Failed, task back to the inbox: ${checked.error}`, 'DONE', t);
      return { state, next: 'fail', outcome: checked.error };
    }
    // The tick reaches the plan with the next iteration's PLAN, or when the loop closes.
    this.followMoves(state, step.result?.details);
    const more = nextStep(state);
    if (more) {
      await log('CHECK', `Verify ${step.skill}`, `Verified, box ticked; next step ${more.index}`, 'READ', t);
      return { state, next: 'continue', outcome: 'verified' };
    }
    await this.deps.finisher.finish(state);
    await log('CHECK', `Verify ${step.skill}`, `Verified, box ticked; loop ${state.loop.status}`, 'DONE', t);
    return { state, next: 'finish', outcome: state.loop.outcome ?? '' };
  }

  /** A skill that filed the task elsewhere says where; the loop follows. */
  private followMoves(state: TaskState, details: Record<string, unknown> | undefined): void {
    if (typeof details?.task === 'string') state.loop.task_file = details.task;
    if (typeof details?.plan === 'string') state.loop.plan_md = details.plan;
  }

  private context(state: TaskState, handbook: HandbookThresholds, idempotencyKey: string): SkillContext {
    const source = state.trigger.source_data;
    return {
      books: this.deps.books,
      vault: this.deps.vault,
      layout: this.deps.layout,
      clock: this.deps.clock,
      handbook,
      notifier: this.deps.notifier,
      idempotencyKey,
      task: {
        path: state.loop.task_file,
        plan: state.loop.plan_md,
        title: state.task_title,
        triggerId: state.trigger.trigger_id,
        type: state.trigger.source_type,
        ...(typeof source.sender === 'string' ? { from: source.sender } : {}),
      },
    };
  }
}
