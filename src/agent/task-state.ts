/**
 * What the agent remembers about one task, in `Logs/state/agent/<trigger>.json`:
 * the cross-domain trigger, the Ralph loop's counters and every step with its
 * idempotency key, approval and result. It is written before each action is
 * taken and after it returns, so a crash at any point resumes where it
 * stopped and never repeats an action that may have happened.
 */
import { z } from 'zod';
import { joinVaultPath } from '../core/paths';
import type { VaultLayout } from '../core/layout';
import { VaultError, type VaultPort } from '../vault/vault-port';
import { triggerSchema } from './trigger';

export const LOOP_STATUSES = ['active', 'awaiting_approval', 'handed_over', 'completed', 'failed', 'max_iterations_exceeded'] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

/** A loop in one of these is over; the task is the owner's (or in Done). */
export const FINAL_LOOP_STATUSES: ReadonlySet<LoopStatus> = new Set(['handed_over', 'completed', 'failed', 'max_iterations_exceeded']);

export const STEP_STATUSES = ['pending', 'awaiting_approval', 'approved', 'running', 'done', 'failed', 'rejected', 'expired'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

const stepSchema = z.object({
  index: z.number().int().min(1),
  skill: z.string(),
  params: z.record(z.string(), z.unknown()),
  title: z.string(),
  idempotency_key: z.string(),
  status: z.enum(STEP_STATUSES),
  attempts: z.number().int().min(0),
  /** Transient failures in a row (the books unreachable): how long the next wait is. */
  failures: z.number().int().min(0).optional(),
  /** Set just before the skill is called; a step found `running` after a restart may have acted. */
  started: z.string().optional(),
  /** The first call's start, kept across retries (how long retries held the task up). */
  first_started: z.string().optional(),
  /** When the step was verified done. */
  finished: z.string().optional(),
  approval: z
    .object({
      path: z.string(),
      requested: z.string(),
      expires: z.string(),
      reason: z.string(),
      decided: z.string().optional(),
      decision: z.enum(['approved', 'rejected', 'expired']).optional(),
      by: z.string().optional(),
    })
    .optional(),
  result: z.object({ summary: z.string(), details: z.record(z.string(), z.unknown()) }).optional(),
  error: z.string().optional(),
});

export type StepState = z.infer<typeof stepSchema>;

const loopSchema = z.object({
  loop_id: z.string(),
  task_file: z.string(),
  plan_md: z.string(),
  max_iterations: z.number().int().min(1).max(10),
  current_iteration: z.number().int().min(0),
  status: z.enum(LOOP_STATUSES),
  started: z.string(),
  completed: z.string().optional(),
  outcome: z.string().optional(),
  /** After a transient failure: not before this time (ISO). */
  retry_after: z.string().optional(),
});

export type LoopState = z.infer<typeof loopSchema>;

export const taskStateSchema = z.object({
  version: z.literal(1),
  trigger: triggerSchema,
  loop: loopSchema,
  /** The item's first trigger: the root of every idempotency key, kept when the task comes round again. */
  origin_trigger_id: z.string(),
  /** The task's title when it was read, for names and messages. */
  task_title: z.string(),
  reasoner: z.string(),
  intent: z.string(),
  summary: z.string(),
  human_steps: z.array(z.string()),
  steps: z.array(stepSchema),
});

export type TaskState = z.infer<typeof taskStateSchema>;

export function agentStateFolder(layout: VaultLayout): string {
  return joinVaultPath(layout.stateDir, 'agent');
}

export function taskStatePath(layout: VaultLayout, triggerId: string): string {
  return joinVaultPath(agentStateFolder(layout), `${triggerId.replace(/[^\w.-]/g, '_')}.json`);
}

export class TaskStateError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'TaskStateError';
  }
}

/** Reads and saves task states; a broken file is an error that names it, never a silent fresh start. */
export class TaskStateStore {
  constructor(
    private readonly vault: VaultPort,
    private readonly layout: VaultLayout,
  ) {}

  async load(triggerId: string): Promise<TaskState | null> {
    const path = taskStatePath(this.layout, triggerId);
    let text: string;
    try {
      text = await this.vault.read(path);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'not-found') return null;
      throw error;
    }
    return this.parse(path, text);
  }

  async save(state: TaskState): Promise<void> {
    await this.vault.write(taskStatePath(this.layout, state.trigger.trigger_id), `${JSON.stringify(taskStateSchema.parse(state), null, 2)}\n`);
  }

  /** Every saved state, for the approval pass; broken files are returned as problems. */
  async all(): Promise<{ states: TaskState[]; broken: Array<{ path: string; problem: string }> }> {
    const states: TaskState[] = [];
    const broken: Array<{ path: string; problem: string }> = [];
    for (const file of await this.vault.list(agentStateFolder(this.layout))) {
      if (!file.path.endsWith('.json')) continue;
      try {
        states.push(this.parse(file.path, await this.vault.read(file.path)));
      } catch (error) {
        broken.push({ path: file.path, problem: error instanceof Error ? error.message : String(error) });
      }
    }
    return { states, broken };
  }

  private parse(path: string, text: string): TaskState {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new TaskStateError(path, `The agent's state file ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
    const result = taskStateSchema.safeParse(raw);
    if (!result.success) {
      const problems = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new TaskStateError(path, `The agent's state file ${path} does not hold a valid state (${problems.join('; ')}).`);
    }
    return result.data;
  }
}
