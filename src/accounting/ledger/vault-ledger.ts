import type { Clock } from '../../core/clock';
import type { VaultLayout } from '../../core/layout';
import { joinVaultPath } from '../../core/paths';
import { joinNote } from '../../vault/frontmatter';
import { VaultError, type VaultPort } from '../../vault/vault-port';
import { AccountingError } from '../accounting-error';
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
import { compareExpenses, daysPastDue } from '../accounting-port';
import { localDay } from '../dates';
import { checkDay, checkExpenseInput, checkPositiveAmount, checkInvoiceInput, checkRange } from './ledger-input';
import { brokenNotesError, findByKey, findInvoice, healthyOrThrow, highestSequence, toExpense, toInvoice } from './ledger-lookup';
import { formatNumber, noteFileName, SequenceMarks, seriesOf, type NumberPrefix } from './ledger-numbers';
import { readExpenseNote, readInvoiceNote, type LedgerExpense, type LedgerInvoice } from './ledger-records';
import * as reports from './ledger-reports';
import { expenseBody, expenseFrontmatter, invoiceBody, invoiceFrontmatter } from './ledger-render';
import { NoteFolder, type FolderSnapshot, type StoredRecord } from './ledger-store';
import { applyPayment, postedNote, type NoteChange } from './ledger-updates';

export interface VaultLedgerOptions {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  /** The company currency (the handbook's); every note must be in it. */
  currency: string;
}

/** Numbers tried past a clash (another process, a stray file) before giving up. */
const MAX_CLASHES = 1000;

/**
 * The books as notes in the vault, for users without Odoo: one note per
 * invoice (`Accounting/Invoices/INV-2026-00001.md`) and per expense, whose
 * YAML frontmatter is the truth and can be edited by hand. Every note read is
 * checked; a broken one stops any report that would include it, so a figure
 * is right or absent, never wrong.
 */
export class VaultLedger implements AccountingPort {
  readonly backend = 'ledger' as const;
  private readonly invoices: NoteFolder<LedgerInvoice>;
  private readonly expenses: NoteFolder<LedgerExpense>;
  private readonly marks: SequenceMarks;
  /** The ledger's own writes, one after another, so one process never hands out a number twice. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: VaultLedgerOptions) {
    const { vault, layout, currency } = options;
    this.invoices = new NoteFolder(vault, layout.accountingInvoices, (path, content) => readInvoiceNote(path, content, currency));
    this.expenses = new NoteFolder(vault, layout.accountingExpenses, (path, content) => readExpenseNote(path, content, currency));
    this.marks = new SequenceMarks(vault, layout.stateDir);
  }

  async createInvoice(input: CreateInvoiceInput): Promise<CreateInvoiceResult> {
    const checked = checkInvoiceInput(input, this.today());
    return this.serialized(async () => {
      const snapshot = await this.invoices.snapshot();
      const earlier = findByKey(snapshot, checked.idempotencyKey, 'create the invoice');
      if (earlier) return { invoice: toInvoice(earlier), created: false };
      const { record, created } = await this.createNumbered(this.invoices, snapshot, 'INV', checked.issued.slice(0, 4), checked.idempotencyKey, (number, path) => {
        const invoice: LedgerInvoice = { path, number, status: 'draft', currency: this.options.currency, payments: [], ...checked };
        return { record: invoice, content: joinNote(invoiceFrontmatter(invoice), invoiceBody(invoice)) };
      });
      return { invoice: toInvoice(record), created };
    });
  }

  async postInvoice(reference: string): Promise<Invoice> {
    return this.serialized(async () => {
      const found = findInvoice(await this.invoices.snapshot(), this.invoices.folder, reference);
      if (found.status === 'posted' || found.status === 'paid') return toInvoice(found);
      return toInvoice(await this.update(found.path, postedNote));
    });
  }

  async getInvoice(reference: string): Promise<Invoice> {
    return toInvoice(findInvoice(await this.invoices.snapshot(), this.invoices.folder, reference));
  }

  async listInvoices(input: ListInvoicesInput): Promise<Invoice[]> {
    const filter = input?.filter ?? 'all';
    if (filter !== 'all' && filter !== 'unpaid' && filter !== 'overdue' && filter !== 'draft') {
      throw new AccountingError('bad_input', `The filter ${JSON.stringify(filter)} is not one of all, unpaid, overdue, draft.`);
    }
    const asOf = checkDay(input.asOf, 'as-of date', this.today());
    const all = healthyOrThrow(await this.invoices.snapshot(), 'list the invoices');
    const chosen = all.filter((i) => filter === 'all' || (filter === 'draft' ? i.status === 'draft' : i.status === 'posted' && (filter === 'unpaid' || daysPastDue(i.due, asOf) > 0)));
    return chosen.sort((a, b) => (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : a.number < b.number ? -1 : 1)).map(toInvoice);
  }

  async registerPayment(input: RegisterPaymentInput): Promise<PaymentResult> {
    const date = checkDay(input.date, 'payment date', this.today());
    const amount = input.amount === undefined ? undefined : checkPositiveAmount(input.amount, 'payment amount');
    return this.serialized(async () => {
      const snapshot = await this.invoices.snapshot();
      const found = findInvoice(snapshot, this.invoices.folder, input.invoice);
      const series = seriesOf('PAY', date.slice(0, 4));
      const highest = Math.max(highestSequence(snapshot, series, (r) => r.payments.map((p) => p.id)), await this.marks.get(series));
      const paymentId = formatNumber('PAY', date.slice(0, 4), highest + 1);
      const paid = await this.update(found.path, (invoice) => applyPayment(invoice, { id: paymentId, date, amount }));
      await this.raiseMark(series, highest + 1);
      const payment = paid.payments[paid.payments.length - 1];
      return { invoice: toInvoice(paid), paymentId, amount: payment?.amount ?? 0, date };
    });
  }

  async logExpense(input: LogExpenseInput): Promise<LogExpenseResult> {
    const checked = checkExpenseInput(input, this.today());
    return this.serialized(async () => {
      const snapshot = await this.expenses.snapshot();
      const earlier = findByKey(snapshot, checked.idempotencyKey, 'log the expense');
      if (earlier) return { expense: toExpense(earlier), created: false };
      const { record, created } = await this.createNumbered(this.expenses, snapshot, 'EXP', checked.date.slice(0, 4), checked.idempotencyKey, (number, path) => {
        const expense: LedgerExpense = { path, number, currency: this.options.currency, ...checked };
        return { record: expense, content: joinNote(expenseFrontmatter(expense), expenseBody(expense)) };
      });
      return { expense: toExpense(record), created };
    });
  }

  async profitAndLoss(range: DateRange): Promise<ProfitAndLoss> {
    const checked = checkRange(range);
    const [invoices, expenses] = await Promise.all([this.healthyInvoices('compute profit and loss'), this.healthyExpenses('compute profit and loss')]);
    return reports.profitAndLoss(invoices, expenses, checked, this.options.currency);
  }

  async cashPosition(asOf?: string): Promise<CashPosition> {
    const day = checkDay(asOf, 'as-of date', this.today());
    const [invoices, expenses] = await Promise.all([this.healthyInvoices('compute the cash position'), this.healthyExpenses('compute the cash position')]);
    return reports.cashPosition(invoices, expenses, day, this.options.currency);
  }

  async receivablesAging(asOf?: string): Promise<ReceivablesAging> {
    const day = checkDay(asOf, 'as-of date', this.today());
    return reports.receivablesAging(await this.healthyInvoices('age the receivables'), day, this.options.currency);
  }

  async revenueByClient(range: DateRange): Promise<AmountByName[]> {
    const checked = checkRange(range);
    return reports.revenueByClient(await this.healthyInvoices('compute revenue by client'), checked);
  }

  async revenueByProject(range: DateRange): Promise<AmountByName[]> {
    const checked = checkRange(range);
    return reports.revenueByProject(await this.healthyInvoices('compute revenue by project'), checked);
  }

  async revenueByClientAndProject(range: DateRange): Promise<RevenueLine[]> {
    const checked = checkRange(range);
    return reports.revenueByClientAndProject(await this.healthyInvoices('compute revenue by client and project'), checked);
  }

  async expensesByCategory(range: DateRange): Promise<AmountByName[]> {
    const checked = checkRange(range);
    return reports.expensesByCategory(await this.healthyExpenses('compute expenses by category'), checked);
  }

  async listExpenses(range: DateRange): Promise<Expense[]> {
    const checked = checkRange(range);
    const expenses = await this.healthyExpenses('list the expenses');
    return reports.expensesIn(expenses, checked).map(toExpense).sort(compareExpenses);
  }

  async health(): Promise<AccountingHealth> {
    try {
      const [invoices, expenses] = await Promise.all([this.invoices.snapshot(), this.expenses.snapshot()]);
      const broken = [...invoices.broken, ...expenses.broken];
      if (broken.length > 0) {
        return { ok: false, backend: 'ledger', summary: brokenNotesError(broken, 'read the books').describe() };
      }
      return {
        ok: true,
        backend: 'ledger',
        summary: `Books kept in the vault (${this.options.layout.accounting}/): ${invoices.records.length} invoices, ${expenses.records.length} expenses`,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, backend: 'ledger', summary: `The books in the vault (${this.options.layout.accounting}/) cannot be read: ${message}` };
    }
  }

  private today(): string {
    return localDay(this.options.clock.now());
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async healthyInvoices(doing: string): Promise<LedgerInvoice[]> {
    return healthyOrThrow(await this.invoices.snapshot(), doing);
  }

  private async healthyExpenses(doing: string): Promise<LedgerExpense[]> {
    return healthyOrThrow(await this.expenses.snapshot(), doing);
  }

  /**
   * Writes a new note under the next free number of its series. The create is
   * exclusive: a number taken meanwhile (another process, a stray file) moves
   * on to the next one, unless that note carries our key, which means the
   * same request already went through.
   */
  private async createNumbered<T extends StoredRecord>(
    folder: NoteFolder<T>,
    snapshot: FolderSnapshot<T>,
    prefix: NumberPrefix,
    year: string,
    key: string,
    build: (number: string, path: string) => { record: T; content: string },
  ): Promise<{ record: T; created: boolean }> {
    const series = seriesOf(prefix, year);
    let sequence = Math.max(highestSequence(snapshot, series), await this.marks.get(series)) + 1;
    for (let attempt = 0; attempt < MAX_CLASHES; attempt++, sequence++) {
      const number = formatNumber(prefix, year, sequence);
      const path = joinVaultPath(folder.folder, noteFileName(number));
      const { record, content } = build(number, path);
      try {
        await this.options.vault.create(path, content);
      } catch (error) {
        if (!(error instanceof VaultError && error.code === 'exists')) throw error;
        const there = await folder.readOne(path);
        if (there?.state === 'ok' && there.record.idempotencyKey === key) return { record: there.record, created: false };
        continue;
      }
      folder.forget(path);
      await this.raiseMark(series, sequence);
      return { record, created: true };
    }
    throw new AccountingError('server_error', `No free number found in ${folder.folder} after ${MAX_CLASHES} tries (${series}).`);
  }

  /** The high-water mark only guards against reuse after a deletion: the note written is what counts. */
  private async raiseMark(series: string, to: number): Promise<void> {
    try {
      await this.marks.raise(series, to);
    } catch {
      // The notes still hold every number in use; a missing mark only matters after a hand deletion.
    }
  }

  /**
   * Rewrites an invoice note in one read-modify-write: the change applies to
   * what the note says now (a hand edit since the snapshot included), and the
   * body is regenerated, keeping the `## Notes` section.
   */
  private async update(path: string, change: (invoice: LedgerInvoice) => NoteChange): Promise<LedgerInvoice> {
    let updated: LedgerInvoice | undefined;
    const rewrite = (content: string) => {
      const reading = readInvoiceNote(path, content, this.options.currency);
      if (reading.state === 'ignored') throw new AccountingError('not_found', `${path} is no longer an invoice note.`);
      if (reading.state === 'broken') throw brokenNotesError([{ path, problem: reading.problem }], 'change the invoice');
      const result = change(reading.record);
      const frontmatter = structuredClone(reading.frontmatter);
      result.frontmatter(frontmatter);
      updated = result.invoice;
      return joinNote(frontmatter, invoiceBody(result.invoice, reading.body));
    };
    try {
      await this.options.vault.process(path, rewrite);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'not-found') {
        throw new AccountingError('not_found', `The invoice note ${path} was moved or deleted meanwhile.`, { cause: error });
      }
      throw error;
    } finally {
      this.invoices.forget(path);
    }
    if (!updated) throw new AccountingError('server_error', `${path} was not updated.`);
    return updated;
  }
}
