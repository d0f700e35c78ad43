/**
 * Parameter pieces the skills share. They are strict: a value that is not
 * plainly right is refused with a message that names what is wanted, so a
 * hand-edited approval note or an LLM answer cannot slip something past them.
 */
import { z } from 'zod';
import { isDay } from '../../accounting/dates';

/** The largest amount a skill accepts at all; anything beyond is a typo or an attack. */
export const MAX_SKILL_AMOUNT = 1_000_000_000;

/** A number, or digits written as text in a hand-edited note ("1500", "1,500.00"). */
function numberFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const cleaned = value.trim().replace(/,(?=\d{3}(?:\D|$))/g, '');
  return /^\d+(?:\.\d+)?$/.test(cleaned) ? Number(cleaned) : value;
}

export const money = z.preprocess(
  numberFromText,
  z
    .number({ error: 'must be an amount like 1500' })
    .refine((n) => Math.round(n * 100) >= 1, 'must be at least 0.01')
    .refine((n) => n <= MAX_SKILL_AMOUNT, `must be at most ${MAX_SKILL_AMOUNT.toLocaleString('en-US')}`),
);

/** YAML may hand a date over as a Date at UTC midnight. */
export const day = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string({ error: 'must be a date like 2026-12-31' }).refine(isDay, 'must be a real date like 2026-12-31'),
);

export const name = (what: string) =>
  z
    .string({ error: `must be text (${what})` })
    .trim()
    .min(1, `is empty (${what})`)
    .max(120, `is too long for ${what} (120 characters at most)`)
    .refine((v) => !/[\r\n]/.test(v), `must be one line (${what})`);

export const text = (what: string, max: number) =>
  z
    .string({ error: `must be text (${what})` })
    .trim()
    .min(1, `is empty (${what})`)
    .max(max, `is too long (${max} characters at most)`);

/** An invoice number (`INV/2026/00001`) or a backend id. */
export const invoiceRef = z
  .string({ error: 'must name an invoice, like INV/2026/00001' })
  .trim()
  .min(1, 'must name an invoice, like INV/2026/00001')
  .max(64, 'is too long for an invoice number');
