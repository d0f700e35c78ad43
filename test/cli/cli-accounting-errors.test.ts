/**
 * Failures of the books through the built CLI: the plain cause on stderr, exit
 * 2 for what the user must fix (configuration, input) and 1 for the rest, and
 * never the API key.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { odooEnv, startFakeOdoo } from '../odoo/fake-odoo';
import { closedPortUrl } from '../support/ports';
import type { FakeOdoo } from '../odoo/fake-odoo-types';
import type { CreateInvoiceResult } from '../../src/accounting/accounting-port';
import { accounting, json } from './accounting-scenario';
import { assertCliBuilt, makeTempDir, readJsonlFile, removeDir, runCli } from './run-cli';

let tmp: string;
let vault: string;
let odoo: FakeOdoo;

/** Long and unusual, so finding it anywhere means it leaked. */
const WRONG_KEY = 'wrong-key-7Qx9vB2mZt';

beforeAll(async () => {
  assertCliBuilt();
  odoo = await startFakeOdoo({ version: 17 });
});
afterAll(() => odoo.close());
beforeEach(async () => {
  tmp = makeTempDir('ai-employee-accounting-errors-');
  vault = path.join(tmp, 'vault');
  expect((await runCli(['init', '--vault', vault])).code).toBe(0);
});
afterEach(() => removeDir(tmp));

const odooEnvWith = (overrides: Record<string, string> = {}) => ({ ...odooEnv(odoo), ...overrides });

describe('configuration problems exit 2 and say what to fix', () => {
  it('a wrong API key: the login is refused, and the key is printed nowhere', async () => {
    const r = await accounting({ vault, env: odooEnvWith({ ODOO_API_KEY: WRONG_KEY }) }, ['invoices', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/admin/);
    expect(r.stderr).toMatch(/API key|password|credentials/i);
    expect(r.stderr).not.toMatch(/Traceback|at .*\.js:\d+/);
    const logs = fs.readFileSync(path.join(vault, 'Logs', 'error_log.jsonl'), 'utf8');
    expect(logs).toContain('accounting.odoo');
    const audit = path.join(vault, 'Logs', 'audit_log.jsonl');
    for (const text of [r.stdout, r.stderr, logs, fs.existsSync(audit) ? fs.readFileSync(audit, 'utf8') : '']) {
      expect(text).not.toContain(WRONG_KEY);
    }
  });

  it('a wrong user', async () => {
    const r = await accounting({ vault, env: odooEnvWith({ ODOO_USERNAME: 'nobody' }) }, ['report', 'cash']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nobody');
  });

  it('a database that does not exist is named', async () => {
    const r = await accounting({ vault, env: odooEnvWith({ ODOO_DB: 'no-such-db' }) }, ['invoices']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-db');
  });

  it('an ODOO_PROTOCOL that does not exist', async () => {
    const r = await accounting({ vault, env: odooEnvWith({ ODOO_PROTOCOL: 'soap' }) }, ['invoices']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ODOO_PROTOCOL is "soap"; it must be auto, xmlrpc, jsonrpc or json2.');
  });

  it('JSON-2 asked of an Odoo 17, which does not offer it', async () => {
    const r = await accounting({ vault, env: odooEnvWith({ ODOO_PROTOCOL: 'json2' }) }, ['invoices']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/17/);
  });

  it('an address that is not Odoo', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await accounting({ vault, env: odooEnvWith({ ODOO_URL: url }) }, ['invoices']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(url);
      expect(r.stderr).toMatch(/not as Odoo does/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('paying more than is due is refused with both figures, and nothing is paid', async () => {
    const created = await json<CreateInvoiceResult>({ vault }, ['invoice', '--client', 'Client ABC', '--amount', '500', '--post']);
    const number = created.data.invoice.number ?? '';
    const r = await accounting({ vault }, ['pay', number, '--amount', '750']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('750');
    expect(r.stderr).toContain('500');
    const after = await json<Array<{ amountDue: number }>>({ vault }, ['invoices', '--unpaid']);
    expect(after.data.map((i) => i.amountDue)).toEqual([500]);
  });
});

describe('failures of the books exit 1', () => {
  it('nothing listening at the address: the address is named', async () => {
    const url = await closedPortUrl();
    const r = await accounting({ vault, env: odooEnvWith({ ODOO_URL: url }) }, ['invoices']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(url);
    expect(r.stdout).toBe('');
    const errors = readJsonlFile(path.join(vault, 'Logs', 'error_log.jsonl'));
    expect(errors.some((e) => JSON.stringify(e).includes(url))).toBe(true);
  });

  it('an invoice number that does not exist, on the ledger and on Odoo', async () => {
    const ledger = await accounting({ vault }, ['pay', 'INV/2026/09999']);
    expect(ledger.code).toBe(1);
    expect(ledger.stderr).toContain('INV/2026/09999');
    const inOdoo = await accounting({ vault, env: odooEnvWith() }, ['pay', 'INV/2026/09999']);
    expect(inOdoo.code).toBe(1);
    expect(inOdoo.stderr).toContain('INV/2026/09999');
  });

  it('a payment Odoo fails is reported once and not retried', async () => {
    const created = await json<CreateInvoiceResult>({ vault, env: odooEnvWith() }, ['invoice', '--client', 'Client ABC', '--amount', '300', '--post']);
    odoo.resetCalls();
    odoo.inject({ kind: 'http-status', status: 503, match: { name: 'account.payment.register.action_create_payments' }, times: Infinity });
    try {
      const r = await accounting({ vault, env: odooEnvWith() }, ['pay', created.data.invoice.number ?? '']);
      expect(r.code).toBe(1);
      expect(odoo.countCalls('account.payment.register.action_create_payments')).toBe(1);
    } finally {
      odoo.clearInjections();
    }
  });

  it('a broken ledger note stops the reports, naming the note', async () => {
    await json({ vault }, ['invoice', '--client', 'Client ABC', '--amount', '500', '--post']);
    const folder = path.join(vault, 'Accounting', 'Invoices');
    const [note] = fs.readdirSync(folder).filter((f) => f.endsWith('.md'));
    const file = path.join(folder, note ?? '');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^amount: .*$/m, 'amount: lots'));
    const r = await accounting({ vault }, ['report', 'aging']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(note);
    expect(r.stdout).toBe('');
  });
});
