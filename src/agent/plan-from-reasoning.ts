/**
 * Turns a reasoner's answer into the task's first state: every proposed
 * action checked against the skill registry, the cross-domain trigger built
 * and validated, and one step per action with its idempotency key.
 */
import { localDay } from '../accounting/dates';
import { isoWithOffset, type Clock } from '../core/clock';
import type { AgentPlan, ProposedAction } from './agent-plan';
import type { Reasoning, TaskFacts } from './reasoners/reasoner';
import type { SkillRegistry } from './skills/registry';
import { SkillError } from './skills/skill';
import { parseTrigger, sourceDomainOf, sourceTypeOf } from './trigger';
import type { StepState, TaskState } from './task-state';

/** Every action valid for its skill, or the list of what is wrong. */
export function checkActions(plan: AgentPlan, registry: SkillRegistry): { ok: true; actions: ProposedAction[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const actions: ProposedAction[] = [];
  for (const action of plan.actions) {
    const checked = registry.check(action.skill, action.params);
    if (checked.ok) actions.push({ ...action, params: checked.params });
    else problems.push(checked.problem);
  }
  return problems.length ? { ok: false, problems } : { ok: true, actions };
}

/** `trg-…:2:odoo_create_invoice`: the same step of the same item always has the same key. */
export function idempotencyKey(originTriggerId: string, index: number, skill: string): string {
  return `${originTriggerId}:${index}:${skill}`;
}

/** `ralph-YYYYMMDD-<trigger hash>`: one loop per task, stable across restarts. */
export function loopIdFor(triggerId: string, now: Date): string {
  const day = localDay(now).replace(/-/g, '');
  return `ralph-${day}-${triggerId.replace(/^trg-\d{8}-/, '')}`;
}

export interface NewStateInput {
  reasoning: Reasoning;
  task: TaskFacts;
  plan: string;
  originTriggerId: string;
  maxIterations: number;
  currency: string;
  clock: Clock;
  registry: SkillRegistry;
}

/** The first state of a task; a plan the registry or the trigger schema refuses is a {@link SkillError}. */
export function newTaskState(input: NewStateInput): TaskState {
  const { reasoning, task, registry, clock } = input;
  const checked = checkActions(reasoning.plan, registry);
  if (!checked.ok) throw new SkillError(`The plan cannot be carried out: ${checked.problems.join('; ')}`);
  let actions = checked.actions;
  let humanSteps = reasoning.plan.human_steps;
  if (actions.length === 0) {
    // A trigger needs at least one action: when nothing can be done, the owner is told.
    actions = [{ skill: 'notify_human', params: { message: `New task for you: ${task.title}`, urgency: 'normal' } }];
    if (humanSteps.length === 0) humanSteps = ['Decide what to do, and do it or hand it over'];
  }
  const now = isoWithOffset(clock.now());
  const trigger = parseTrigger({
    trigger_id: task.triggerId,
    source_domain: sourceDomainOf(task.type),
    source_type: sourceTypeOf(task.type),
    source_data: { message: task.body.slice(0, 4000), sender: task.from ?? task.source, timestamp: task.receivedIso, task: task.path },
    triggered_actions: actions.map((a) => ({ type: a.skill, params: a.params })),
    status: 'pending',
    created: now,
    updated: now,
    context: reasoning.plan.context,
  });
  const steps: StepState[] = actions.map((a, i) => {
    const skill = registry.get(a.skill);
    if (!skill) throw new SkillError(`There is no skill named ${a.skill}`);
    return { index: i + 1, skill: a.skill, params: a.params, title: skill.title(a.params, input.currency), idempotency_key: idempotencyKey(input.originTriggerId, i + 1, a.skill), status: 'pending', attempts: 0 };
  });
  return {
    version: 1,
    trigger,
    loop: { loop_id: loopIdFor(task.triggerId, clock.now()), task_file: task.path, plan_md: input.plan, max_iterations: input.maxIterations, current_iteration: 0, status: 'active', started: now },
    origin_trigger_id: input.originTriggerId,
    task_title: task.title,
    reasoner: reasoning.reasoner,
    intent: reasoning.plan.intent,
    summary: reasoning.plan.summary,
    human_steps: humanSteps,
    steps,
  };
}
