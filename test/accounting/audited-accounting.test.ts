/** The audited wrapper passes reads through and logs their failures, except the caller's own bad input. */
import { AuditedAccounting } from '../../src/accounting/audited-accounting';
import { EventBus } from '../../src/core/event-bus';
import { AuditLog } from '../../src/core/logs/audit-log';
import { ErrorLog } from '../../src/core/logs/error-log';
import type { AuditEntry, ErrorEntry } from '../../src/core/logs/log-types';
import { readJsonl } from '../../src/core/logs/jsonl-log';
import { makeLedgerFixture, type LedgerFixture } from './ledger/ledger-fixture';

let f: LedgerFixture;
let books: AuditedAccounting;

// The real logs, on the fixture's vault: what the wrapper wrote is read back from the files.
beforeEach(() => {
  f = makeLedgerFixture();
  const bus = new EventBus();
  books = new AuditedAccounting(f.ledger, {
    audit: new AuditLog({ vault: f.vault, path: f.layout.auditLog, clock: f.clock }),
    errors: new ErrorLog({ vault: f.vault, path: f.layout.errorLog, clock: f.clock, bus }),
    bus,
    clock: f.clock,
    target: 'Accounting/',
  });
});

afterEach(() => f.cleanup());

const audits = async () => (await readJsonl(f.vault, f.layout.auditLog)).entries as unknown as AuditEntry[];
const errors = async () => (await readJsonl(f.vault, f.layout.errorLog)).entries as unknown as ErrorEntry[];
/** Counts the audit lines so far, so a test can look only at what came after. */
const auditedSoFar = async () => (await audits()).length;

describe('AuditedAccounting.listExpenses', () => {
  it('passes the read through, unaudited', async () => {
    const { expense } = await books.logExpense({ amount: 42, category: 'Software', description: 'Figma', date: '2026-10-05', idempotencyKey: 'k' });
    const before = await auditedSoFar();
    expect(await books.listExpenses({ from: '2026-10-01', to: '2026-10-31' })).toEqual([expense]);
    expect((await audits()).slice(before)).toEqual([]);
    expect(await errors()).toEqual([]);
  });

  it('logs a failure of the books, but not a bad range', async () => {
    await expect(books.listExpenses({ from: '2026-10-31', to: '2026-10-01' })).rejects.toMatchObject({ kind: 'bad_input' });
    expect(await errors()).toEqual([]);

    const { expense } = await books.logExpense({ amount: 42, category: 'Software', description: 'Figma', date: '2026-10-05', idempotencyKey: 'k' });
    f.editNote(expense.id, (n) => n.replace('amount: 42', 'amount: -42'));
    await expect(books.listExpenses({ from: '2026-10-01', to: '2026-10-31' })).rejects.toMatchObject({ kind: 'ledger_invalid' });
    expect(await errors()).toEqual([
      expect.objectContaining({ source: 'accounting.ledger', context: expect.objectContaining({ operation: 'listExpenses', kind: 'ledger_invalid' }) as unknown }),
    ]);
  });
});

describe('AuditedAccounting.revenueByClientAndProject', () => {
  const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

  async function postedInvoice(client: string, amount: number, project?: string) {
    const lines = [{ description: 'Work', quantity: 1, unitPrice: amount }];
    const { invoice } = await books.createInvoice({ client, lines, issueDate: '2026-10-05', idempotencyKey: `${client}-${amount}`, ...(project ? { project } : {}) });
    return books.postInvoice(invoice.id);
  }

  it('passes the read through, unaudited', async () => {
    await postedInvoice('Acme', 1200, 'Website');
    await postedInvoice('Acme', 300);
    const before = await auditedSoFar();
    expect(await books.revenueByClientAndProject(OCTOBER)).toEqual([
      { client: 'Acme', project: 'Website', amount: 1200 },
      { client: 'Acme', project: null, amount: 300 },
    ]);
    expect((await audits()).slice(before)).toEqual([]);
    expect(await errors()).toEqual([]);
  });

  it('logs a failure of the books, but not a bad range', async () => {
    await expect(books.revenueByClientAndProject({ from: '2026-10-31', to: '2026-10-01' })).rejects.toMatchObject({ kind: 'bad_input' });
    expect(await errors()).toEqual([]);

    const invoice = await postedInvoice('Acme', 1200, 'Website');
    f.editNote(invoice.id, (n) => n.replace('currency: USD', 'currency: EUR'));
    await expect(books.revenueByClientAndProject(OCTOBER)).rejects.toMatchObject({ kind: 'ledger_invalid' });
    expect(await errors()).toEqual([
      expect.objectContaining({ source: 'accounting.ledger', context: expect.objectContaining({ operation: 'revenueByClientAndProject', kind: 'ledger_invalid' }) as unknown }),
    ]);
  });
});
