/**
 * Checks the caller's input before anything reaches Odoo, so that a wrong
 * amount or day is reported plainly (naming the field) instead of as an Odoo
 * error, and nothing half-made is left behind.
 */
import { AccountingError } from '../accounting-error';
import type { CreateInvoiceInput, DateRange, InvoiceFilter, LogExpenseInput, RegisterPaymentInput } from '../accounting-port';
import { addDays, isDay } from '../dates';
import { roundMoney } from '../money';

const FILTERS: ReadonlySet<InvoiceFilter> = new Set(['all', 'unpaid', 'overdue', 'draft']);

function bad(message: string): AccountingError {
  return new AccountingError('bad_input', message);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw bad(`${field} is required (got ${show(value)}).`);
  return value.trim();
}

export function optionalText(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw bad(`${field} must be text (got ${show(value)}).`);
  return value.trim() === '' ? null : value.trim();
}

export function requireDay(field: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (!isDay(value)) throw bad(`${field} must be a calendar day written YYYY-MM-DD (got ${show(value)}).`);
  return value;
}

export function requirePositiveAmount(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${field} must be a number (got ${show(value)}).`);
  if (roundMoney(value) <= 0) throw bad(`${field} must be more than 0 (got ${value}).`);
  return roundMoney(value);
}

export interface CheckedInvoiceInput {
  client: string;
  lines: { description: string; quantity: number; unitPrice: number }[];
  issueDate: string;
  dueDate: string;
  project: string | null;
  key: string;
}

export function checkCreateInvoice(input: CreateInvoiceInput, today: string): CheckedInvoiceInput {
  const client = requireText('client', input.client);
  const key = requireText('idempotencyKey', input.idempotencyKey);
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw bad('lines must hold at least one line.');
  const lines = input.lines.map((line, i) => {
    const at = `lines[${i}]`;
    const description = requireText(`${at}.description`, line?.description);
    const quantity: unknown = line.quantity;
    if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
      throw bad(`${at}.quantity must be a number more than 0 (got ${show(quantity)}).`);
    }
    const unitPrice: unknown = line.unitPrice;
    if (typeof unitPrice !== 'number' || !Number.isFinite(unitPrice)) throw bad(`${at}.unitPrice must be a number (got ${show(unitPrice)}).`);
    return { description, quantity, unitPrice: roundMoney(unitPrice) };
  });
  const issueDate = requireDay('issueDate', input.issueDate, today);
  const dueDate = requireDay('dueDate', input.dueDate, addDays(issueDate, 30));
  if (dueDate < issueDate) throw bad(`dueDate (${dueDate}) is before issueDate (${issueDate}).`);
  return { client, lines, issueDate, dueDate, project: optionalText('project', input.project), key };
}

export interface CheckedPaymentInput {
  invoice: string;
  amount: number | null;
  date: string;
}

export function checkRegisterPayment(input: RegisterPaymentInput, today: string): CheckedPaymentInput {
  return {
    invoice: requireText('invoice', input.invoice),
    amount: input.amount === undefined ? null : requirePositiveAmount('amount', input.amount),
    date: requireDay('date', input.date, today),
  };
}

export interface CheckedExpenseInput {
  amount: number;
  category: string;
  description: string;
  date: string;
  vendor: string;
  key: string;
}

export function checkLogExpense(input: LogExpenseInput, today: string): CheckedExpenseInput {
  const amount = requirePositiveAmount('amount', input.amount);
  const category = requireText('category', input.category);
  const description = optionalText('description', input.description) ?? category;
  const date = requireDay('date', input.date, today);
  const vendor = optionalText('vendor', input.vendor) ?? category;
  const key = requireText('idempotencyKey', input.idempotencyKey);
  return { amount, category, description, date, vendor, key };
}

export function checkRange(range: DateRange): DateRange {
  if (!range || typeof range !== 'object') throw bad('A date range {from, to} is required.');
  const from = requireDay('from', range.from, '');
  const to = requireDay('to', range.to, '');
  if (from === '' || to === '') throw bad('A date range needs both from and to.');
  if (to < from) throw bad(`to (${to}) is before from (${from}).`);
  return { from, to };
}

export function checkFilter(filter: unknown): InvoiceFilter {
  if (typeof filter !== 'string' || !FILTERS.has(filter as InvoiceFilter)) {
    throw bad(`filter must be all, unpaid, overdue or draft (got ${show(filter)}).`);
  }
  return filter as InvoiceFilter;
}
