import * as fs from 'node:fs';
import { VaultLedger } from '../../../src/accounting/ledger/vault-ledger';
import { joinNote } from '../../../src/vault/frontmatter';
import { FsVault } from '../../../src/vault/fs-vault';
import { makeLedgerFixture, type LedgerFixture } from './ledger-fixture';

const line = (unitPrice: number) => [{ description: 'Work', quantity: 1, unitPrice }];

/**
 * The vault as another process sees it: the next create finds its path just
 * taken by someone else (written through a second FsVault on the same folder).
 */
class RivalledVault extends FsVault {
  private rival: ((path: string) => string) | undefined;

  beatNextCreate(content: (path: string) => string): void {
    this.rival = content;
  }

  override async create(path: string, content: string): Promise<void> {
    const rival = this.rival;
    this.rival = undefined;
    if (rival) await new FsVault(this.basePath).create(path, rival(path));
    return super.create(path, content);
  }
}

describe('VaultLedger numbers', () => {
  let f: LedgerFixture;

  beforeEach(() => {
    f = makeLedgerFixture();
  });

  afterEach(() => f.cleanup());

  it('numbers invoices per year of the issue date, in files named after the number', async () => {
    const a = await f.ledger.createInvoice({ client: 'A', lines: line(100), issueDate: '2025-12-30', idempotencyKey: 'a' });
    const b = await f.ledger.createInvoice({ client: 'B', lines: line(200), idempotencyKey: 'b' });
    const c = await f.ledger.createInvoice({ client: 'C', lines: line(300), issueDate: '2025-12-31', idempotencyKey: 'c' });
    const d = await f.ledger.createInvoice({ client: 'D', lines: line(400), idempotencyKey: 'd' });
    expect([a, b, c, d].map((r) => r.invoice.number)).toEqual(['INV/2025/00001', 'INV/2026/00001', 'INV/2025/00002', 'INV/2026/00002']);
    expect(a.invoice.id).toBe('Accounting/Invoices/INV-2025-00001.md');
    expect(fs.existsSync(f.abs('Accounting/Invoices/INV-2026-00002.md'))).toBe(true);
    // Drafts keep their number when posted.
    expect((await f.ledger.postInvoice(b.invoice.id)).number).toBe('INV/2026/00001');
  });

  it('numbers expenses and payments per year too', async () => {
    const e1 = await f.ledger.logExpense({ amount: 10, category: 'Fees', description: 'Bank fee', idempotencyKey: 'e1' });
    const e2 = await f.ledger.logExpense({ amount: 20, category: 'Fees', description: 'Bank fee', date: '2027-01-03', idempotencyKey: 'e2' });
    expect([e1.expense.number, e2.expense.number]).toEqual(['EXP/2026/00001', 'EXP/2027/00001']);
    expect(e1.expense.id).toBe('Accounting/Expenses/EXP-2026-00001.md');

    const x = await f.ledger.createInvoice({ client: 'X', lines: line(1000), idempotencyKey: 'x' });
    const y = await f.ledger.createInvoice({ client: 'Y', lines: line(1000), idempotencyKey: 'y' });
    await f.ledger.postInvoice(x.invoice.id);
    await f.ledger.postInvoice(y.invoice.id);
    const p1 = await f.ledger.registerPayment({ invoice: x.invoice.id, amount: 100 });
    const p2 = await f.ledger.registerPayment({ invoice: y.invoice.id, amount: 100 });
    const p3 = await f.ledger.registerPayment({ invoice: x.invoice.id, amount: 100, date: '2027-01-04' });
    expect([p1.paymentId, p2.paymentId, p3.paymentId]).toEqual(['PAY/2026/00001', 'PAY/2026/00002', 'PAY/2027/00001']);
  });

  it('gives 20 concurrent creates in one process 20 distinct numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => f.ledger.createInvoice({ client: `Client ${i}`, lines: line(100 + i), idempotencyKey: `c-${i}` })),
    );
    const numbers = results.map((r) => r.invoice.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV/2026/${String(i + 1).padStart(5, '0')}`));
    expect(results.every((r) => r.created)).toBe(true);
    expect(fs.readdirSync(f.abs('Accounting/Invoices')).filter((n) => n.endsWith('.md'))).toHaveLength(20);
    // Each number went to the invoice that asked for it.
    for (const r of results) expect((await f.ledger.getInvoice(r.invoice.number ?? '')).client).toBe(r.invoice.client);
  });

  it('keeps numbers distinct across two processes writing at once', async () => {
    const other = f.another();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? f.ledger : other).createInvoice({ client: `Client ${i}`, lines: line(100 + i), idempotencyKey: `p-${i}` }),
      ),
    );
    const numbers = new Set(results.map((r) => r.invoice.number));
    expect(numbers.size).toBe(20);
    expect((await f.ledger.listInvoices({ filter: 'all' })).length).toBe(20);
    expect((await f.ledger.health()).ok).toBe(true);
  });

  it('takes the next number when another writer took this one meanwhile', async () => {
    const vault = new RivalledVault(f.dir);
    const ledger = new VaultLedger({ vault, layout: f.layout, clock: f.clock, currency: 'USD' });
    await ledger.createInvoice({ client: 'First', lines: line(100), idempotencyKey: 'first' });
    vault.beatNextCreate(() => f.readNote('Accounting/Invoices/INV-2026-00001.md').replace(/INV\/2026\/00001/g, 'INV/2026/00002').replace('first', 'theirs'));
    const mine = await ledger.createInvoice({ client: 'Mine', lines: line(200), idempotencyKey: 'mine' });
    expect(mine.created).toBe(true);
    expect(mine.invoice.number).toBe('INV/2026/00003');
    expect((await ledger.getInvoice('INV/2026/00002')).idempotencyKey).toBe('theirs');
  });

  it('returns the invoice another writer made for the same key instead of a second one', async () => {
    const vault = new RivalledVault(f.dir);
    const ledger = new VaultLedger({ vault, layout: f.layout, clock: f.clock, currency: 'USD' });
    const reference = await f.another().createInvoice({ client: 'Same', lines: line(500), idempotencyKey: 'model' });
    const modelNote = f.readNote(reference.invoice.id);
    fs.rmSync(f.abs(reference.invoice.id));
    fs.rmSync(f.abs('Logs/state/ledger_sequences.json'));
    // The other process writes the same request's invoice between our look-up and our create.
    vault.beatNextCreate(() => modelNote.replace('model', 'shared'));
    const result = await ledger.createInvoice({ client: 'Same', lines: line(500), idempotencyKey: 'shared' });
    expect(result.created).toBe(false);
    expect(result.invoice.number).toBe('INV/2026/00001');
    expect(fs.readdirSync(f.abs('Accounting/Invoices'))).toEqual(['INV-2026-00001.md']);
  });

  it('never hands out again the number of a note deleted by hand', async () => {
    for (const key of ['a', 'b', 'c']) await f.ledger.createInvoice({ client: key, lines: line(100), idempotencyKey: key });
    fs.rmSync(f.abs('Accounting/Invoices/INV-2026-00003.md'));
    const next = await f.another().createInvoice({ client: 'd', lines: line(100), idempotencyKey: 'd' });
    expect(next.invoice.number).toBe('INV/2026/00004');
  });

  it('still numbers from the notes when the sequence file is unreadable', async () => {
    await f.ledger.createInvoice({ client: 'a', lines: line(100), idempotencyKey: 'a' });
    f.writeNote('Logs/state/ledger_sequences.json', '{ not json');
    const next = await f.ledger.createInvoice({ client: 'b', lines: line(100), idempotencyKey: 'b' });
    expect(next.invoice.number).toBe('INV/2026/00002');
    expect(JSON.parse(f.readNote('Logs/state/ledger_sequences.json'))).toEqual({ 'INV/2026': 2 });
  });

  it('returns the same invoice after a crash between writing the note and recording it', async () => {
    const first = await f.ledger.createInvoice({ client: 'Client ABC', lines: line(2500), idempotencyKey: 'crash-1' });
    // The crash also came before the sequence mark was written.
    fs.rmSync(f.abs('Logs/state/ledger_sequences.json'));
    const restarted = f.another();
    const retry = await restarted.createInvoice({ client: 'Client ABC', lines: line(2500), idempotencyKey: 'crash-1' });
    expect(retry.created).toBe(false);
    expect(retry.invoice).toEqual(first.invoice);
    const fresh = await restarted.createInvoice({ client: 'Client ABC', lines: line(2500), idempotencyKey: 'crash-2' });
    expect(fresh.invoice.number).toBe('INV/2026/00002');

    const expense = await f.ledger.logExpense({ amount: 40, category: 'Travel', description: 'Train', idempotencyKey: 'exp-crash' });
    const expenseRetry = await f.another().logExpense({ amount: 40, category: 'Travel', description: 'Train', idempotencyKey: 'exp-crash' });
    expect(expenseRetry).toEqual({ expense: expense.expense, created: false });
  });

  it('finds a note written by hand from scratch and numbers past it', async () => {
    const note = joinNote(
      {
        type: 'invoice',
        number: 'INV/2026/00007',
        status: 'posted',
        client: 'Walk-in',
        currency: 'USD',
        issued: '2026-10-10',
        due: '2026-11-09',
        lines: [{ description: 'Repair', quantity: 3, unit_price: 50 }],
        amount: 150,
      },
      '',
    );
    f.writeNote('Accounting/Invoices/walk-in repair.md', note);
    const found = await f.ledger.getInvoice('INV/2026/00007');
    expect(found).toMatchObject({ id: 'Accounting/Invoices/walk-in repair.md', amountTotal: 150, amountDue: 150, project: null, idempotencyKey: null });
    const next = await f.ledger.createInvoice({ client: 'Next', lines: line(10), idempotencyKey: 'n' });
    expect(next.invoice.number).toBe('INV/2026/00008');
    const paid = await f.ledger.registerPayment({ invoice: 'walk-in repair', amount: 150 });
    expect(paid.invoice.status).toBe('paid');
  });
});
