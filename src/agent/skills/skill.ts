/**
 * A skill is one thing the employee can do, named as in the spec
 * (`odoo_create_invoice`, …). Each has a zod schema for its parameters, a
 * sensitivity the approval policy reads, a retry rule and an idempotency key
 * (made by the loop, recorded before the call). Skills act only through
 * ports: the books (`AccountingPort`) and the vault (`VaultPort`).
 */
import type { z } from 'zod';
import type { AccountingPort } from '../../accounting/accounting-port';
import type { Clock } from '../../core/clock';
import type { VaultLayout } from '../../core/layout';
import type { HandbookThresholds } from '../../vault/handbook';
import type { VaultPort } from '../../vault/vault-port';
import type { Notifier } from '../notifier';

/** The task a skill works for. */
export interface TaskRef {
  path: string;
  plan: string;
  title: string;
  triggerId: string;
  type: string;
  from?: string;
}

export interface SkillContext {
  books: () => Promise<AccountingPort>;
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  handbook: HandbookThresholds;
  notifier: Notifier;
  task: TaskRef;
  /** Recorded before the call; the same key on a retry finds what the first call made. */
  idempotencyKey: string;
}

export interface SkillResult {
  /** One line for the plan and the log, e.g. "Draft invoice INV/2026/00003 for Client ABC, 10,000.00 USD". */
  summary: string;
  details: Record<string, unknown>;
}

/**
 * How the policy treats a skill (see approval-policy.ts):
 * - `none`: changes nothing outside the vault and the owner's own drafts;
 * - `amount`: needs approval above the handbook's amount threshold;
 * - `payment`: money leaves; needs approval whenever the handbook says payments do, else above the threshold;
 * - `always`: meant for the public or a third party (a post): always asks.
 */
export type Sensitivity = 'none' | 'amount' | 'payment' | 'always';

export interface Skill<P = Record<string, unknown>> {
  readonly name: string;
  /** What it does, for the LLM's list of skills and the settings. */
  readonly description: string;
  readonly params: z.ZodType<P>;
  readonly sensitivity: Sensitivity;
  /** `never`: a failure is reported, never tried again by itself (payments). */
  readonly retry: 'transient' | 'never';
  /** The plan's line for this step, e.g. "Create a draft invoice for Client ABC: 10,000.00 USD". */
  title(params: P, currency: string): string;
  /**
   * Fills in what the message did not say, before approval is asked, so the
   * owner approves exactly what will run (e.g. which open invoice a payment is for).
   */
  prepare?(params: P, ctx: SkillContext): Promise<P>;
  /** The amount the policy weighs (null when the skill moves no money). */
  amountOf(params: P, ctx: SkillContext): Promise<number | null>;
  /** Who the action reaches, when it reaches a person. */
  recipientOf?(params: P): string | null;
  execute(params: P, ctx: SkillContext): Promise<SkillResult>;
  /** CHECK: null when the result is really there, else what is wrong. */
  verify(params: P, result: SkillResult, ctx: SkillContext): Promise<string | null>;
}

/** A skill of any parameter type, as the registry holds it. */
export type AnySkill = Skill<Record<string, unknown>>;

/** A text detail of a result (an id, a path), '' when absent. */
export function detailText(result: SkillResult, key: string): string {
  const value = result.details[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** An error a retry cannot fix: wrong parameters, a refused request, an unknown outcome. */
export class SkillError extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = 'SkillError';
  }
}
