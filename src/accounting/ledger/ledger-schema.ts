import { z } from 'zod';
import { isDay } from '../dates';
import { EXPENSE_NUMBER, INVOICE_NUMBER } from './ledger-numbers';

/**
 * The frontmatter of ledger notes as zod schemas. Every message completes a
 * sentence that starts with the field's name ("amount must be a number"), so
 * a person fixing a hand edit reads which field and what is wrong.
 */

const text = z.string({ error: 'must be text' }).trim().min(1, { error: 'is empty' });

const optionalText = z
  .union([z.string(), z.null()], { error: 'must be text' })
  .optional()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value.trim()));

const day = z.string({ error: 'must be a date written YYYY-MM-DD' }).refine(isDay, { error: 'must be a real date written YYYY-MM-DD' });

const number = z.number({ error: 'must be a number' });
const notNegative = number.refine((n) => n >= 0, { error: 'cannot be negative' });
const positive = number.refine((n) => n > 0, { error: 'must be more than 0' });

const currency = z.string({ error: 'must be a currency code like USD' }).regex(/^[A-Z]{3}$/, { error: 'must be a three-letter currency code like USD' });

const key = z
  .union([z.string(), z.number(), z.null()], { error: 'must be text' })
  .optional()
  .transform((value) => (value === undefined || value === null || String(value).trim() === '' ? null : String(value)));

const lineSchema = z.object(
  {
    description: text,
    quantity: positive,
    unit_price: notNegative,
  },
  { error: 'must be a line with description, quantity and unit_price' },
);

const paymentSchema = z.object(
  {
    id: z.union([z.string(), z.number()], { error: 'must be text' }).transform(String),
    date: day,
    amount: positive,
  },
  { error: 'must be a payment with id, date and amount' },
);

export const INVOICE_STATUSES = ['draft', 'posted', 'paid', 'cancelled'] as const;

export const invoiceFrontmatterSchema = z.object({
  number: z.string({ error: 'must be an invoice number like INV/2026/00001' }).regex(INVOICE_NUMBER, {
    error: 'must be an invoice number like INV/2026/00001',
  }),
  status: z.enum(INVOICE_STATUSES, { error: 'must be one of draft, posted, paid, cancelled' }),
  client: text,
  project: optionalText,
  currency,
  issued: day,
  due: day,
  lines: z.array(lineSchema, { error: 'must be a list of lines' }).min(1, { error: 'must list at least one line' }),
  amount: notNegative,
  payments: z
    .union([z.array(paymentSchema), z.null()], { error: 'must be a list of payments (id, date, amount), or []' })
    .optional()
    .transform((value) => value ?? []),
  idempotency_key: key,
});

export const expenseFrontmatterSchema = z.object({
  number: z.string({ error: 'must be an expense number like EXP/2026/00001' }).regex(EXPENSE_NUMBER, {
    error: 'must be an expense number like EXP/2026/00001',
  }),
  status: z.literal('paid', { error: 'must be paid' }),
  date: day,
  amount: positive,
  currency,
  category: text,
  description: z.union([z.string(), z.null()], { error: 'must be text' }).optional().transform((v) => (v ?? '').trim()),
  vendor: optionalText,
  idempotency_key: key,
});

export type InvoiceFrontmatter = z.infer<typeof invoiceFrontmatterSchema>;
export type ExpenseFrontmatter = z.infer<typeof expenseFrontmatterSchema>;

/** `['lines', 1, 'unit_price']` → `unit_price of line 2`. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  const [top, index, leaf] = path;
  if (top === undefined) return 'the frontmatter';
  if (typeof index !== 'number') return String(top);
  const item = top === 'lines' ? 'line' : top === 'payments' ? 'payment' : String(top);
  return leaf === undefined ? `${item} ${index + 1}` : `${String(leaf)} of ${item} ${index + 1}`;
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at: unknown = data;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[step];
  }
  return at;
}

function shown(value: unknown): string {
  const textual = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return textual.length > 40 ? `${textual.slice(0, 37)}…` : textual;
}

/** Zod's issues as plain sentences, e.g. `amount must be a number (found "ten")`. */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>, data: unknown, limit = 3): string[] {
  return issues.slice(0, limit).map((issue) => {
    const field = fieldName(issue.path);
    const value = valueAt(data, issue.path);
    if (value === undefined && issue.code === 'invalid_type') return `${field} is missing`;
    const found = value === undefined || typeof value === 'object' ? '' : ` (found ${shown(value)})`;
    return `${field} ${issue.message}${found}`;
  });
}
