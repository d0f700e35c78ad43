/**
 * The Done criterion of the accounting CLI: the built CLI, as a child process,
 * creates, posts, lists, pays, logs an expense and reports (pnl, cash, aging)
 * on the vault ledger AND on the test Odoo over every transport (XML-RPC and
 * JSON-RPC on 16–18, JSON-2 on 19), with the same --json figures everywhere.
 * The test Odoo runs in this process on 127.0.0.1; the CLI reaches it over a socket.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { odooEnv, startFakeOdoo } from '../odoo/fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from '../odoo/fake-odoo-types';
import { accounting, day, expectedFigures, runScenario, TODAY, type BooksAccess, type ScenarioResult } from './accounting-scenario';
import { assertCliBuilt, makeTempDir, readJsonlFile, removeDir, runCli } from './run-cli';

let tmp: string;
let odoo: FakeOdoo | null = null;

beforeAll(() => assertCliBuilt());
beforeEach(() => {
  tmp = makeTempDir('ai-employee-accounting-');
});
afterEach(async () => {
  await odoo?.close();
  odoo = null;
  removeDir(tmp);
});

async function freshVault(name = 'vault'): Promise<string> {
  const vault = path.join(tmp, name);
  const r = await runCli(['init', '--vault', vault]);
  expect(r.code).toBe(0);
  return vault;
}

/** The ledger's figures, kept to hold every Odoo run to the very same numbers. */
let ledgerFigures: ScenarioResult['figures'] | null = null;

describe('the same books on every backend', () => {
  it('the vault ledger: every command, with the figures worked out by hand', async () => {
    const vault = await freshVault();
    const result = await runScenario({ vault });
    expect(result.figures).toEqual(expectedFigures());
    for (const number of result.numbers) expect(number).toMatch(/^INV\/\d{4}\/\d{5}$/);
    expect(new Set(result.numbers).size).toBe(4);
    for (const line of result.stderr) expect(line).toBe('Books: the vault ledger (Accounting/)\n');
    // The notes are in the vault, one per invoice and one per expense.
    expect(fs.readdirSync(path.join(vault, 'Accounting', 'Invoices')).filter((f) => f.endsWith('.md'))).toHaveLength(4);
    expect(fs.readdirSync(path.join(vault, 'Accounting', 'Expenses')).filter((f) => f.endsWith('.md'))).toHaveLength(1);
    // Every change to the books is in the audit log.
    const actions = readJsonlFile(path.join(vault, 'Logs', 'audit_log.jsonl')).map((e) => e.action);
    expect(actions.filter((a) => a === 'accounting.invoice.create')).toHaveLength(5);
    expect(actions.filter((a) => a === 'accounting.payment.register')).toHaveLength(2);
    ledgerFigures = result.figures;
  });

  const transports: Array<[FakeOdooMajor, 'xmlrpc' | 'jsonrpc' | 'json2', 'env' | 'env-file']> = [
    [16, 'xmlrpc', 'env'],
    [16, 'jsonrpc', 'env-file'],
    [17, 'xmlrpc', 'env-file'],
    [17, 'jsonrpc', 'env'],
    [18, 'xmlrpc', 'env'],
    [18, 'jsonrpc', 'env-file'],
    [19, 'json2', 'env-file'],
  ];
  const LABEL = { xmlrpc: 'XML-RPC', jsonrpc: 'JSON-RPC', json2: 'JSON-2' };

  it.each(transports)('Odoo %i over %s (settings from %s): the same figures', async (version, protocol, via) => {
    const fake = await startFakeOdoo({ version });
    odoo = fake;
    const vault = await freshVault();
    const settings = odooEnv(fake, protocol);
    let access: BooksAccess;
    if (via === 'env') {
      access = { vault, env: settings };
    } else {
      const envFile = path.join(tmp, 'fake.env');
      fs.writeFileSync(envFile, Object.entries(settings).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
      access = { vault, args: ['--env-file', envFile] };
    }
    const result = await runScenario(access);
    expect(result.figures).toEqual(expectedFigures());
    if (ledgerFigures) expect(result.figures).toEqual(ledgerFigures);
    for (const number of result.numbers.slice(0, 3)) expect(number).toMatch(/^INV\/\d{4}\/\d{5}$/);
    // Odoo numbers an invoice when it is posted; the draft has none yet.
    expect(result.numbers[3]).toBeNull();
    const label = `Books: Odoo ${version}.0 at ${fake.url} over ${LABEL[protocol]}\n`;
    for (const line of result.stderr) expect(line).toBe(label);
    // Odoo holds exactly what was asked: four customer invoices (the retry made none) and one vendor bill.
    const moves = fake.records('account.move');
    expect(moves.filter((m) => m.move_type === 'out_invoice')).toHaveLength(4);
    expect(moves.filter((m) => m.move_type === 'in_invoice')).toHaveLength(1);
    // Nothing printed or logged holds the API key.
    const logs = fs.readFileSync(path.join(vault, 'Logs', 'audit_log.jsonl'), 'utf8');
    expect(logs + result.stderr.join('')).not.toContain(fake.apiKey);
  });
});

describe('readable tables', () => {
  it('lists, reports and results read as aligned columns with the currency and totals', async () => {
    const vault = await freshVault();
    const access = { vault };
    const empty = await accounting(access, ['invoices', '--unpaid']);
    expect({ code: empty.code, stdout: empty.stdout }).toEqual({ code: 0, stdout: 'No unpaid invoices.\n' });
    expect(empty.stderr).toBe('Books: the vault ledger (Accounting/)\n');
    expect((await accounting(access, ['invoices', '--overdue'])).stdout).toBe('No overdue invoices.\n');

    const created = await accounting(access, ['invoice', '--client', 'Client ABC', '--amount', '10000', '--description', 'Website redesign', '--date', day(-45), '--due', day(-15), '--post']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created invoice INV\/\d{4}\/\d{5}\.\n/);
    expect(created.stdout).toMatch(/ {2}Client +Client ABC\n/);
    expect(created.stdout).toMatch(/ {2}Total +10,000\.00 USD\n/);
    expect(created.stdout).toContain('Key');
    const draft = await accounting(access, ['invoice', '--client', 'Riverside Bakery', '--amount', '1234.5']);
    expect(draft.stdout).toMatch(/^Created a draft invoice/);
    expect(draft.stdout).toMatch(/Still due +1,234\.50 USD/);
    const draftNumber = (/It is a draft: check it, then post it with "ai-employee accounting post (INV\/\d{4}\/\d{5})"/.exec(draft.stdout) ?? [])[1];
    expect(draftNumber).toBeDefined();

    const list = await accounting(access, ['invoices']);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Invoices (as of ${TODAY}):`);
    const header = lines[2] ?? '';
    expect(header).toMatch(/^Number +Client +Issued +Due +Status +Total \(USD\) +Still due \(USD\) +Overdue$/);
    // Right-aligned amounts: every row's "still due" ends in the same column as its header.
    const end = header.indexOf('Still due (USD)') + 'Still due (USD)'.length;
    const rows = lines.slice(4, 6);
    for (const row of rows) expect(row.slice(0, end)).toMatch(/\d\.\d\d$/);
    expect(rows.find((r) => r.includes('Client ABC'))).toMatch(/posted +10,000\.00 +10,000\.00 +15 days$/);
    expect(rows.find((r) => r.includes('Riverside Bakery'))).toMatch(/draft +1,234\.50 +1,234\.50$/);
    expect(lines[lines.length - 1]).toMatch(/^Total +2 invoices +11,234\.50 +11,234\.50$/);

    const pnl = await accounting(access, ['report', 'pnl', '--from', day(-60), '--to', TODAY]);
    expect(pnl.stdout).toBe(
      [`Profit and loss, ${day(-60)} to ${TODAY}:`, '', '          Amount (USD)', '--------  ------------', 'Revenue      10,000.00', 'Expenses          0.00', '--------  ------------', 'Profit       10,000.00', ''].join('\n'),
    );
    const aging = await accounting(access, ['report', 'aging']);
    expect(aging.stdout).toContain(`Receivables aging as of ${TODAY}`);
    expect(aging.stdout).toMatch(/1-30 days late +10,000\.00\n/);
    expect(aging.stdout).toMatch(/Total +10,000\.00\n$/);
    const cash = await accounting(access, ['report', 'cash']);
    expect(cash.stdout).toMatch(/^Cash position as of \d{4}-\d\d-\d\d:\n\nAccount +Balance \(USD\)\n/);
    expect(cash.stdout).toMatch(/Total +0\.00\n$/);

    const paid = await accounting(access, ['pay', (/INV\/\d{4}\/\d{5}/.exec(created.stdout) ?? [''])[0], '--amount', '2500']);
    expect(paid.stdout).toMatch(/^Recorded a payment of 2,500\.00 USD on \S+ for invoice INV\/\d{4}\/\d{5} \(Client ABC\); 7,500\.00 USD still due\.\n/);
    expect(paid.stdout).toMatch(/Status +partly paid/);
    const posted = await accounting(access, ['post', draftNumber ?? '']);
    expect(posted.code).toBe(0);
    expect(posted.stdout).toMatch(/^Invoice INV\/\d{4}\/\d{5} is posted\.\n/);
    expect(posted.stdout).toMatch(/Status +posted/);
    const expense = await accounting(access, ['expense', '--amount', '45', '--category', 'Office supplies', '--vendor', 'Paper Supplies Ltd']);
    expect(expense.stdout).toMatch(/^Logged expense EXP\/\d{4}\/\d{5}\.\n/);
    expect(expense.stdout).toMatch(/Paid to +Paper Supplies Ltd/);
  });

  it('--quiet keeps stdout and stderr empty on success; --key makes a re-run safe', async () => {
    const vault = await freshVault();
    const args = ['expense', '--amount', '80', '--category', 'Travel', '--key', 'taxi-2026-11-03'];
    const first = await accounting({ vault }, [...args, '--quiet']);
    expect(first).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const second = await accounting({ vault }, args);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('An expense with the key "taxi-2026-11-03" already exists; nothing new was logged.');
    expect(fs.readdirSync(path.join(vault, 'Accounting', 'Expenses')).filter((f) => f.endsWith('.md'))).toHaveLength(1);
  });
});

describe('drafts in Odoo', () => {
  it('a draft has no number until it is posted by its id', async () => {
    const fake = await startFakeOdoo({ version: 17 });
    odoo = fake;
    const vault = await freshVault();
    const access = { vault, env: { ODOO_URL: fake.url, ODOO_DB: fake.database, ODOO_USERNAME: fake.login, ODOO_API_KEY: fake.apiKey } };
    const draft = await accounting(access, ['invoice', '--client', 'Client ABC', '--amount', '700']);
    expect(draft.code).toBe(0);
    expect(draft.stdout).toMatch(/Number +\(none until posted\)/);
    const id = (/post it with "ai-employee accounting post (\d+)"/.exec(draft.stdout) ?? [])[1];
    expect(id).toBeDefined();
    const list = await accounting(access, ['invoices']);
    expect(list.stdout).toMatch(new RegExp(`^draft ${id} +Client ABC .* draft +700\\.00 +700\\.00$`, 'm'));
    const posted = await accounting(access, ['post', id ?? '', '--json']);
    expect(posted.code).toBe(0);
    const invoice = JSON.parse(posted.stdout) as { number: string; status: string; id: string };
    expect(invoice).toMatchObject({ status: 'posted', id });
    expect(invoice.number).toMatch(/^INV\/\d{4}\/\d{5}$/);
  });
});
