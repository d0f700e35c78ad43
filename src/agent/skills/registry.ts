import { createInvoiceSkill, postInvoiceSkill } from './invoice-skills';
import { logExpenseSkill, registerPaymentSkill } from './money-skills';
import type { AnySkill } from './skill';
import { moveTaskSkill, notifyHumanSkill, socialSummarySkill } from './vault-skills';

/** Every skill the employee has, by the spec's names. */
export const SKILL_NAMES = [
  'odoo_create_invoice',
  'odoo_post_invoice',
  'odoo_register_payment',
  'odoo_log_expense',
  'social_generate_summary',
  'vault_move_task',
  'notify_human',
] as const;
export type SkillName = (typeof SKILL_NAMES)[number];

export type ParamCheck = { ok: true; params: Record<string, unknown> } | { ok: false; problem: string };

/**
 * The named skills. A plan may only call what is registered here, with
 * parameters its schema accepts; nothing in a message can add a skill or
 * widen what one may do.
 */
export class SkillRegistry {
  private readonly skills = new Map<string, AnySkill>();

  constructor(skills: readonly AnySkill[] = DEFAULT_SKILLS) {
    for (const skill of skills) {
      if (this.skills.has(skill.name)) throw new Error(`Two skills are named ${skill.name}`);
      this.skills.set(skill.name, skill);
    }
  }

  get(name: string): AnySkill | undefined {
    return this.skills.get(name);
  }

  list(): AnySkill[] {
    return [...this.skills.values()];
  }

  /** Validates a skill's parameters; the problem names the skill and every bad field. */
  check(name: string, params: unknown): ParamCheck {
    const skill = this.skills.get(name);
    if (!skill) return { ok: false, problem: `there is no skill named ${JSON.stringify(name)} (known: ${[...this.skills.keys()].join(', ')})` };
    const result = skill.params.safeParse(params);
    if (result.success) return { ok: true, params: result.data };
    const fields = result.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`);
    return { ok: false, problem: `${name}: ${fields.join('; ')}` };
  }
}

export const DEFAULT_SKILLS: readonly AnySkill[] = [
  createInvoiceSkill,
  postInvoiceSkill,
  registerPaymentSkill,
  logExpenseSkill,
  socialSummarySkill,
  moveTaskSkill,
  notifyHumanSkill,
];
