/** `demo` and `doctor` through the real built CLI; doctor against the test Odoo and plain HTTP servers that are not Odoo. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { startFakeOdoo } from '../odoo/fake-odoo';
import { closedPortUrl } from '../support/ports';
import type { FakeOdoo } from '../odoo/fake-odoo-types';
import { assertCliBuilt, filesBelow, makeTempDir, markdownFiles, readJsonlFile, removeDir, runCli } from './run-cli';

let tmp: string;
let servers: http.Server[];

/** A local server on a random port; closed in afterEach. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The doctor line for one check, e.g. `ok    Odoo: ...`. */
function line(stdout: string, name: string): string {
  const found = stdout.split('\n').find((l) => l.slice(6).startsWith(`${name}:`));
  if (!found) throw new Error(`doctor printed no "${name}" line:\n${stdout}`);
  return found;
}

beforeAll(() => assertCliBuilt());
beforeEach(() => {
  tmp = makeTempDir('ai-employee-demo-doctor-');
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  removeDir(tmp);
});

describe('demo', () => {
  const assertDemoVault = (dir: string) => {
    expect(fs.readFileSync(path.join(dir, 'Dashboard.md'), 'utf8')).toContain('<!-- ai-employee:dashboard:start -->');
    const tasks = markdownFiles(path.join(dir, 'Needs_Action'));
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(markdownFiles(path.join(dir, 'Plans'))).toHaveLength(tasks.length);
    expect(fs.readdirSync(path.join(dir, 'Inbox'))).toEqual([]);
    const logs = filesBelow(path.join(dir, 'Logs')).filter((f) => f.endsWith('.jsonl'));
    expect(logs).toEqual(expect.arrayContaining(['audit_log.jsonl', 'error_log.jsonl']));
    for (const log of logs) expect(readJsonlFile(path.join(dir, 'Logs', ...log.split('/'))).length).toBeGreaterThan(0);
    return tasks;
  };

  it('builds a sample vault, and running it again replaces its own earlier demo', async () => {
    const dir = path.join(tmp, 'demo-vault');
    const first = await runCli(['demo', dir]);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`Sample vault: ${dir}`);
    const tasks = assertDemoVault(dir);
    // The broken sample is quarantined, as the demo promises.
    expect(filesBelow(path.join(dir, 'Quarantine')).some((f) => f.endsWith('.why.md'))).toBe(true);
    // The #accounting invoice request became a draft invoice in the vault ledger, and the summary says so.
    const invoices = markdownFiles(path.join(dir, 'Accounting', 'Invoices')).map((f) => fs.readFileSync(path.join(dir, 'Accounting', 'Invoices', f), 'utf8'));
    // Four from the books the demo starts with, one from the invoice request, one from the WhatsApp message.
    expect(invoices).toHaveLength(6);
    const northwind = invoices.find((n) => /^client: Northwind Traders$/m.test(n)) ?? '';
    expect(northwind).toMatch(/^amount: 2400$/m);
    expect(northwind).toMatch(/^status: draft$/m);
    expect(first.stdout).toMatch(/accounting pushed \(invoice INV\/\d{4}\/\d{5}\)/);
    // The WhatsApp message was worked by the employee: a draft invoice for Client ABC, and a post waiting for approval.
    const abc = invoices.find((n) => /^client: Client ABC$/m.test(n)) ?? '';
    expect(abc).toMatch(/^amount: 10000$/m);
    expect(abc).toMatch(/^status: draft$/m);
    expect(first.stdout).toContain('2 drafts (12,400.00 USD) to check and post');
    // Last week's CEO briefing, from those books, linked from the dashboard.
    const briefings = markdownFiles(path.join(dir, 'Briefings')).filter((f) => /^CEO-\d{4}-W\d{2}\.md$/.test(f));
    expect(briefings).toHaveLength(1);
    const briefing = fs.readFileSync(path.join(dir, 'Briefings', briefings[0] ?? ''), 'utf8');
    expect(readFrontmatter(briefing)).toMatchObject({ type: 'briefing', revenue_total: 4150, expenses_total: 204.99, profit: 3945.01 });
    expect(briefing).toContain('| Blue Harbor Cafe | Website');
    expect(briefing).toContain('Follow up with Acme Builders');
    expect(first.stdout).toContain(`Weekly CEO briefing for last week: Briefings/${briefings[0] ?? ''}`);
    expect(fs.readFileSync(path.join(dir, 'Dashboard.md'), 'utf8')).toContain(`[[Briefings/${(briefings[0] ?? '').replace(/\.md$/, '')}|`);
    const pending = markdownFiles(path.join(dir, 'Pending_Approval'));
    expect(pending).toHaveLength(1);
    const request = readFrontmatter(fs.readFileSync(path.join(dir, 'Pending_Approval', pending[0] ?? ''), 'utf8'));
    expect(request).toMatchObject({ type: 'approval_request', status: 'pending', action: 'social_generate_summary' });
    expect(first.stdout).toContain(`Waiting for your approval in Pending_Approval/: 1\n  - ${pending[0] ?? ''}  (social_generate_summary)`);
    expect(fs.readFileSync(path.join(dir, 'Dashboard.md'), 'utf8')).toContain(pending[0]?.replace(/\.md$/, '') ?? '');

    // Approving it by editing its frontmatter, then running once, finishes the task.
    const requestFile = path.join(dir, 'Pending_Approval', pending[0] ?? '');
    fs.writeFileSync(requestFile, fs.readFileSync(requestFile, 'utf8').replace(/^status: pending$/m, 'status: approved'));
    const once = await runCli(['once', '--vault', dir]);
    expect({ code: once.code, stderr: once.stderr }).toEqual({ code: 0, stderr: '' });
    expect(markdownFiles(path.join(dir, 'Approved'))).toEqual(pending);
    expect(markdownFiles(path.join(dir, 'Done')).some((f) => f.startsWith('whatsapp_'))).toBe(true);
    const drafts = markdownFiles(path.join(dir, 'Needs_Action')).filter((f) => f.startsWith('social_facebook_'));
    expect(drafts).toHaveLength(1);
    expect(readFrontmatter(fs.readFileSync(path.join(dir, 'Needs_Action', drafts[0] ?? ''), 'utf8'))).toMatchObject({ type: 'social_post', status: 'draft', platform: 'facebook' });

    fs.writeFileSync(path.join(dir, 'Inbox', 'leftover.md'), 'from the first demo');
    const second = await runCli(['demo', dir]);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(assertDemoVault(dir)).toHaveLength(tasks.length);
    expect(filesBelow(dir).some((f) => f.includes('leftover'))).toBe(false);
  });

  it('never reaches an Odoo named in the environment: the demo keeps its books in the vault', async () => {
    const dir = path.join(tmp, 'demo-vault');
    const url = await closedPortUrl();
    const r = await runCli(['demo', dir], { env: { ODOO_URL: url, ODOO_DB: 'odoo', ODOO_USERNAME: 'admin', ODOO_API_KEY: 'not-used-key' } });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Books (the vault ledger, Accounting/): 6 invoices');
    expect(markdownFiles(path.join(dir, 'Accounting', 'Invoices'))).toHaveLength(6);
  });

  it('refuses a folder that has other things in it and leaves it untouched', async () => {
    const dir = path.join(tmp, 'my-real-vault');
    fs.mkdirSync(path.join(dir, 'Projects'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Important.md'), 'do not delete');
    fs.writeFileSync(path.join(dir, 'Projects', 'plan.md'), 'mine');
    const before = filesBelow(dir);

    const r = await runCli(['demo', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not an earlier demo vault');
    expect(filesBelow(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, 'Important.md'), 'utf8')).toBe('do not delete');
    expect(fs.readdirSync(dir).sort()).toEqual(['Important.md', 'Projects']);
  });
});

describe('doctor', () => {
  let vault: string;

  beforeEach(async () => {
    vault = path.join(tmp, 'vault');
    expect((await runCli(['init', '--vault', vault])).code).toBe(0);
  });

  it('reports a healthy vault with exit 0 and lists each check', async () => {
    const r = await runCli(['doctor', '--vault', vault]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    for (const name of ['Settings', 'Vault', 'Layout', 'Handbook', 'Runner']) expect(line(r.stdout, name)).toMatch(/^ok {2}/);
    expect(line(r.stdout, 'Odoo')).toContain('not configured');
    // The write probe leaves nothing behind.
    expect(fs.readdirSync(path.join(vault, 'Logs')).filter((f) => f.startsWith('.doctor'))).toEqual([]);
  });

  it('warns about a missing folder without failing', async () => {
    fs.rmSync(path.join(vault, 'Briefings'), { recursive: true });
    const r = await runCli(['doctor', '--vault', vault]);
    expect(r.code).toBe(0);
    expect(line(r.stdout, 'Layout')).toMatch(/^warn.*missing Briefings.*run "init"/);
  });

  describe('Odoo', () => {
    let started: FakeOdoo[] = [];
    afterEach(async () => {
      await Promise.all(started.map((fake) => fake.close()));
      started = [];
    });
    /** A test Odoo in this process, closed after the test. */
    const start = async (version: 16 | 17 | 18 | 19): Promise<FakeOdoo> => {
      const fake = await startFakeOdoo({ version });
      started.push(fake);
      return fake;
    };
    const env = (fake: FakeOdoo, overrides: Record<string, string> = {}) => ({
      ODOO_URL: fake.url,
      ODOO_DB: fake.database,
      ODOO_USERNAME: fake.login,
      ODOO_API_KEY: fake.apiKey,
      ...overrides,
    });
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

    it('logs in and says which Odoo, protocol and user, with exit 0', async () => {
      const odoo = await start(17);
      const r = await runCli(['doctor', '--vault', vault], { env: env(odoo, { ODOO_URL: `${odoo.url}/` }) });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(line(r.stdout, 'Odoo')).toMatch(new RegExp(`^ok {4}Odoo: Odoo 17\\.0 at ${escape(odoo.url)} over XML-RPC, logged in as admin \\(uid \\d+\\)$`));
      expect(odoo.countCalls('common.authenticate')).toBe(1);
    });

    it('picks JSON-2 on Odoo 19', async () => {
      const odoo = await start(19);
      const r = await runCli(['doctor', '--vault', vault], { env: env(odoo) });
      expect(r.code).toBe(0);
      expect(line(r.stdout, 'Odoo')).toMatch(/^ok {4}Odoo: Odoo 19\.0 at .* over JSON-2, logged in as admin \(uid \d+\)$/);
    });

    it('exits 1 when nothing listens at ODOO_URL, naming the address', async () => {
      const url = await closedPortUrl();
      const r = await runCli(['doctor', '--vault', vault], { env: { ODOO_URL: url, ODOO_DB: 'odoo', ODOO_USERNAME: 'admin', ODOO_API_KEY: 'k3y-not-used' } });
      expect(r.code).toBe(1);
      expect(line(r.stdout, 'Odoo')).toMatch(new RegExp(`^FAIL {2}Odoo: .*${escape(url)}`));
    });

    it('exits 2 naming a database that does not exist', async () => {
      const odoo = await start(17);
      const r = await runCli(['doctor', '--vault', vault], { env: env(odoo, { ODOO_DB: 'acme-typo' }) });
      expect(r.code).toBe(2);
      expect(line(r.stdout, 'Odoo')).toMatch(/^FAIL {2}Odoo: .*acme-typo/);
    });

    it('exits 2 for a user Odoo does not know', async () => {
      const odoo = await start(18);
      const r = await runCli(['doctor', '--vault', vault], { env: env(odoo, { ODOO_USERNAME: 'sam@example.com' }) });
      expect(r.code).toBe(2);
      expect(line(r.stdout, 'Odoo')).toMatch(/^FAIL {2}Odoo: .*sam@example\.com/);
    });

    it('exits 2 for a wrong API key, without ever printing it', async () => {
      for (const version of [17, 19] as const) {
        const odoo = await start(version);
        const wrong = 'wrong-key-Zr8Lq3Vw9c';
        const r = await runCli(['doctor', '--vault', vault, '--json'], { env: env(odoo, { ODOO_API_KEY: wrong }) });
        expect(r.code).toBe(2);
        const checks = JSON.parse(r.stdout) as Array<{ name: string; status: string; detail: string }>;
        const check = checks.find((c) => c.name === 'Odoo');
        expect(check?.status).toBe('fail');
        expect(check?.detail).toMatch(/API key|credentials|password/i);
        expect(r.stdout + r.stderr).not.toContain(wrong);
      }
    });

    it('exits 2 when the address answers, but not as Odoo does', async () => {
      for (const handler of [
        (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found'),
        (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello":"world"}'),
      ]) {
        const url = await serve(handler);
        const r = await runCli(['doctor', '--vault', vault], { env: { ODOO_URL: url, ODOO_DB: 'odoo', ODOO_USERNAME: 'admin', ODOO_API_KEY: 'k3y-not-used' } });
        expect(r.code).toBe(2);
        expect(line(r.stdout, 'Odoo')).toMatch(/^FAIL {2}Odoo: .*not as Odoo does/);
      }
    });

    it('exits 1 when Odoo does not answer in time', async () => {
      const odoo = await start(17);
      odoo.inject({ kind: 'delay', ms: 3000, times: Infinity });
      const data = path.join(vault, '.obsidian', 'plugins', 'ai-employee', 'data.json');
      fs.mkdirSync(path.dirname(data), { recursive: true });
      fs.writeFileSync(data, JSON.stringify({ odoo: { timeoutSeconds: 1, maxRetries: 0 } }));
      const r = await runCli(['doctor', '--vault', vault], { env: env(odoo) });
      expect(r.code).toBe(1);
      expect(line(r.stdout, 'Odoo')).toMatch(/^FAIL {2}Odoo: .*(time|answer)/i);
    });
  });

  it('names a runner that holds the lease', async () => {
    const now = new Date().toISOString();
    const lease = path.join(vault, 'Logs', 'state', 'runner_lease.json');
    fs.mkdirSync(path.dirname(lease), { recursive: true });
    fs.writeFileSync(
      lease,
      JSON.stringify({ holder: { deviceId: 'd1', deviceName: 'Office laptop', kind: 'obsidian' }, acquiredAt: now, heartbeatAt: now, expiresAt: now, token: 't' }),
    );
    const r = await runCli(['doctor', '--vault', vault]);
    expect(r.code).toBe(0);
    expect(line(r.stdout, 'Runner')).toContain('Office laptop (obsidian)');
  });
});
