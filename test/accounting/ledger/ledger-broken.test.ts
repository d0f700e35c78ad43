import { isAccountingError, type AccountingError } from '../../../src/accounting/accounting-error';
import { makeLedgerFixture, type LedgerFixture } from './ledger-fixture';

/** The error a call fails with; fails the test when the call succeeds. */
async function failureOf(call: Promise<unknown>): Promise<AccountingError> {
  try {
    await call;
  } catch (error) {
    if (isAccountingError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const OCTOBER = { from: '2026-10-01', to: '2026-12-31' };

describe('VaultLedger with hand-broken notes', () => {
  let f: LedgerFixture;
  let brokenPath: string;
  let healthyPath: string;

  beforeEach(async () => {
    f = makeLedgerFixture();
    const broken = await f.ledger.createInvoice({
      client: 'Client ABC',
      lines: [{ description: 'Website', quantity: 1, unitPrice: 10000 }],
      idempotencyKey: 'to-break',
    });
    brokenPath = broken.invoice.id;
    await f.ledger.postInvoice(brokenPath);
    const healthy = await f.ledger.createInvoice({
      client: 'Client Fine',
      lines: [{ description: 'Audit', quantity: 2, unitPrice: 1500 }],
      idempotencyKey: 'stays-fine',
    });
    healthyPath = healthy.invoice.id;
    await f.ledger.postInvoice(healthyPath);
  });

  afterEach(() => f.cleanup());

  const cases: Array<[string, (note: string) => string, RegExp]> = [
    ['broken YAML', (n) => n.replace('client: Client ABC', 'client: "Client ABC'), /line 4 of the frontmatter has an unclosed quote/],
    ['amount not the sum of the lines', (n) => n.replace(/^amount: 10000$/m, 'amount: 12000'), /amount \(12,000\.00\) is not the sum of the lines \(10,000\.00\)/],
    ['a negative unit price', (n) => n.replace('unit_price: 10000', 'unit_price: -10000').replace(/^amount: 10000$/m, 'amount: -10000'), /unit_price of line 1 cannot be negative \(found -10000\)/],
    ['a non-numeric amount', (n) => n.replace(/^amount: 10000$/m, 'amount: ten thousand'), /amount must be a number \(found "ten thousand"\)/],
    ['an amount in quotes', (n) => n.replace(/^amount: 10000$/m, 'amount: "10,000"'), /amount must be a number \(found "10,000"\)/],
    ['an impossible date', (n) => n.replace('issued: 2026-11-02', 'issued: 2026-02-30'), /issued must be a real date written YYYY-MM-DD \(found "2026-02-30"\)/],
    ['a date in another format', (n) => n.replace('due: 2026-12-02', 'due: 02/12/2026'), /due must be a real date written YYYY-MM-DD/],
    ['due before issued', (n) => n.replace('due: 2026-12-02', 'due: 2026-10-01'), /due \(2026-10-01\) is before issued \(2026-11-02\)/],
    ['an unknown status', (n) => n.replace('status: posted', 'status: sent'), /status must be one of draft, posted, paid, cancelled \(found "sent"\)/],
    [
      'payments exceeding the amount',
      (n) => n.replace('payments: []', 'payments:\n  - id: PAY/2026/00009\n    date: 2026-11-03\n    amount: 12000').replace('status: posted', 'status: paid'),
      /payments \(12,000\.00\) exceed the amount \(10,000\.00\)/,
    ],
    ['paid without payments', (n) => n.replace('status: posted', 'status: paid'), /status is paid, but the payments cover only 0\.00 of 10,000\.00/],
    ['a missing client', (n) => n.replace('client: Client ABC\n', ''), /client is missing/],
    ['a malformed number', (n) => n.replace('number: INV/2026/00001', 'number: INV-2026-1'), /number must be an invoice number like INV\/2026\/00001/],
    ['another currency', (n) => n.replace('currency: USD', 'currency: EUR'), /currency is EUR, but the books are kept in USD/],
    ['no lines', (n) => n.replace(/lines:\n(?: {2}.*\n)+/, 'lines: []\n'), /lines must list at least one line/],
    ['a line without quantity', (n) => n.replace(/ {4}quantity: 1\n/, ''), /quantity of line 1 is missing/],
  ];

  it.each(cases)('refuses to compute over %s, naming the note and the field', async (_name, edit, problem) => {
    f.editNote(brokenPath, edit);

    for (const report of [
      () => f.ledger.profitAndLoss(OCTOBER),
      () => f.ledger.revenueByClient(OCTOBER),
      () => f.ledger.revenueByClientAndProject(OCTOBER),
      () => f.ledger.receivablesAging(),
      () => f.ledger.cashPosition(),
      () => f.ledger.listInvoices({ filter: 'all' }),
    ]) {
      const error = await failureOf(report());
      expect(error.kind).toBe('ledger_invalid');
      expect(error.message).toContain(brokenPath);
      expect(error.message).toMatch(problem);
      expect(error.message).not.toContain(healthyPath);
    }
    const direct = await failureOf(f.ledger.getInvoice(brokenPath));
    expect(direct.kind).toBe('ledger_invalid');
    expect(direct.message).toMatch(problem);

    // The healthy note next to it still works on its own.
    expect((await f.ledger.getInvoice('INV/2026/00002')).amountTotal).toBe(3000);
    const paid = await f.ledger.registerPayment({ invoice: 'INV/2026/00002', amount: 1000 });
    expect(paid.invoice.amountDue).toBe(2000);
    // Expenses do not depend on invoices.
    await f.ledger.logExpense({ amount: 50, category: 'Travel', description: 'Taxi', idempotencyKey: 'x' });
    expect(await f.ledger.expensesByCategory(OCTOBER)).toEqual([{ name: 'Travel', amount: 50 }]);

    const health = await f.ledger.health();
    expect(health.ok).toBe(false);
    expect(health.summary).toContain(brokenPath);
    expect(health.summary).toMatch(problem);
  });

  it('finds a broken note by its number and says what is wrong', async () => {
    f.editNote(brokenPath, (n) => n.replace(/^amount: 10000$/m, 'amount: 12000'));
    const error = await failureOf(f.ledger.registerPayment({ invoice: 'INV/2026/00001', amount: 10 }));
    expect(error.kind).toBe('ledger_invalid');
    expect(error.message).toContain(brokenPath);
    expect(f.readNote(brokenPath)).toMatch(/^amount: 12000$/m);
  });

  it('refuses an update when the note broke after it was last read', async () => {
    await f.ledger.getInvoice(brokenPath);
    f.editNote(brokenPath, (n) => n.replace('status: posted', 'status: sent'));
    const error = await failureOf(f.ledger.registerPayment({ invoice: brokenPath, amount: 10 }));
    expect(error.kind).toBe('ledger_invalid');
    expect(f.readNote(brokenPath)).toContain('status: sent');
  });

  it('reports duplicate numbers and idempotency keys on every note that shares them', async () => {
    const copy = 'Accounting/Invoices/INV-2026-00001 copy.md';
    f.writeNote(copy, f.readNote(brokenPath).replace('client: Client ABC', 'client: Client Copy'));
    const error = await failureOf(f.ledger.profitAndLoss(OCTOBER));
    expect(error.kind).toBe('ledger_invalid');
    expect(error.message).toContain('2 ledger notes are broken');
    expect(error.message).toMatch(new RegExp(`${brokenPath}: number "INV/2026/00001" is also used by ${copy}`));
    expect(error.message).toContain(`idempotency_key "to-break" is also used by ${brokenPath}`);
    const byNumber = await failureOf(f.ledger.getInvoice('INV/2026/00001'));
    expect(byNumber.kind).toBe('ledger_invalid');
    // Retrying the request behind the key stops rather than guessing which note is right.
    const retry = await failureOf(
      f.ledger.createInvoice({ client: 'Client ABC', lines: [{ description: 'Website', quantity: 1, unitPrice: 10000 }], idempotencyKey: 'to-break' }),
    );
    expect(retry.kind).toBe('ledger_invalid');
    // A fresh number never takes one a broken note holds.
    const next = await f.ledger.createInvoice({ client: 'Client New', lines: [{ description: 'X', quantity: 1, unitPrice: 10 }], idempotencyKey: 'new' });
    expect(next.invoice.number).toBe('INV/2026/00003');
  });

  it('will not make a second invoice for a key held by a note that no longer reads', async () => {
    f.editNote(brokenPath, (n) => n.replace('client: Client ABC', 'client: [Client ABC'));
    const input = { client: 'Client ABC', lines: [{ description: 'Website', quantity: 1, unitPrice: 10000 }] };
    const error = await failureOf(f.ledger.createInvoice({ ...input, idempotencyKey: 'to-break' }));
    expect(error.kind).toBe('ledger_invalid');
    expect(error.message).toContain(brokenPath);
    expect(error.message).toContain('"to-break"');
    // Another request goes through, under a number the broken note does not hold.
    const other = await f.ledger.createInvoice({ ...input, idempotencyKey: 'to' });
    expect(other).toMatchObject({ created: true, invoice: { number: 'INV/2026/00003' } });
  });

  it('lists the first few broken notes and counts the rest', async () => {
    for (let i = 0; i < 6; i++) {
      f.writeNote(`Accounting/Invoices/INV-2026-0010${i}.md`, `---\ntype: invoice\nnumber: INV/2026/0010${i}\nstatus: nonsense\n---\n`);
    }
    const error = await failureOf(f.ledger.revenueByProject(OCTOBER));
    expect(error.message).toContain('6 ledger notes are broken');
    expect(error.message).toContain('(and 1 more)');
    expect(error.message).toContain('INV-2026-00100.md');
    expect(error.hint).toMatch(/Fix the note by hand/);
  });

  it('ignores files in the folder that are not invoice notes', async () => {
    f.writeNote('Accounting/Invoices/README.md', 'Invoices live here.\n');
    f.writeNote('Accounting/Invoices/meeting.md', '---\ntype: meeting\namount: lots\n---\nNotes\n');
    f.writeNote('Accounting/Invoices/draft idea.md', '---\ntitle: "unclosed\n---\n');
    f.writeNote('Accounting/Invoices/scan.pdf', '%PDF-1.4 not a note');
    f.writeNote('Accounting/Invoices/old.txt', 'type: invoice\n');
    f.writeNote('Accounting/Invoices/EXP-2026-00001.md', '---\ntype: expense\nnumber: EXP/2026/00001\n---\n');
    expect((await f.ledger.profitAndLoss(OCTOBER)).revenue).toBe(13000);
    const health = await f.ledger.health();
    expect(health).toEqual({ ok: true, backend: 'ledger', summary: 'Books kept in the vault (Accounting/): 2 invoices, 0 expenses' });
  });

  it('checks expense notes the same way', async () => {
    const { expense } = await f.ledger.logExpense({ amount: 300, category: 'Rent', description: 'Desk', idempotencyKey: 'rent', date: '2026-10-05' });
    f.editNote(expense.id, (n) => n.replace('amount: 300', 'amount: -300'));
    const error = await failureOf(f.ledger.expensesByCategory(OCTOBER));
    expect(error.kind).toBe('ledger_invalid');
    expect(error.message).toContain(expense.id);
    expect(error.message).toMatch(/amount must be more than 0 \(found -300\)/);
    const listing = await failureOf(f.ledger.listExpenses(OCTOBER));
    expect(listing.kind).toBe('ledger_invalid');
    expect(listing.message).toContain(expense.id);
    // Revenue does not read expenses; profit and cash do.
    expect((await f.ledger.revenueByClient(OCTOBER)).length).toBe(2);
    expect((await failureOf(f.ledger.cashPosition())).kind).toBe('ledger_invalid');
    f.editNote(expense.id, (n) => n.replace('amount: -300', 'amount: 300').replace('status: paid', 'status: pending'));
    expect((await failureOf(f.ledger.profitAndLoss(OCTOBER))).message).toMatch(/status must be paid \(found "pending"\)/);
  });
});
