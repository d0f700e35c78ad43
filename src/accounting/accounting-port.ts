/**
 * The one interface the rest of the product uses to keep the books. Two
 * backends implement it: Odoo (`odoo/`, over XML-RPC, JSON-RPC or JSON-2) and
 * the vault ledger (`ledger/`, notes in `Accounting/`), the embedded default.
 *
 * Dates are calendar days `YYYY-MM-DD` in the user's time zone; amounts are in
 * the company currency, rounded to cents (see `money.ts`).
 */

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

export type InvoiceFilter = 'all' | 'unpaid' | 'overdue';

export interface ListInvoicesInput {
  /** `unpaid`: posted with something left to pay; `overdue`: unpaid and past due. */
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

/** Digit-only ids (Odoo's) by value, so `9` comes before `10`; anything else as plain text. */
function compareKeys(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of {@link AccountingPort.listExpenses}: by date, then number (id when there is none), then id. */
export function compareExpenses(a: Expense, b: Expense): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return compareKeys(a.number ?? a.id, b.number ?? b.id) || compareKeys(a.id, b.id);
}
