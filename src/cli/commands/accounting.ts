import { randomUUID } from 'node:crypto';
import { isAccountingError } from '../../accounting/accounting-error';
import type { AccountingPort, DateRange } from '../../accounting/accounting-port';
import { localDay } from '../../accounting/dates';
import type { Runtime } from '../../core/runtime';
import { ACCOUNTING_USAGE, type AccountingRequest } from '../accounting-args';
import { exitCodeFor, openCliBooks } from '../accounting-books';
import {
  renderAging,
  renderCashPosition,
  renderExpense,
  renderInvoiceList,
  renderInvoiceResult,
  renderPayment,
  renderPosted,
  renderProfitAndLoss,
} from '../accounting-render';
import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import type { Output } from '../output';
import { UsageError } from '../usage-error';

/** What one accounting command produced: the port's object for --json, lines for people. */
interface Outcome {
  data: unknown;
  lines: string[];
}

/**
 * `accounting …`: invoices, payments, expenses and reports on the books the
 * vault is configured for (Odoo, or the vault ledger). Exit 2 for bad usage
 * or configuration (wrong address, database, login), 1 when the books fail.
 */
export async function accountingCommand(args: CliArgs, out: Output): Promise<number> {
  const request = args.accounting;
  if (!request || request.action === 'help') {
    out.line(ACCOUNTING_USAGE);
    return 0;
  }
  const { runtime } = createCliContext(args, resolveVaultDir(args, { mustExist: true }));
  // Registers every secret for masking, and makes sure the ledger's folders exist.
  await runtime.start();
  try {
    const books = await openCliBooks(runtime);
    // stderr, so that stdout holds nothing but the JSON document under --json.
    if (!args.quiet) out.error(`Books: ${books.description}`);
    const outcome = await perform(request, books.port, runtime);
    out.data(outcome.data);
    for (const line of outcome.lines) out.line(line);
    return 0;
  } catch (error) {
    if (!isAccountingError(error)) throw error;
    // The messages never hold the key, but a server may echo anything back.
    out.error(runtime.secretRegistry.mask(error.describe(), '[redacted]'));
    return exitCodeFor(error);
  } finally {
    await runtime.stop();
  }
}

async function perform(request: Exclude<AccountingRequest, { action: 'help' }>, books: AccountingPort, runtime: Runtime): Promise<Outcome> {
  const today = localDay(runtime.clock.now());
  switch (request.action) {
    case 'invoice': {
      const issued = request.issued ?? today;
      if (request.due && request.due < issued) throw new UsageError(`--due (${request.due}) is before the issue day (${issued}).`);
      const key = request.key ?? freshKey();
      const description = request.description ?? request.project ?? `Services for ${request.client}`;
      let result = await books.createInvoice({
        client: request.client,
        lines: [{ description, quantity: 1, unitPrice: request.amount }],
        issueDate: issued,
        dueDate: request.due,
        project: request.project,
        idempotencyKey: key,
      });
      if (request.post) result = { ...result, invoice: await books.postInvoice(result.invoice.id) };
      return { data: result, lines: renderInvoiceResult(result, key) };
    }
    case 'post': {
      const invoice = await books.postInvoice(request.invoice);
      return { data: invoice, lines: renderPosted(invoice) };
    }
    case 'invoices': {
      const invoices = await books.listInvoices({ filter: request.filter, asOf: today });
      return { data: invoices, lines: renderInvoiceList(invoices, request.filter, today) };
    }
    case 'pay': {
      const result = await books.registerPayment({ invoice: request.invoice, amount: request.amount, date: request.date });
      return { data: result, lines: renderPayment(result) };
    }
    case 'expense': {
      const key = request.key ?? freshKey();
      const result = await books.logExpense({
        amount: request.amount,
        category: request.category,
        description: request.description ?? request.category,
        date: request.date,
        vendor: request.vendor,
        idempotencyKey: key,
      });
      return { data: result, lines: renderExpense(result, key) };
    }
    case 'report':
      return report(request, books, today);
  }
}

async function report(request: Extract<AccountingRequest, { action: 'report' }>, books: AccountingPort, today: string): Promise<Outcome> {
  if (request.report === 'pnl') {
    const range: DateRange = request.from && request.to ? { from: request.from, to: request.to } : { from: `${today.slice(0, 8)}01`, to: today };
    const pnl = await books.profitAndLoss(range);
    return { data: pnl, lines: renderProfitAndLoss(pnl) };
  }
  if (request.report === 'cash') {
    const cash = await books.cashPosition(request.asOf ?? today);
    return { data: cash, lines: renderCashPosition(cash) };
  }
  const aging = await books.receivablesAging(request.asOf ?? today);
  return { data: aging, lines: renderAging(aging) };
}

/**
 * Without --key every run is a new request. With --key, running the same
 * command again (say after a crash or a lost connection) finds the record
 * made the first time instead of making a second one.
 */
function freshKey(): string {
  return `cli:${randomUUID()}`;
}
