/**
 * The accounting sync against the test Odoo server over real XML-RPC on
 * 127.0.0.1: a tagged note becomes a posted customer invoice carrying its
 * idempotency key, a crash before the note is marked makes no second
 * invoice, a server failure leaves the note for the next run and is logged
 * once (by the audited books, not again by the sync), and an overdue
 * invoice comes back as an inbox note.
 */
import { startFakeOdoo } from '../../odoo/fake-odoo';
import type { FakeOdoo } from '../../odoo/fake-odoo-types';
import { SyncHarness, taskNote } from './sync-harness';

let odoo: FakeOdoo;
let h: SyncHarness;

beforeEach(async () => {
  odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
  h = new SyncHarness({
    settings: { odoo: { url: odoo.url, database: odoo.database, username: odoo.login, protocol: 'xmlrpc', timeoutSeconds: 5, maxRetries: 0 } },
    env: { ODOO_API_KEY: odoo.apiKey },
  });
  await h.runtime.start();
});
afterEach(async () => {
  await h.cleanup();
  await odoo.close();
});

function customerInvoices() {
  return odoo.records('account.move').filter((m) => m.move_type === 'out_invoice');
}

it('pushes a tagged note to Odoo as a posted invoice, survives a crash before the note is marked, and pulls it back once overdue', async () => {
  const original = taskNote({ trigger_id: 'trg-20260220-0d000001', client: 'Client ABC', amount: 1500, description: 'Website design', due: '2026-03-01', post: true });
  h.write('Needs_Action/bill.md', original);

  const first = await h.runtime.accountingSync.run();
  expect(first).toMatchObject({ backend: 'odoo', pushed: 1, failed: 0, pulled: 0 });
  const moves = customerInvoices();
  expect(moves).toHaveLength(1);
  expect(moves[0]).toMatchObject({ ref: 'sync:trg-20260220-0d000001', state: 'posted' });
  const fm = h.fm('Needs_Action/bill.md');
  expect(fm).toMatchObject({ accounting_status: 'pushed', invoice: moves[0]!.name, invoice_id: String(moves[0]!.id), invoice_status: 'posted' });
  expect(String(fm.invoice)).toMatch(/^INV\/2026\/\d+$/);

  // The crash took the note's mark; Odoo kept the invoice. A restart finds it by its key.
  h.write('Needs_Action/bill.md', original);
  await h.restart();
  const again = await h.runtime.accountingSync.run();
  expect(again.notes).toEqual([expect.objectContaining({ status: 'pushed', created: false })]);
  expect(customerInvoices()).toHaveLength(1);
  expect(h.fm('Needs_Action/bill.md').invoice_id).toBe(String(moves[0]!.id));

  // 45 days after the due date: one inbox note and one announcement, however often the sync runs.
  h.clock.set('2026-04-15T12:00:00Z');
  const late = await h.runtime.accountingSync.run();
  await h.runtime.accountingSync.run();
  expect(late.pulled).toBe(1);
  const [note] = h.notes('Inbox');
  expect(h.notes('Inbox')).toHaveLength(1);
  expect(h.fm(`Inbox/${note!}`)).toMatchObject({ type: 'overdue_invoice', source: 'Odoo', overdue_invoice_id: String(moves[0]!.id), invoice: moves[0]!.name, days_overdue: 45, amount_due: 1500 });
  expect(h.eventsNamed('odoo.invoice.overdue')).toEqual([{ invoiceId: String(moves[0]!.id), number: moves[0]!.name, client: 'Client ABC', daysOverdue: 45, amount: 1500 }]);
  expect(h.errors()).toEqual([]);
});

it('leaves the note untouched when Odoo fails, logs each failure once, and sends it on the next run', async () => {
  const original = taskNote({ trigger_id: 'trg-20260220-0d000002', client: 'Client XYZ', amount: 200 });
  h.write('Needs_Action/bill.md', original);
  odoo.inject({ kind: 'http-status', status: 503, times: Infinity });

  const failed = await h.runtime.accountingSync.run();
  expect(failed).toMatchObject({ pushed: 0, failed: 1 });
  expect(failed.pullError).toBeDefined();
  expect(h.read('Needs_Action/bill.md')).toBe(original);
  const errors = h.errors();
  // One line per failed call, each from the audited books; the sync adds none of its own for the same failure. comes from the audited books; the sync adds none of its own for the same failure.
  expect(errors.every((e) => e.source === 'accounting.odoo')).toBe(true);
  expect(errors.map((e) => (e.context as { operation: string }).operation)).toEqual(['accounting.invoice.create', 'listInvoices']);
  expect(String(errors[0]?.message)).toContain('HTTP 503');
  expect(h.audit().filter((a) => a.action === 'accounting.sync')).toEqual([expect.objectContaining({ status: 'failure' })]);

  odoo.clearInjections();
  const recovered = await h.runtime.accountingSync.run();
  expect(recovered).toMatchObject({ pushed: 1, failed: 0 });
  expect(customerInvoices()).toHaveLength(1);
  expect(h.fm('Needs_Action/bill.md').accounting_status).toBe('pushed');
});

it('does not call Odoo again for a note that was already sent', async () => {
  h.write('Needs_Action/bill.md', taskNote({ trigger_id: 'trg-20260220-0d000003', client: 'Client ABC', lines: [{ description: 'Work', quantity: 1, unit_price: 100 }] }));
  await h.runtime.accountingSync.run();
  expect(h.fm('Needs_Action/bill.md').accounting_status).toBe('pushed');
  const calls = odoo.countCalls('account.move.create');
  // Marked as sent: later runs, and a restart, leave it alone.
  await h.runtime.accountingSync.run();
  await h.restart();
  await h.runtime.accountingSync.run();
  expect(odoo.countCalls('account.move.create')).toBe(calls);
});
