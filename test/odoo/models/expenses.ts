/**
 * `hr.expense` (with `hr.employee` and `product.product`), present only when
 * the hr_expense app is installed. Odoo 16 names the amounts `unit_amount` /
 * `total_amount`; 17+ `price_unit` / `total_amount_currency`, so a client
 * using the other version's names gets Odoo's Invalid field error.
 */
import type { Env } from '../env';
import type { FakeOdooMajor } from '../fake-odoo-types';
import { valsList } from '../base-methods';
import { defineModel, f } from '../model-kit';
import type { FieldDef, MethodCall, ModelDef } from '../model';
import { createRecord, writeRecords } from '../orm';
import { round2 } from './move-logic';
import { text } from '../domain';

function employeeModel(version: FakeOdooMajor): ModelDef {
  return defineModel(version, {
    name: 'hr.employee',
    description: 'Employee',
    order: 'name',
    fields: {
      name: f.char('Employee Name', { required: true }),
      user_id: f.m2o('User', 'res.users'),
      work_email: f.char('Work Email'),
      company_id: f.m2o('Company', 'res.company'),
      active: f.bool('Active'),
    },
    displayName: (row) => String(row.name),
  });
}

/** `product.product` exists whenever accounting does (account depends on product). */
export function productModel(version: FakeOdooMajor): ModelDef {
  return defineModel(version, {
    name: 'product.product',
    description: 'Product Variant',
    order: 'default_code, name, id',
    fields: {
      name: f.char('Name', { required: true }),
      default_code: f.char('Internal Reference'),
      can_be_expensed: f.bool('Can be Expensed'),
      standard_price: f.float('Cost', { aggregator: undefined }),
      property_account_expense_id: f.m2o('Expense Account', 'account.account'),
      active: f.bool('Active'),
    },
    displayName: (row) => (row.default_code ? `[${text(row.default_code)}] ${text(row.name)}` : text(row.name)),
  });
}

export function expenseModels(version: FakeOdooMajor): ModelDef[] {
  const employee = employeeModel(version);
  const amounts: Record<string, FieldDef> =
    version === 16
      ? { unit_amount: f.float('Unit Price', { aggregator: undefined }), total_amount: f.money('Total'), total_amount_company: f.money('Total (Company Currency)') }
      : { price_unit: f.float('Unit Price', { aggregator: undefined }), total_amount_currency: f.money('Total'), total_amount: f.money('Total In Company Currency') };
  const expense = defineModel(version, {
    name: 'hr.expense',
    description: 'Expense',
    order: 'date desc, id desc',
    fields: {
      name: f.char('Description', { required: true }),
      date: f.date('Expense Date'),
      employee_id: f.m2o('Employee', 'hr.employee', { required: true }),
      product_id: f.m2o('Category', 'product.product'),
      account_id: f.m2o('Account', 'account.account'),
      description: f.text('Internal Notes'),
      quantity: f.float('Quantity', { aggregator: undefined }),
      ...amounts,
      currency_id: f.m2o('Currency', 'res.currency'),
      company_id: f.m2o('Company', 'res.company'),
      payment_mode: f.select('Paid By', [
        ['own_account', 'Employee (to reimburse)'],
        ['company_account', 'Company'],
      ]),
      state: f.select('Status', [
        ['draft', 'To Report'],
        ['reported', 'To Submit'],
        ['submitted', 'Submitted'],
        ['approved', 'Approved'],
        ['done', 'Done'],
        ['refused', 'Refused'],
      ]),
    },
    displayName: (row) => String(row.name),
    defaults: (call) => {
      const employeeRow = call.env.table('hr.employee').all().find((e) => e.user_id === call.uid);
      return { date: call.env.today(), quantity: 1, currency_id: 1, company_id: 1, payment_mode: 'own_account', state: 'draft', employee_id: employeeRow?.id ?? false, account_id: call.env.chart.expense };
    },
    methods: {
      create: {
        qualname: 'HrExpense.create',
        params: [{ name: 'vals_list', required: true }],
        api: 'model_create',
        run: (call) => valsList(call.args.vals_list).map((vals) => createExpense(call, vals)),
      },
      write: {
        qualname: 'HrExpense.write',
        params: [{ name: 'vals', required: true }],
        api: 'multi',
        run: (call) => {
          writeRecords(call.env, call.model, call.ids, call.args.vals, call.uid);
          for (const id of call.ids) syncTotals(call.env, id, call.args.vals as Record<string, unknown>);
          return true;
        },
      },
    },
  });
  return [employee, expense];
}

/** The unit and total fields of this version. */
function amountFields(env: Env): { unit: string; total: string } {
  return env.version === 16 ? { unit: 'unit_amount', total: 'total_amount' } : { unit: 'price_unit', total: 'total_amount_currency' };
}

function createExpense(call: MethodCall, vals: Record<string, unknown>): number {
  const { env } = call;
  const withProductAccount = { ...vals };
  if (typeof vals.product_id === 'number' && vals.account_id === undefined) {
    const account = env.row('product.product', vals.product_id)?.property_account_expense_id;
    if (typeof account === 'number') withProductAccount.account_id = account;
  }
  const row = createRecord(env, call.model, withProductAccount, call.model.defaults?.(call) ?? {});
  syncTotals(env, row.id, vals);
  return row.id;
}

/** Total = quantity × unit price; a total given without a unit price sets the unit price (17+ "no product" expenses). */
function syncTotals(env: Env, id: number, vals: Record<string, unknown>): void {
  const table = env.table('hr.expense');
  const row = table.get(id);
  if (!row) return;
  const { unit, total } = amountFields(env);
  const quantity = typeof row.quantity === 'number' && row.quantity !== 0 ? row.quantity : 1;
  let unitPrice = typeof row[unit] === 'number' ? row[unit] : 0;
  if (vals[unit] === undefined && typeof vals[total] === 'number') unitPrice = round2(vals[total] / quantity);
  const amount = round2(quantity * unitPrice);
  const company = env.version === 16 ? 'total_amount_company' : 'total_amount';
  table.update(id, { quantity, [unit]: unitPrice, [total]: amount, [company]: amount });
}

export function seedEmployees(env: Env): void {
  env.table('hr.employee').insert({ name: 'Mitchell Admin', user_id: 2, work_email: 'admin@yourcompany.example.com', company_id: 1, active: true });
}

export function seedProducts(env: Env): void {
  const products = env.table('product.product');
  const account = (code: string): number => env.table('account.account').all().find((a) => a.code === code)?.id ?? env.chart.expense;
  products.insert({ name: 'Expenses', default_code: 'EXP_GEN', can_be_expensed: true, standard_price: 0, property_account_expense_id: account('600000'), active: true });
  products.insert({ name: 'Travel', default_code: 'TRANS & ACC', can_be_expensed: true, standard_price: 0, property_account_expense_id: account('624000'), active: true });
  products.insert({ name: 'Software', default_code: 'SOFT', can_be_expensed: true, standard_price: 0, property_account_expense_id: account('626000'), active: true });
}
