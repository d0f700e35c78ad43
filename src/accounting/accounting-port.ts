/**
 * The one interface the rest of the product uses to keep the books. Two
 * backends implement it: Odoo (`odoo/`, over XML-RPC, JSON-RPC or JSON-2) and
 * the vault ledger (`ledger/`, notes in `Accounting/`), the embedded default.
 *
 * Dates are calendar days `YYYY-MM-DD` in the user's time zone; amounts are in
 * the company currency, rounded to cents (see `money.ts`).
 */
import { fromCents, toCents } from './money';

export interface InvoiceLineInput {
  description: string;
  quantity: number;
  unitPrice: number;
}

export interface CreateInvoiceInput {
  client: string;
  lines: InvoiceLineInput[];
  /** Defaults to today. */
  issueDate?: string;
  /** Defaults to 30 days after the issue date. */
  dueDate?: string;
  project?: string;
  /**
   * Written onto the invoice (Odoo: `ref`; ledger: `idempotency_key`) and
   * looked up before any create, so a retry or a crash between "created" and
   * "recorded" never makes a second invoice.
   */
  idempotencyKey: string;
}

export type InvoiceStatus = 'draft' | 'posted' | 'paid' | 'cancelled';

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPrice: number;
  /** quantity × unit price, rounded to cents. */
  amount: number;
}

export interface Invoice {
  /** The backend's own id: Odoo's `account.move` id, or the ledger note's path. */
  id: string;
  /** `INV/YYYY/NNNNN`; null while an Odoo draft has no number yet (`/`). */
  number: string | null;
  client: string;
  project: string | null;
  issued: string;
  due: string;
  currency: string;
  amountTotal: number;
  /** What is still to be paid. */
  amountDue: number;
  status: InvoiceStatus;
  idempotencyKey: string | null;
  lines: InvoiceLine[];
}

export interface CreateInvoiceResult {
  invoice: Invoice;
  /** False when the idempotency key found an invoice made earlier. */
  created: boolean;
}

export type InvoiceFilter = 'all' | 'unpaid' | 'overdue' | 'draft';

export interface ListInvoicesInput {
  /** `unpaid`: posted with something left to pay; `overdue`: unpaid and past due; `draft`: not posted yet. */
  filter: InvoiceFilter;
  /** The day "overdue" is measured against; defaults to today. */
  asOf?: string;
}

export interface RegisterPaymentInput {
  /** The invoice number (`INV/2026/00001`) or the backend id. */
  invoice: string;
  /** Defaults to everything still due. */
  amount?: number;
  /** Defaults to today. */
  date?: string;
}

export interface PaymentResult {
  invoice: Invoice;
  paymentId: string;
  amount: number;
  date: string;
}

export interface LogExpenseInput {
  amount: number;
  category: string;
  description: string;
  /** Defaults to today. */
  date?: string;
  /** Who was paid; defaults to the category. */
  vendor?: string;
  idempotencyKey: string;
}

export interface Expense {
  id: string;
  number: string | null;
  date: string;
  amount: number;
  currency: string;
  category: string;
  description: string;
  vendor: string | null;
  idempotencyKey: string | null;
}

export interface LogExpenseResult {
  expense: Expense;
  created: boolean;
}

/** Inclusive on both ends. */
export interface DateRange {
  from: string;
  to: string;
}

export interface ProfitAndLoss extends DateRange {
  currency: string;
  /** Posted sales (untaxed) dated in the range. */
  revenue: number;
  /** Recorded expenses dated in the range. */
  expenses: number;
  /** revenue − expenses. */
  profit: number;
}

export interface CashPosition {
  asOf: string;
  currency: string;
  balance: number;
  /** Where the balance sits (bank and cash accounts, or the ledger's single cash line). */
  accounts: AmountByName[];
}

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface ReceivablesAging {
  asOf: string;
  currency: string;
  /** What is still due, by days past the due date (`current` = not yet due). */
  buckets: Record<AgingBucket, number>;
  total: number;
}

export interface AmountByName {
  name: string;
  amount: number;
}

/** Revenue of one client on one project; see {@link AccountingPort.revenueByClientAndProject}. */
export interface RevenueLine {
  client: string;
  /** Null for the client's invoices made without a project. */
  project: string | null;
  amount: number;
}

export interface AccountingHealth {
  ok: boolean;
  backend: AccountingBackendKind;
  /** One plain sentence: "Odoo 17.0 at https://… (XML-RPC), logged in as admin" or what is wrong. */
  summary: string;
}

export type AccountingBackendKind = 'odoo' | 'ledger';

export interface AccountingPort {
  readonly backend: AccountingBackendKind;

  createInvoice(input: CreateInvoiceInput): Promise<CreateInvoiceResult>;
  /** Posts a draft (Odoo assigns its number); posting a posted invoice returns it unchanged. */
  postInvoice(invoice: string): Promise<Invoice>;
  getInvoice(invoice: string): Promise<Invoice>;
  listInvoices(input: ListInvoicesInput): Promise<Invoice[]>;
  /** Never retried automatically: a failure is reported, and a person decides. */
  registerPayment(input: RegisterPaymentInput): Promise<PaymentResult>;
  logExpense(input: LogExpenseInput): Promise<LogExpenseResult>;

  profitAndLoss(range: DateRange): Promise<ProfitAndLoss>;
  cashPosition(asOf?: string): Promise<CashPosition>;
  receivablesAging(asOf?: string): Promise<ReceivablesAging>;
  /** Sorted by amount, largest first. */
  revenueByClient(range: DateRange): Promise<AmountByName[]>;
  /** Invoices without a project count under "(no project)". */
  revenueByProject(range: DateRange): Promise<AmountByName[]>;
  /**
   * The revenue of {@link revenueByClient} split by project as well: one line
   * per client and project (`project: null` for invoices without one), credit
   * notes subtracted, lines summing to 0 left out. A client's lines add up to
   * its `revenueByClient` amount, and all lines to `profitAndLoss().revenue`.
   * In the order of {@link revenueLines}: the client with the most revenue
   * first, then each client's lines by amount, largest first, then by project.
   */
  revenueByClientAndProject(range: DateRange): Promise<RevenueLine[]>;
  expensesByCategory(range: DateRange): Promise<AmountByName[]>;
  /**
   * Every recorded expense dated in the range, each as `logExpense` returned
   * it, sorted by date, then number (or id when there is none); see
   * {@link compareExpenses}. Cancelled vendor bills are not expenses.
   */
  listExpenses(range: DateRange): Promise<Expense[]>;

  /** Never throws: a failure is described in the answer. */
  health(): Promise<AccountingHealth>;
}

/** Whole days from `due` to `asOf`; ≤ 0 when not yet due. */
export function daysPastDue(due: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

export function agingBucket(daysPast: number): AgingBucket {
  if (daysPast <= 0) return 'current';
  if (daysPast <= 30) return '1-30';
  if (daysPast <= 60) return '31-60';
  if (daysPast <= 90) return '61-90';
  return '90+';
}

export const NO_PROJECT = '(no project)';

/** What an invoice is called on screen: its number, or `draft <id>` while it has none (an Odoo draft). */
export function invoiceName(invoice: Pick<Invoice, 'number' | 'id'>): string {
  return invoice.number ?? `draft ${invoice.id}`;
}

/** Plain code-point order, the same on every machine (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Amounts summed per client and project (in cents, see `money.ts`), ready for
 * {@link AccountingPort.revenueByClientAndProject}: lines summing to 0 left
 * out; the clients by their total, largest first (then by name); each
 * client's lines by amount, largest first, then by project name, the line
 * without a project last. Both backends hand their raw amounts to this.
 */
export function revenueLines(amounts: Iterable<RevenueLine>): RevenueLine[] {
  const lines = new Map<string, { client: string; project: string | null; cents: number }>();
  const clients = new Map<string, number>();
  for (const { client, project, amount } of amounts) {
    const cents = toCents(amount);
    const key = JSON.stringify([client, project]);
    const line = lines.get(key);
    if (line) line.cents += cents;
    else lines.set(key, { client, project, cents });
    clients.set(client, (clients.get(client) ?? 0) + cents);
  }
  const total = (client: string) => clients.get(client) ?? 0;
  return [...lines.values()]
    .filter((line) => line.cents !== 0)
    .sort(
      (a, b) =>
        total(b.client) - total(a.client) ||
        compareText(a.client, b.client) ||
        b.cents - a.cents ||
        (a.project === b.project ? 0 : a.project === null ? 1 : b.project === null ? -1 : compareText(a.project, b.project)),
    )
    .map(({ client, project, cents }) => ({ client, project, amount: fromCents(cents) }));
}

/** Digit-only ids (Odoo's) by value, so `9` comes before `10`; anything else as plain text. */
function compareKeys(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return compareText(a, b);
}

/** The order of {@link AccountingPort.listExpenses}: by date, then number (id when there is none), then id. */
export function compareExpenses(a: Expense, b: Expense): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return compareKeys(a.number ?? a.id, b.number ?? b.id) || compareKeys(a.id, b.id);
}
