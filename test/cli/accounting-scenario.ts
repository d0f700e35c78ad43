/**
 * One working month of books driven through the built CLI with --json: four
 * invoices (one a draft), a partial and a full payment, an expense, the three
 * lists and the three reports. Every figure is round and checked by hand in
 * {@link EXPECTED}, so any backend (the vault ledger, Odoo over each protocol)
 * must print the same numbers.
 */
import { addDays, localDay } from '../../src/accounting/dates';
import type {
  CashPosition,
  CreateInvoiceResult,
  Invoice,
  LogExpenseResult,
  PaymentResult,
  ProfitAndLoss,
  ReceivablesAging,
} from '../../src/accounting/accounting-port';
import { runCli, type CliOptions, type CliResult } from './run-cli';

/** Today as the CLI sees it (the same machine and time zone). */
export const TODAY = localDay(new Date());
export const day = (offset: number) => addDays(TODAY, offset);

/** How to reach the books: extra CLI arguments (--env-file) and environment. */
export interface BooksAccess {
  vault: string;
  args?: string[];
  env?: Record<string, string>;
}

/** Runs `accounting …` and returns its result; fails loudly with everything printed when the exit code is not 0. */
export async function accounting(access: BooksAccess, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runCli(['accounting', ...args, '--vault', access.vault, ...(access.args ?? [])], { env: access.env, ...options });
}

/** Runs a --json command that must succeed: exactly one JSON document on stdout, the books named on stderr. */
export async function json<T>(access: BooksAccess, args: string[]): Promise<{ data: T; stderr: string }> {
  const r = await accounting(access, [...args, '--json']);
  if (r.code !== 0) throw new Error(`accounting ${args.join(' ')} exited ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  return { data: JSON.parse(r.stdout) as T, stderr: r.stderr };
}

/** The figures of an invoice, without the backend's own id and number (which differ by design). */
export function invoiceFigures(invoice: Invoice) {
  return {
    client: invoice.client,
    project: invoice.project,
    issued: invoice.issued,
    due: invoice.due,
    status: invoice.status,
    currency: invoice.currency,
    amountTotal: invoice.amountTotal,
    amountDue: invoice.amountDue,
    lines: invoice.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount })),
  };
}

const byClientAndAmount = (a: Invoice, b: Invoice) => a.client.localeCompare(b.client) || a.amountTotal - b.amountTotal;

export interface ScenarioResult {
  /** Everything a backend must agree on, ready for toEqual. */
  figures: {
    created: ReturnType<typeof invoiceFigures>[];
    again: { created: boolean; sameInvoice: boolean };
    partial: { amount: number; date: string; amountDue: number; status: string };
    full: { amount: number; date: string; amountDue: number; status: string };
    expense: { created: boolean; amount: number; date: string; category: string; currency: string };
    all: ReturnType<typeof invoiceFigures>[];
    unpaid: ReturnType<typeof invoiceFigures>[];
    overdue: ReturnType<typeof invoiceFigures>[];
    pnl: ProfitAndLoss;
    cash: { asOf: string; currency: string; balance: number; accountsTotal: number };
    aging: ReceivablesAging;
  };
  numbers: (string | null)[];
  stderr: string[];
}

/** Runs the whole month against one vault's books. */
export async function runScenario(access: BooksAccess): Promise<ScenarioResult> {
  const stderr: string[] = [];
  const run = async <T>(args: string[]) => {
    const r = await json<T>(access, args);
    stderr.push(r.stderr);
    return r.data;
  };
  const late = ['invoice', '--client', 'Client ABC', '--amount', '10000', '--description', 'Website redesign', '--project', 'Website', '--date', day(-100), '--due', day(-95), '--key', 'scenario-a', '--post'];
  // Commands that do not depend on each other run side by side, as separate
  // processes would on a busy desk (the books must hand out distinct numbers).
  // Two invoices for one new client are kept apart: both would create the partner.
  const [a, b, d, expense] = await Promise.all([
    run<CreateInvoiceResult>(late),
    run<CreateInvoiceResult>(['invoice', '--client', 'Riverside Bakery', '--amount', '4000', '--description', 'Online ordering', '--date', day(-40), '--due', day(-35), '--key', 'scenario-b', '--post']),
    run<CreateInvoiceResult>(['invoice', '--client', 'Northwind Traders', '--amount', '999.50', '--description', 'Logo sketches', '--key', 'scenario-d']),
    run<LogExpenseResult>(['expense', '--amount', '150', '--category', 'Office supplies', '--description', 'Paper and toner', '--vendor', 'Paper Supplies Ltd', '--date', day(-10), '--key', 'scenario-e']),
  ]);
  const [again, c, partial] = await Promise.all([
    // The same command again (a retry after a crash): the key finds the first invoice.
    run<CreateInvoiceResult>(late),
    run<CreateInvoiceResult>(['invoice', '--client', 'Client ABC', '--amount', '2500', '--description', 'Support retainer', '--project', 'Support', '--key', 'scenario-c', '--post']),
    run<PaymentResult>(['pay', a.invoice.number ?? a.invoice.id, '--amount', '4000', '--date', day(-50)]),
  ]);
  const full = await run<PaymentResult>(['pay', c.invoice.number ?? c.invoice.id]);

  // Reads change nothing, so they may run side by side too.
  const [all, unpaid, overdue, pnl, cash, aging] = await Promise.all([
    run<Invoice[]>(['invoices']),
    run<Invoice[]>(['invoices', '--unpaid']),
    run<Invoice[]>(['invoices', '--overdue']),
    run<ProfitAndLoss>(['report', 'pnl', '--from', day(-120), '--to', TODAY]),
    run<CashPosition>(['report', 'cash']),
    run<ReceivablesAging>(['report', 'aging']),
  ]);
  const paymentFigures = (p: PaymentResult) => ({ amount: p.amount, date: p.date, amountDue: p.invoice.amountDue, status: p.invoice.status });
  return {
    figures: {
      created: [a, b, c, d].map((r) => invoiceFigures(r.invoice)),
      again: { created: again.created, sameInvoice: again.invoice.id === a.invoice.id },
      partial: paymentFigures(partial),
      full: paymentFigures(full),
      expense: { created: expense.created, amount: expense.expense.amount, date: expense.expense.date, category: expense.expense.category, currency: expense.expense.currency },
      all: [...all].sort(byClientAndAmount).map(invoiceFigures),
      unpaid: [...unpaid].sort(byClientAndAmount).map(invoiceFigures),
      overdue: [...overdue].sort(byClientAndAmount).map(invoiceFigures),
      pnl,
      cash: { asOf: cash.asOf, currency: cash.currency, balance: cash.balance, accountsTotal: cash.accounts.reduce((sum, x) => sum + Math.round(x.amount * 100), 0) / 100 },
      aging,
    },
    numbers: [a, b, c, d].map((r) => r.invoice.number),
    stderr,
  };
}

const line = (description: string, amount: number) => [{ description, quantity: 1, unitPrice: amount, amount }];

/** The month's figures, worked out by hand. */
export function expectedFigures(): ScenarioResult['figures'] {
  const a = { client: 'Client ABC', project: 'Website', issued: day(-100), due: day(-95), currency: 'USD', amountTotal: 10000, lines: line('Website redesign', 10000) };
  const b = { client: 'Riverside Bakery', project: null, issued: day(-40), due: day(-35), currency: 'USD', amountTotal: 4000, lines: line('Online ordering', 4000) };
  const c = { client: 'Client ABC', project: 'Support', issued: TODAY, due: day(30), currency: 'USD', amountTotal: 2500, lines: line('Support retainer', 2500) };
  const d = { client: 'Northwind Traders', project: null, issued: TODAY, due: day(30), currency: 'USD', amountTotal: 999.5, lines: line('Logo sketches', 999.5) };
  const aAfter = { ...a, status: 'posted' as const, amountDue: 6000 };
  const bAfter = { ...b, status: 'posted' as const, amountDue: 4000 };
  const cAfter = { ...c, status: 'paid' as const, amountDue: 0 };
  const dAfter = { ...d, status: 'draft' as const, amountDue: 999.5 };
  return {
    created: [
      { ...a, status: 'posted', amountDue: 10000 },
      { ...b, status: 'posted', amountDue: 4000 },
      { ...c, status: 'posted', amountDue: 2500 },
      dAfter,
    ],
    again: { created: false, sameInvoice: true },
    partial: { amount: 4000, date: day(-50), amountDue: 6000, status: 'posted' },
    full: { amount: 2500, date: TODAY, amountDue: 0, status: 'paid' },
    expense: { created: true, amount: 150, date: day(-10), category: 'Office supplies', currency: 'USD' },
    all: [cAfter, aAfter, dAfter, bAfter],
    unpaid: [aAfter, bAfter],
    overdue: [aAfter, bAfter],
    pnl: { from: day(-120), to: TODAY, currency: 'USD', revenue: 16500, expenses: 150, profit: 16350 },
    // Received 4,000 + 2,500, paid out 150.
    cash: { asOf: TODAY, currency: 'USD', balance: 6350, accountsTotal: 6350 },
    aging: { asOf: TODAY, currency: 'USD', buckets: { current: 0, '1-30': 0, '31-60': 4000, '61-90': 0, '90+': 6000 }, total: 10000 },
  };
}
