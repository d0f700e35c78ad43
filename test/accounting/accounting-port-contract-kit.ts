/**
 * What the contract cases share: the agreed start day, the backend under test
 * (set afresh before each case), unique idempotency keys and small helpers.
 */
import { isAccountingError, type AccountingErrorKind } from '../../src/accounting/accounting-error';
import type { AccountingPort, CreateInvoiceInput, Invoice, LogExpenseResult } from '../../src/accounting/accounting-port';
import { ManualClock } from '../../src/core/clock';

export const CONTRACT_TODAY = '2026-11-02';
export const CONTRACT_CLOCK_START = `${CONTRACT_TODAY}T10:00:00`;
export const INVOICE_NUMBER = /^INV\/\d{4}\/\d{5}$/;

export interface AccountingContractContext {
  port: AccountingPort;
  clock: ManualClock;
  teardown: () => Promise<void>;
}

/** A clock at the suite's agreed start, for setups. */
export function contractClock(): ManualClock {
  return new ManualClock(CONTRACT_CLOCK_START);
}

/** Checks that the call fails with an AccountingError of this kind (and message); fails the test otherwise. */
export async function failure(call: Promise<unknown>, kind: AccountingErrorKind, mentions?: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected an AccountingError of kind ${kind}, but the call succeeded`);
  if (!isAccountingError(caught)) throw caught instanceof Error ? caught : new Error(`expected an AccountingError, got ${JSON.stringify(caught)}`);
  expect(caught.kind).toBe(kind);
  if (mentions) expect(caught.message).toMatch(mentions);
}

export const sortedNumbers = (invoices: Invoice[]): string[] => invoices.map((i) => i.number ?? i.id).sort();

export type InvoiceOptions = Partial<Omit<CreateInvoiceInput, 'client' | 'lines' | 'idempotencyKey'>> & { draft?: boolean };

export class ContractKit {
  private context: AccountingContractContext | undefined;
  private count = 0;
  /** Keys differ between runs, so books that outlive a run cannot answer with an old invoice. */
  private readonly run = Math.random().toString(36).slice(2, 8);

  use(context: AccountingContractContext | undefined): void {
    this.context = context;
  }

  get port(): AccountingPort {
    return this.current().port;
  }

  get clock(): ManualClock {
    return this.current().clock;
  }

  key(label: string): string {
    return `contract-${this.run}-${label}`;
  }

  /** A new invoice of one line (posted unless `draft`), as the backend reports it. */
  async invoice(client: string, amount: number, options: InvoiceOptions = {}): Promise<Invoice> {
    const { draft, ...rest } = options;
    this.count += 1;
    const { invoice: made } = await this.port.createInvoice({
      client,
      lines: [{ description: `Work for ${client}`, quantity: 1, unitPrice: amount }],
      idempotencyKey: this.key(`invoice-${this.count}`),
      ...rest,
    });
    return draft ? made : this.port.postInvoice(made.id);
  }

  async expense(amount: number, category: string, date: string, description = `${category} costs`): Promise<LogExpenseResult> {
    this.count += 1;
    return this.port.logExpense({ amount, category, description, date, idempotencyKey: this.key(`expense-${this.count}`) });
  }

  private current(): AccountingContractContext {
    if (!this.context) throw new Error('The contract case ran outside its setup');
    return this.context;
  }
}
