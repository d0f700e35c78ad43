import { AccountingError } from '../accounting-error';
import type { CreateInvoiceInput, DateRange, InvoiceLine, LogExpenseInput } from '../accounting-port';
import { addDays, isDay } from '../dates';
import { roundMoney, sumMoney } from '../money';

/**
 * Checks what a caller asks the ledger to record, before anything is
 * written: each failure is a `bad_input` error naming the field.
 */

function bad(message: string): AccountingError {
  return new AccountingError('bad_input', message);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw bad(`The ${field} is empty; it is required.`);
  return value.trim();
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw bad(`The ${field} must be text (got ${shown(value)}).`);
  return value.trim() === '' ? null : value.trim();
}

/** A day `YYYY-MM-DD`, or `fallback` when none was given. */
export function checkDay(value: unknown, field: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!isDay(value)) throw bad(`The ${field} ${shown(value)} is not a real date written YYYY-MM-DD.`);
  return value;
}

function finiteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`The ${field} must be a number (got ${shown(value)}).`);
  return value;
}

/** An amount of money above zero, rounded to cents. */
export function checkPositiveAmount(value: unknown, field: string): number {
  const amount = roundMoney(finiteNumber(value, field));
  if (amount <= 0) throw bad(`The ${field} must be more than 0 (got ${shown(value)}).`);
  return amount;
}

export function checkRange(range: DateRange): DateRange {
  if (typeof range !== 'object' || range === null) throw bad('A date range needs a from date and a to date.');
  const from = checkDay(range.from, 'from date');
  const to = checkDay(range.to, 'to date');
  if (from > to) throw bad(`The from date ${from} is after the to date ${to}.`);
  return { from, to };
}

export function checkKey(value: unknown): string {
  return requiredText(value, 'idempotency key');
}

export interface CheckedInvoiceInput {
  client: string;
  project: string | null;
  lines: InvoiceLine[];
  issued: string;
  due: string;
  amount: number;
  idempotencyKey: string;
}

export function checkInvoiceInput(input: CreateInvoiceInput, today: string): CheckedInvoiceInput {
  const client = requiredText(input.client, 'client');
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw bad('The invoice has no lines; it needs at least one line.');
  const lines = input.lines.map((line, i): InvoiceLine => {
    const which = `line ${i + 1}`;
    const description = requiredText(line.description, `description of ${which}`);
    const quantity = finiteNumber(line.quantity, `quantity of ${which}`);
    if (quantity <= 0) throw bad(`The quantity of ${which} must be more than 0 (got ${quantity}).`);
    const unitPrice = finiteNumber(line.unitPrice, `unit price of ${which}`);
    if (unitPrice < 0) throw bad(`The unit price of ${which} cannot be negative (got ${unitPrice}).`);
    return { description, quantity, unitPrice, amount: roundMoney(quantity * unitPrice) };
  });
  const amount = sumMoney(lines.map((l) => l.amount));
  if (amount <= 0) throw bad('The invoice total must be more than 0.');
  const issued = checkDay(input.issueDate, 'issue date', today);
  const due = checkDay(input.dueDate, 'due date', addDays(issued, 30));
  if (due < issued) throw bad(`The due date ${due} is before the issue date ${issued}.`);
  return { client, project: optionalText(input.project, 'project'), lines, issued, due, amount, idempotencyKey: checkKey(input.idempotencyKey) };
}

export interface CheckedExpenseInput {
  amount: number;
  category: string;
  description: string;
  date: string;
  vendor: string;
  idempotencyKey: string;
}

export function checkExpenseInput(input: LogExpenseInput, today: string): CheckedExpenseInput {
  const amount = checkPositiveAmount(input.amount, 'expense amount');
  const category = requiredText(input.category, 'category');
  const description = requiredText(input.description, 'description');
  const date = checkDay(input.date, 'expense date', today);
  const vendor = optionalText(input.vendor, 'vendor') ?? category;
  return { amount, category, description, date, vendor, idempotencyKey: checkKey(input.idempotencyKey) };
}
