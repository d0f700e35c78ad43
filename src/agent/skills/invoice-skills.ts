import { z } from 'zod';
import { invoiceName, type Invoice } from '../../accounting/accounting-port';
import { formatAmount, roundMoney, sumMoney } from '../../accounting/money';
import { day, invoiceRef, money, name, text } from './param-types';
import { detailText, type Skill, type SkillResult } from './skill';

const lineSchema = z
  .object({
    description: text('what was done', 200),
    quantity: z.number({ error: 'must be a number like 2' }).positive('must be more than zero').max(1_000_000).default(1),
    unit_price: money,
  })
  .strict();

const createParams = z
  .object({
    client: name('the client'),
    /** One line of this amount, or `lines`. */
    amount: money.optional(),
    lines: z.array(lineSchema).min(1).max(50).optional(),
    description: text('what the invoice is for', 200).optional(),
    project: name('the project').optional(),
    due: day.optional(),
  })
  .strict()
  .refine((p) => (p.amount === undefined) !== (p.lines === undefined), { message: 'give either amount or lines (one of them)', path: ['amount'] });

export type CreateInvoiceParams = z.infer<typeof createParams>;

function linesOf(p: CreateInvoiceParams) {
  if (p.lines) return p.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unit_price }));
  return [{ description: p.description ?? (p.project ? `${p.project}` : 'Services'), quantity: 1, unitPrice: p.amount ?? 0 }];
}

function totalOf(p: CreateInvoiceParams): number {
  return sumMoney(linesOf(p).map((l) => roundMoney(l.quantity * l.unitPrice)));
}

function invoiceDetails(invoice: Invoice): Record<string, unknown> {
  return { invoice_id: invoice.id, number: invoice.number, client: invoice.client, amount: invoice.amountTotal, currency: invoice.currency, status: invoice.status };
}

/** `odoo_create_invoice`: a draft customer invoice. Nothing is sent: a draft is for the owner to check and post. */
export const createInvoiceSkill: Skill<CreateInvoiceParams> = {
  name: 'odoo_create_invoice',
  description: 'Create a DRAFT customer invoice in the books. params: {client, amount | lines:[{description, quantity, unit_price}], description?, project?, due? (YYYY-MM-DD)}',
  params: createParams,
  sensitivity: 'none',
  retry: 'transient',
  title: (p, currency) => `Create a draft invoice for ${p.client}: ${formatAmount(totalOf(p))} ${currency}${p.project ? ` (${p.project})` : ''}`,
  amountOf: (p) => Promise.resolve(totalOf(p)),
  async execute(p, ctx): Promise<SkillResult> {
    const books = await ctx.books();
    const { invoice, created } = await books.createInvoice({
      client: p.client,
      lines: linesOf(p),
      idempotencyKey: ctx.idempotencyKey,
      ...(p.project ? { project: p.project } : {}),
      ...(p.due ? { dueDate: p.due } : {}),
    });
    const verb = created ? 'Created' : 'Found (made earlier)';
    return { summary: `${verb} ${invoiceName(invoice)} for ${invoice.client}, ${formatAmount(invoice.amountTotal)} ${invoice.currency}, ${invoice.status}`, details: { ...invoiceDetails(invoice), created } };
  },
  async verify(p, result, ctx) {
    const id = detailText(result, 'invoice_id');
    const invoice = await (await ctx.books()).getInvoice(id);
    if (invoice.client !== p.client) return `the invoice ${invoiceName(invoice)} is for ${invoice.client}, not ${p.client}`;
    if (Math.abs(invoice.amountTotal - totalOf(p)) > 0.005) return `the invoice ${invoiceName(invoice)} totals ${formatAmount(invoice.amountTotal)}, not ${formatAmount(totalOf(p))}`;
    return null;
  },
};

const postParams = z.object({ invoice: invoiceRef }).strict();
export type PostInvoiceParams = z.infer<typeof postParams>;

/** `odoo_post_invoice`: makes a draft official (Odoo numbers it). Above the handbook threshold, the owner approves. */
export const postInvoiceSkill: Skill<PostInvoiceParams> = {
  name: 'odoo_post_invoice',
  description: 'Post (confirm) a draft customer invoice so it can be sent. params: {invoice} (number like INV/2026/00001 or id)',
  params: postParams,
  sensitivity: 'amount',
  retry: 'transient',
  title: (p) => `Post the invoice ${p.invoice}`,
  async amountOf(p, ctx) {
    return (await (await ctx.books()).getInvoice(p.invoice)).amountTotal;
  },
  async execute(p, ctx) {
    const invoice = await (await ctx.books()).postInvoice(p.invoice);
    return { summary: `Posted ${invoiceName(invoice)} for ${invoice.client}, ${formatAmount(invoice.amountTotal)} ${invoice.currency}`, details: invoiceDetails(invoice) };
  },
  async verify(_p, result, ctx) {
    const invoice = await (await ctx.books()).getInvoice(detailText(result, 'invoice_id'));
    return invoice.status === 'posted' || invoice.status === 'paid' ? null : `the invoice ${invoiceName(invoice)} is still ${invoice.status}`;
  },
};
