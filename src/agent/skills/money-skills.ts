import { z } from 'zod';
import { invoiceName } from '../../accounting/accounting-port';
import { formatAmount } from '../../accounting/money';
import { localDay } from '../../accounting/dates';
import { day, invoiceRef, money, name, text } from './param-types';
import { detailText, SkillError, type Skill } from './skill';

const paymentParams = z
  .object({
    /** Which invoice; when only the client is known, `prepare` finds its one open invoice. */
    invoice: invoiceRef.optional(),
    client: name('the client').optional(),
    amount: money.optional(),
    date: day.optional(),
  })
  .strict()
  .refine((p) => p.invoice !== undefined || p.client !== undefined, { message: 'name the invoice (or at least the client)', path: ['invoice'] });

export type PaymentParams = z.infer<typeof paymentParams>;

/**
 * `odoo_register_payment`: records money received against an invoice. It
 * always asks first (by default) and is never retried by itself: if the
 * books fail mid-call, a person checks before paying again.
 */
export const registerPaymentSkill: Skill<PaymentParams> = {
  name: 'odoo_register_payment',
  description: 'Record a payment received for a posted customer invoice. params: {invoice (number) | client, amount? (default: all that is due), date? (YYYY-MM-DD)}',
  params: paymentParams,
  sensitivity: 'payment',
  retry: 'never',
  title: (p, currency) =>
    `Record a payment${p.amount !== undefined ? ` of ${formatAmount(p.amount)} ${currency}` : ''} for ${p.invoice ?? `the open invoice of ${p.client ?? '?'}`}`,
  async prepare(p, ctx) {
    if (p.invoice !== undefined) return p;
    const open = (await (await ctx.books()).listInvoices({ filter: 'unpaid' })).filter((i) => i.client.toLowerCase() === (p.client ?? '').toLowerCase());
    const matching = p.amount === undefined ? open : open.filter((i) => Math.abs(i.amountDue - (p.amount ?? 0)) < 0.005);
    const pick = matching.length === 1 ? matching[0] : open.length === 1 ? open[0] : undefined;
    if (!pick) {
      const why = open.length === 0 ? 'has no unpaid invoice' : `has ${open.length} unpaid invoices (${open.map(invoiceName).join(', ')})`;
      throw new SkillError(`${p.client ?? 'The client'} ${why}, so the payment cannot be matched to an invoice. Record it by hand: ai-employee accounting pay NUMBER.`);
    }
    return { ...p, invoice: pick.number ?? pick.id };
  },
  amountOf: async (p, ctx) => p.amount ?? (p.invoice ? (await (await ctx.books()).getInvoice(p.invoice)).amountDue : null),
  async execute(p, ctx) {
    if (p.invoice === undefined) throw new SkillError('No invoice was named for the payment.');
    const paid = await (await ctx.books()).registerPayment({ invoice: p.invoice, ...(p.amount !== undefined ? { amount: p.amount } : {}), ...(p.date ? { date: p.date } : {}) });
    return {
      summary: `Recorded ${formatAmount(paid.amount)} ${paid.invoice.currency} for ${invoiceName(paid.invoice)} (${paid.invoice.client}); ${formatAmount(paid.invoice.amountDue)} still due`,
      details: { invoice_id: paid.invoice.id, number: paid.invoice.number, payment_id: paid.paymentId, amount: paid.amount, date: paid.date, amount_due: paid.invoice.amountDue },
    };
  },
  async verify(_p, result, ctx) {
    const invoice = await (await ctx.books()).getInvoice(detailText(result, 'invoice_id'));
    const expected = Number(result.details.amount_due);
    return Math.abs(invoice.amountDue - expected) < 0.005 ? null : `the books say ${formatAmount(invoice.amountDue)} is due on ${invoiceName(invoice)}, not ${formatAmount(expected)}`;
  },
};

const expenseParams = z
  .object({
    amount: money,
    category: name('the category'),
    description: text('what was bought', 200),
    vendor: name('who was paid').optional(),
    date: day.optional(),
  })
  .strict();

export type ExpenseParams = z.infer<typeof expenseParams>;

/** `odoo_log_expense`: records money spent. Above the handbook threshold, the owner approves first. */
export const logExpenseSkill: Skill<ExpenseParams> = {
  name: 'odoo_log_expense',
  description: 'Record an expense the business paid. params: {amount, category, description, vendor?, date? (YYYY-MM-DD)}',
  params: expenseParams,
  sensitivity: 'amount',
  retry: 'transient',
  title: (p, currency) => `Record the expense: ${formatAmount(p.amount)} ${currency} for ${p.description} (${p.category})`,
  amountOf: (p) => Promise.resolve(p.amount),
  async execute(p, ctx) {
    const { expense, created } = await (await ctx.books()).logExpense({
      amount: p.amount,
      category: p.category,
      description: p.description,
      date: p.date ?? localDay(ctx.clock.now()),
      idempotencyKey: ctx.idempotencyKey,
      ...(p.vendor ? { vendor: p.vendor } : {}),
    });
    return {
      summary: `${created ? 'Recorded' : 'Found (recorded earlier)'} expense ${expense.number ?? expense.id}: ${formatAmount(expense.amount)} ${expense.currency}, ${expense.category}`,
      details: { expense_id: expense.id, number: expense.number, amount: expense.amount, category: expense.category, date: expense.date, created },
    };
  },
  async verify(p, result, ctx) {
    // A read, not a second write: the expense recorded on its own day, by its id and amount.
    const day = detailText(result, 'date');
    const found = (await (await ctx.books()).listExpenses({ from: day, to: day })).find((e) => e.id === detailText(result, 'expense_id'));
    if (!found) return `the books have no expense ${detailText(result, 'number') || detailText(result, 'expense_id')} on ${day}`;
    return Math.abs(found.amount - p.amount) < 0.005 ? null : `the books show ${formatAmount(found.amount)} for ${found.number ?? found.id}, not ${formatAmount(p.amount)}`;
  },
};
