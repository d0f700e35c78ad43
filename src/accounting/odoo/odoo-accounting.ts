/**
 * The books kept in Odoo (16–19), over whichever protocol the connection
 * chose. This class holds the connection and the company currency; the
 * Odoo-specific work lives in the `odoo-*` modules beside it.
 */
import type { Clock } from '../../core/clock';
import { AccountingError, isAccountingError } from '../accounting-error';
import type {
  AccountingHealth,
  AccountingPort,
  CashPosition,
  CreateInvoiceInput,
  CreateInvoiceResult,
  DateRange,
  Expense,
  Invoice,
  ListInvoicesInput,
  LogExpenseInput,
  LogExpenseResult,
  PaymentResult,
  ProfitAndLoss,
  ReceivablesAging,
  RegisterPaymentInput,
  AmountByName,
  RevenueLine,
} from '../accounting-port';
import { localDay } from '../dates';
import { formatAmount, roundMoney, sumMoney } from '../money';
import { listExpenses } from './odoo-expense-list';
import { logHrExpense, logVendorBill } from './odoo-expenses';
import { createOnce } from './odoo-idempotent-create';
import { checkCreateInvoice, checkFilter, checkLogExpense, checkRange, checkRegisterPayment, requireDay, requireText } from './odoo-input';
import { findInvoice, findMoveByRef, getInvoiceById, invoiceVals, listInvoices, readInvoices } from './odoo-invoices';
import { ensurePartner } from './odoo-partners';
import { registerMovePayment } from './odoo-payments';
import * as reports from './odoo-reports';
import { PROTOCOL_LABELS, type OdooRpc } from './odoo-rpc';
import { many2one, recordId, recordList, type OdooRecord } from './odoo-records';

export interface OdooAccountingOptions {
  /** Opens the connection; called lazily on first use and again after a bad_credentials/not_configured failure. */
  connect: () => Promise<OdooRpc>;
  clock: Clock;
  expenseRecord: 'vendor_bill' | 'hr_expense';
  /** For health(): the address without credentials, e.g. https://mycompany.odoo.com */
  target: string;
}

/** Failures after which the connection is opened afresh (the key or settings may have been fixed). */
const RECONNECT_KINDS: ReadonlySet<string> = new Set(['bad_credentials', 'not_configured']);

export class OdooAccounting implements AccountingPort {
  readonly backend = 'odoo' as const;
  private connection: Promise<OdooRpc> | null = null;
  private currency: string | null = null;

  constructor(private readonly options: OdooAccountingOptions) {}

  async createInvoice(input: CreateInvoiceInput): Promise<CreateInvoiceResult> {
    const checked = checkCreateInvoice(input, this.today());
    return this.run(async (rpc) => {
      // The key first: a retry after a crash finds the invoice made before.
      const existing = await findMoveByRef(rpc, checked.key, 'out_invoice');
      if (existing) return { invoice: await this.one(rpc, existing), created: false };
      const partnerId = await ensurePartner(rpc, checked.client, 'customer');
      const vals = invoiceVals({ ...checked, partnerId });
      const id = await createOnce(rpc, 'account.move', vals, async () => {
        const found = await findMoveByRef(rpc, checked.key, 'out_invoice');
        return found ? recordId(found) : null;
      });
      return { invoice: await getInvoiceById(rpc, id), created: true };
    });
  }

  async postInvoice(invoice: string): Promise<Invoice> {
    const reference = requireText('invoice', invoice);
    return this.run(async (rpc) => {
      const move = await findInvoice(rpc, reference);
      if (move.state === 'posted') return this.one(rpc, move);
      await rpc.call('account.move', 'action_post', [recordId(move)], {});
      return getInvoiceById(rpc, recordId(move));
    });
  }

  async getInvoice(invoice: string): Promise<Invoice> {
    const reference = requireText('invoice', invoice);
    return this.run(async (rpc) => this.one(rpc, await findInvoice(rpc, reference)));
  }

  async listInvoices(input: ListInvoicesInput): Promise<Invoice[]> {
    const filter = checkFilter(input?.filter);
    const asOf = requireDay('asOf', input.asOf, this.today());
    return this.run((rpc) => listInvoices(rpc, filter, asOf));
  }

  async registerPayment(input: RegisterPaymentInput): Promise<PaymentResult> {
    const checked = checkRegisterPayment(input, this.today());
    return this.run(async (rpc) => {
      const before = await this.one(rpc, await findInvoice(rpc, checked.invoice));
      const label = before.number ?? `id ${before.id}`;
      // Odoo's own wording for the wizard's refusal, without a wizard round trip.
      if (before.status === 'paid' || before.status === 'cancelled' || (before.status === 'posted' && before.amountDue <= 0)) {
        throw new AccountingError('validation', `You can't register a payment because there is nothing left to pay on invoice ${label} (it is ${before.status}).`);
      }
      const amount = checked.amount ?? before.amountDue;
      if (amount > before.amountDue) {
        throw new AccountingError('bad_input', `amount ${formatAmount(amount)} is more than the ${formatAmount(before.amountDue)} still due on invoice ${label}.`);
      }
      const paymentId = await registerMovePayment(rpc, { moveId: Number(before.id), amount, date: checked.date });
      return { invoice: await getInvoiceById(rpc, Number(before.id)), paymentId, amount: roundMoney(amount), date: checked.date };
    });
  }

  async logExpense(input: LogExpenseInput): Promise<LogExpenseResult> {
    const checked = checkLogExpense(input, this.today());
    return this.run((rpc) => (this.options.expenseRecord === 'hr_expense' ? logHrExpense(rpc, checked) : logVendorBill(rpc, checked)));
  }

  async profitAndLoss(range: DateRange): Promise<ProfitAndLoss> {
    const checked = checkRange(range);
    return this.run(async (rpc) => {
      const { revenue, expenses } = await reports.profitAndLoss(rpc, checked);
      return { ...checked, currency: await this.companyCurrency(rpc), revenue, expenses, profit: sumMoney([revenue, -expenses]) };
    });
  }

  async cashPosition(asOf?: string): Promise<CashPosition> {
    const day = requireDay('asOf', asOf, this.today());
    return this.run(async (rpc) => {
      const accounts = await reports.cashPosition(rpc, day);
      const balance = sumMoney(accounts.map((account) => account.amount));
      return { asOf: day, currency: await this.companyCurrency(rpc), balance, accounts };
    });
  }

  async receivablesAging(asOf?: string): Promise<ReceivablesAging> {
    const day = requireDay('asOf', asOf, this.today());
    return this.run(async (rpc) => {
      const buckets = await reports.receivablesAging(rpc, day);
      return { asOf: day, currency: await this.companyCurrency(rpc), buckets, total: sumMoney(Object.values(buckets)) };
    });
  }

  async revenueByClient(range: DateRange): Promise<AmountByName[]> {
    const checked = checkRange(range);
    return this.run((rpc) => reports.revenueByClient(rpc, checked));
  }

  async revenueByProject(range: DateRange): Promise<AmountByName[]> {
    const checked = checkRange(range);
    return this.run((rpc) => reports.revenueByProject(rpc, checked));
  }

  async revenueByClientAndProject(range: DateRange): Promise<RevenueLine[]> {
    const checked = checkRange(range);
    return this.run((rpc) => reports.revenueByClientAndProject(rpc, checked));
  }

  async expensesByCategory(range: DateRange): Promise<AmountByName[]> {
    const checked = checkRange(range);
    return this.run((rpc) => reports.expensesByCategory(rpc, checked));
  }

  async listExpenses(range: DateRange): Promise<Expense[]> {
    const checked = checkRange(range);
    return this.run((rpc) => listExpenses(rpc, checked, this.options.expenseRecord));
  }

  /** Connects and makes one harmless accounting read, so that a user without accounting rights shows up here. */
  async health(): Promise<AccountingHealth> {
    try {
      return await this.run(async (rpc) => {
        await rpc.call('account.move', 'search_count', null, { domain: [['id', '=', 0]] });
        const summary = `Odoo ${rpc.version.label} at ${this.options.target} over ${PROTOCOL_LABELS[rpc.protocol]}, user id ${rpc.uid}`;
        return { ok: true, backend: this.backend, summary };
      });
    } catch (error) {
      const summary = isAccountingError(error) ? error.describe() : `Odoo at ${this.options.target} failed: ${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, backend: this.backend, summary };
    }
  }

  private today(): string {
    return localDay(this.options.clock.now());
  }

  private async one(rpc: OdooRpc, move: OdooRecord): Promise<Invoice> {
    const [invoice] = await readInvoices(rpc, [move]);
    return invoice as Invoice;
  }

  /** The company's currency code, read once: it does not change under a running company. */
  private async companyCurrency(rpc: OdooRpc): Promise<string> {
    if (this.currency !== null) return this.currency;
    const [company] = recordList(
      await rpc.call('res.company', 'search_read', null, { domain: [], fields: ['id', 'currency_id'], limit: 1, order: 'id' }),
      'the company read',
    );
    const code = many2one(company?.currency_id)?.name;
    if (!code) throw new AccountingError('bad_response', 'Odoo did not say which currency the company keeps its books in.');
    this.currency = code;
    return code;
  }

  private connect(): Promise<OdooRpc> {
    if (!this.connection) {
      const opening = this.options.connect();
      this.connection = opening;
      // A failed connection is forgotten, so the next use tries again (the server may be back).
      opening.catch(() => {
        if (this.connection === opening) this.connection = null;
      });
    }
    return this.connection;
  }

  private async run<T>(work: (rpc: OdooRpc) => Promise<T>): Promise<T> {
    const rpc = await this.connect();
    try {
      return await work(rpc);
    } catch (error) {
      if (isAccountingError(error) && RECONNECT_KINDS.has(error.kind)) this.connection = null;
      throw error;
    }
  }
}
