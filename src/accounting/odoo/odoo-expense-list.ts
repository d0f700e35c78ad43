/**
 * The expenses of a date range, rebuilt the way `logExpense` returns them:
 * posted vendor bills (`in_invoice`), and, when the books keep expenses in
 * the Expenses app, the `hr.expense` records paid by the company. A fixed
 * number of calls however many expenses there are: one search per model,
 * then one read of the bills' lines, one of the expense products and one of
 * the accounts involved.
 */
import { compareExpenses, type DateRange, type Expense } from '../accounting-port';
import { expenseAmountFields, expenseKeyNote, requireExpensesApp } from './odoo-expenses';
import { moveNumber, searchMoves } from './odoo-invoices';
import { accountNames } from './odoo-reports';
import type { OdooRpc } from './odoo-rpc';
import { day, idList, many2one, money, recordId, recordList, text, type OdooDomain, type OdooRecord } from './odoo-records';

/** Where an expense sits when Odoo names neither an account nor a product. */
export const NO_ACCOUNT = '(no account)';

const LINE_FIELDS = ['id', 'name', 'account_id', 'display_type'];

/** Section and note lines carry no amount (older data leaves `display_type` empty on real lines). */
const AMOUNT_LINE_TYPES: ReadonlySet<unknown> = new Set(['product', false, undefined, null]);

/**
 * Posted bills, dated (bill date) in the range. A cancelled bill is not an
 * expense, nor one cancelled by a credit note (`reversed`), as the invoices
 * treat them.
 */
export function billDomain(range: DateRange): OdooDomain {
  return [
    ['move_type', '=', 'in_invoice'],
    ['state', '=', 'posted'],
    ['payment_state', '!=', 'reversed'],
    ['invoice_date', '>=', range.from],
    ['invoice_date', '<=', range.to],
  ];
}

/**
 * The Expenses app's records paid by the company (what `logExpense` makes),
 * not refused. Those an employee paid become a vendor bill when their report
 * is posted, so they are counted once, as that bill.
 */
export function hrExpenseDomain(range: DateRange): OdooDomain {
  return [
    ['payment_mode', '=', 'company_account'],
    ['state', '!=', 'refused'],
    ['date', '>=', range.from],
    ['date', '<=', range.to],
  ];
}

function hrExpenseFields(major: number): string[] {
  return ['id', 'name', 'date', 'description', 'currency_id', 'product_id', 'account_id', expenseAmountFields(major).total];
}

/** The key `logExpense` wrote into an expense's internal notes, or null. */
export function keyFromNote(note: unknown): string | null {
  const prefix = expenseKeyNote('');
  const value = text(note);
  if (value === null || !value.startsWith(prefix)) return null;
  return text(value.slice(prefix.length).trim());
}

export async function listExpenses(rpc: OdooRpc, range: DateRange, expenseRecord: 'vendor_bill' | 'hr_expense'): Promise<Expense[]> {
  if (expenseRecord === 'hr_expense') await requireExpensesApp(rpc);
  const bills = await searchMoves(rpc, billDomain(range), undefined, 'invoice_date, id');
  const expenses =
    expenseRecord === 'hr_expense'
      ? recordList(
          await rpc.call('hr.expense', 'search_read', null, { domain: hrExpenseDomain(range), fields: hrExpenseFields(rpc.version.major), order: 'date, id' }),
          'the hr.expense search',
        )
      : [];

  const lineIds = bills.flatMap((bill) => idList(bill.invoice_line_ids));
  const lines = lineIds.length
    ? recordList(await rpc.call('account.move.line', 'read', lineIds, { fields: LINE_FIELDS }), 'the bill lines read')
    : [];
  const linesById = new Map(lines.map((line) => [recordId(line), line]));
  const amountLines = (bill: OdooRecord) =>
    idList(bill.invoice_line_ids)
      .map((id) => linesById.get(id))
      .filter((line): line is OdooRecord => line !== undefined && AMOUNT_LINE_TYPES.has(line.display_type));

  const productIds = distinct(expenses.map((expense) => many2one(expense.product_id)?.id));
  const products = productIds.length
    ? recordList(await rpc.call('product.product', 'read', productIds, { fields: ['id', 'name'] }), 'the expense product read')
    : [];
  const productNames = new Map(products.map((product) => [recordId(product), text(product.name)]));

  const accountIds = distinct([
    ...bills.map((bill) => many2one(amountLines(bill)[0]?.account_id)?.id),
    ...expenses.filter((expense) => !many2one(expense.product_id)).map((expense) => many2one(expense.account_id)?.id),
  ]);
  const accounts = await accountNames(rpc, accountIds);
  const accountName = (value: unknown): string => {
    const account = many2one(value);
    return account ? (accounts.get(account.id) ?? account.name) : NO_ACCOUNT;
  };

  const total = expenseAmountFields(rpc.version.major).total;
  const fromBills = bills.map((bill) => listedBill(bill, amountLines(bill), accountName));
  const fromApp = expenses.map((expense): Expense => {
    const product = many2one(expense.product_id);
    const category = product ? (productNames.get(product.id) ?? product.name) : accountName(expense.account_id);
    return {
      id: String(recordId(expense)),
      number: null,
      date: day(expense.date) ?? '',
      amount: money(expense[total]),
      currency: many2one(expense.currency_id)?.name ?? '',
      category,
      description: text(expense.name) ?? category,
      // hr.expense keeps no vendor.
      vendor: null,
      idempotencyKey: keyFromNote(expense.description),
    };
  });
  return [...fromBills, ...fromApp].sort(compareExpenses);
}

/**
 * A bill as `logExpense` returns it: the category is the expense account of
 * its (first) line, the description that line's label; a bill made by hand
 * with several lines gives their labels together.
 */
function listedBill(bill: OdooRecord, lines: OdooRecord[], accountName: (value: unknown) => string): Expense {
  const category = accountName(lines[0]?.account_id ?? false);
  const labels = lines.flatMap((line) => text(line.name) ?? []);
  return {
    id: String(recordId(bill)),
    number: moveNumber(bill),
    date: day(bill.invoice_date) ?? day(bill.date) ?? '',
    amount: money(bill.amount_total),
    currency: many2one(bill.currency_id)?.name ?? '',
    category,
    description: labels.length ? labels.join('; ') : category,
    vendor: many2one(bill.partner_id)?.name ?? null,
    idempotencyKey: text(bill.ref),
  };
}

function distinct(ids: Array<number | undefined>): number[] {
  return [...new Set(ids.filter((id): id is number => id !== undefined))];
}
