/**
 * What a reasoner answers for a task: the intent it read, the facts it found
 * and the actions to take. Both reasoners (rules and LLM) must produce this
 * exact shape; an LLM answer that does not parse into it is rejected and
 * never executed. A reasoner proposes actions only: whether one needs the
 * owner's approval is decided by the policy (approval-policy.ts) from the
 * handbook, never by the reasoner or the message.
 */
import { z } from 'zod';

/** The most actions one task may set off; more is a sign of a confused or hostile plan. */
export const MAX_ACTIONS = 6;

export const proposedActionSchema = z
  .object({
    skill: z.string().min(1, 'must name a skill'),
    params: z.record(z.string(), z.unknown()),
    /** Why, in a few words, for the plan and the log. */
    reason: z.string().max(300).optional(),
  })
  .strict();

export const agentPlanSchema = z
  .object({
    intent: z.string().min(1).max(40),
    /** One sentence a person reads in the plan: what the task is about. */
    summary: z.string().min(1).max(500),
    context: z
      .object({
        client_name: z.string().min(1).max(120).optional(),
        amount: z.number().nonnegative().optional(),
        currency: z.string().regex(/^[A-Z]{3}$/).optional(),
        project: z.string().min(1).max(120).optional(),
      })
      .strict()
      .default({}),
    actions: z.array(proposedActionSchema).max(MAX_ACTIONS, `must hold at most ${MAX_ACTIONS} actions`),
    /** Steps for the owner that no skill can do (e.g. "Prepare the quote"). */
    human_steps: z.array(z.string().min(1).max(200)).max(5).default([]),
  })
  .strict();

export type ProposedAction = z.infer<typeof proposedActionSchema>;
export type AgentPlan = z.infer<typeof agentPlanSchema>;

/** Parses a plan; the error lists every problem with its field. */
export function parseAgentPlan(raw: unknown): { ok: true; plan: AgentPlan } | { ok: false; problems: string[] } {
  const result = agentPlanSchema.safeParse(raw);
  if (result.success) return { ok: true, plan: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`) };
}
