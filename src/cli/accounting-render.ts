/** What the `accounting` commands print for people (the --json output is the port's own objects). */
import {
  AGING_BUCKETS,
  daysPastDue,
  invoiceName,
  type AgingBucket,
  type CashPosition,
  type CreateInvoiceResult,
  type Invoice,
  type InvoiceFilter,
  type LogExpenseResult,
  type PaymentResult,
  type ProfitAndLoss,
  type ReceivablesAging,
} from '../accounting/accounting-port';
import { formatAmount, sumMoney } from '../accounting/money';
import { renderFields, renderTable } from './accounting-table';

export function money(amount: number, currency: string): string {
  return `${formatAmount(amount)} ${currency}`;
}

/** A draft has no number in Odoo until it is posted. */

/** The status as a person says it: a posted invoice with part of it paid is "partly paid". */
export function statusText(invoice: Invoice): string {
  if (invoice.status === 'posted' && invoice.amountDue > 0 && invoice.amountDue < invoice.amountTotal) return 'partly paid';
  return invoice.status;
}

/** Days past due of an invoice still to be paid, else 0. */
function overdueDays(invoice: Invoice, today: string): number {
  if (invoice.status !== 'posted' || invoice.amountDue <= 0) return 0;
  return Math.max(0, daysPastDue(invoice.due, today));
}

export function renderInvoiceResult(result: CreateInvoiceResult, key: string): string[] {
  const { invoice, created } = result;
  const head = created
    ? `Created ${invoice.status === 'draft' ? 'a draft invoice' : 'invoice'} ${invoice.number ?? ''}`.trimEnd() + '.'
    : `An invoice with the key "${key}" already exists; nothing new was created.`;
  const lines = [head, ...renderInvoice(invoice)];
  if (invoice.status === 'draft') lines.push('', `It is a draft: check it, then post it with "ai-employee accounting post ${invoice.number ?? invoice.id}".`);
  return lines;
}

export function renderPosted(invoice: Invoice): string[] {
  const head = invoice.status === 'draft' ? `Invoice ${invoiceName(invoice)} is still a draft.` : `Invoice ${invoiceName(invoice)} is posted.`;
  return [head, ...renderInvoice(invoice)];
}

export function renderInvoice(invoice: Invoice): string[] {
  const fields: Array<[string, string]> = [
    ['Number', invoice.number ?? '(none until posted)'],
    ['Client', invoice.client],
  ];
  if (invoice.project) fields.push(['Project', invoice.project]);
  fields.push(
    ['Issued', invoice.issued],
    ['Due', invoice.due],
    ['Status', statusText(invoice)],
    ['Total', money(invoice.amountTotal, invoice.currency)],
    ['Still due', money(invoice.amountDue, invoice.currency)],
  );
  if (invoice.idempotencyKey) fields.push(['Key', invoice.idempotencyKey]);
  const lines = renderFields(fields);
  if (invoice.lines.length) {
    lines.push('');
    const table = renderTable(
      [{ header: 'Description' }, { header: 'Qty', align: 'right' }, { header: `Unit price (${invoice.currency})`, align: 'right' }, { header: `Amount (${invoice.currency})`, align: 'right' }],
      invoice.lines.map((l) => [l.description, String(l.quantity), formatAmount(l.unitPrice), formatAmount(l.amount)]),
    );
    lines.push(...table.map((l) => `  ${l}`));
  }
  return lines;
}

const EMPTY: Record<InvoiceFilter, string> = { all: 'No invoices yet.', unpaid: 'No unpaid invoices.', overdue: 'No overdue invoices.', draft: 'No draft invoices.' };
const TITLE: Record<InvoiceFilter, string> = { all: 'Invoices', unpaid: 'Unpaid invoices', overdue: 'Overdue invoices', draft: 'Draft invoices (not posted yet)' };

/**
 * The invoice list. Amounts share the currency in the header when all
 * invoices are in one currency (the usual case), with a total row; mixed
 * currencies are written on each amount and not added up.
 */
export function renderInvoiceList(invoices: Invoice[], filter: InvoiceFilter, today: string): string[] {
  if (invoices.length === 0) return [EMPTY[filter]];
  const currencies = new Set(invoices.map((i) => i.currency));
  const single = currencies.size === 1 ? [...currencies][0] : undefined;
  const amount = (value: number, currency: string) => (single ? formatAmount(value) : money(value, currency));
  const suffix = single ? ` (${single})` : '';
  const rows = invoices.map((invoice) => {
    const late = overdueDays(invoice, today);
    return [
      invoiceName(invoice),
      invoice.client,
      invoice.issued,
      invoice.due,
      statusText(invoice),
      amount(invoice.amountTotal, invoice.currency),
      amount(invoice.amountDue, invoice.currency),
      late > 0 ? `${late} ${late === 1 ? 'day' : 'days'}` : '',
    ];
  });
  const footer = single
    ? ['Total', `${invoices.length} ${invoices.length === 1 ? 'invoice' : 'invoices'}`, '', '', '', formatAmount(sumMoney(invoices.map((i) => i.amountTotal))), formatAmount(sumMoney(invoices.map((i) => i.amountDue))), '']
    : undefined;
  const table = renderTable(
    [
      { header: 'Number' },
      { header: 'Client' },
      { header: 'Issued' },
      { header: 'Due' },
      { header: 'Status' },
      { header: `Total${suffix}`, align: 'right' },
      { header: `Still due${suffix}`, align: 'right' },
      { header: 'Overdue', align: 'right' },
    ],
    rows,
    footer,
  );
  return [`${TITLE[filter]} (as of ${today}):`, '', ...table];
}

export function renderPayment(result: PaymentResult): string[] {
  const { invoice } = result;
  const rest = invoice.amountDue > 0 ? `${money(invoice.amountDue, invoice.currency)} still due` : 'now paid in full';
  return [
    `Recorded a payment of ${money(result.amount, invoice.currency)} on ${result.date} for invoice ${invoiceName(invoice)} (${invoice.client}); ${rest}.`,
    ...renderFields([
      ['Payment', result.paymentId],
      ['Invoice total', money(invoice.amountTotal, invoice.currency)],
      ['Still due', money(invoice.amountDue, invoice.currency)],
      ['Status', statusText(invoice)],
    ]),
  ];
}

export function renderExpense(result: LogExpenseResult, key: string): string[] {
  const { expense, created } = result;
  const head = created
    ? `Logged expense ${expense.number ?? expense.id}.`
    : `An expense with the key "${key}" already exists; nothing new was logged.`;
  return [
    head,
    ...renderFields([
      ['Date', expense.date],
      ['Amount', money(expense.amount, expense.currency)],
      ['Category', expense.category],
      ['Description', expense.description],
      ['Paid to', expense.vendor ?? expense.category],
      ...(expense.idempotencyKey ? [['Key', expense.idempotencyKey] as [string, string]] : []),
    ]),
  ];
}

export function renderProfitAndLoss(pnl: ProfitAndLoss): string[] {
  return [
    `Profit and loss, ${pnl.from} to ${pnl.to}:`,
    '',
    ...renderTable([{ header: '' }, { header: `Amount (${pnl.currency})`, align: 'right' }], [
      ['Revenue', formatAmount(pnl.revenue)],
      ['Expenses', formatAmount(pnl.expenses)],
    ], [pnl.profit < 0 ? 'Loss' : 'Profit', formatAmount(pnl.profit)]),
  ];
}

export function renderCashPosition(cash: CashPosition): string[] {
  return [
    `Cash position as of ${cash.asOf}:`,
    '',
    ...renderTable(
      [{ header: 'Account' }, { header: `Balance (${cash.currency})`, align: 'right' }],
      cash.accounts.map((a) => [a.name, formatAmount(a.amount)]),
      ['Total', formatAmount(cash.balance)],
    ),
  ];
}

const BUCKET_LABELS: Record<AgingBucket, string> = {
  current: 'Not yet due',
  '1-30': '1-30 days late',
  '31-60': '31-60 days late',
  '61-90': '61-90 days late',
  '90+': 'Over 90 days late',
};

export function renderAging(aging: ReceivablesAging): string[] {
  return [
    `Receivables aging as of ${aging.asOf} (what customers still owe):`,
    '',
    ...renderTable(
      [{ header: 'Due' }, { header: `Amount (${aging.currency})`, align: 'right' }],
      AGING_BUCKETS.map((bucket) => [BUCKET_LABELS[bucket], formatAmount(aging.buckets[bucket])]),
      ['Total', formatAmount(aging.total)],
    ),
  ];
}
