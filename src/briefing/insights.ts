/**
 * Recommendations for next week, by plain rules over the collected figures:
 * chase overdue invoices, look at expense categories that grew more than
 * 20 %, review recurring subscriptions found in the expenses, remedy the
 * week's bottlenecks, and watch the month's revenue against the target.
 */
import type { Expense } from '../accounting/accounting-port';
import { sumMoney } from '../accounting/money';
import type { BriefingWeek, FinanceSection, Insight, TaskSection } from './briefing-data';
import { money, pct } from './render/format-money';

export interface OverdueInvoice {
  number: string;
  client: string;
  amountDue: number;
  days: number;
}

export interface InsightInput {
  week: BriefingWeek;
  finance: FinanceSection | null;
  tasks: TaskSection | null;
  overdue: OverdueInvoice[];
  /** The expenses of the last three months up to the week's end, or null when they could not be read. */
  recentExpenses: Expense[] | null;
  currency: string;
  locale: string;
}

/** A category growing by more than this (percent) week on week is worth a look. */
export const EXPENSE_GROWTH_PCT = 20;
const SUBSCRIPTION_WORDS = /\b(subscriptions?|monthly|renewals?|licen[cs]es?|saas|membership|hosting|plan)\b/i;

export function findInsights(input: InsightInput): Insight[] {
  const m = (n: number) => money(n, input.currency, input.locale);
  return [...overdue(input, m), ...expenseGrowth(input, m), ...subscriptions(input, m), ...bottlenecks(input.tasks), ...target(input, m)];
}

function overdue(input: InsightInput, m: (n: number) => string): Insight[] {
  const sorted = [...input.overdue].sort((a, b) => b.days - a.days);
  const out: Insight[] = sorted.slice(0, 3).map((i) => ({ kind: 'overdue', text: `Follow up with ${i.client} on ${i.number}: ${m(i.amountDue)}, ${i.days} days overdue.` }));
  const rest = sorted.slice(3);
  if (rest.length) out.push({ kind: 'overdue', text: `${rest.length} more overdue ${rest.length === 1 ? 'invoice' : 'invoices'} (${m(sumMoney(rest.map((i) => i.amountDue)))}) wait for a reminder too.` });
  return out;
}

function expenseGrowth(input: InsightInput, m: (n: number) => string): Insight[] {
  if (!input.finance) return [];
  return input.finance.expenses.byCategory
    .filter((c) => c.previous > 0 && c.changePct !== null && c.changePct > EXPENSE_GROWTH_PCT)
    .map((c) => ({ kind: 'expense-growth', text: `${c.name} spending rose ${pct(c.changePct, input.locale).replace(/^\+/, '')} (${m(c.previous)} → ${m(c.amount)}); check it was planned.` }));
}

/** Expenses that come back: the same payee and amount in two or more months, or words like "subscription". */
export function recurringExpenses(expenses: Expense[]): Array<{ name: string; amount: number; count: number; since: string }> {
  const groups = new Map<string, Expense[]>();
  for (const e of expenses) {
    const name = (e.vendor ?? e.description).trim().toLowerCase().replace(/\s+/g, ' ');
    const key = `${name}|${Math.round(e.amount)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out: Array<{ name: string; amount: number; count: number; since: string }> = [];
  for (const list of groups.values()) {
    const first = list[0];
    if (!first) continue;
    const months = new Set(list.map((e) => e.date.slice(0, 7)));
    if (months.size < 2 && !SUBSCRIPTION_WORDS.test(`${first.description} ${first.category}`)) continue;
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    out.push({ name: first.vendor ?? first.description, amount: sorted[sorted.length - 1]?.amount ?? first.amount, count: list.length, since: sorted[0]?.date ?? first.date });
  }
  return out.sort((a, b) => b.amount - a.amount);
}

function subscriptions(input: InsightInput, m: (n: number) => string): Insight[] {
  if (!input.recentExpenses) return [];
  const found = recurringExpenses(input.recentExpenses);
  if (found.length === 0) return [];
  const named = found.slice(0, 3).map((r) => `${r.name} (${m(r.amount)}, ${r.count} ${r.count === 1 ? 'payment' : 'payments'} since ${r.since})`);
  const more = found.length > 3 ? ` and ${found.length - 3} more` : '';
  return [{ kind: 'subscription', text: `Recurring costs: ${named.join(', ')}${more}. Check you still use each one.` }];
}

function bottlenecks(tasks: TaskSection | null): Insight[] {
  if (!tasks || tasks.bottlenecks.length === 0) return [];
  const groups: Array<{ test: RegExp; text: (n: number, days: number) => string }> = [
    // `d` is the delay past the expected time (the table's Delay column), not the wait itself (its Root Cause).
    { test: /^Waiting for approval/, text: (n, d) => `${n} ${n === 1 ? 'task' : 'tasks'} ran ${d} ${d === 1 ? 'day' : 'days'} late in all, waiting for approval: decide requests daily, or raise approval_amount_threshold in Company_Handbook.md if such amounts are routine.` },
    { test: /^Waiting for your own steps/, text: (n, d) => `${n} ${n === 1 ? 'task' : 'tasks'} ran ${d} ${d === 1 ? 'day' : 'days'} late in all, waiting for your own steps: set time aside for them, or hand them to someone.` },
    { test: /^Retrying/, text: (n) => `The books could not be reached for ${n} ${n === 1 ? 'task' : 'tasks'}: run "ai-employee doctor" (or Test connection in the settings) to check the Odoo connection.` },
    { test: /^The employee stopped/, text: (n) => `The employee gave up on ${n} ${n === 1 ? 'task' : 'tasks'}: see the alerts on the dashboard and what the error log says.` },
  ];
  const out: Insight[] = [];
  for (const group of groups) {
    const hit = tasks.bottlenecks.filter((b) => group.test.test(b.rootCause));
    if (hit.length) out.push({ kind: 'bottleneck', text: group.text(hit.length, Math.round(hit.reduce((s, b) => s + b.delayDays, 0) * 10) / 10) });
  }
  return out;
}

function target(input: InsightInput, m: (n: number) => string): Insight[] {
  const mtd = input.finance?.monthToDate;
  if (!mtd || mtd.target === null || mtd.target <= 0 || mtd.pctOfTarget === null) return [];
  const [y, mo, d] = input.week.end.split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(y, mo, 0).getDate();
  const elapsed = Math.round((d / daysInMonth) * 100);
  if (mtd.pctOfTarget >= 100) return [{ kind: 'target', text: `The monthly revenue target is reached: ${m(mtd.revenue)} of ${m(mtd.target)}.` }];
  if (mtd.pctOfTarget + 10 >= elapsed) return [];
  return [{ kind: 'target', text: `Revenue is at ${mtd.pctOfTarget}% of the monthly target with ${elapsed}% of the month gone: ${m(mtd.target - mtd.revenue)} to go in ${daysInMonth - d} days.` }];
}
