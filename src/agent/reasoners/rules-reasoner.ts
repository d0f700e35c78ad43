/**
 * The embedded reasoner: reads intent, money, client, project and vendor
 * from the message with plain rules (src/agent/rules) and proposes the
 * matching skills. Offline and deterministic: the same task always gives the
 * same plan. Phrases that try to steer it ("ignore previous rules",
 * "approved") are noted for the log and otherwise ignored.
 */
import { formatAmount } from '../../accounting/money';
import type { AgentPlan, ProposedAction } from '../agent-plan';
import { findMoney, type MoneyMention } from '../rules/amounts';
import { expenseCategory } from '../rules/expense-category';
import { classifyIntent, isHostileInstruction, type Intent } from '../rules/intents';
import { findClient, findInvoiceNumber, findProject, findVendor } from '../rules/names';
import type { ReasonInput, Reasoner, Reasoning } from './reasoner';

/** Where the summary of finished work is drafted (the spec's example network). */
export const SUMMARY_PLATFORM = 'facebook';

/** Intents whose other party is a client of the business. */
const CLIENT_INTENTS: ReadonlySet<Intent> = new Set(['work_completed', 'payment_received', 'quote_request', 'meeting']);

interface Facts {
  intent: Intent;
  cue: string | null;
  money: MoneyMention | null;
  client: string | null;
  project: string | null;
  text: string;
}

function firstSentence(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l !== '') ?? '';
  return (/^(.+?[.!?])(\s|$)/.exec(line)?.[1] ?? line).slice(0, 200);
}

/** "Completed project for Client ABC, $10000." → "Completed project for Client ABC": an invoice line. */
function workDescription(facts: Facts): string {
  if (facts.project) return facts.project;
  let sentence = firstSentence(facts.text);
  if (facts.money) sentence = sentence.replace(facts.money.text, '');
  return (
    sentence
      .replace(/\s{2,}/g, ' ')
      .replace(/^(?:i|we)\s+(?:have\s+)?paid\s+(?:for\s+)?/i, '')
      .replace(/\s+(?:today|yesterday)(?=[.!?]?$)/i, '')
      .replace(/[\s,;:–—-]+(?=[.!?]?$)/, '')
      .replace(/[.!?]$/, '')
      .trim() || 'Completed work'
  );
}

function money(m: MoneyMention, fallback: string): string {
  return `${formatAmount(m.amount)} ${m.currency ?? fallback}`;
}

const notify = (message: string, urgency: 'normal' | 'high' = 'normal'): ProposedAction => ({ skill: 'notify_human', params: { message, urgency }, reason: 'needs you' });

/** The actions for each intent, given what the message says. */
function actionsFor(facts: Facts, input: ReasonInput): Pick<AgentPlan, 'actions' | 'human_steps'> {
  const currency = input.handbook.currency;
  const who = facts.client ?? input.task.from ?? 'Someone';
  const m = facts.money;
  const foreign = m?.currency && m.currency !== currency ? m : null;
  switch (facts.intent) {
    case 'work_completed': {
      if (!facts.client || !m) {
        const missing = [!facts.client && 'the client', !m && 'the amount'].filter(Boolean).join(' and ');
        return { actions: [notify(`Work was reported done, but ${missing} could not be read from "${input.task.title}"; the invoice waits for you.`)], human_steps: ['Create the invoice (the message did not say ' + missing + ')'] };
      }
      if (foreign) return { actions: [notify(`The message asks to invoice ${money(foreign, currency)}, but the books are kept in ${currency}.`)], human_steps: [`Invoice ${facts.client} in ${currency}`] };
      const what = facts.project ? `the ${facts.project} project` : 'a project';
      return {
        actions: [
          { skill: 'odoo_create_invoice', params: { client: facts.client, amount: m.amount, description: workDescription(facts), ...(facts.project ? { project: facts.project } : {}) }, reason: 'work completed' },
          {
            skill: 'social_generate_summary',
            params: { platform: SUMMARY_PLATFORM, content: `Another job well done: we have just delivered ${what} for ${facts.client}. Thank you for trusting us with it!`, client: facts.client },
            reason: 'share the finished work',
          },
        ],
        human_steps: [],
      };
    }
    case 'payment_received': {
      const invoice = findInvoiceNumber(facts.text);
      if (!invoice && !facts.client) return { actions: [notify(`A payment was reported by ${who}, but not for which invoice.`)], human_steps: ['Record the payment against the right invoice'] };
      if (foreign) return { actions: [notify(`A payment of ${money(foreign, currency)} was reported, but the books are kept in ${currency}.`)], human_steps: ['Record the payment'] };
      const params = { ...(invoice ? { invoice } : { client: facts.client }), ...(m ? { amount: m.amount } : {}) };
      return { actions: [{ skill: 'odoo_register_payment', params, reason: 'payment received' }], human_steps: [] };
    }
    case 'expense_paid': {
      if (!m) return { actions: [notify(`An expense was reported in "${input.task.title}", but no amount could be read.`)], human_steps: ['Record the expense'] };
      if (foreign) return { actions: [notify(`An expense of ${money(foreign, currency)} was reported, but the books are kept in ${currency}.`)], human_steps: ['Record the expense'] };
      const vendor = findVendor(facts.text, input.task.from ? { from: input.task.from } : undefined);
      const description = workDescription({ ...facts, project: null }).slice(0, 200);
      return { actions: [{ skill: 'odoo_log_expense', params: { amount: m.amount, category: expenseCategory(facts.text), description, ...(vendor ? { vendor } : {}) }, reason: 'expense paid' }], human_steps: [] };
    }
    case 'bill_due': {
      const amount = m ? ` of ${money(m, currency)}` : '';
      return { actions: [notify(`A bill${amount} from ${who} waits to be paid (${input.task.title}).`)], human_steps: [`Pay the bill${amount} from ${who}, then record it as an expense`] };
    }
    case 'quote_request':
      return { actions: [notify(`${who} asks for a quote${m ? ` (budget about ${money(m, currency)})` : ''}.`)], human_steps: [`Prepare the quote for ${facts.client ?? who} and send it`] };
    case 'meeting':
      return { actions: [notify(`${who} would like to meet (${input.task.title}).`)], human_steps: [`Answer ${who} about the meeting`] };
    case 'informational':
      return { actions: [{ skill: 'vault_move_task', params: { to: 'done', reason: `nothing to do (${facts.cue ?? 'for information'})` }, reason: 'for information only' }], human_steps: [] };
    case 'unknown':
      return { actions: [notify(`New task for you: ${input.task.title}`)], human_steps: ['Decide what to do, and do it or hand it over'] };
  }
}

export class RulesReasoner implements Reasoner {
  readonly kind = 'rules';

  reason(input: ReasonInput): Promise<Reasoning> {
    if (input.task.overdueInvoice) return Promise.resolve(overdueInvoicePlan(input.task.overdueInvoice, input.handbook.currency));
    const text = `${input.task.title}\n${input.task.body}`;
    const notes: string[] = [];
    const hostile = isHostileInstruction(text);
    if (hostile) notes.push(`The message contains "${hostile}", which tries to steer the employee; it was read as data and ignored.`);
    const { intent, cue } = classifyIntent(text);
    const mentions = findMoney(text, input.handbook.currency);
    const facts: Facts = { intent, cue, money: mentions[0] ?? null, client: findClient(text, input.task.from ? { from: input.task.from } : undefined), project: findProject(text), text: input.task.body || input.task.title };
    const { actions, human_steps } = actionsFor(facts, input);
    const context: AgentPlan['context'] = {};
    // The other party is a client only when money comes from them (a vendor is not a client).
    if (facts.client && CLIENT_INTENTS.has(intent)) context.client_name = facts.client;
    if (facts.money) {
      context.amount = facts.money.amount;
      context.currency = facts.money.currency ?? input.handbook.currency;
    }
    if (facts.project) context.project = facts.project;
    const summary = `${intent.replace(/_/g, ' ')}${cue ? ` ("${cue}")` : ''}${facts.client ? `, ${facts.client}` : ''}${facts.money ? `, ${money(facts.money, input.handbook.currency)}` : ''}`;
    return Promise.resolve({ plan: { intent, summary, context, actions, human_steps }, reasoner: 'rules', notes });
  }
}

/** One of our invoices is overdue: tell the owner and leave the reminder to them (e-mail comes with the mail integration). */
function overdueInvoicePlan(invoice: NonNullable<ReasonInput['task']['overdueInvoice']>, fallbackCurrency: string): Reasoning {
  const amount = `${formatAmount(invoice.amountDue)} ${invoice.currency || fallbackCurrency}`;
  return {
    plan: {
      intent: 'invoice_overdue',
      summary: `invoice ${invoice.number} to ${invoice.client} is ${invoice.daysOverdue} days overdue (${amount} due)`,
      context: { client_name: invoice.client, amount: invoice.amountDue, ...(invoice.currency ? { currency: invoice.currency } : {}) },
      actions: [notify(`Invoice ${invoice.number} to ${invoice.client} is ${invoice.daysOverdue} days overdue: ${amount} still to be paid.`, invoice.daysOverdue > 30 ? 'high' : 'normal')],
      human_steps: [`Send ${invoice.client} a payment reminder for ${invoice.number} (${amount})`, 'Mark it paid when the money arrives (ai-employee accounting pay)'],
    },
    reasoner: 'rules',
    notes: [],
  };
}
