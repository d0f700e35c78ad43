/**
 * ACT and CHECK for one step of a plan: ask for approval when the policy
 * says so, run the skill with its idempotency key recorded first, and verify
 * the result against the books or the vault. Failures are sorted into
 * "try again later" (the books are unreachable) and "stop and tell the
 * owner" (wrong input, refused, or a payment whose outcome is unknown).
 */
import { isAccountingError } from '../accounting/accounting-error';
import { isoWithOffset } from '../core/clock';
import { VaultError } from '../vault/vault-port';
import type { ApprovalDesk } from './approvals/approval-desk';
import { approvalNeed } from './approval-policy';
import { isLlmError } from './llm/llm-error';
import type { SkillRegistry } from './skills/registry';
import { SkillError, type AnySkill, type SkillContext } from './skills/skill';
import type { StepState, TaskState, TaskStateStore } from './task-state';

export type ActOutcome =
  | { kind: 'approval_requested'; path: string; reason: string }
  | { kind: 'executed'; summary: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'retry'; error: string }
  | { kind: 'fatal'; error: string };

export type CheckOutcome = { kind: 'verified' } | { kind: 'retry'; error: string } | { kind: 'fatal'; error: string };

export interface StepRunnerDeps {
  registry: SkillRegistry;
  desk: ApprovalDesk;
  store: TaskStateStore;
}

export function messageOf(error: unknown): string {
  if (isAccountingError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/** Whether trying the same call again later can help. */
export function isTransient(error: unknown): boolean {
  if (error instanceof SkillError) return error.transient;
  if (isAccountingError(error)) return error.transient;
  // An LLM timeout or overload (reached the loop with fallbackToRules off): ask again on a later pass.
  if (isLlmError(error)) return error.transient;
  if (error instanceof VaultError) return error.code === 'io';
  return false;
}

/** The step the loop works on next: the first one not yet resolved. */
export function nextStep(state: TaskState): StepState | undefined {
  return state.steps.find((s) => s.status !== 'done' && s.status !== 'rejected' && s.status !== 'expired');
}

export class StepRunner {
  constructor(private readonly deps: StepRunnerDeps) {}

  private skillOf(step: StepState): AnySkill {
    const skill = this.deps.registry.get(step.skill);
    if (!skill) throw new SkillError(`The skill ${step.skill} is not known to this version of the employee.`);
    return skill;
  }

  async act(step: StepState, state: TaskState, ctx: SkillContext): Promise<ActOutcome> {
    try {
      const skill = this.skillOf(step);
      if (step.status === 'awaiting_approval') return { kind: 'skipped', why: 'still waiting for approval' };
      if (step.status === 'running' && step.result) return { kind: 'executed', summary: step.result.summary };
      if (step.status === 'running' && skill.retry === 'never') {
        // The call may have happened: never again by itself.
        step.status = 'failed';
        step.error = `${step.skill} was started on ${step.started ?? 'an earlier run'} and its outcome is unknown (the run stopped mid-call). Check the books before doing it by hand; it is not tried again automatically.`;
        await this.deps.store.save(state);
        return { kind: 'fatal', error: step.error };
      }
      if (step.status === 'pending') {
        if (skill.prepare) {
          const prepared = this.deps.registry.check(step.skill, await skill.prepare(step.params, ctx));
          if (!prepared.ok) throw new SkillError(prepared.problem);
          step.params = prepared.params;
          step.title = skill.title(step.params, ctx.handbook.currency);
        }
        const need = await approvalNeed(skill, step.params, ctx);
        if (need) return await this.requestApproval(step, state, ctx, need.reason, need.amount, need.recipient);
      }
      return await this.execute(skill, step, state, ctx);
    } catch (error) {
      // "Never retried" is about the call itself: a failure before it (reading the books to
      // prepare or to weigh the amount) left nothing done, and may be tried again.
      const called = step.status === 'running';
      return this.failure(step, state, error, called ? (this.deps.registry.get(step.skill)?.retry ?? 'transient') : 'transient');
    }
  }

  async check(step: StepState, state: TaskState, ctx: SkillContext): Promise<CheckOutcome> {
    if (!step.result) return { kind: 'fatal', error: 'the step has no result to check' };
    try {
      const problem = await this.skillOf(step).verify(step.params, step.result, ctx);
      if (problem) {
        step.status = 'failed';
        step.error = `The check after ${step.skill} failed: ${problem}.`;
        await this.deps.store.save(state);
        return { kind: 'fatal', error: step.error };
      }
      step.status = 'done';
      delete step.failures;
      step.finished = isoWithOffset(ctx.clock.now());
      delete step.error;
      await this.deps.store.save(state);
      if (step.approval?.decision === 'approved') await this.deps.desk.markExecuted(step.approval.path, step.result.summary);
      return { kind: 'verified' };
    } catch (error) {
      if (isTransient(error)) {
        step.failures = (step.failures ?? 0) + 1;
        step.error = `could not check yet: ${messageOf(error)}`;
        await this.deps.store.save(state);
        return { kind: 'retry', error: step.error };
      }
      step.status = 'failed';
      step.error = `The check after ${step.skill} failed: ${messageOf(error)}`;
      await this.deps.store.save(state);
      return { kind: 'fatal', error: step.error };
    }
  }

  private async requestApproval(step: StepState, state: TaskState, ctx: SkillContext, reason: string, amount: number | null, recipient: string | null): Promise<ActOutcome> {
    const now = ctx.clock.now();
    const created = isoWithOffset(now);
    const expires = isoWithOffset(new Date(now.getTime() + ctx.handbook.approval_expiry_hours * 3_600_000));
    const path = await this.deps.desk.request({
      action: step.skill,
      title: step.title,
      parameters: step.params,
      amount,
      currency: ctx.handbook.currency,
      recipient,
      reason,
      created,
      expires,
      idempotencyKey: step.idempotency_key,
      triggerId: state.trigger.trigger_id,
      step: step.index,
      task: ctx.task.path,
      plan: ctx.task.plan,
    });
    step.status = 'awaiting_approval';
    step.approval = { path, requested: created, expires, reason };
    await this.deps.store.save(state);
    return { kind: 'approval_requested', path, reason };
  }

  private async execute(skill: AnySkill, step: StepState, state: TaskState, ctx: SkillContext): Promise<ActOutcome> {
    if (skill.retry === 'never') await this.refuseRepeat(step, state);
    // The key and the start are on disk before the call: a crash now is resumed, never doubled.
    step.status = 'running';
    step.started = isoWithOffset(ctx.clock.now());
    step.first_started ??= step.started;
    step.attempts += 1;
    await this.deps.store.save(state);
    const result = await skill.execute(step.params, ctx);
    step.result = result;
    delete step.error;
    await this.deps.store.save(state);
    return { kind: 'executed', summary: result.summary };
  }

  /**
   * A task that came round again (after it was given back) plans its steps
   * anew, with its first round's keys. Invoices and expenses find what that
   * round made by the key; a payment has no key in the books, so one that
   * round already tried is not made again.
   */
  private async refuseRepeat(step: StepState, state: TaskState): Promise<void> {
    if (state.origin_trigger_id === state.trigger.trigger_id) return;
    const earlier = (await this.deps.store.load(state.origin_trigger_id).catch(() => null))?.steps.find((s) => s.idempotency_key === step.idempotency_key);
    if (earlier && earlier.status !== 'pending' && earlier.status !== 'awaiting_approval' && earlier.status !== 'rejected' && earlier.status !== 'expired') {
      throw new SkillError(
        `An earlier round of this task already tried ${step.skill} (${earlier.status}${earlier.started ? ` on ${earlier.started.slice(0, 10)}` : ''}). Check the books and record it by hand if it is still needed; it is not done again automatically.`,
      );
    }
  }

  private async failure(step: StepState, state: TaskState, error: unknown, retry: 'transient' | 'never'): Promise<ActOutcome> {
    const message = messageOf(error);
    if (isTransient(error) && retry !== 'never') {
      // Back to where it was, so the next pass tries the same call with the same key.
      step.status = step.approval?.decision === 'approved' ? 'approved' : 'pending';
      step.failures = (step.failures ?? 0) + 1;
      step.error = message;
      await this.deps.store.save(state);
      return { kind: 'retry', error: message };
    }
    step.status = 'failed';
    step.error = retry === 'never' && isTransient(error) ? `${message} It is not tried again automatically: check the books before doing it by hand.` : message;
    await this.deps.store.save(state);
    return { kind: 'fatal', error: step.error };
  }
}
