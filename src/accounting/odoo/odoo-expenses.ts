/**
 * An expense that is already paid, kept in Odoo as either a vendor bill
 * (`account.move`, `in_invoice`: posted, then paid in full) or an
 * `hr.expense` record when the Expenses app is used. Each step is
 * idempotent by the key, so logging the same expense again (after a crash
 * half way) finishes it instead of making a second one.
 */
import { AccountingError } from '../accounting-error';
import type { Expense, LogExpenseResult } from '../accounting-port';
import type { CheckedExpenseInput } from './odoo-input';
import { createOnce } from './odoo-idempotent-create';
import { findMoveByRef, moveNumber, searchMoves } from './odoo-invoices';
import { ensurePartner, findByName } from './odoo-partners';
import { registerMovePayment } from './odoo-payments';
import type { OdooRpc } from './odoo-rpc';
import { day, many2one, money, recordId, recordList, text, type OdooDomain, type OdooRecord } from './odoo-records';

const SETTLED: ReadonlySet<unknown> = new Set(['paid', 'in_payment', 'reversed']);

/** The expense account named like the category, else the first expense account by code. */
export async function expenseAccount(rpc: OdooRpc, category: string): Promise<number> {
  // Deprecated accounts (≤ 18) refuse new lines; 19 archives them instead, which search leaves out.
  const expense: OdooDomain = [['account_type', '=', 'expense'], ...(rpc.version.major <= 18 ? [['deprecated', '=', false] as [string, string, unknown]] : [])];
  const named = await findByName(rpc, 'account.account', category, { domain: expense, order: 'code' });
  if (named) return recordId(named);
  const [first] = recordList(
    await rpc.call('account.account', 'search_read', null, { domain: expense, fields: ['id', 'name'], limit: 1, order: 'code' }),
    'the expense account search',
  );
  if (!first) {
    throw new AccountingError('validation', 'Odoo has no expense account to book the expense on.', {
      hint: 'Install a chart of accounts in Odoo (Accounting → Configuration → Settings).',
    });
  }
  return recordId(first);
}

function billExpense(bill: OdooRecord, input: CheckedExpenseInput): Expense {
  return {
    id: String(recordId(bill)),
    number: moveNumber(bill),
    date: day(bill.invoice_date) ?? input.date,
    amount: money(bill.amount_total),
    currency: many2one(bill.currency_id)?.name ?? '',
    category: input.category,
    description: input.description,
    vendor: many2one(bill.partner_id)?.name ?? input.vendor,
    idempotencyKey: text(bill.ref),
  };
}

/** Vendor bill: find by key or create; then post it and pay it in full, each only if not done yet. */
export async function logVendorBill(rpc: OdooRpc, input: CheckedExpenseInput): Promise<LogExpenseResult> {
  let bill = await findMoveByRef(rpc, input.key, 'in_invoice');
  const created = bill === null;
  if (bill === null) {
    const partnerId = await ensurePartner(rpc, input.vendor, 'vendor');
    const accountId = await expenseAccount(rpc, input.category);
    const vals = {
      move_type: 'in_invoice',
      partner_id: partnerId,
      invoice_date: input.date,
      invoice_date_due: input.date,
      ref: input.key,
      invoice_line_ids: [[0, 0, { name: input.description, quantity: 1, price_unit: input.amount, account_id: accountId, tax_ids: [[6, 0, []]] }]],
    };
    const id = await createOnce(rpc, 'account.move', vals, async () => {
      const found = await findMoveByRef(rpc, input.key, 'in_invoice');
      return found ? recordId(found) : null;
    });
    bill = await readBill(rpc, id);
  }
  if (bill.state === 'draft') {
    await rpc.call('account.move', 'action_post', [recordId(bill)], {});
    bill = await readBill(rpc, recordId(bill));
  }
  if (bill.state === 'posted' && !SETTLED.has(bill.payment_state) && money(bill.amount_residual) > 0) {
    await registerMovePayment(rpc, { moveId: recordId(bill), amount: money(bill.amount_residual), date: input.date });
    bill = await readBill(rpc, recordId(bill));
  }
  return { expense: billExpense(bill, input), created };
}

async function readBill(rpc: OdooRpc, id: number): Promise<OdooRecord> {
  const [bill] = await searchMoves(rpc, [['id', '=', id]], 1);
  if (!bill) throw new AccountingError('not_found', `Odoo has no vendor bill with id ${id}.`);
  return bill;
}

/** `unsupported` unless the Expenses app is installed. */
export async function requireExpensesApp(rpc: OdooRpc): Promise<void> {
  const modules = recordList(
    await rpc.call('ir.module.module', 'search_read', null, {
      domain: [['name', '=', 'hr_expense'], ['state', '=', 'installed']],
      fields: ['id', 'name', 'state'],
      limit: 1,
    }),
    'the module search',
  );
  if (modules.length === 0) {
    throw new AccountingError('unsupported', 'The Expenses app (hr_expense) is not installed in this Odoo, so expenses cannot be kept as employee expenses.', {
      hint: 'Install the Expenses app in Odoo, or set the expense record to vendor bills in the settings.',
    });
  }
}

/** The amount fields: 16 has `unit_amount`/`total_amount`; 17 renamed them `price_unit`/`total_amount_currency`. */
export function expenseAmountFields(major: number): { unit: string; total: string } {
  return major <= 16 ? { unit: 'unit_amount', total: 'total_amount' } : { unit: 'price_unit', total: 'total_amount_currency' };
}

function expenseFields(major: number): string[] {
  return ['id', 'name', 'date', 'description', 'currency_id', 'employee_id', expenseAmountFields(major).total];
}

/**
 * `hr.expense` has no field for an outside reference on every version, so
 * the key is kept in the internal notes, in words a person can read.
 */
export function expenseKeyNote(key: string): string {
  return `Logged by AI Employee, idempotency key ${key}`;
}

async function findExpense(rpc: OdooRpc, key: string): Promise<OdooRecord | null> {
  const [found] = recordList(
    await rpc.call('hr.expense', 'search_read', null, {
      domain: [['description', '=', expenseKeyNote(key)]],
      fields: expenseFields(rpc.version.major),
      limit: 1,
      order: 'id',
    }),
    'the hr.expense search',
  );
  return found ?? null;
}

/** The logged-in user's employee, whom Odoo requires on every expense. */
async function ownEmployee(rpc: OdooRpc): Promise<number> {
  const [employee] = recordList(
    await rpc.call('hr.employee', 'search_read', null, { domain: [['user_id', '=', rpc.uid]], fields: ['id', 'name'], limit: 1 }),
    'the employee search',
  );
  if (!employee) {
    throw new AccountingError('validation', `The Odoo user (id ${rpc.uid}) has no employee, and Odoo needs one to record an expense.`, {
      hint: 'Link the user to an employee in Odoo (Employees → the employee → Related User).',
    });
  }
  return recordId(employee);
}

/** The expense category: an expensable product named like it, else the matching expense account. */
async function expenseCategory(rpc: OdooRpc, category: string): Promise<Record<string, number>> {
  const product = await findByName(rpc, 'product.product', category, { domain: [['can_be_expensed', '=', true]] });
  if (product) return { product_id: recordId(product) };
  return { account_id: await expenseAccount(rpc, category) };
}

/** Expenses app: an `hr.expense` paid by the company, found again by the key in its notes. */
export async function logHrExpense(rpc: OdooRpc, input: CheckedExpenseInput): Promise<LogExpenseResult> {
  await requireExpensesApp(rpc);
  const major = rpc.version.major;
  const { unit, total } = expenseAmountFields(major);
  let record = await findExpense(rpc, input.key);
  const created = record === null;
  if (record === null) {
    const vals = {
      name: input.description,
      date: input.date,
      description: expenseKeyNote(input.key),
      employee_id: await ownEmployee(rpc),
      payment_mode: 'company_account',
      quantity: 1,
      [unit]: input.amount,
      // 17+ computes the unit price from the total when no product sets it.
      ...(major >= 17 ? { [total]: input.amount } : {}),
      ...(await expenseCategory(rpc, input.category)),
    };
    const id = await createOnce(rpc, 'hr.expense', vals, async () => {
      const found = await findExpense(rpc, input.key);
      return found ? recordId(found) : null;
    });
    const [read] = recordList(await rpc.call('hr.expense', 'read', [id], { fields: expenseFields(major) }), 'the hr.expense read');
    if (!read) throw new AccountingError('not_found', `Odoo has no expense with id ${id}.`);
    record = read;
  }
  return {
    expense: {
      id: String(recordId(record)),
      number: null,
      date: day(record.date) ?? input.date,
      amount: money(record[total]),
      currency: many2one(record.currency_id)?.name ?? '',
      category: input.category,
      description: text(record.name) ?? input.description,
      vendor: input.vendor,
      idempotencyKey: input.key,
    },
    created,
  };
}
