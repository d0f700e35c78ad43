/**
 * The reports, from posted journal items (`account.move.line`) summed on the
 * server. Each report makes a fixed number of calls, so a company with ten
 * thousand invoices costs the same round trips as one with ten.
 *
 * Signs: `balance` is debit − credit, so income is negative (revenue is
 * −balance) and expenses, cash and receivables are positive.
 */
import { AGING_BUCKETS, NO_PROJECT, revenueLines, type AgingBucket, type AmountByName, type DateRange, type RevenueLine } from '../accounting-port';
import { addDays } from '../dates';
import { roundMoney, sumMoney } from '../money';
import { groupSums, type GroupRow } from './odoo-grouping';
import type { OdooRpc } from './odoo-rpc';
import { many2one, recordId, recordList, text, type OdooDomain } from './odoo-records';

export const INCOME_TYPES = ['income', 'income_other'];
export const EXPENSE_TYPES = ['expense', 'expense_depreciation', 'expense_direct_cost'];
const NO_CLIENT = '(no client)';

const POSTED: [string, string, unknown] = ['parent_state', '=', 'posted'];

function inRange(field: string, range: DateRange): OdooDomain {
  return [
    [field, '>=', range.from],
    [field, '<=', range.to],
  ];
}

/** −amount, without JavaScript's −0 (which would print and compare as a different zero). */
function negate(amount: number): number {
  return roundMoney(0 - amount);
}

function sumOf(rows: GroupRow[], field: string, pick: (row: GroupRow) => boolean = () => true): number {
  return sumMoney(rows.filter(pick).map((row) => row.sums[field] ?? 0));
}

/** Largest first, then by name; zero amounts (e.g. an invoice and its credit note) are left out. */
function ranked(totals: Map<string, number[]>): AmountByName[] {
  return [...totals]
    .map(([name, amounts]) => ({ name, amount: sumMoney(amounts) }))
    .filter((entry) => entry.amount !== 0)
    .sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name));
}

function add(totals: Map<string, number[]>, name: string, amount: number): void {
  const list = totals.get(name);
  if (list) list.push(amount);
  else totals.set(name, [amount]);
}

/** Account names without their codes ("Bank", not "101401 Bank"), read in one call. */
export async function accountNames(rpc: OdooRpc, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const records = recordList(await rpc.call('account.account', 'read', ids, { fields: ['id', 'name'] }), 'the account read');
  return new Map(records.map((record) => [recordId(record), text(record.name) ?? String(recordId(record))]));
}

/** Rows keyed by `account_id`, named by account, largest first. */
async function byAccount(rpc: OdooRpc, rows: GroupRow[], sign: 1 | -1): Promise<AmountByName[]> {
  const accounts = rows.map((row) => many2one(row.key[0]));
  const names = await accountNames(rpc, [...new Set(accounts.flatMap((account) => (account ? [account.id] : [])))]);
  const totals = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const account = accounts[i];
    const name = account ? (names.get(account.id) ?? account.name) : '(no account)';
    add(totals, name, sign === 1 ? (row.sums.balance ?? 0) : negate(row.sums.balance ?? 0));
  });
  return ranked(totals);
}

export interface ProfitAndLossFigures {
  revenue: number;
  expenses: number;
}

export async function profitAndLoss(rpc: OdooRpc, range: DateRange): Promise<ProfitAndLossFigures> {
  const rows = await groupSums(rpc, {
    model: 'account.move.line',
    domain: [POSTED, ...inRange('date', range), ['account_type', 'in', [...INCOME_TYPES, ...EXPENSE_TYPES]]],
    groupby: ['account_type'],
    sum: ['balance'],
  });
  const ofTypes = (types: string[]) => (row: GroupRow) => types.includes(row.key[0] as string);
  return {
    revenue: negate(sumOf(rows, 'balance', ofTypes(INCOME_TYPES))),
    expenses: sumOf(rows, 'balance', ofTypes(EXPENSE_TYPES)),
  };
}

/**
 * Money in bank and cash accounts, plus payments registered but not yet
 * matched to a bank statement: those sit on the journals' outstanding
 * receipts/payments accounts (the payment method lines' `payment_account_id`).
 */
export async function cashPosition(rpc: OdooRpc, asOf: string): Promise<AmountByName[]> {
  const methodLines = recordList(
    await rpc.call('account.payment.method.line', 'search_read', null, {
      domain: [['payment_account_id', '!=', false]],
      fields: ['id', 'payment_account_id'],
    }),
    'the payment method lines',
  );
  const outstanding = [...new Set(methodLines.flatMap((line) => many2one(line.payment_account_id)?.id ?? []))];
  const accounts: OdooDomain = outstanding.length
    ? ['|', ['account_type', '=', 'asset_cash'], ['account_id', 'in', outstanding]]
    : [['account_type', '=', 'asset_cash']];
  const rows = await groupSums(rpc, {
    model: 'account.move.line',
    domain: [POSTED, ['date', '<=', asOf], ...accounts],
    groupby: ['account_id'],
    sum: ['balance'],
  });
  return byAccount(rpc, rows, 1);
}

/** The `date_maturity` condition of each bucket, measured back from `asOf`. */
export function bucketDomain(bucket: AgingBucket, asOf: string): OdooDomain {
  const daysBack = (n: number) => addDays(asOf, -n);
  switch (bucket) {
    case 'current':
      return ['|', ['date_maturity', '=', false], ['date_maturity', '>=', asOf]];
    case '1-30':
      return [['date_maturity', '<', asOf], ['date_maturity', '>=', daysBack(30)]];
    case '31-60':
      return [['date_maturity', '<', daysBack(30)], ['date_maturity', '>=', daysBack(60)]];
    case '61-90':
      return [['date_maturity', '<', daysBack(60)], ['date_maturity', '>=', daysBack(90)]];
    case '90+':
      return [['date_maturity', '<', daysBack(90)]];
  }
}

/** One grouped call per bucket (five in all): what customers still owe, by days past due. */
export async function receivablesAging(rpc: OdooRpc, asOf: string): Promise<Record<AgingBucket, number>> {
  const base: OdooDomain = [
    POSTED,
    ['account_type', '=', 'asset_receivable'],
    ['reconciled', '=', false],
    ['amount_residual', '!=', 0],
    ['date', '<=', asOf],
  ];
  const sums = await Promise.all(
    AGING_BUCKETS.map(async (bucket) => {
      const rows = await groupSums(rpc, {
        model: 'account.move.line',
        domain: [...base, ...bucketDomain(bucket, asOf)],
        groupby: ['account_type'],
        sum: ['amount_residual'],
      });
      return sumOf(rows, 'amount_residual');
    }),
  );
  const buckets = {} as Record<AgingBucket, number>;
  AGING_BUCKETS.forEach((bucket, i) => (buckets[bucket] = sums[i] ?? 0));
  return buckets;
}

export async function revenueByClient(rpc: OdooRpc, range: DateRange): Promise<AmountByName[]> {
  const rows = await groupSums(rpc, {
    model: 'account.move.line',
    domain: [POSTED, ...inRange('date', range), ['account_type', 'in', INCOME_TYPES]],
    groupby: ['partner_id'],
    sum: ['balance'],
  });
  const totals = new Map<string, number[]>();
  for (const row of rows) add(totals, many2one(row.key[0])?.name ?? NO_CLIENT, negate(row.sums.balance ?? 0));
  return ranked(totals);
}

/** Posted customer invoices and credit notes dated in the range (`amount_untaxed_signed` is negative on a credit note). */
function salesDomain(range: DateRange): OdooDomain {
  return [['state', '=', 'posted'], ['move_type', 'in', ['out_invoice', 'out_refund']], ...inRange('date', range)];
}

/** The project of an `invoice_origin` group key; null when empty (`false`, or blank text). */
function projectOf(origin: unknown): string | null {
  return typeof origin === 'string' && origin.trim() !== '' ? origin.trim() : null;
}

/** Invoices (less credit notes) by `invoice_origin`, the project the invoice was made for. */
export async function revenueByProject(rpc: OdooRpc, range: DateRange): Promise<AmountByName[]> {
  const rows = await groupSums(rpc, {
    model: 'account.move',
    domain: salesDomain(range),
    groupby: ['invoice_origin'],
    sum: ['amount_untaxed_signed'],
  });
  const totals = new Map<string, number[]>();
  for (const row of rows) add(totals, projectOf(row.key[0]) ?? NO_PROJECT, row.sums.amount_untaxed_signed ?? 0);
  return ranked(totals);
}

/**
 * The sums of {@link revenueByProject}, grouped on the server by client and
 * project at once: one call, one row per pair. The client is the invoice's
 * commercial partner (the company, for an invoice sent to one of its
 * contacts), the partner Odoo writes on the journal items that
 * {@link revenueByClient} groups, so each client's lines add up to its figure
 * there.
 */
export async function revenueByClientAndProject(rpc: OdooRpc, range: DateRange): Promise<RevenueLine[]> {
  const rows = await groupSums(rpc, {
    model: 'account.move',
    domain: salesDomain(range),
    groupby: ['commercial_partner_id', 'invoice_origin'],
    sum: ['amount_untaxed_signed'],
  });
  return revenueLines(
    rows.map((row) => ({
      client: many2one(row.key[0])?.name ?? NO_CLIENT,
      project: projectOf(row.key[1]),
      amount: row.sums.amount_untaxed_signed ?? 0,
    })),
  );
}

export async function expensesByCategory(rpc: OdooRpc, range: DateRange): Promise<AmountByName[]> {
  const rows = await groupSums(rpc, {
    model: 'account.move.line',
    domain: [POSTED, ...inRange('date', range), ['account_type', 'in', EXPENSE_TYPES]],
    groupby: ['account_id'],
    sum: ['balance'],
  });
  return byAccount(rpc, rows, 1);
}
