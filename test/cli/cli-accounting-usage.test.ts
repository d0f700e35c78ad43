/** `accounting` through the built CLI: help, and every usage mistake named plainly with exit 2 before anything is touched. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertCliBuilt, makeTempDir, removeDir, runCli } from './run-cli';

let tmp: string;
let vault: string;

beforeAll(() => {
  assertCliBuilt();
  tmp = makeTempDir('ai-employee-accounting-usage-');
  vault = path.join(tmp, 'vault');
  fs.mkdirSync(vault);
});
afterAll(() => removeDir(tmp));

describe('help', () => {
  it('"accounting help" prints the accounting usage on stdout with exit 0', async () => {
    for (const args of [['accounting', 'help'], ['accounting', '--help']]) {
      const r = await runCli(args);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toContain('Usage: ai-employee accounting <command> --vault DIR');
      for (const command of ['invoice --client NAME --amount N', 'invoices [--unpaid|--overdue|--draft]', 'post NUMBER', 'pay NUMBER', 'expense --amount N --category C', 'report pnl', 'report cash', 'report aging']) {
        expect(r.stdout).toContain(command);
      }
    }
  });

  it('the general help lists the accounting command', async () => {
    const r = await runCli(['help']);
    expect(r.stdout).toMatch(/accounting \.\.\. +keep the books: invoice, post, invoices, pay, expense, report pnl\|cash\|aging/);
  });
});

describe('usage errors exit 2 with a clear message and touch nothing', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no accounting command', [], /Which accounting command\? One of: invoice, post, invoices, pay, expense, report/],
    ['an unknown command', ['refund'], /Unknown accounting command "refund"/],
    ['a missing --client', ['invoice', '--amount', '100'], /Missing --client NAME/],
    ['an empty --client', ['invoice', '--client', ' ', '--amount', '100'], /--client must not be empty/],
    ['a missing --amount', ['invoice', '--client', 'Client ABC'], /Missing --amount N/],
    ['a negative amount', ['invoice', '--client', 'A', '--amount=-5'], /--amount must be a positive amount like 1500 or 99\.95.*not "-5"/],
    ['a zero amount', ['expense', '--amount', '0', '--category', 'Travel'], /--amount must be a positive amount.*not "0"/],
    ['an amount that is not a number', ['invoice', '--client', 'A', '--amount', 'ten'], /--amount must be a positive amount.*not "ten"/],
    ['an amount with a thousands separator', ['invoice', '--client', 'A', '--amount', '1,500'], /not "1,500"/],
    ['an amount below a cent', ['pay', 'INV/2026/00001', '--amount', '12.345'], /not "12\.345"/],
    ['a day that does not exist', ['invoice', '--client', 'A', '--amount', '5', '--due', '2026-02-30'], /--due must be a calendar day written YYYY-MM-DD.*not "2026-02-30"/],
    ['a day in another format', ['expense', '--amount', '5', '--category', 'Travel', '--date', '03/11/2026'], /--date must be a calendar day.*not "03\/11\/2026"/],
    ['a due day before the issue day', ['invoice', '--client', 'A', '--amount', '5', '--date', '2026-11-10', '--due', '2026-11-01'], /--due \(2026-11-01\) is before the issue day --date \(2026-11-10\)/],
    ['--unpaid with --overdue', ['invoices', '--unpaid', '--overdue'], /--unpaid, --overdue and --draft cannot be used together/],
    ['--draft with --unpaid', ['invoices', '--draft', '--unpaid'], /--unpaid, --overdue and --draft cannot be used together/],
    ['a flag of another command', ['invoices', '--client', 'A'], /--client is not an option of "accounting invoices"/],
    ['a flag given twice', ['invoice', '--client', 'A', '--amount', '5', '--amount', '6'], /--amount is given twice/],
    ['an unknown flag', ['invoices', '--sort', 'due'], /Unknown option '--sort'/],
    ['pay without the invoice number', ['pay'], /"accounting pay" needs the invoice number/],
    ['post without the invoice number', ['post'], /"accounting post" needs the invoice number, e.g. accounting post INV\/2026\/00001/],
    ['post with a flag it does not take', ['post', 'INV/2026/00001', '--amount', '5'], /--amount is not an option of "accounting post". It takes no options of its own\./],
    ['a stray argument', ['invoices', 'unpaid'], /Unexpected argument "unpaid" for "accounting invoices"/],
    ['a missing --category', ['expense', '--amount', '5'], /Missing --category C/],
    ['a bad --key', ['expense', '--amount', '5', '--category', 'Travel', '--key', 'has spaces in it'], /--key must be 1 to 100 letters/],
    ['report without its name', ['report'], /"accounting report" needs which report: pnl, cash, aging/],
    ['an unknown report', ['report', 'balance'], /Unknown report "balance"/],
    ['--from without --to', ['report', 'pnl', '--from', '2026-11-01'], /--from and --to go together/],
    ['--from after --to', ['report', 'pnl', '--from', '2026-11-30', '--to', '2026-11-01'], /--from \(2026-11-30\) is after --to \(2026-11-01\)/],
    ['--as-of on pnl', ['report', 'pnl', '--as-of', '2026-11-01'], /--as-of is for "report cash" and "report aging"/],
    ['--from on aging', ['report', 'aging', '--from', '2026-11-01', '--to', '2026-11-02'], /--from and --to are for "report pnl"/],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(['accounting', ...args, '--vault', vault]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: ai-employee accounting <command>');
    expect(r.stdout).toBe('');
    // Nothing was created in the vault: the mistake was caught before the books were opened.
    expect(fs.readdirSync(vault)).toEqual([]);
  });

  it('global flags may come before the command', async () => {
    const r = await runCli(['--vault', vault, 'accounting', 'invoices', '--unpaid', '--overdue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--unpaid, --overdue and --draft cannot be used together');
  });

  it('a missing vault is named', async () => {
    const r = await runCli(['accounting', 'invoices']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Which vault? Pass --vault DIR');
    const gone = await runCli(['accounting', 'invoices', '--vault', path.join(tmp, 'nowhere')]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('There is no folder at');
  });

  it('a due day before today (the default issue day) is refused', async () => {
    const own = path.join(tmp, 'own-vault');
    fs.mkdirSync(own);
    const r = await runCli(['accounting', 'invoice', '--client', 'A', '--amount', '5', '--due', '2001-01-01', '--vault', own]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--due \(2001-01-01\) is before the issue day \(\d{4}-\d\d-\d\d\)/);
    expect(fs.readdirSync(path.join(own, 'Accounting', 'Invoices'))).toEqual([]);
  });
});
