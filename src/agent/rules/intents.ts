/**
 * What a message wants, as a table of cues read top to bottom, first match
 * wins (like src/vault/task-classifier.ts). The order is the point: a
 * supplier's reminder that a bill "is due" is checked before anything that
 * looks like a payment, and "we have paid the invoice for the completed
 * project" is a payment before it is finished work.
 */

/** Every intent the rules can read. */
export const INTENTS = ['work_completed', 'payment_received', 'bill_due', 'expense_paid', 'quote_request', 'meeting', 'informational', 'unknown'] as const;

/** What a message wants done. */
export type Intent = (typeof INTENTS)[number];

/** An intent and the words that decided it. */
export interface IntentMatch {
  intent: Intent;
  /** The words that decided it, for the log; null for `unknown`. */
  cue: string | null;
}

interface IntentRule {
  intent: Intent;
  pattern: RegExp;
  /** When set, the text must also match this for the rule to count. */
  context?: RegExp;
}

/** Money words: a text that "is due" is a bill only when it talks about paying. */
const MONEY_TALK = /\b(?:invoices?|bills?|payments?|amount|balance|pay|fees?|rent|subscription)\b|[$€£₹]/i;

/** Things people finish for a client. */
const WORK = String.raw`(?:project|job|work|order|website|site|app|design|logo|task|build|repairs?|installation|shoot|renovation|migration)s?`;

/**
 * The rules, in order.
 *
 * | intent           | cues                                                                    |
 * |------------------|-------------------------------------------------------------------------|
 * | bill_due         | payment reminder, is due, overdue (not "the overdue …"), please pay, amount due |
 * | payment_received | we have paid, paid you / the invoice / INV…, payment sent/made/received, transferred, remittance, client … paid |
 * | work_completed   | completed/finished/delivered/wrapped up/done with … project/job/…, … is done, please invoice, send the invoice, invoice me/us, bill me/us |
 * | expense_paid     | receipt, I paid, we paid, "Paid …" at the start, expense, bought, purchased, subscription renewed |
 * | quote_request    | quote, quotation, estimate, proposal, how much would …                  |
 * | meeting          | meeting, appointment, calendar, schedule, set up a call, call me, can we meet |
 * | informational    | fyi, newsletter, unsubscribe, no action needed, a message that is only thanks |
 */
export const INTENT_RULES: readonly IntentRule[] = [
  { intent: 'bill_due', pattern: /\bpayment\s+reminder\b/i },
  { intent: 'bill_due', pattern: /\b(?:is|are|was|falls|becomes|now)\s+(?:now\s+)?(?:past\s+)?due\b/i, context: MONEY_TALK },
  // "We have paid the overdue invoice" is a payment, not a bill.
  { intent: 'bill_due', pattern: /(?<!\bthe\s)\boverdue\b/i },
  { intent: 'bill_due', pattern: /\bplease\s+(?:make\s+(?:the\s+|a\s+)?)?pay(?:ment)?\b/i },
  { intent: 'bill_due', pattern: /\b(?:amount|balance|total)\s+(?:now\s+)?due\b|\bpast\s+due\b/i },
  { intent: 'payment_received', pattern: /\b(?:we\s+have|we've|has|have\s+now)\s+(?:just\s+|already\s+)?paid\b/i },
  { intent: 'payment_received', pattern: /\bpaid\s+(?:you\b|(?:the|your|our)\s+invoice\b|invoice\b|INV\b|in\s+full\b)/i },
  { intent: 'payment_received', pattern: /\bpayment\s+(?:has\s+been\s+|was\s+|is\s+)?(?:sent|made|received|transferred|completed|done)\b/i },
  { intent: 'payment_received', pattern: /(?<!\bnot\s)(?<!n't\s)\b(?:received|got)\s+(?:the\s+|your\s+|a\s+|our\s+)?payment\b/i },
  { intent: 'payment_received', pattern: /\b(?:transferred|remittance)\b/i },
  { intent: 'payment_received', pattern: /\b(?:client|customer)\b[^.!?\n]{0,40}?\bpaid\b/i },
  { intent: 'work_completed', pattern: new RegExp(String.raw`\b(?:completed|finished|delivered|wrapped\s+up|done\s+with)\b[^.!?\n]{0,60}?\b${WORK}\b`, 'i') },
  { intent: 'work_completed', pattern: new RegExp(String.raw`\b${WORK}\b[^.!?\n]{0,40}?\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|all\s+)?(?:complete|completed|done|finished|delivered|live)\b`, 'i') },
  { intent: 'work_completed', pattern: /\bjob\s+done\b/i },
  { intent: 'work_completed', pattern: /\bplease\s+(?:send\s+(?:me\s+|us\s+)?(?:the\s+|an?\s+|your\s+)?)?invoice\b|\binvoice,?\s+please\b/i },
  { intent: 'work_completed', pattern: /\bsend\s+(?:me\s+|us\s+)?(?:the\s+|an?\s+|your\s+)?invoice\b/i },
  // "Please send ACME an invoice for the March work": the client between "send" and "invoice".
  { intent: 'work_completed', pattern: /\bsend\s+(?:\p{Lu}[\p{L}\d&'.-]*\s+){1,4}(?:an?|the|their|its)\s+invoice\b/u },
  { intent: 'work_completed', pattern: /\b(?:invoice|bill)\s+(?:me|us)\b/i },
  { intent: 'expense_paid', pattern: /\breceipts?\b/i },
  { intent: 'expense_paid', pattern: /\b(?:I|we)\s+(?:have\s+|just\s+|already\s+)?paid\b/i },
  { intent: 'expense_paid', pattern: /^[ \t]*paid\b/im },
  { intent: 'expense_paid', pattern: /\b(?:expenses?|bought|purchased)\b/i },
  { intent: 'expense_paid', pattern: /\bsubscription\s+(?:has\s+been\s+|was\s+)?renewed\b|\brenewed\s+(?:the\s+|our\s+|my\s+|your\s+)?subscription\b/i },
  { intent: 'quote_request', pattern: /\b(?:quotes?|quotations?|estimates?|proposals?)\b/i },
  { intent: 'quote_request', pattern: /\bhow\s+much\s+(?:would|will|does|do|is|for|to)\b/i },
  { intent: 'meeting', pattern: /\b(?:meetings?|appointments?|calendar)\b/i },
  { intent: 'meeting', pattern: /\b(?:re)?schedul(?:e|ing)\b/i },
  { intent: 'meeting', pattern: /\b(?:set\s+up|book|arrange|have|hop\s+on|jump\s+on)\s+(?:a\s+)?(?:quick\s+|short\s+)?(?:call|chat)\b|\bcall\s+(?:me|us)\b/i },
  { intent: 'meeting', pattern: /\b(?:can|could|shall)\s+we\s+(?:meet|talk|chat|call)\b/i },
  { intent: 'informational', pattern: /\b(?:fyi|newsletter|unsubscribe|for\s+your\s+information)\b|\bno\s+action\s+(?:is\s+)?(?:needed|required)\b/i },
  { intent: 'informational', pattern: /^\W*(?:(?:hi|hello|hey)\W+)?(?:many\s+thanks|thanks(?:\s+a\s+lot|\s+so\s+much)?|thank\s+you(?:\s+so\s+much|\s+very\s+much)?|thx|cheers)(?:\W+\p{L}+)?\W*$/iu },
];

/** The intent of a message, first matching rule wins. */
export function classifyIntent(text: string): IntentMatch {
  for (const rule of INTENT_RULES) {
    const match = rule.pattern.exec(text);
    if (match && (!rule.context || rule.context.test(text))) return { intent: rule.intent, cue: match[0].trim().replace(/\s+/g, ' ') };
  }
  return { intent: 'unknown', cue: null };
}

/** Phrases that try to steer the agent; the first one found is returned for the log. */
const HOSTILE: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous\s+|prior\s+|above\s+|earlier\s+|other\s+|existing\s+)?(?:rules|instructions|prompts?|polic(?:y|ies)|guidelines|approvals?)\b/i,
  /\bstatus\s*:\s*["']?approved\b/i,
  /\bauto[-\s]?approved?\b/i,
  /\bno\s+approvals?\s+(?:is\s+)?(?:needed|required|necessary)\b/i,
  /\b(?:do\s+not|don't|dont|never)\s+ask\b/i,
  /\bsystem\s+prompt\b/i,
  /\byou\s+are\s+now\b/i,
  /\b(?:override|overrides|bypass)\b/i,
  /\b(?:pre-?)?approved\b/i,
];

/**
 * The phrase in a text that tries to steer the agent ("ignore previous
 * instructions", "status: approved", "no approval needed", "bypass" …), or
 * null. The agent only logs it: policy never comes from a message.
 */
export function isHostileInstruction(text: string): string | null {
  for (const pattern of HOSTILE) {
    const match = pattern.exec(text);
    if (match) return match[0].trim().replace(/\s+/g, ' ');
  }
  return null;
}
