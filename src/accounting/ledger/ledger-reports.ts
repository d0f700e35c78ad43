import {
  AGING_BUCKETS,
  NO_PROJECT,
  agingBucket,
  daysPastDue,
  revenueLines,
  type AgingBucket,
  type AmountByName,
  type CashPosition,
  type DateRange,
  type ProfitAndLoss,
  type ReceivablesAging,
  type RevenueLine,
} from '../accounting-port';
import { fromCents, sumMoney, toCents } from '../money';
import { paidSoFar, type LedgerExpense, type LedgerInvoice } from './ledger-records';

/**
 * The reports of AccountingPort over checked ledger records. Sums go through
 * integer cents (money.ts), so ten thousand invoices add up exactly.
 */

export const LEDGER_CASH_ACCOUNT = 'Ledger cash';

const inRange = (day: string, range: DateRange) => day >= range.from && day <= range.to;

/** Invoices that count as sales: posted (paid or not), not drafts and not cancelled. */
const isSale = (invoice: LedgerInvoice) => invoice.status === 'posted' || invoice.status === 'paid';

function salesIn(invoices: LedgerInvoice[], range: DateRange): LedgerInvoice[] {
  return invoices.filter((i) => isSale(i) && inRange(i.issued, range));
}

export function profitAndLoss(invoices: LedgerInvoice[], expenses: LedgerExpense[], range: DateRange, currency: string): ProfitAndLoss {
  const revenue = sumMoney(salesIn(invoices, range).map((i) => i.amount));
  const spent = sumMoney(expenses.filter((e) => inRange(e.date, range)).map((e) => e.amount));
  return { from: range.from, to: range.to, currency, revenue, expenses: spent, profit: fromCents(toCents(revenue) - toCents(spent)) };
}

export function cashPosition(invoices: LedgerInvoice[], expenses: LedgerExpense[], asOf: string, currency: string): CashPosition {
  let cents = 0;
  for (const invoice of invoices) for (const p of invoice.payments) if (p.date <= asOf) cents += toCents(p.amount);
  for (const expense of expenses) if (expense.date <= asOf) cents -= toCents(expense.amount);
  const balance = fromCents(cents);
  return { asOf, currency, balance, accounts: [{ name: LEDGER_CASH_ACCOUNT, amount: balance }] };
}

/** What each sale still owed on `asOf` (payments made later do not count), by days past due. */
export function receivablesAging(invoices: LedgerInvoice[], asOf: string, currency: string): ReceivablesAging {
  const cents = Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;
  for (const invoice of invoices) {
    if (!isSale(invoice) || invoice.issued > asOf) continue;
    const open = toCents(invoice.amount) - toCents(paidSoFar(invoice, asOf));
    if (open <= 0) continue;
    cents[agingBucket(daysPastDue(invoice.due, asOf))] += open;
  }
  const buckets = Object.fromEntries(AGING_BUCKETS.map((b) => [b, fromCents(cents[b])])) as Record<AgingBucket, number>;
  return { asOf, currency, buckets, total: fromCents(AGING_BUCKETS.reduce((sum, b) => sum + cents[b], 0)) };
}

/** Sums by name; largest first, then by name so equal amounts keep one order. */
export function totalsByName<T>(items: T[], name: (item: T) => string, amount: (item: T) => number): AmountByName[] {
  const cents = new Map<string, number>();
  for (const item of items) cents.set(name(item), (cents.get(name(item)) ?? 0) + toCents(amount(item)));
  return Array.from(cents, ([n, c]) => ({ name: n, amount: fromCents(c) })).sort(
    (a, b) => b.amount - a.amount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export function revenueByClient(invoices: LedgerInvoice[], range: DateRange): AmountByName[] {
  return totalsByName(salesIn(invoices, range), (i) => i.client, (i) => i.amount);
}

export function revenueByProject(invoices: LedgerInvoice[], range: DateRange): AmountByName[] {
  return totalsByName(salesIn(invoices, range), (i) => i.project ?? NO_PROJECT, (i) => i.amount);
}

/** The sales of the range by client and project, from the invoice notes (`project: null` when a note has none). */
export function revenueByClientAndProject(invoices: LedgerInvoice[], range: DateRange): RevenueLine[] {
  return revenueLines(salesIn(invoices, range).map((i) => ({ client: i.client, project: i.project, amount: i.amount })));
}

/** The expenses dated in the range (inclusive), in folder order. */
export function expensesIn(expenses: LedgerExpense[], range: DateRange): LedgerExpense[] {
  return expenses.filter((e) => inRange(e.date, range));
}

export function expensesByCategory(expenses: LedgerExpense[], range: DateRange): AmountByName[] {
  return totalsByName(expensesIn(expenses, range), (e) => e.category, (e) => e.amount);
}
