import * as nodePath from 'node:path';
import type { AccountingPort, DateRange } from '../src/accounting/accounting-port';
import { VaultLedger } from '../src/accounting/ledger/vault-ledger';
import { OdooAccounting } from '../src/accounting/odoo/odoo-accounting';
import { connectOdoo } from '../src/accounting/odoo/odoo-connection';
import type { OdooProtocol } from '../src/accounting/odoo/odoo-rpc';
import { ManualClock } from '../src/core/clock';
import { resolveLayout } from '../src/core/layout';
import { defaultSettings } from '../src/core/settings';
import { FsVault } from '../src/vault/fs-vault';
import { startFakeOdoo } from '../test/odoo/fake-odoo';
import type { FakeOdooMajor } from '../test/odoo/fake-odoo-types';
import { report, tempDir } from './bench-util';
import { writeInvoiceNotes } from './ledger-fixtures';

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

/** P&L, cash and aging over N invoice notes: the first run reads every note, later runs reuse what did not change. */
export async function benchLedgerReports(count: number): Promise<void> {
  const { dir, cleanup } = tempDir('ledger');
  try {
    const layout = resolveLayout(defaultSettings());
    writeInvoiceNotes(nodePath.join(dir, ...layout.accountingInvoices.split('/')), count, YEAR.from);
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
