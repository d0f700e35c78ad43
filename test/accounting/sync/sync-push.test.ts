/**
 * The push half of the accounting sync against the vault ledger on a real
 * temporary vault: tagged task notes become invoices once, bad ones say what
 * is missing, and neither a second run, a restart nor a crash between
 * "invoice created" and "note marked" makes a second invoice.
 */
import * as fs from 'node:fs';
import { SyncHarness, taskNote } from './sync-harness';

let h: SyncHarness;

beforeEach(async () => {
  h = new SyncHarness();
  await h.runtime.start();
});
afterEach(async () => {
  await h.cleanup();
});

async function ledgerInvoices() {
  return (await h.runtime.accounting()).listInvoices({ filter: 'all' });
}

it('sends a tagged task note to the books and writes the invoice onto the note', async () => {
  h.write('Needs_Action/bill-abc.md', taskNote({ trigger_id: 'trg-20260220-aaaa0001', client: 'Client ABC', amount: 1500, description: 'Website design', due: '2026-03-20', project: 'Website' }));
  h.write('Needs_Action/untagged.md', taskNote({ trigger_id: 'trg-20260220-aaaa0002', client: 'Someone', amount: 99 }, '# Just a note\n'));
  h.write('Needs_Action/sub/deep.md', taskNote({ trigger_id: 'trg-20260220-aaaa0003', client: 'Deep', amount: 5 }));
  const untaggedBefore = h.read('Needs_Action/untagged.md');

  const report = await h.runtime.accountingSync.run();

  expect(report).toMatchObject({ backend: 'ledger', pushed: 1, pulled: 0, needsInfo: 0, failed: 0 });
  const invoices = await ledgerInvoices();
  expect(invoices).toHaveLength(1);
  const invoice = invoices[0]!;
  expect(invoice).toMatchObject({ client: 'Client ABC', amountTotal: 1500, due: '2026-03-20', project: 'Website', idempotencyKey: 'sync:trg-20260220-aaaa0001' });
  expect(invoice.lines).toEqual([{ description: 'Website design', quantity: 1, unitPrice: 1500, amount: 1500 }]);

  const fm = h.fm('Needs_Action/bill-abc.md');
  expect(fm).toMatchObject({ accounting_status: 'pushed', invoice: invoice.number ?? invoice.id, invoice_id: invoice.id, invoice_status: invoice.status });
  expect(fm.accounting_synced).toMatch(/^2026-02-20T/);
  expect(fm.accounting_problem).toBeUndefined();
  expect(h.read('Needs_Action/bill-abc.md')).toContain('Please bill the client. #accounting');
  // Only tagged notes directly in Needs_Action are the sync's business.
  expect(h.read('Needs_Action/untagged.md')).toBe(untaggedBefore);
  expect(h.fm('Needs_Action/sub/deep.md').accounting_status).toBeUndefined();

  expect(h.eventsNamed('odoo.sync.complete')).toEqual([{ pushed: 1, pulled: 0 }]);
  expect(h.eventsNamed('odoo.invoice.created')).toEqual([expect.objectContaining({ invoiceId: invoice.id, client: 'Client ABC', amount: 1500 })]);
  const run = h.audit().filter((a) => a.action === 'accounting.sync');
  expect(run).toEqual([expect.objectContaining({ status: 'success', details: expect.objectContaining({ pushed: 1, pulled: 0, invoices: [invoice.number ?? invoice.id] }) as unknown })]);
  expect(h.errors()).toEqual([]);
});

it('takes type: invoice_request without the tag, reads lines, and posts when asked', async () => {
  h.write(
    'Needs_Action/lines.md',
    taskNote(
      { type: 'invoice_request', trigger_id: 'trg-20260220-bbbb0001', client: 'Client XYZ', post: true, lines: [{ description: 'Design', quantity: 2, unit_price: 400 }, { description: 'Hosting', unit_price: 120 }] },
      '# Monthly work\n',
    ),
  );
  const report = await h.runtime.accountingSync.run();
  expect(report.pushed).toBe(1);
  const [invoice] = await ledgerInvoices();
  expect(invoice).toMatchObject({ client: 'Client XYZ', amountTotal: 920, status: 'posted' });
  expect(h.fm('Needs_Action/lines.md')).toMatchObject({ accounting_status: 'pushed', invoice_status: 'posted', invoice: invoice!.number });
});

it('marks a request it cannot send as needs_info with a plain sentence, keeps it in place, and sends it once it is fixed', async () => {
  const body = '# Bill them\n\nThe text stays as it is. #accounting\n';
  h.write('Needs_Action/bad.md', taskNote({ trigger_id: 'trg-20260220-cccc0001', amount: 'a lot' }, body));

  const first = await h.runtime.accountingSync.run();
  expect(first).toMatchObject({ pushed: 0, needsInfo: 1, failed: 0 });
  const fm = h.fm('Needs_Action/bad.md');
  expect(fm.accounting_status).toBe('needs_info');
  expect(fm.accounting_problem).toMatch(/^The invoice request cannot be sent: client is missing.*; amount must be a number, like 1500\. Fix the note's properties/);
  expect(h.read('Needs_Action/bad.md').endsWith(body)).toBe(true);
  expect(await ledgerInvoices()).toEqual([]);
  // The owner's mistake is on the note, not an error of the app.
  expect(h.errors()).toEqual([]);

  // Unchanged: left alone, not rewritten.
  const marked = h.read('Needs_Action/bad.md');
  const second = await h.runtime.accountingSync.run();
  expect(second).toMatchObject({ pushed: 0, needsInfo: 0 });
  expect(h.read('Needs_Action/bad.md')).toBe(marked);

  // Fixed by hand (the sync's own fields left as they were): sent, and the problem is gone.
  const edited = marked.replace(/^amount: .*a lot.*$/m, 'amount: 250\nclient: Client ABC');
  expect(edited).not.toBe(marked);
  h.write('Needs_Action/bad.md', edited);
  const third = await h.runtime.accountingSync.run();
  expect(third).toMatchObject({ pushed: 1, needsInfo: 0 });
  const fixed = h.fm('Needs_Action/bad.md');
  expect(fixed.accounting_status).toBe('pushed');
  expect(fixed.accounting_problem).toBeUndefined();
  expect((await ledgerInvoices()).map((i) => i.amountTotal)).toEqual([250]);
});

it('warns once about a request whose properties cannot be read, and stays quiet about other broken notes', async () => {
  const broken = '---\ntags: [accounting\nclient: Client ABC\n---\n# Bill them #accounting\n';
  h.write('Needs_Action/broken.md', broken);
  h.write('Needs_Action/not-ours.md', '---\ntitle: [oops\n---\nShopping list\n');
  await h.runtime.accountingSync.run();
  await h.runtime.accountingSync.run();
  expect(h.errors()).toEqual([
    expect.objectContaining({ source: 'accounting.sync', severity: 'WARNING', error: 'BadFrontmatter', message: expect.stringMatching(/^Needs_Action\/broken\.md seems to ask for an invoice, but its properties cannot be read/) as unknown }),
  ]);
  expect(h.read('Needs_Action/broken.md')).toBe(broken);
  expect(await ledgerInvoices()).toEqual([]);
});

it('is idempotent across runs and restarts', async () => {
  h.write('Needs_Action/bill.md', taskNote({ trigger_id: 'trg-20260220-dddd0001', client: 'Client ABC', amount: 100 }));
  expect((await h.runtime.accountingSync.run()).pushed).toBe(1);
  const marked = h.read('Needs_Action/bill.md');
  expect((await h.runtime.accountingSync.run()).pushed).toBe(0);
  await h.restart();
  expect((await h.runtime.accountingSync.run()).pushed).toBe(0);
  expect(await ledgerInvoices()).toHaveLength(1);
  expect(h.read('Needs_Action/bill.md')).toBe(marked);
});

it('never runs two passes at once: callers during a pass wait for one more pass, which they share', async () => {
  h.write('Needs_Action/bill.md', taskNote({ trigger_id: 'trg-20260220-ffff0001', client: 'Client ABC', amount: 100 }));
  const sync = h.runtime.accountingSync;
  const first = sync.run();
  expect(sync.run()).toBe(first); // not started yet: the same pass
  await Promise.resolve(); // the first pass has begun
  const second = sync.run();
  const third = sync.run();
  expect(second).not.toBe(first);
  expect(third).toBe(second);
  const [a, b] = await Promise.all([first, second]);
  expect([a.pushed, b.pushed]).toEqual([1, 0]);
  expect(await ledgerInvoices()).toHaveLength(1);
  expect(h.eventsNamed('odoo.sync.complete')).toHaveLength(2);
});

it('after a crash between "invoice created" and "note marked", finds the first invoice instead of making a second', async () => {
  const original = taskNote({ trigger_id: 'trg-20260220-eeee0001', client: 'Client ABC', amount: 700 });
  h.write('Needs_Action/bill.md', original);
  await h.runtime.accountingSync.run();
  const firstId = h.fm('Needs_Action/bill.md').invoice_id;
  // The note as it was before the mark landed: the crash took the write, the books kept the invoice.
  h.write('Needs_Action/bill.md', original);
  await h.restart();

  const report = await h.runtime.accountingSync.run();
  expect(report.pushed).toBe(1);
  expect(report.notes).toEqual([expect.objectContaining({ status: 'pushed', created: false })]);
  expect(h.fm('Needs_Action/bill.md')).toMatchObject({ accounting_status: 'pushed', invoice_id: firstId });
  expect(await ledgerInvoices()).toHaveLength(1);
  // Announced once, by the first run: the second found the invoice, it did not create one.
  expect(h.eventsNamed('odoo.invoice.created')).toHaveLength(1);
});

it('gives a note without a trigger_id a key of its own, recorded on the note before the books are called', async () => {
  h.write('Needs_Action/hand-made.md', '---\ntags: [accounting]\nclient: Client ABC\namount: 42\n---\n# Hand-made request\n');
  await h.runtime.accountingSync.run();
  const fm = h.fm('Needs_Action/hand-made.md');
  expect(fm.accounting_key).toMatch(/^sync:note-[0-9a-f]{16}$/);
  const [invoice] = await ledgerInvoices();
  expect(invoice?.idempotencyKey).toBe(fm.accounting_key);
  expect(invoice?.lines[0]?.description).toBe('Hand-made request');

  // Moved and un-marked (as after a crash): the recorded key still finds the same invoice.
  const text = h.read('Needs_Action/hand-made.md').replace(/accounting_status: pushed\n/, '');
  h.write('Needs_Action/renamed.md', text);
  fs.rmSync(h.abs('Needs_Action/hand-made.md'));
  await h.runtime.accountingSync.run();
  expect(h.fm('Needs_Action/renamed.md').accounting_status).toBe('pushed');
  expect(await ledgerInvoices()).toHaveLength(1);
});

it('runs as part of runOnce, right after triage, so a tagged inbox note is invoiced in the same pass', async () => {
  h.write('Inbox/Invoice Client ABC.md', '---\ntags: [accounting]\nclient: Client ABC\namount: 1200\ndescription: Consulting in February\n---\nPlease invoice Client ABC for February.\n');
  const tick = await h.runtime.runOnce();
  expect(tick.ran).toContain('accounting.sync');
  expect(tick.failed).toEqual([]);
  const [task] = h.notes('Needs_Action');
  expect(task).toBeDefined();
  const fm = h.fm(`Needs_Action/${task!}`);
  expect(fm).toMatchObject({ accounting_status: 'pushed', client: 'Client ABC' });
  const [invoice] = await ledgerInvoices();
  expect(invoice?.idempotencyKey).toBe(`sync:${String(fm.trigger_id)}`);
});
