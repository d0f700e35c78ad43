/**
 * Which steps wait for the owner. The rules come only from the handbook's
 * frontmatter (thresholds, known contacts) and each skill's sensitivity;
 * nothing a message or a reasoner says can waive them.
 */
import { formatAmount } from '../accounting/money';
import type { HandbookThresholds } from '../vault/handbook';
import type { AnySkill, SkillContext } from './skills/skill';

/** A draft above this many times the approval threshold is unusual enough to ask about too. */
export const UNUSUAL_DRAFT_FACTOR = 1000;

export interface ApprovalNeed {
  /** Why, in words the owner reads in the request. */
  reason: string;
  amount: number | null;
  recipient: string | null;
}

function isKnownContact(recipient: string, handbook: HandbookThresholds): boolean {
  const wanted = recipient.trim().toLowerCase();
  return handbook.known_contacts.some((c) => c.trim().toLowerCase() === wanted);
}

/**
 * Null when the step may run at once. When the amount cannot be read (the
 * books are down), the step waits for approval: a doubt never lets money move.
 */
export async function approvalNeed(skill: AnySkill, params: Record<string, unknown>, ctx: SkillContext): Promise<ApprovalNeed | null> {
  const { handbook } = ctx;
  let amount: number | null;
  try {
    amount = await skill.amountOf(params, ctx);
  } catch {
    return { reason: 'The amount could not be checked against the handbook, so this waits for you.', amount: null, recipient: skill.recipientOf?.(params) ?? null };
  }
  const recipient = skill.recipientOf?.(params) ?? null;
  const money = (n: number) => `${formatAmount(n)} ${handbook.currency}`;
  const threshold = handbook.approval_amount_threshold;
  const need = (reason: string): ApprovalNeed => ({ reason, amount, recipient });

  switch (skill.sensitivity) {
    case 'always':
      return need('It will be seen outside the business, so it always waits for your approval.');
    case 'payment':
      if (handbook.payment_always_needs_approval) return need('Payments always need your approval (Company_Handbook: payment_always_needs_approval).');
      if (amount === null || amount > threshold) return need(`${amount === null ? 'The amount is unknown' : money(amount)} is above the approval threshold of ${money(threshold)}.`);
      break;
    case 'amount':
      if (amount === null || amount > threshold) return need(`${amount === null ? 'The amount is unknown' : money(amount)} is above the approval threshold of ${money(threshold)}.`);
      break;
    case 'none':
      if (amount !== null && amount > threshold * UNUSUAL_DRAFT_FACTOR) {
        return need(`${money(amount)} is more than ${UNUSUAL_DRAFT_FACTOR} times the approval threshold; please confirm it is right.`);
      }
      break;
  }
  if (recipient && handbook.new_contact_needs_approval && !isKnownContact(recipient, handbook)) {
    return need(`${recipient} is not in the handbook's known contacts.`);
  }
  return null;
}
