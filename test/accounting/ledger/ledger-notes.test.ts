import { parse } from 'yaml';
import { splitNote } from '../../../src/vault/frontmatter';
import { makeLedgerFixture, type LedgerFixture } from './ledger-fixture';

describe('VaultLedger notes', () => {
  let f: LedgerFixture;

  beforeEach(() => {
    f = makeLedgerFixture();
  });

  afterEach(() => f.cleanup());

  async function postedInvoice() {
    const { invoice } = await f.ledger.createInvoice({
      client: 'Client ABC',
      project: 'Website redesign',
      lines: [
        { description: 'Design | layout', quantity: 2, unitPrice: 2500 },
        { description: 'Build', quantity: 1, unitPrice: 5000 },
      ],
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      idempotencyKey: 'note-1',
    });
    return f.ledger.postInvoice(invoice.id);
  }

  it('writes an invoice note whose frontmatter is the invoice', async () => {
    const invoice = await postedInvoice();
    const { frontmatter } = splitNote(f.readNote(invoice.id));
    expect(frontmatter).toEqual({
      type: 'invoice',
      number: 'INV/2026/00001',
      status: 'posted',
      client: 'Client ABC',
      project: 'Website redesign',
      currency: 'USD',
      issued: '2026-11-01',
      due: '2026-12-01',
      lines: [
        { description: 'Design | layout', quantity: 2, unit_price: 2500 },
        { description: 'Build', quantity: 1, unit_price: 5000 },
      ],
      amount: 10000,
      payments: [],
      idempotency_key: 'note-1',
    });
    // Dates stay plain text in YAML, as a person types them.
    expect(f.readNote(invoice.id)).toContain('\nissued: 2026-11-01\n');
  });

  it('writes a readable body: lines, total, due date, payments', async () => {
    const invoice = await postedInvoice();
    let body = splitNote(f.readNote(invoice.id)).body;
    expect(body).toContain('# Invoice INV/2026/00001');
    expect(body).toContain('| Design \\| layout | 2 | 2,500.00 | 5,000.00 |');
    expect(body).toContain('| **Total** | | | **10,000.00 USD** |');
    expect(body).toContain('No payments yet.');
    expect(body).toContain('**Amount due: 10,000.00 USD** (by 2026-12-01)');
    expect(body).toMatch(/## Notes\n\n$/);

    await f.ledger.registerPayment({ invoice: invoice.id, amount: 4000, date: '2026-11-05' });
    body = splitNote(f.readNote(invoice.id)).body;
    expect(body).toContain('| PAY/2026/00001 | 2026-11-05 | 4,000.00 |');
    expect(body).toContain('**Amount due: 6,000.00 USD**');
    expect(body).toContain('| Status | Posted |');
  });

  it('regenerates the body on its own changes, keeping the Notes section and the person’s own properties', async () => {
    const invoice = await postedInvoice();
    f.editNote(invoice.id, (n) =>
      n
        .replace('type: invoice\n', 'type: invoice\ntags:\n  - client/abc\n')
        .replace('| Status | Posted |', '| Status | scribbled over |')
        .replace('## Notes\n\n', '## Notes\n\nCalled Anna on 3 Nov; she will pay in two parts.\n\n### Follow-up\n- chase on the 20th\n'),
    );
    await f.ledger.registerPayment({ invoice: invoice.id, amount: 4000 });
    await f.ledger.registerPayment({ invoice: invoice.id });
    const note = f.readNote(invoice.id);
    const { frontmatter, body } = splitNote(note);
    expect(frontmatter.tags).toEqual(['client/abc']);
    expect(Object.keys(frontmatter).slice(0, 3)).toEqual(['type', 'tags', 'number']);
    expect(frontmatter.status).toBe('paid');
    expect(frontmatter.payments).toEqual([
      { id: 'PAY/2026/00001', date: '2026-11-02', amount: 4000 },
      { id: 'PAY/2026/00002', date: '2026-11-02', amount: 6000 },
    ]);
    expect(body).toContain('| Status | Paid |');
    expect(body).not.toContain('scribbled over');
    expect(body).toContain('**Amount due: 0.00 USD**\n');
    expect(body.endsWith('## Notes\n\nCalled Anna on 3 Nov; she will pay in two parts.\n\n### Follow-up\n- chase on the 20th\n')).toBe(true);
  });

  it('follows valid hand edits: client, dates, lines, a payment recorded by hand', async () => {
    const invoice = await postedInvoice();
    f.editNote(invoice.id, (n) =>
      n
        .replace('client: Client ABC', 'client: ABC Holdings Ltd')
        .replace('issued: 2026-11-01', 'issued: 2026-09-15')
        .replace('due: 2026-12-01', 'due: 2026-10-15')
        .replace('    unit_price: 5000\n', '    unit_price: 5000\n  - description: Hosting\n    quantity: 12\n    unit_price: 25.5\n')
        .replace(/^amount: 10000$/m, 'amount: 10306')
        .replace('payments: []', 'payments:\n  - id: cash at the door\n    date: 2026-11-01\n    amount: 306'),
    );
    const read = await f.ledger.getInvoice('INV/2026/00001');
    expect(read).toMatchObject({ client: 'ABC Holdings Ltd', issued: '2026-09-15', due: '2026-10-15', amountTotal: 10306, amountDue: 10000, status: 'posted' });
    expect(read.lines[2]).toEqual({ description: 'Hosting', quantity: 12, unitPrice: 25.5, amount: 306 });
    expect(await f.ledger.revenueByClient({ from: '2026-09-01', to: '2026-09-30' })).toEqual([{ name: 'ABC Holdings Ltd', amount: 10306 }]);
    expect((await f.ledger.cashPosition()).balance).toBe(306);
    expect((await f.ledger.receivablesAging()).buckets['1-30']).toBe(10000);

    // Settling it by hand: the last payment and status paid.
    f.editNote(invoice.id, (n) => n.replace('status: posted', 'status: paid').replace('    amount: 306\n', '    amount: 306\n  - id: bank transfer\n    date: 2026-11-02\n    amount: 10000\n'));
    expect(await f.ledger.getInvoice(invoice.id)).toMatchObject({ status: 'paid', amountDue: 0 });
    expect(await f.ledger.listInvoices({ filter: 'unpaid' })).toEqual([]);
    // Later payments are numbered past the ids written by hand without harm.
    const second = await f.ledger.createInvoice({ client: 'B', lines: [{ description: 'x', quantity: 1, unitPrice: 10 }], idempotencyKey: 'b' });
    await f.ledger.postInvoice(second.invoice.id);
    expect((await f.ledger.registerPayment({ invoice: second.invoice.id })).paymentId).toBe('PAY/2026/00001');
  });

  it('leaves cancelled invoices (set by hand) out of the figures and refuses to post them', async () => {
    const invoice = await postedInvoice();
    f.editNote(invoice.id, (n) => n.replace('status: posted', 'status: cancelled'));
    expect((await f.ledger.profitAndLoss({ from: '2026-11-01', to: '2026-11-30' })).revenue).toBe(0);
    expect((await f.ledger.receivablesAging()).total).toBe(0);
    expect(await f.ledger.listInvoices({ filter: 'all' })).toHaveLength(1);
    await expect(f.ledger.postInvoice(invoice.id)).rejects.toMatchObject({ kind: 'validation' });
    await expect(f.ledger.registerPayment({ invoice: invoice.id })).rejects.toMatchObject({ kind: 'validation' });
  });

  it('writes an expense note with its own frontmatter and body', async () => {
    const { expense } = await f.ledger.logExpense({
      amount: 1234.5,
      category: 'Software',
      description: 'Design tools, yearly',
      vendor: 'Adobe',
      date: '2026-10-15',
      idempotencyKey: 'exp-1',
    });
    expect(expense).toEqual({
      id: 'Accounting/Expenses/EXP-2026-00001.md',
      number: 'EXP/2026/00001',
      date: '2026-10-15',
      amount: 1234.5,
      currency: 'USD',
      category: 'Software',
      description: 'Design tools, yearly',
      vendor: 'Adobe',
      idempotencyKey: 'exp-1',
    });
    const { frontmatter, body } = splitNote(f.readNote(expense.id));
    expect(frontmatter).toEqual({
      type: 'expense',
      number: 'EXP/2026/00001',
      status: 'paid',
      date: '2026-10-15',
      amount: 1234.5,
      currency: 'USD',
      category: 'Software',
      description: 'Design tools, yearly',
      vendor: 'Adobe',
      idempotency_key: 'exp-1',
    });
    expect(body).toContain('Paid **1,234.50 USD** to Adobe on 2026-10-15 for Design tools, yearly (Software).');
    // Without a vendor, the category is who was paid.
    const other = await f.ledger.logExpense({ amount: 9, category: 'Postage', description: 'Stamps', idempotencyKey: 'exp-2' });
    expect(other.expense.vendor).toBe('Postage');
  });

  it('keeps awkward text intact through YAML', async () => {
    const client = 'O\'Brien & Sons: "Builders" #1';
    const { invoice } = await f.ledger.createInvoice({
      client,
      lines: [{ description: 'yes', quantity: 1, unitPrice: 100 }],
      idempotencyKey: '12345',
    });
    const fm = parse(f.readNote(invoice.id).split('---')[1] ?? '') as Record<string, unknown>;
    expect(fm.client).toBe(client);
    expect(fm.idempotency_key).toBe('12345');
    expect(await f.another().getInvoice(invoice.id)).toMatchObject({ client, idempotencyKey: '12345', lines: [{ description: 'yes' }] });
    expect((await f.ledger.createInvoice({ client, lines: [{ description: 'yes', quantity: 1, unitPrice: 100 }], idempotencyKey: '12345' })).created).toBe(false);
  });
});
