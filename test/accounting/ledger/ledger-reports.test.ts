import * as fs from 'node:fs';
import { joinNote } from '../../../src/vault/frontmatter';
import { makeLedgerFixture, type LedgerFixture } from './ledger-fixture';

const line = (unitPrice: number) => [{ description: 'Work', quantity: 1, unitPrice }];

/** An invoice note as a person (or an import) would write it, straight to disk. */
function invoiceNote(n: number, amount: number, fields: Record<string, unknown> = {}): string {
  const number = `INV/2026/${String(n).padStart(5, '0')}`;
  return joinNote(
    {
      type: 'invoice',
      number,
      status: 'posted',
      client: `Client ${n % 7}`,
      currency: 'USD',
      issued: '2026-10-01',
      due: '2026-10-31',
      lines: [{ description: 'Item', quantity: 1, unit_price: amount }],
      amount,
      payments: [],
      ...fields,
    },
    '\nImported.\n',
  );
}

describe('VaultLedger reports', () => {
  let f: LedgerFixture;

  beforeEach(() => {
    f = makeLedgerFixture();
  });

  afterEach(() => f.cleanup());

  async function posted(client: string, amount: number, issueDate: string, dueDate: string) {
    const { invoice } = await f.ledger.createInvoice({ client, lines: line(amount), issueDate, dueDate, idempotencyKey: `${client}-${issueDate}` });
    return f.ledger.postInvoice(invoice.id);
  }

  it('ages what was owed on the day asked, ignoring later payments and later invoices', async () => {
    const a = await posted('A', 10000, '2026-09-01', '2026-10-01');
    await posted('B', 3000, '2026-10-20', '2026-11-19');
    await f.ledger.registerPayment({ invoice: a.id, amount: 4000, date: '2026-10-20' });

    const before = await f.ledger.receivablesAging('2026-10-15');
    expect(before.buckets).toEqual({ current: 0, '1-30': 10000, '31-60': 0, '61-90': 0, '90+': 0 });
    expect(before.total).toBe(10000);

    const now = await f.ledger.receivablesAging();
    expect(now.buckets).toEqual({ current: 3000, '1-30': 0, '31-60': 6000, '61-90': 0, '90+': 0 });
    expect(now).toMatchObject({ asOf: '2026-11-02', currency: 'USD', total: 9000 });
    // Exactly on the due date an invoice is still current; the day after it is 1 day late.
    expect((await f.ledger.receivablesAging('2026-10-01')).buckets.current).toBe(10000);
    expect((await f.ledger.receivablesAging('2026-10-02')).buckets['1-30']).toBe(10000);
  });

  it('keeps cash to what had happened by the day asked', async () => {
    const a = await posted('A', 5000, '2026-10-01', '2026-10-31');
    await f.ledger.registerPayment({ invoice: a.id, amount: 5000, date: '2026-10-10' });
    await f.ledger.logExpense({ amount: 700, category: 'Rent', description: 'Office', date: '2026-10-05', idempotencyKey: 'r' });
    await f.ledger.logExpense({ amount: 300, category: 'Rent', description: 'Office', date: '2026-10-12', idempotencyKey: 's' });
    expect(await f.ledger.cashPosition('2026-10-09')).toEqual({
      asOf: '2026-10-09',
      currency: 'USD',
      balance: -700,
      accounts: [{ name: 'Ledger cash', amount: -700 }],
    });
    expect((await f.ledger.cashPosition('2026-10-10')).balance).toBe(4300);
    expect((await f.ledger.cashPosition()).balance).toBe(4000);
  });

  it('lists invoices by issue date and refuses an unknown filter or a bad day', async () => {
    await posted('Late', 100, '2026-10-20', '2026-11-19');
    await posted('Early', 200, '2026-09-01', '2026-10-01');
    await posted('Middle', 300, '2026-10-01', '2026-10-31');
    expect((await f.ledger.listInvoices({ filter: 'all' })).map((i) => i.client)).toEqual(['Early', 'Middle', 'Late']);
    expect((await f.ledger.listInvoices({ filter: 'overdue' })).map((i) => i.client)).toEqual(['Early', 'Middle']);
    await expect(f.ledger.listInvoices({ filter: 'late' as 'all' })).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(f.ledger.listInvoices({ filter: 'late' as 'all' })).rejects.toThrow(/filter "late" is not one of all, unpaid, overdue/);
    await expect(f.ledger.listInvoices({ filter: 'overdue', asOf: '2026-11-31' })).rejects.toMatchObject({ kind: 'bad_input' });
    const backwards = f.ledger.profitAndLoss({ from: '2026-11-01', to: '2026-10-01' });
    await expect(backwards).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(backwards).rejects.toThrow(/from date 2026-11-01 is after the to date 2026-10-01/);
  });

  it('sees a hand edit, a new note and a deleted note on the next report', async () => {
    const a = await posted('A', 1000, '2026-10-01', '2026-10-31');
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect((await f.ledger.profitAndLoss(october)).revenue).toBe(1000);

    f.editNote(a.id, (n) => n.replace('unit_price: 1000', 'unit_price: 1500').replace(/^amount: 1000$/m, 'amount: 1500'));
    expect((await f.ledger.profitAndLoss(october)).revenue).toBe(1500);

    f.writeNote('Accounting/Invoices/imported.md', invoiceNote(50, 250));
    expect(await f.ledger.revenueByClient(october)).toEqual([
      { name: 'A', amount: 1500 },
      { name: 'Client 1', amount: 250 },
    ]);

    fs.rmSync(f.abs(a.id));
    expect((await f.ledger.profitAndLoss(october)).revenue).toBe(250);
    expect((await f.ledger.health()).summary).toBe('Books kept in the vault (Accounting/): 1 invoices, 0 expenses');
  });

  it('re-reads only notes whose size or modification time changed', async () => {
    const a = await posted('A', 1000, '2026-10-01', '2026-10-31');
    const october = { from: '2026-10-01', to: '2026-10-31' };
    // A whole-second mtime, so that setting it back gives exactly the same value.
    const mtime = new Date('2026-10-01T12:00:00Z');
    fs.utimesSync(f.abs(a.id), mtime, mtime);
    expect((await f.ledger.profitAndLoss(october)).revenue).toBe(1000);
    // Same size, same mtime: the cache keeps the note as it was last read.
    fs.writeFileSync(f.abs(a.id), f.readNote(a.id).replace('unit_price: 1000', 'unit_price: 9000').replace(/^amount: 1000$/m, 'amount: 9000'));
    fs.utimesSync(f.abs(a.id), mtime, mtime);
    expect((await f.ledger.profitAndLoss(october)).revenue).toBe(1000);
    // A fresh ledger (another process) reads the file as it is, and so does this one once the mtime moves.
    expect((await f.another().profitAndLoss(october)).revenue).toBe(9000);
    const later = new Date(mtime.getTime() + 5000);
    fs.utimesSync(f.abs(a.id), later, later);
    expect((await f.ledger.profitAndLoss(october)).revenue).toBe(9000);
  });

  it('adds up a thousand notes exactly, in cents', async () => {
    for (let n = 1; n <= 1000; n++) {
      f.writeNote(`Accounting/Invoices/INV-2026-${String(n).padStart(5, '0')}.md`, invoiceNote(n, 0.1, n % 10 === 0 ? { status: 'draft' } : {}));
    }
    const pl = await f.ledger.profitAndLoss({ from: '2026-10-01', to: '2026-10-31' });
    expect(pl.revenue).toBe(90);
    expect(pl.profit).toBe(90);
    const byClient = await f.ledger.revenueByClient({ from: '2026-10-01', to: '2026-10-31' });
    expect(byClient.reduce((cents, c) => cents + Math.round(c.amount * 100), 0)).toBe(9000);
    expect(byClient.map((c) => c.amount)).toEqual([...byClient.map((c) => c.amount)].sort((x, y) => y - x));
    const lines = await f.ledger.revenueByClientAndProject({ from: '2026-10-01', to: '2026-10-31' });
    expect(lines.reduce((cents, l) => cents + Math.round(l.amount * 100), 0)).toBe(9000);
    expect(lines.map((l) => [l.client, l.amount])).toEqual(byClient.map((c) => [c.name, c.amount]));
    expect((await f.ledger.receivablesAging()).buckets['1-30']).toBe(90);
    expect((await f.ledger.createInvoice({ client: 'Next', lines: line(1), idempotencyKey: 'next' })).invoice.number).toBe('INV/2026/01001');
  });

  it('splits revenue by client and project from the notes, as written by hand', async () => {
    f.writeNote('Accounting/Invoices/INV-2026-00001.md', invoiceNote(1, 1200, { client: 'Acme', project: 'Website' }));
    f.writeNote('Accounting/Invoices/INV-2026-00002.md', invoiceNote(2, 300, { client: 'Acme' }));
    f.writeNote('Accounting/Invoices/INV-2026-00003.md', invoiceNote(3, 800, { client: 'Acme', project: 'Website', status: 'paid', payments: [{ id: 'PAY-1', date: '2026-10-05', amount: 800 }] }));
    f.writeNote('Accounting/Invoices/INV-2026-00004.md', invoiceNote(4, 2500, { client: 'Globex', project: 'Audit' }));
    f.writeNote('Accounting/Invoices/INV-2026-00005.md', invoiceNote(5, 9000, { client: 'Globex', project: 'Audit', status: 'cancelled' }));
    expect(await f.ledger.revenueByClientAndProject({ from: '2026-10-01', to: '2026-10-31' })).toEqual([
      { client: 'Globex', project: 'Audit', amount: 2500 },
      { client: 'Acme', project: 'Website', amount: 2000 },
      { client: 'Acme', project: null, amount: 300 },
    ]);
  });

  it('sorts equal amounts by name', async () => {
    await posted('Beta', 500, '2026-10-02', '2026-11-01');
    await posted('Alpha', 500, '2026-10-03', '2026-11-02');
    await posted('Gamma', 900, '2026-10-04', '2026-11-03');
    expect((await f.ledger.revenueByClient({ from: '2026-10-01', to: '2026-10-31' })).map((c) => c.name)).toEqual(['Gamma', 'Alpha', 'Beta']);
  });
});
