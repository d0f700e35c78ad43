/**
 * The port behind which the employee decides what a task needs: the rules
 * (embedded default, offline and deterministic) or an LLM. Either way the
 * answer is an {@link AgentPlan}, checked before anything runs; the task's
 * text is data to read, never instructions to follow.
 */
import type { HandbookThresholds } from '../../vault/handbook';
import type { AgentPlan } from '../agent-plan';
import type { AnySkill } from '../skills/skill';

/** What a reasoner sees of a task. */
export interface TaskFacts {
  path: string;
  type: string;
  title: string;
  /** The message itself, without the footer triage adds. */
  body: string;
  from?: string;
  source: string;
  priority: string;
  triggerId: string;
  receivedIso: string;
  /** Set when the task is one of the business's own invoices that the accounting sync found overdue. */
  overdueInvoice?: { number: string; client: string; amountDue: number; currency: string; daysOverdue: number };
}

export interface ReasonInput {
  task: TaskFacts;
  handbook: HandbookThresholds;
  skills: readonly AnySkill[];
  /** `YYYY-MM-DD`, local. */
  today: string;
}

export interface Reasoning {
  plan: AgentPlan;
  /** Which reasoner answered (`rules`, `llm:anthropic/<model>`, …). */
  reasoner: string;
  /** Things worth a line in the loop log: a hostile phrase seen, an LLM answer rejected, … */
  notes: string[];
}

export interface Reasoner {
  readonly kind: string;
  reason(input: ReasonInput): Promise<Reasoning>;
}
