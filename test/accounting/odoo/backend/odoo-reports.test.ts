/**
 * Every report against books whose figures were worked out by hand, on every
 * version and protocol; and the number of calls each report makes, which
 * must not grow with the number of invoices.
 */
import { NO_PROJECT, type AccountingPort } from '../../../../src/accounting/accounting-port';
import { sumMoney } from '../../../../src/accounting/money';
import { ALL_CASES, ONE_PER_PROTOCOL, openBackend, type Backend, type BackendCase } from './odoo-backend-fixture';

const Q1 = { from: '2026-01-01', to: '2026-03-31' };

/** An invoice, posted; returns its id. */
async function posted(port: AccountingPort, key: string, client: string, amount: number, issueDate: string, dueDate: string, project?: string) {
  const { invoice } = await port.createInvoice({
    client,
    lines: [{ description: `Work for ${client}`, quantity: 1, unitPrice: amount }],
    issueDate,
    dueDate,
    idempotencyKey: key,
    ...(project ? { project } : {}),
  });
  await port.postInvoice(invoice.id);
  return invoice.id;
}

/**
 * Today is 2026-03-10.
 * - G: Client D, 2025-10-01, 5,000, paid in full 2025-10-15      (before Q1)
 * - E: Client B, 2025-11-01 due 2025-12-01, 300 unpaid           (99 days late: 90+)
 * - F: Client C, 2025-12-05 due 2025-12-20, 800 unpaid           (80 days late: 61-90)
 * - A: Client A, Website, 2026-01-05 due 2026-02-04, 1,000; 400 paid 2026-02-10 (34 days late: 31-60, 600 left)
 * - B: Client B, SEO, 2026-02-01 due 2026-03-03, 2,500 unpaid     (7 days late: 1-30)
 * - C: Client A, no project, 2026-03-01 due 2026-03-31, 700       (current)
 * - D: Client C, draft, 5,000                                     (not in any report)
 * - expenses: Software 10.10 (2025-12-15), Rent 1,500 (2026-01-31), Software 89.90 (2026-02-15), Travel 210 (2026-03-02)
 */
async function seedBooks(port: AccountingPort): Promise<void> {
  const g = await posted(port, 'g', 'Client D', 5000, '2025-10-01', '2025-10-31');
  await port.registerPayment({ invoice: g, date: '2025-10-15' });
  await posted(port, 'e', 'Client B', 300, '2025-11-01', '2025-12-01');
  await posted(port, 'f', 'Client C', 800, '2025-12-05', '2025-12-20');
  const a = await posted(port, 'a', 'Client A', 1000, '2026-01-05', '2026-02-04', 'Website');
  await port.registerPayment({ invoice: a, amount: 400, date: '2026-02-10' });
  await posted(port, 'b', 'Client B', 2500, '2026-02-01', '2026-03-03', 'SEO');
  await posted(port, 'c', 'Client A', 700, '2026-03-01', '2026-03-31');
  await port.createInvoice({ client: 'Client C', lines: [{ description: 'Draft', quantity: 1, unitPrice: 5000 }], idempotencyKey: 'd' });
  const expense = (key: string, amount: number, category: string, date: string) =>
    port.logExpense({ amount, category, description: `${category} on ${date}`, date, idempotencyKey: key });
  await expense('x1', 10.1, 'Software', '2025-12-15');
  await expense('x2', 1500, 'Rent', '2026-01-31');
  await expense('x3', 89.9, 'Software', '2026-02-15');
  await expense('x4', 210, 'Travel', '2026-03-02');
}

describe.each(ALL_CASES)('Odoo backend reports, Odoo $version over $protocol', (backendCase) => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await openBackend(backendCase);
    await seedBooks(backend.port);
  });

  afterAll(async () => {
    await backend.close();
  });

  it('computes profit and loss from posted income and expense lines', async () => {
    expect(await backend.port.profitAndLoss(Q1)).toEqual({ ...Q1, currency: 'USD', revenue: 4200, expenses: 1799.9, profit: 2400.1 });
    expect(await backend.port.profitAndLoss({ from: '2025-10-01', to: '2025-12-31' })).toMatchObject({ revenue: 6100, expenses: 10.1, profit: 6089.9 });
  });

  it('computes the cash position from bank, cash and outstanding accounts', async () => {
    const now = await backend.port.cashPosition();
    // In: 5,000 + 400. Out: 10.10 + 1,500 + 89.90 + 210.
    expect(now).toMatchObject({ asOf: '2026-03-10', currency: 'USD', balance: 3590 });
    expect(now.accounts).toEqual([
      { name: 'Outstanding Receipts', amount: 5400 },
      { name: 'Outstanding Payments', amount: -1810 },
    ]);
    expect(await backend.port.cashPosition('2026-01-31')).toMatchObject({ balance: 3489.9 });
    expect(await backend.port.cashPosition('2025-09-30')).toMatchObject({ balance: 0, accounts: [] });
  });

  it('ages what customers still owe by days past due', async () => {
    const aging = await backend.port.receivablesAging();
    expect(aging).toEqual({
      asOf: '2026-03-10',
      currency: 'USD',
      buckets: { current: 700, '1-30': 2500, '31-60': 600, '61-90': 800, '90+': 300 },
      total: 4900,
    });
    // Measured from an earlier day: C is not issued yet, B is not due, A is 1 day late,
    // F 47 and E 66. (The amounts are what is due now: A shows its 600, not 1,000.)
    const earlier = await backend.port.receivablesAging('2026-02-05');
    expect(earlier.buckets).toEqual({ current: 2500, '1-30': 600, '31-60': 800, '61-90': 300, '90+': 0 });
  });

  it('splits revenue by client and by project, largest first', async () => {
    expect(await backend.port.revenueByClient(Q1)).toEqual([
      { name: 'Client B', amount: 2500 },
      { name: 'Client A', amount: 1700 },
    ]);
    expect(await backend.port.revenueByProject(Q1)).toEqual([
      { name: 'SEO', amount: 2500 },
      { name: 'Website', amount: 1000 },
      { name: NO_PROJECT, amount: 700 },
    ]);
  });

  it('splits expenses by category (expense account), largest first', async () => {
    expect(await backend.port.expensesByCategory(Q1)).toEqual([
      { name: 'Rent', amount: 1500 },
      { name: 'Travel', amount: 210 },
      { name: 'Software', amount: 89.9 },
    ]);
  });
});

/** Calls each read makes, measured on the connection (every attempt counts). */
async function callsPerRead(backendCase: BackendCase, invoices: number): Promise<Record<string, number>> {
  const backend = await openBackend(backendCase);
  try {
    backend.odoo.seedPostedInvoices(invoices, { seed: 11, from: '2025-06-01', to: '2026-03-09' });
    const { port } = backend;
    // Connect and learn the currency first, so only the reports themselves are counted.
    await port.profitAndLoss(Q1);
    const reads: Record<string, () => Promise<unknown>> = {
      profitAndLoss: () => port.profitAndLoss(Q1),
      cashPosition: () => port.cashPosition(),
      receivablesAging: () => port.receivablesAging(),
      revenueByClient: () => port.revenueByClient(Q1),
      revenueByProject: () => port.revenueByProject(Q1),
      expensesByCategory: () => port.expensesByCategory(Q1),
      listUnpaid: () => port.listInvoices({ filter: 'unpaid' }),
      listOverdue: () => port.listInvoices({ filter: 'overdue' }),
      listAll: () => port.listInvoices({ filter: 'all' }),
    };
    const counts: Record<string, number> = {};
    for (const [name, read] of Object.entries(reads)) {
      const before = backend.rpc().callCount;
      const serverBefore = backend.odoo.calls.length;
      await read();
      counts[name] = backend.rpc().callCount - before;
      expect(backend.odoo.calls.length - serverBefore).toBe(counts[name]);
    }
    return counts;
  } finally {
    await backend.close();
  }
}

describe.each(ONE_PER_PROTOCOL)('Odoo backend call counts, Odoo $version over $protocol', (backendCase) => {
  it('makes as many calls for 500 invoices as for 10', async () => {
    const few = await callsPerRead(backendCase, 10);
    const many = await callsPerRead(backendCase, 500);
    expect(many).toEqual(few);
    expect(few).toEqual({
      profitAndLoss: 1,
      cashPosition: 3,
      receivablesAging: 5,
      revenueByClient: 1,
      revenueByProject: 1,
      expensesByCategory: 1,
      listUnpaid: 2,
      listOverdue: 2,
      listAll: 2,
    });
  });

  it('agrees with the books on seeded invoices', async () => {
    const backend = await openBackend(backendCase);
    try {
      backend.odoo.seedPostedInvoices(200, { seed: 5, from: '2025-06-01', to: '2026-03-09' });
      const moves = backend.odoo.records('account.move').filter((m) => m.move_type === 'out_invoice' && m.state === 'posted');
      const aging = await backend.port.receivablesAging();
      expect(aging.total).toBe(sumMoney(moves.map((m) => Number(m.amount_residual))));
      const unpaid = await backend.port.listInvoices({ filter: 'unpaid' });
      expect(unpaid).toHaveLength(moves.filter((m) => m.payment_state === 'not_paid' || m.payment_state === 'partial').length);
      expect(sumMoney(unpaid.map((i) => i.amountDue))).toBe(aging.total);
      const everything = { from: '2000-01-01', to: '2100-12-31' };
      const byClient = await backend.port.revenueByClient(everything);
      const pnl = await backend.port.profitAndLoss(everything);
      expect(sumMoney(byClient.map((c) => c.amount))).toBe(pnl.revenue);
      expect(pnl.revenue).toBe(sumMoney(moves.map((m) => Number(m.amount_untaxed))));
      // Grouped on the server, with the method this version offers; the currency read once.
      const grouping = backendCase.version >= 19 ? 'formatted_read_group' : 'read_group';
      expect(backend.odoo.countCalls(`account.move.line.${grouping}`)).toBe(5 + 1 + 1);
      expect(backend.odoo.countCalls(/\.(read_group|formatted_read_group)$/)).toBe(5 + 1 + 1);
      expect(backend.odoo.countCalls('res.company.search_read')).toBe(1);
    } finally {
      await backend.close();
    }
  });
});
