/**
 * The pull half of the accounting sync against the vault ledger: each overdue
 * invoice becomes one inbox note, once ever (across runs, restarts, a damaged
 * state file and a crash mid-run); more than 30 days late is announced once;
 * and triage turns the note into a task that is never sent back as a request.
 */
import * as fs from 'node:fs';
import { SyncHarness } from './sync-harness';

let h: SyncHarness;
const STATE = 'Logs/state/accounting_sync.json';

/** A posted invoice issued on `issued` and due on `due`, made while the clock showed the issue day. */
async function postedInvoice(client: string, amount: number, issued: string, due: string, key: string) {
  const now = h.clock.now();
  h.clock.set(`${issued}T12:00:00Z`);
  const books = await h.runtime.accounting();
  const { invoice } = await books.createInvoice({ client, lines: [{ description: 'Work', quantity: 1, unitPrice: amount }], dueDate: due, idempotencyKey: key });
  const posted = await books.postInvoice(invoice.id);
  h.clock.set(now);
  return posted;
}

beforeEach(async () => {
  h = new SyncHarness({ start: '2026-02-20T12:00:00Z' });
  await h.runtime.start();
});
afterEach(async () => {
  await h.cleanup();
});

it('brings each overdue invoice into the inbox as one readable note, and announces those more than 30 days late', async () => {
  const old = await postedInvoice('Client ABC', 1500, '2025-12-10', '2026-01-09', 'k-old'); // 42 days late
  const recent = await postedInvoice('Client XYZ', 300.5, '2026-01-10', '2026-02-09', 'k-recent'); // 11 days late
  await postedInvoice('Client Future', 80, '2026-02-15', '2026-03-15', 'k-future'); // not due yet

  const report = await h.runtime.accountingSync.run();

  expect(report).toMatchObject({ pulled: 2, pushed: 0, escalated: 1 });
  const notes = h.notes('Inbox');
  const oldName = `Overdue invoice ${old.number!.replace(/\//g, '-')}.md`;
  expect(notes).toEqual([oldName, `Overdue invoice ${recent.number!.replace(/\//g, '-')}.md`].sort());
  const fm = h.fm(`Inbox/${oldName}`);
  expect(fm).toMatchObject({
    type: 'overdue_invoice',
    status: 'pending',
    invoice: old.number,
    overdue_invoice_id: old.id,
    client: 'Client ABC',
    amount_due: 1500,
    currency: 'USD',
    due: '2026-01-09',
    days_overdue: 42,
  });
  expect(fm.tags).toBeUndefined();
  const body = h.read(`Inbox/${oldName}`);
  expect(body).toContain(`Client ABC has not paid invoice ${old.number!}. It was due on 2026-01-09, 42 days ago, and 1,500.00 USD is still open.`);
  expect(body).not.toContain('#accounting');

  expect(h.eventsNamed('odoo.invoice.overdue')).toEqual([{ invoiceId: old.id, number: old.number, client: 'Client ABC', daysOverdue: 42, amount: 1500 }]);
  expect(h.eventsNamed('odoo.sync.complete')).toEqual([{ pushed: 0, pulled: 2 }]);
  const state = JSON.parse(h.read(STATE)) as { pulled: Record<string, { written: boolean; alerted: boolean }> };
  expect(state.pulled[old.id]).toMatchObject({ written: true, alerted: true });
  expect(state.pulled[recent.id]).toMatchObject({ written: true, alerted: false });

  // Again, and after a restart: nothing new.
  expect((await h.runtime.accountingSync.run()).pulled).toBe(0);
  await h.restart();
  expect((await h.runtime.accountingSync.run()).pulled).toBe(0);
  expect(h.notes('Inbox')).toHaveLength(2);
  expect(h.eventsNamed('odoo.invoice.overdue')).toHaveLength(1);
  expect(h.errors()).toEqual([]);
});

it('announces an invoice once when it crosses 30 days late after it was pulled, and marks its note', async () => {
  const invoice = await postedInvoice('Client XYZ', 300, '2026-01-10', '2026-02-09', 'k-1'); // 11 days late
  await h.runtime.accountingSync.run();
  expect(h.eventsNamed('odoo.invoice.overdue')).toEqual([]);

  h.clock.set('2026-03-15T12:00:00Z'); // 34 days late
  const report = await h.runtime.accountingSync.run();
  expect(report).toMatchObject({ pulled: 0, escalated: 1 });
  expect(h.eventsNamed('odoo.invoice.overdue')).toEqual([expect.objectContaining({ invoiceId: invoice.id, daysOverdue: 34 })]);
  const [note] = h.notes('Inbox');
  expect(h.fm(`Inbox/${note!}`)).toMatchObject({ days_overdue: 34, overdue_escalated: expect.stringMatching(/^2026-03-15T/) as unknown });

  h.clock.set('2026-03-20T12:00:00Z');
  await h.runtime.accountingSync.run();
  // Even with the state file gone, the note says it was announced.
  fs.rmSync(h.abs(STATE));
  await h.restart();
  await h.runtime.accountingSync.run();
  expect(h.eventsNamed('odoo.invoice.overdue')).toHaveLength(1);
  expect(h.notes('Inbox')).toHaveLength(1);
});

it('survives a damaged state file: keeps it aside, rebuilds from the notes (wherever triage moved them) and pulls nothing twice', async () => {
  await postedInvoice('Client ABC', 1500, '2025-12-10', '2026-01-09', 'k-old');
  await postedInvoice('Client XYZ', 300, '2026-01-10', '2026-02-09', 'k-recent');
  await h.runtime.accountingSync.run();
  // Triage turns both notes into tasks in Needs_Action; one is then finished and moved to Done.
  const triage = await h.runtime.triage.triageInbox();
  expect(triage.triaged).toHaveLength(2);
  const tasks = h.notes('Needs_Action');
  fs.renameSync(h.abs(`Needs_Action/${tasks[0]!}`), h.abs(`Done/${tasks[0]!}`));

  h.write(STATE, '{"version": 1, "pulled": {"oops"');
  await h.restart();
  const report = await h.runtime.accountingSync.run();

  expect(report.pulled).toBe(0);
  expect(h.notes('Inbox')).toEqual([]);
  expect(h.files('Logs/state').filter((f) => /^accounting_sync\.corrupt-\d{8}-\d{6}\.json$/.test(f))).toHaveLength(1);
  const kept = h.files('Logs/state').find((f) => f.startsWith('accounting_sync.corrupt-'))!;
  expect(h.read(`Logs/state/${kept}`)).toBe('{"version": 1, "pulled": {"oops"');
  const rebuilt = JSON.parse(h.read(STATE)) as { pulled: Record<string, { alerted: boolean }> };
  expect(Object.keys(rebuilt.pulled)).toHaveLength(2);
  // The 42-days-late one was announced when it was pulled; the rebuild knows from its note.
  expect(h.eventsNamed('odoo.invoice.overdue')).toHaveLength(1);
  expect(h.errors()).toEqual([expect.objectContaining({ source: 'accounting.sync', error: 'CorruptSyncState', severity: 'WARNING' })]);
});

it('the pulled note becomes a sensible task through triage and is never sent back to the books', async () => {
  const invoice = await postedInvoice('Client ABC', 1500, '2025-12-10', '2026-01-09', 'k-old');
  await h.runtime.accountingSync.run();
  await h.runtime.triage.triageInbox();
  const [task] = h.notes('Needs_Action');
  const fm = h.fm(`Needs_Action/${task!}`);
  expect(fm).toMatchObject({ status: 'pending', priority: 'high', overdue_invoice_id: invoice.id, invoice: invoice.number, client: 'Client ABC', amount_due: 1500 });
  expect(fm.trigger_id).toEqual(expect.stringMatching(/^trg-/));
  expect(h.read(`Needs_Action/${task!}`)).toContain(`# Overdue invoice ${invoice.number!}: Client ABC`);

  const before = h.read(`Needs_Action/${task!}`);
  const report = await h.runtime.accountingSync.run();
  expect(report).toMatchObject({ pushed: 0, pulled: 0, needsInfo: 0 });
  expect(h.read(`Needs_Action/${task!}`)).toBe(before);
  expect(await (await h.runtime.accounting()).listInvoices({ filter: 'all' })).toHaveLength(1);
});

it('repairs a run cut short between recording an invoice and writing its note', async () => {
  const a = await postedInvoice('Client A', 100, '2026-01-01', '2026-01-31', 'k-a');
  const b = await postedInvoice('Client B', 200, '2026-01-01', '2026-01-31', 'k-b');
  await h.runtime.accountingSync.run();
  const nameB = `Overdue invoice ${b.number!.replace(/\//g, '-')}.md`;
  // As if the process died after saving "being written" for both, with A's note on disk and B's not.
  fs.rmSync(h.abs(`Inbox/${nameB}`));
  const state = JSON.parse(h.read(STATE)) as { pulled: Record<string, { written: boolean }> };
  state.pulled[a.id]!.written = false;
  state.pulled[b.id]!.written = false;
  h.write(STATE, JSON.stringify(state));
  await h.restart();

  const report = await h.runtime.accountingSync.run();
  expect(report.overdue.map((o) => o.invoiceId)).toEqual([b.id]);
  expect(h.notes('Inbox')).toEqual([`Overdue invoice ${a.number!.replace(/\//g, '-')}.md`, nameB].sort());
  const repaired = JSON.parse(h.read(STATE)) as { pulled: Record<string, { written: boolean }> };
  expect(repaired.pulled[a.id]?.written).toBe(true);
  expect(repaired.pulled[b.id]?.written).toBe(true);
});
