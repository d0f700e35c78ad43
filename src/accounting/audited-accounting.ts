import type { Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import { AccountingError, isAccountingError, type AccountingErrorKind } from './accounting-error';
import type {
  AccountingHealth,
  AccountingPort,
  CreateInvoiceInput,
  CreateInvoiceResult,
  DateRange,
  Invoice,
  ListInvoicesInput,
  LogExpenseInput,
  LogExpenseResult,
  PaymentResult,
  RegisterPaymentInput,
} from './accounting-port';

/** Failures that mean "the books cannot be reached", not "this one request was wrong". */
const CONNECTION_KINDS: ReadonlySet<AccountingErrorKind> = new Set([
  'unreachable',
  'timeout',
  'not_odoo',
  'bad_database',
  'bad_credentials',
  'unsupported',
  'not_configured',
]);

export interface AuditedAccountingOptions {
  audit: AuditLogger;
  errors: ErrorLogger;
  bus: EventBus;
  clock: Clock;
  /** Where the books are, without credentials (the Odoo address, or the ledger folder). */
  target: string;
}

/**
 * Wraps any backend so that every change to the books is audited, every
 * failure reaches the error log (connection failures also as
 * `odoo.connection.failed`), and new invoices are announced on the bus.
 * Reads are passed through; their failures are logged too.
 */
export class AuditedAccounting implements AccountingPort {
  readonly backend: AccountingPort['backend'];

  constructor(
    private readonly inner: AccountingPort,
    private readonly options: AuditedAccountingOptions,
  ) {
    this.backend = inner.backend;
  }

  async createInvoice(input: CreateInvoiceInput): Promise<CreateInvoiceResult> {
    const result = await this.change('accounting.invoice.create', { client: input.client, idempotency_key: input.idempotencyKey }, () =>
      this.inner.createInvoice(input),
    );
    const { invoice, created } = result;
    if (created) {
      this.options.bus.emit('odoo.invoice.created', { invoiceId: invoice.id, number: invoice.number ?? undefined, client: invoice.client, amount: invoice.amountTotal });
    }
    return result;
  }

  postInvoice(invoice: string): Promise<Invoice> {
    return this.change('accounting.invoice.post', { invoice }, () => this.inner.postInvoice(invoice));
  }

  getInvoice(invoice: string): Promise<Invoice> {
    return this.read('getInvoice', () => this.inner.getInvoice(invoice));
  }

  listInvoices(input: ListInvoicesInput): Promise<Invoice[]> {
    return this.read('listInvoices', () => this.inner.listInvoices(input));
  }

  registerPayment(input: RegisterPaymentInput): Promise<PaymentResult> {
    return this.change('accounting.payment.register', { invoice: input.invoice, amount: input.amount }, () => this.inner.registerPayment(input));
  }

  logExpense(input: LogExpenseInput): Promise<LogExpenseResult> {
    return this.change(
      'accounting.expense.log',
      { amount: input.amount, category: input.category, idempotency_key: input.idempotencyKey },
      () => this.inner.logExpense(input),
    );
  }

  profitAndLoss(range: DateRange) {
    return this.read('profitAndLoss', () => this.inner.profitAndLoss(range));
  }

  cashPosition(asOf?: string) {
    return this.read('cashPosition', () => this.inner.cashPosition(asOf));
  }

  receivablesAging(asOf?: string) {
    return this.read('receivablesAging', () => this.inner.receivablesAging(asOf));
  }

  revenueByClient(range: DateRange) {
    return this.read('revenueByClient', () => this.inner.revenueByClient(range));
  }

  revenueByProject(range: DateRange) {
    return this.read('revenueByProject', () => this.inner.revenueByProject(range));
  }

  revenueByClientAndProject(range: DateRange) {
    return this.read('revenueByClientAndProject', () => this.inner.revenueByClientAndProject(range));
  }

  expensesByCategory(range: DateRange) {
    return this.read('expensesByCategory', () => this.inner.expensesByCategory(range));
  }

  listExpenses(range: DateRange) {
    return this.read('listExpenses', () => this.inner.listExpenses(range));
  }

  async health(): Promise<AccountingHealth> {
    const health = await this.inner.health();
    if (!health.ok) await this.reportConnection('health', new AccountingError('unreachable', health.summary));
    return health;
  }

  private async change<T>(action: string, details: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
    const started = this.options.clock.now().getTime();
    const source = `accounting.${this.backend}`;
    try {
      const result = await work();
      await this.options.audit.record({
        action,
        source,
        status: 'success',
        duration_ms: Math.max(0, this.options.clock.now().getTime() - started),
        details: { ...details, ...summarize(result) },
      });
      return result;
    } catch (error) {
      await this.options.audit.record({
        action,
        source,
        status: 'failure',
        duration_ms: Math.max(0, this.options.clock.now().getTime() - started),
        details: { ...details, error_message: describe(error) },
      });
      await this.reportConnection(action, error);
      throw error;
    }
  }

  private async read<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await this.reportConnection(operation, error);
      throw error;
    }
  }

  /** Logs every failure except the caller's own bad input; connection failures also go on the bus. */
  private async reportConnection(operation: string, error: unknown): Promise<void> {
    if (isAccountingError(error) && error.kind === 'bad_input') return;
    const source = `accounting.${this.backend}`;
    await this.options.errors.log({
      source,
      error,
      message: describe(error),
      context: { operation, target: this.options.target, kind: isAccountingError(error) ? error.kind : 'unexpected' },
    });
    if (this.backend === 'odoo' && isAccountingError(error) && CONNECTION_KINDS.has(error.kind)) {
      this.options.bus.emit('odoo.connection.failed', { url: this.options.target, error: describe(error) });
    }
  }
}

function describe(error: unknown): string {
  if (isAccountingError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/** The facts of a result worth keeping in the audit trail (never whole records). */
function summarize(result: unknown): Record<string, unknown> {
  if (!result || typeof result !== 'object') return {};
  const r = result as Record<string, unknown>;
  const invoice = (r.invoice ?? (('amountTotal' in r) ? r : undefined)) as Invoice | undefined;
  const out: Record<string, unknown> = {};
  if (invoice) Object.assign(out, { invoice_id: invoice.id, number: invoice.number, amount: invoice.amountTotal, status: invoice.status });
  if ('created' in r) out.created = r.created;
  if ('paymentId' in r) Object.assign(out, { payment_id: r.paymentId, paid: r.amount, date: r.date });
  const expense = r.expense as { id: string; number: string | null; amount: number } | undefined;
  if (expense) Object.assign(out, { expense_id: expense.id, number: expense.number, amount: expense.amount });
  return out;
}
