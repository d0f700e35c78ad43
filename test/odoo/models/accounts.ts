/**
 * The seeded chart of accounts, journals and payment method lines. Accounts
 * carry `company_id` up to 17 and `company_ids` from 18, as Odoo does, so a
 * client asking the wrong one gets Odoo's Invalid field error.
 */
import type { Env } from '../env';
import type { FakeOdooMajor } from '../fake-odoo-types';
import { defineModel, f } from '../model-kit';
import type { FieldDef, ModelDef } from '../model';
import type { Row } from '../store';

export const ACCOUNT_TYPES: Array<[string, string]> = [
  ['asset_receivable', 'Receivable'],
  ['asset_cash', 'Bank and Cash'],
  ['asset_current', 'Current Assets'],
  ['asset_non_current', 'Non-current Assets'],
  ['asset_prepayments', 'Prepayments'],
  ['asset_fixed', 'Fixed Assets'],
  ['liability_payable', 'Payable'],
  ['liability_credit_card', 'Credit Card'],
  ['liability_current', 'Current Liabilities'],
  ['liability_non_current', 'Non-current Liabilities'],
  ['equity', 'Equity'],
  ['equity_unaffected', 'Current Year Earnings'],
  ['income', 'Income'],
  ['income_other', 'Other Income'],
  ['expense', 'Expenses'],
  ['expense_depreciation', 'Depreciation'],
  ['expense_direct_cost', 'Cost of Revenue'],
  ['off_balance', 'Off-Balance Sheet'],
];

export function accountModels(version: FakeOdooMajor): ModelDef[] {
  const companyField: Record<string, FieldDef> =
    version >= 18 ? { company_ids: f.m2m('Companies', 'res.company') } : { company_id: f.m2o('Company', 'res.company', { required: true }) };
  const account = defineModel(version, {
    name: 'account.account',
    description: 'Account',
    accounting: true,
    order: version >= 18 ? 'code, placeholder_code' : 'is_off_balance, code, company_id',
    fields: {
      code: f.char('Code', { required: true }),
      name: f.char('Account Name', { required: true }),
      account_type: f.select('Type', ACCOUNT_TYPES, { required: true }),
      reconcile: f.bool('Allow Reconciliation'),
      currency_id: f.m2o('Account Currency', 'res.currency'),
      ...(version >= 18 ? { placeholder_code: { type: 'char', string: 'Display code', compute: (row: Row) => row.code } } : { is_off_balance: { type: 'boolean', string: 'Off Balance', compute: (row: Row) => row.account_type === 'off_balance' } }),
      ...(version <= 18 ? { deprecated: f.bool('Deprecated') } : { active: f.bool('Active') }),
      ...companyField,
    },
    displayName: (row) => `${String(row.code)} ${String(row.name)}`,
  });
  const journal = defineModel(version, {
    name: 'account.journal',
    description: 'Journal',
    accounting: true,
    order: 'sequence, type, code',
    fields: {
      name: f.char('Journal Name', { required: true }),
      code: f.char('Short Code', { required: true }),
      type: f.select('Type', [
        ['sale', 'Sales'],
        ['purchase', 'Purchase'],
        ['cash', 'Cash'],
        ['bank', 'Bank'],
        ['general', 'Miscellaneous'],
      ]),
      default_account_id: f.m2o('Default Account', 'account.account'),
      company_id: f.m2o('Company', 'res.company', { required: true }),
      currency_id: f.m2o('Currency', 'res.currency'),
      sequence: f.int('Sequence'),
      active: f.bool('Active'),
      inbound_payment_method_line_ids: f.o2m('Inbound Payment Methods', 'account.payment.method.line', 'journal_id', { keep: (row) => row.payment_type === 'inbound' }),
      outbound_payment_method_line_ids: f.o2m('Outbound Payment Methods', 'account.payment.method.line', 'journal_id', { keep: (row) => row.payment_type === 'outbound' }),
    },
    displayName: (row) => String(row.name),
  });
  const methodLine = defineModel(version, {
    name: 'account.payment.method.line',
    description: 'Payment Methods',
    accounting: true,
    order: 'sequence, id',
    indexes: ['journal_id'],
    fields: {
      name: f.char('Name'),
      payment_type: f.select('Payment Type', [
        ['inbound', 'Inbound'],
        ['outbound', 'Outbound'],
      ]),
      journal_id: f.m2o('Journal', 'account.journal'),
      payment_account_id: f.m2o('Outstanding Receipts/Payments Account', 'account.account'),
      sequence: f.int('Sequence'),
    },
    displayName: (row) => String(row.name),
  });
  return [account, journal, methodLine];
}

/** Ids of the seeded accounts and journals, for the models that default to them. */
export interface Chart {
  receivable: number;
  bank: number;
  cash: number;
  outstandingReceipts: number;
  outstandingPayments: number;
  payable: number;
  income: number;
  expense: number;
  saleJournal: number;
  purchaseJournal: number;
  bankJournal: number;
  cashJournal: number;
  miscJournal: number;
  inboundMethodLine: number;
  outboundMethodLine: number;
}

export function seedChart(env: Env): Chart {
  const accounts = env.table('account.account');
  const company = env.version >= 18 ? { company_ids: [1] } : { company_id: 1 };
  const status = env.version <= 18 ? { deprecated: false } : { active: true };
  const add = (code: string, name: string, account_type: string, reconcile = false): number =>
    accounts.insert({ code, name, account_type, reconcile, currency_id: false, ...company, ...status }).id;
  const chart = {
    bank: add('101401', 'Bank', 'asset_cash'),
    outstandingReceipts: add('101402', 'Outstanding Receipts', 'asset_current', true),
    outstandingPayments: add('101403', 'Outstanding Payments', 'asset_current', true),
    cash: add('101501', 'Cash', 'asset_cash'),
    receivable: add('121000', 'Account Receivable', 'asset_receivable', true),
    payable: add('211000', 'Account Payable', 'liability_payable', true),
    income: add('400000', 'Product Sales', 'income'),
    expense: add('600000', 'Expenses', 'expense'),
  };
  add('613000', 'Rent', 'expense');
  add('624000', 'Travel', 'expense');
  add('625000', 'Office Supplies', 'expense');
  add('626000', 'Software', 'expense');
  const journals = env.table('account.journal');
  const journal = (name: string, code: string, type: string, defaultAccount: number, sequence: number): number =>
    journals.insert({ name, code, type, default_account_id: defaultAccount, company_id: 1, currency_id: false, sequence, active: true }).id;
  const saleJournal = journal('Customer Invoices', 'INV', 'sale', chart.income, 5);
  const purchaseJournal = journal('Vendor Bills', 'BILL', 'purchase', chart.expense, 6);
  const bankJournal = journal('Bank', 'BNK1', 'bank', chart.bank, 10);
  const cashJournal = journal('Cash', 'CSH1', 'cash', chart.cash, 11);
  const miscJournal = journal('Miscellaneous Operations', 'MISC', 'general', false as unknown as number, 9);
  const lines = env.table('account.payment.method.line');
  const inboundMethodLine = lines.insert({ name: 'Manual Payment', payment_type: 'inbound', journal_id: bankJournal, payment_account_id: chart.outstandingReceipts, sequence: 10 }).id;
  const outboundMethodLine = lines.insert({ name: 'Manual Payment', payment_type: 'outbound', journal_id: bankJournal, payment_account_id: chart.outstandingPayments, sequence: 10 }).id;
  lines.insert({ name: 'Manual Payment', payment_type: 'inbound', journal_id: cashJournal, payment_account_id: chart.outstandingReceipts, sequence: 10 });
  lines.insert({ name: 'Manual Payment', payment_type: 'outbound', journal_id: cashJournal, payment_account_id: chart.outstandingPayments, sequence: 10 });
  return { ...chart, saleJournal, purchaseJournal, bankJournal, cashJournal, miscJournal, inboundMethodLine, outboundMethodLine };
}
