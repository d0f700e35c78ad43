/** The audited wrapper passes reads through and logs their failures, except the caller's own bad input. */
import { AuditedAccounting } from '../../src/accounting/audited-accounting';
import { EventBus } from '../../src/core/event-bus';
import type { AuditInput, ErrorEntry, ErrorInput } from '../../src/core/logs/log-types';
import { makeLedgerFixture, type LedgerFixture } from './ledger/ledger-fixture';

describe('AuditedAccounting.listExpenses', () => {
  let f: LedgerFixture;
  let audits: AuditInput[];
  let errors: ErrorInput[];
  let books: AuditedAccounting;

  beforeEach(() => {
    f = makeLedgerFixture();
    audits = [];
    errors = [];
    books = new AuditedAccounting(f.ledger, {
      audit: { record: (entry) => Promise.resolve(void audits.push(entry)) },
      errors: {
        log: (input) => {
          errors.push(input);
          return Promise.resolve({} as ErrorEntry);
        },
      },
      bus: new EventBus(),
      clock: f.clock,
      target: 'Accounting/',
    });
  });

  afterEach(() => f.cleanup());

  it('passes the read through, unaudited', async () => {
    const { expense } = await books.logExpense({ amount: 42, category: 'Software', description: 'Figma', date: '2026-10-05', idempotencyKey: 'k' });
    audits.length = 0;
    expect(await books.listExpenses({ from: '2026-10-01', to: '2026-10-31' })).toEqual([expense]);
    expect(audits).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('logs a failure of the books, but not a bad range', async () => {
    await expect(books.listExpenses({ from: '2026-10-31', to: '2026-10-01' })).rejects.toMatchObject({ kind: 'bad_input' });
    expect(errors).toEqual([]);

    const { expense } = await books.logExpense({ amount: 42, category: 'Software', description: 'Figma', date: '2026-10-05', idempotencyKey: 'k' });
    f.editNote(expense.id, (n) => n.replace('amount: 42', 'amount: -42'));
    await expect(books.listExpenses({ from: '2026-10-01', to: '2026-10-31' })).rejects.toMatchObject({ kind: 'ledger_invalid' });
    expect(errors).toEqual([
      expect.objectContaining({ source: 'accounting.ledger', context: expect.objectContaining({ operation: 'listExpenses', kind: 'ledger_invalid' }) as unknown }),
    ]);
  });
});

describe('AuditedAccounting.revenueByClientAndProject', () => {
  let f: LedgerFixture;
  let audits: AuditInput[];
  let errors: ErrorInput[];
  let books: AuditedAccounting;

  beforeEach(() => {
    f = makeLedgerFixture();
    audits = [];
    errors = [];
    books = new AuditedAccounting(f.ledger, {
      audit: { record: (entry) => Promise.resolve(void audits.push(entry)) },
      errors: {
        log: (input) => {
          errors.push(input);
          return Promise.resolve({} as ErrorEntry);
        },
      },
      bus: new EventBus(),
      clock: f.clock,
      target: 'Accounting/',
    });
  });

  afterEach(() => f.cleanup());

  const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

  async function postedInvoice(client: string, amount: number, project?: string) {
    const lines = [{ description: 'Work', quantity: 1, unitPrice: amount }];
    const { invoice } = await books.createInvoice({ client, lines, issueDate: '2026-10-05', idempotencyKey: `${client}-${amount}`, ...(project ? { project } : {}) });
    return books.postInvoice(invoice.id);
  }

  it('passes the read through, unaudited', async () => {
    await postedInvoice('Acme', 1200, 'Website');
    await postedInvoice('Acme', 300);
    audits.length = 0;
    expect(await books.revenueByClientAndProject(OCTOBER)).toEqual([
      { client: 'Acme', project: 'Website', amount: 1200 },
      { client: 'Acme', project: null, amount: 300 },
    ]);
    expect(audits).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('logs a failure of the books, but not a bad range', async () => {
    await expect(books.revenueByClientAndProject({ from: '2026-10-31', to: '2026-10-01' })).rejects.toMatchObject({ kind: 'bad_input' });
    expect(errors).toEqual([]);

    const invoice = await postedInvoice('Acme', 1200, 'Website');
    f.editNote(invoice.id, (n) => n.replace('currency: USD', 'currency: EUR'));
    await expect(books.revenueByClientAndProject(OCTOBER)).rejects.toMatchObject({ kind: 'ledger_invalid' });
    expect(errors).toEqual([
      expect.objectContaining({ source: 'accounting.ledger', context: expect.objectContaining({ operation: 'revenueByClientAndProject', kind: 'ledger_invalid' }) as unknown }),
    ]);
  });
});
