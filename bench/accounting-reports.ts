import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { AccountingPort, DateRange } from '../src/accounting/accounting-port';
import { addDays } from '../src/accounting/dates';
import { VaultLedger } from '../src/accounting/ledger/vault-ledger';
import { invoiceBody, invoiceFrontmatter } from '../src/accounting/ledger/ledger-render';
import type { LedgerInvoice } from '../src/accounting/ledger/ledger-records';
import { formatNumber, noteFileName } from '../src/accounting/ledger/ledger-numbers';
import { roundMoney } from '../src/accounting/money';
import { OdooAccounting } from '../src/accounting/odoo/odoo-accounting';
import { connectOdoo } from '../src/accounting/odoo/odoo-connection';
import type { OdooProtocol } from '../src/accounting/odoo/odoo-rpc';
import { ManualClock } from '../src/core/clock';
import { resolveLayout } from '../src/core/layout';
import { defaultSettings } from '../src/core/settings';
import { joinNote } from '../src/vault/frontmatter';
import { FsVault } from '../src/vault/fs-vault';
import { startFakeOdoo } from '../test/odoo/fake-odoo';
import type { FakeOdooMajor } from '../test/odoo/fake-odoo-types';
import { report, tempDir } from './bench-util';

const TODAY = '2026-03-10';
const YEAR: DateRange = { from: '2025-03-11', to: TODAY };

/** The three reports the briefing reads on every run. */
function reportsOf(port: AccountingPort): Array<[string, () => Promise<unknown>]> {
  return [
    ['P&L', () => port.profitAndLoss(YEAR)],
    ['cash', () => port.cashPosition(TODAY)],
    ['aging', () => port.receivablesAging(TODAY)],
  ];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

interface OdooFigures {
  calls: Record<string, number>;
  ms: Record<string, number>;
}

/** Calls and time of each report against the test Odoo holding `invoices` posted invoices. */
async function measureOdoo(version: FakeOdooMajor, protocol: OdooProtocol, invoices: number): Promise<OdooFigures> {
  const odoo = await startFakeOdoo({ version, today: TODAY });
  try {
    odoo.seedPostedInvoices(invoices, { from: YEAR.from, to: TODAY, partners: 40, seed: 7 });
    const port = new OdooAccounting({
      connect: () => connectOdoo({ url: odoo.url, database: odoo.database, username: odoo.login, apiKey: odoo.apiKey, protocol, timeoutMs: 60_000, maxRetries: 0 }),
      clock: new ManualClock(`${TODAY}T10:00:00`),
      expenseRecord: 'vendor_bill',
      target: odoo.url,
    });
    // Connect and learn the company currency first, so only the reports themselves are measured.
    await port.health();
    await port.profitAndLoss(YEAR);
    const figures: OdooFigures = { calls: {}, ms: {} };
    for (const [name, run] of reportsOf(port)) {
      odoo.resetCalls();
      figures.ms[name] = await timed(run);
      figures.calls[name] = odoo.countCalls();
    }
    return figures;
  } finally {
    await odoo.close();
  }
}

const LABELS: Record<OdooProtocol, string> = { xmlrpc: 'XML-RPC', jsonrpc: 'JSON-RPC', json2: 'JSON-2' };

/**
 * P&L, cash and aging over the test Odoo (a real socket, the real client):
 * the number of calls per report must not grow with the number of invoices,
 * because the figures are grouped on the server.
 */
export async function benchOdooReports(invoices: number): Promise<void> {
  const cases: Array<[FakeOdooMajor, OdooProtocol]> = [
    [17, 'xmlrpc'],
    [18, 'jsonrpc'],
    [19, 'json2'],
  ];
  for (const [version, protocol] of cases) {
    const few = await measureOdoo(version, protocol, 100);
    const many = await measureOdoo(version, protocol, invoices);
    for (const name of Object.keys(many.calls)) {
      const constant = few.calls[name] === many.calls[name];
      report(
        `Odoo ${version} ${LABELS[protocol]} ${name}, ${invoices} invoices`,
        `${many.calls[name]} calls ${(many.ms[name] ?? 0).toFixed(0)} ms`,
        `calls as for 100 (${few.calls[name]})`,
        constant,
      );
    }
  }
}

const CLIENTS = ['Client ABC', 'Northwind Traders', 'Blue Harbor Cafe', 'Greenleaf Dental', 'Summit Legal', 'Acme Builders'];

/** Writes `count` posted invoice notes, some partly or fully paid, straight to disk as the ledger writes them. */
function writeInvoiceNotes(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const issued = addDays(YEAR.from, i % 365);
    const lines = [{ description: 'Consulting', quantity: 1 + (i % 4), unitPrice: 100 + (i % 17) * 25 }].map((l) => ({ ...l, amount: roundMoney(l.quantity * l.unitPrice) }));
    const amount = lines[0]?.amount ?? 0;
    const paid = i % 3 === 0 ? amount : i % 3 === 1 ? roundMoney(amount / 2) : 0;
    const number = formatNumber('INV', issued.slice(0, 4), i);
    const invoice: LedgerInvoice = {
      path: '',
      number,
      status: paid === amount ? 'paid' : 'posted',
      client: CLIENTS[i % CLIENTS.length] ?? 'Client',
      project: i % 2 === 0 ? 'Website' : null,
      currency: 'USD',
      issued,
      due: addDays(issued, 30),
      lines,
      amount,
      payments: paid > 0 ? [{ id: `PAY/${issued.slice(0, 4)}/${String(i).padStart(5, '0')}`, date: addDays(issued, 10), amount: paid }] : [],
      idempotencyKey: `bench-${i}`,
    };
    writeFileSync(nodePath.join(folder, noteFileName(number)), joinNote(invoiceFrontmatter(invoice), invoiceBody(invoice)));
  }
}

/** P&L, cash and aging over N invoice notes: the first run reads every note, later runs reuse what did not change. */
export async function benchLedgerReports(count: number): Promise<void> {
  const { dir, cleanup } = tempDir('ledger');
  try {
    const layout = resolveLayout(defaultSettings());
    writeInvoiceNotes(nodePath.join(dir, ...layout.accountingInvoices.split('/')), count);
    const ledger = new VaultLedger({ vault: new FsVault(dir), layout, clock: new ManualClock(`${TODAY}T10:00:00`), currency: 'USD' });
    const checked = await ledger.receivablesAging(TODAY);
    if (!(checked.total > 0)) throw new Error('the ledger bench read no receivables: the notes were not understood');
    const cold = new VaultLedger({ vault: new FsVault(dir), layout, clock: new ManualClock(`${TODAY}T10:00:00`), currency: 'USD' });
    const firstMs = await timed(() => cold.profitAndLoss(YEAR));
    report(`Ledger P&L, ${count} notes, first read`, `${firstMs.toFixed(0)} ms`);
    for (const [name, run] of reportsOf(cold)) {
      report(`Ledger ${name}, ${count} notes, cached`, `${(await timed(run)).toFixed(0)} ms`);
    }
  } finally {
    cleanup();
  }
}
