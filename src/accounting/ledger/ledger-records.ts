import { formatAmount, roundMoney, sumMoney, toCents } from '../money';
import type { InvoiceLine, InvoiceStatus } from '../accounting-port';
import { FrontmatterError, splitNote } from '../../vault/frontmatter';
import { describeYamlProblem } from '../../vault/yaml-problem';
import type { Frontmatter } from '../../vault/vault-port';
import { quickSplit } from './ledger-yaml';
import { describeIssues, expenseFrontmatterSchema, invoiceFrontmatterSchema } from './ledger-schema';

/** A payment as the invoice note lists it. */
export interface LedgerPayment {
  id: string;
  date: string;
  amount: number;
}

/** An invoice note, read and checked. */
export interface LedgerInvoice {
  path: string;
  number: string;
  status: InvoiceStatus;
  client: string;
  project: string | null;
  currency: string;
  issued: string;
  due: string;
  lines: InvoiceLine[];
  amount: number;
  payments: LedgerPayment[];
  idempotencyKey: string | null;
}

/** An expense note, read and checked. */
export interface LedgerExpense {
  path: string;
  number: string;
  date: string;
  amount: number;
  currency: string;
  category: string;
  description: string;
  vendor: string | null;
  idempotencyKey: string | null;
}

export type NoteReading<T> =
  | { state: 'ok'; record: T; frontmatter: Frontmatter; body: string }
  /** Not a note of this kind (another `type`, or no frontmatter): left alone. */
  | { state: 'ignored' }
  | { state: 'broken'; problem: string };

export type NoteKind = 'invoice' | 'expense';

const FENCE = /^\uFEFF?---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function paidSoFar(invoice: Pick<LedgerInvoice, 'payments'>, asOf?: string): number {
  return sumMoney(invoice.payments.filter((p) => asOf === undefined || p.date <= asOf).map((p) => p.amount));
}

/** Splits the note, or says it is broken YAML or not a note of this kind. */
function frontmatterOf(kind: NoteKind, path: string, content: string): NoteReading<never> | { state: 'parsed'; frontmatter: Frontmatter; body: string } {
  let split;
  try {
    split = quickSplit(content) ?? splitNote(content);
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    // A note we cannot parse is only ours when it says so or is named like ours.
    const prefix = kind === 'invoice' ? 'INV' : 'EXP';
    const yamlText = FENCE.exec(content)?.[1] ?? '';
    const ours = new RegExp(`^type:\\s*["']?${kind}\\b`, 'mi').test(yamlText) || new RegExp(`(^|/)${prefix}-`).test(path);
    if (!ours) return { state: 'ignored' };
    const problem = describeYamlProblem(yamlText);
    const where = problem?.line !== undefined ? `line ${problem.line} of the frontmatter` : 'the frontmatter';
    return { state: 'broken', problem: `${where} ${problem?.what ?? 'is not valid YAML'}` };
  }
  const type = split.frontmatter.type;
  if (typeof type !== 'string' || type.trim().toLowerCase() !== kind) return { state: 'ignored' };
  return { state: 'parsed', frontmatter: split.frontmatter, body: split.body };
}

/** Reads an invoice note: checks every field and that the figures agree with each other. */
export function readInvoiceNote(path: string, content: string, currency: string): NoteReading<LedgerInvoice> {
  const split = frontmatterOf('invoice', path, content);
  if (split.state !== 'parsed') return split;
  const parsed = invoiceFrontmatterSchema.safeParse(split.frontmatter);
  if (!parsed.success) return { state: 'broken', problem: describeIssues(parsed.error.issues, split.frontmatter).join('; ') };
  const fm = parsed.data;
  const lines: InvoiceLine[] = fm.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    amount: roundMoney(l.quantity * l.unit_price),
  }));
  const record: LedgerInvoice = {
    path,
    number: fm.number,
    status: fm.status,
    client: fm.client,
    project: fm.project,
    currency: fm.currency,
    issued: fm.issued,
    due: fm.due,
    lines,
    amount: roundMoney(fm.amount),
    payments: fm.payments.map((p) => ({ id: p.id, date: p.date, amount: roundMoney(p.amount) })),
    idempotencyKey: fm.idempotency_key,
  };
  const problem = invoiceConsistency(record, currency);
  if (problem) return { state: 'broken', problem };
  return { state: 'ok', record, frontmatter: split.frontmatter, body: split.body };
}

/** The first way the figures of an invoice contradict each other, or null. */
function invoiceConsistency(invoice: LedgerInvoice, currency: string): string | null {
  const linesTotal = sumMoney(invoice.lines.map((l) => l.amount));
  const paid = paidSoFar(invoice);
  if (invoice.due < invoice.issued) return `due (${invoice.due}) is before issued (${invoice.issued})`;
  if (toCents(linesTotal) !== toCents(invoice.amount)) {
    return `amount (${formatAmount(invoice.amount)}) is not the sum of the lines (${formatAmount(linesTotal)})`;
  }
  if (invoice.currency !== currency) return `currency is ${invoice.currency}, but the books are kept in ${currency}`;
  if (toCents(paid) > toCents(invoice.amount)) {
    return `payments (${formatAmount(paid)}) exceed the amount (${formatAmount(invoice.amount)})`;
  }
  if (invoice.payments.length > 0 && (invoice.status === 'draft' || invoice.status === 'cancelled')) {
    return `status is ${invoice.status}, but the invoice lists payments (only posted or paid invoices can have payments)`;
  }
  if (invoice.status === 'paid' && toCents(paid) < toCents(invoice.amount)) {
    return `status is paid, but the payments cover only ${formatAmount(paid)} of ${formatAmount(invoice.amount)} (add the payment under payments, or set status: posted)`;
  }
  if (invoice.status === 'posted' && invoice.amount > 0 && toCents(paid) >= toCents(invoice.amount)) {
    return 'status is posted, but the payments cover the whole amount (set status: paid)';
  }
  return null;
}

/** Reads an expense note and checks every field. */
export function readExpenseNote(path: string, content: string, currency: string): NoteReading<LedgerExpense> {
  const split = frontmatterOf('expense', path, content);
  if (split.state !== 'parsed') return split;
  const parsed = expenseFrontmatterSchema.safeParse(split.frontmatter);
  if (!parsed.success) return { state: 'broken', problem: describeIssues(parsed.error.issues, split.frontmatter).join('; ') };
  const fm = parsed.data;
  if (fm.currency !== currency) return { state: 'broken', problem: `currency is ${fm.currency}, but the books are kept in ${currency}` };
  const record: LedgerExpense = {
    path,
    number: fm.number,
    date: fm.date,
    amount: roundMoney(fm.amount),
    currency: fm.currency,
    category: fm.category,
    description: fm.description,
    vendor: fm.vendor,
    idempotencyKey: fm.idempotency_key,
  };
  return { state: 'ok', record, frontmatter: split.frontmatter, body: split.body };
}
