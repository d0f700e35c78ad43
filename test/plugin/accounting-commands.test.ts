/**
 * The accounting commands of the plugin in the fake Obsidian host, over a
 * real vault folder and the vault ledger: "Sync accounting now" (runner
 * only), "Create invoice from current note" and "Show unpaid invoices" (any
 * device).
 */
import { daysPastDue } from '../../src/accounting/accounting-port';
import { addDays, localDay } from '../../src/accounting/dates';
import { VaultLedger } from '../../src/accounting/ledger/vault-ledger';
import { ManualClock } from '../../src/core/clock';
import { resolveLayout } from '../../src/core/layout';
import { defaultSettings } from '../../src/core/settings';
import { FsVault } from '../../src/vault/fs-vault';
import { Notice, type FakeElement } from '../fakes/obsidian';
import { AccountingHost, invoiceNote, waitFor } from './accounting-host';

let host: AccountingHost;
const today = localDay(new Date());

afterEach(async () => {
  await host.cleanup();
});

/** Posted invoices in the vault ledger, made before the plugin loads (issued `issued`, due `due`). */
async function seedInvoices(base: string, invoices: { client: string; amount: number; issued: string; due: string; post?: boolean }[]): Promise<void> {
  const clock = new ManualClock('2026-01-01T12:00:00Z');
  const ledger = new VaultLedger({ vault: new FsVault(base), layout: resolveLayout(defaultSettings()), clock, currency: 'USD' });
  for (const [i, inv] of invoices.entries()) {
    clock.set(`${inv.issued}T12:00:00Z`);
    const { invoice } = await ledger.createInvoice({ client: inv.client, lines: [{ description: 'Work', quantity: 1, unitPrice: inv.amount }], dueDate: inv.due, idempotencyKey: `seed-${i}` });
    if (inv.post !== false) await ledger.postInvoice(invoice.id);
  }
}

function tableRows(el: FakeElement): string[][] {
  return el.findAll((e) => e.tagName === 'tr').map((tr) => tr.children.map((c) => c.getText()));
}

describe('Sync accounting now', () => {
  it('on the runner, pushes tagged notes and says what it did', async () => {
    host = new AccountingHost({ automations: true });
    await host.load();
    await host.note('Needs_Action/bill.md', invoiceNote({ trigger_id: 'trg-plugin-1', client: 'Client ABC', amount: 900, due: addDays(today, 14) }));

    expect(host.run('sync-accounting')).toBe(true);
    expect(await host.notice(/^Accounting synced/)).toBe('Accounting synced: 1 invoice sent to the books.');
    expect(host.fm('Needs_Action/bill.md')).toMatchObject({ accounting_status: 'pushed', invoice_status: 'draft' });
    expect(String(host.fm('Needs_Action/bill.md').invoice)).toMatch(/^INV\/\d{4}\/\d{5}$/);
  });

  it('on a device that does not run automations, does nothing and says why', async () => {
    host = new AccountingHost();
    await host.load();
    await host.note('Needs_Action/bill.md', invoiceNote({ trigger_id: 'trg-plugin-2', client: 'Client ABC', amount: 900 }));
    const before = host.read('Needs_Action/bill.md');

    expect(host.run('sync-accounting')).toBe(true);
    expect(await host.notice(/sync accounting/)).toMatch(/^Cannot sync accounting: this device does not run automations/);
    expect(host.read('Needs_Action/bill.md')).toBe(before);
  });
});

describe('Create invoice from current note', () => {
  it('is offered only while a note is open', async () => {
    host = new AccountingHost();
    await host.load();
    expect(host.run('create-invoice-from-note')).toBe(false);
  });

  it('invoices the open note on any device, writes the same fields as the sync, and does not invoice it twice', async () => {
    host = new AccountingHost();
    await host.load();
    await host.note('Clients/ABC invoice.md', invoiceNote({ client: '[[Client ABC]]', lines: [{ description: 'Design', quantity: 3, unit_price: 250 }], post: true }));
    await host.open('Clients/ABC invoice.md');

    expect(host.run('create-invoice-from-note')).toBe(true);
    const created = await host.notice(/^Invoice created/);
    expect(created).toMatch(/^Invoice created: INV\/\d{4}\/00001 for Client ABC, 750\.00 USD, due \d{4}-\d{2}-\d{2}\.$/);
    const fm = host.fm('Clients/ABC invoice.md');
    expect(fm).toMatchObject({ accounting_status: 'pushed', invoice_status: 'posted', invoice_id: 'Accounting/Invoices/' + String(fm.invoice).replace(/\//g, '-') + '.md' });
    expect(fm.accounting_key).toMatch(/^sync:note-[0-9a-f]{16}$/);

    const count = Notice.messages.length;
    expect(host.run('create-invoice-from-note')).toBe(true);
    expect(await host.notice(/already invoiced/, count)).toBe(`This note was already invoiced (${String(fm.invoice)}); nothing new was created.`);
  });

  it('says what is missing, and writes it on the note', async () => {
    host = new AccountingHost();
    await host.load();
    await host.note('Needs_Action/incomplete.md', invoiceNote({ amount: 'soon' }));
    await host.open('Needs_Action/incomplete.md');

    expect(host.run('create-invoice-from-note')).toBe(true);
    const message = await host.notice(/^No invoice was created/);
    expect(message).toMatch(/client is missing.*amount must be a number, like 1500/);
    expect(host.fm('Needs_Action/incomplete.md')).toMatchObject({ accounting_status: 'needs_info', accounting_problem: expect.stringContaining('client is missing') as unknown });
  });
});

describe('Show unpaid invoices', () => {
  async function openModal(): Promise<FakeElement> {
    expect(host.run('show-unpaid-invoices')).toBe(true);
    await waitFor(() => host.app.openModals.length === 1, 'the modal');
    const modal = host.app.openModals[0]!;
    expect(modal.titleEl.getText()).toBe('Unpaid invoices');
    await waitFor(() => !modal.contentEl.getText().includes('Reading the books'), 'the books to be read');
    return modal.contentEl;
  }

  it('lists unpaid invoices, oldest due first, with days overdue, on a device that does not run automations', async () => {
    host = new AccountingHost();
    const lateDue = addDays(today, -40);
    const soonDue = addDays(today, 10);
    await seedInvoices(host.base, [
      { client: 'Client XYZ', amount: 300.5, issued: addDays(today, -5), due: soonDue },
      { client: 'Client ABC', amount: 1500, issued: addDays(today, -70), due: lateDue },
      { client: 'Draft Ltd', amount: 10, issued: addDays(today, -1), due: soonDue, post: false },
    ]);
    await host.load();

    const content = await openModal();
    expect(content.getText()).toContain('2 unpaid invoices, 1 overdue.');
    const rows = tableRows(content);
    expect(rows[0]).toEqual(['Number', 'Client', 'Due', 'Amount due', 'Days overdue']);
    expect(rows.slice(1)).toEqual([
      [expect.stringMatching(/^INV\/\d{4}\/\d{5}$/), 'Client ABC', lateDue, '1,500.00 USD', String(daysPastDue(lateDue, today))],
      [expect.stringMatching(/^INV\/\d{4}\/\d{5}$/), 'Client XYZ', soonDue, '300.50 USD', 'Not yet due'],
    ]);
  });

  it('shows an empty state when everything is paid', async () => {
    host = new AccountingHost();
    await host.load();
    const content = await openModal();
    expect(content.getText()).toBe('No unpaid invoices. Every posted invoice is paid.');
    expect(tableRows(content)).toEqual([]);
  });

  it('shows a failure in plain words', async () => {
    host = new AccountingHost();
    host.writeFile('Accounting/Invoices/INV-2026-00001.md', '---\ntype: invoice\nnumber: [unclosed\n---\nbroken by hand\n');
    await host.load();
    const content = await openModal();
    expect(content.getText()).toMatch(/^The unpaid invoices could not be read\. .*INV-2026-00001/);
    expect(tableRows(content)).toEqual([]);
  });
});
