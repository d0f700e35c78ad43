/** `demo` and `doctor` through the real built CLI, doctor against tiny local HTTP servers standing in for Odoo. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
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

/** A port that was free a moment ago and has nothing listening now. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
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

    fs.writeFileSync(path.join(dir, 'Inbox', 'leftover.md'), 'from the first demo');
    const second = await runCli(['demo', dir]);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(assertDemoVault(dir)).toHaveLength(tasks.length);
    expect(filesBelow(dir).some((f) => f.includes('leftover'))).toBe(false);
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

  it('exits 1 when ODOO_URL points at a port with nothing listening, saying it cannot reach it', async () => {
    const url = await closedPortUrl();
    const r = await runCli(['doctor', '--vault', vault], { env: { ODOO_URL: url } });
    expect(r.code).toBe(1);
    expect(line(r.stdout, 'Odoo')).toMatch(new RegExp(`^FAIL {2}Odoo: cannot reach ${url.replace(/[.:/]/g, '\\$&')}`));
  });

  it('says which Odoo version answers, with exit 0', async () => {
    const requests: Array<{ method?: string; url?: string; body: string }> = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, body });
        if (req.method === 'POST' && req.url === '/web/webclient/version_info') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { server_version: '17.0' } }));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    const r = await runCli(['doctor', '--vault', vault], { env: { ODOO_URL: `${url}/` } });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(line(r.stdout, 'Odoo')).toMatch(/^ok {2}.*Odoo 17\.0/);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ jsonrpc: '2.0', method: 'call' });
  });

  it('exits 1 with the HTTP status when the address is not Odoo', async () => {
    const url = await serve((_req, res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found'));
    const r = await runCli(['doctor', '--vault', vault], { env: { ODOO_URL: url } });
    expect(r.code).toBe(1);
    expect(line(r.stdout, 'Odoo')).toMatch(/^FAIL.*HTTP 404/);
  });

  it('exits 1 when the server answers, but not as Odoo does', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello":"world"}'));
    const r = await runCli(['doctor', '--vault', vault], { env: { ODOO_URL: url } });
    expect(r.code).toBe(1);
    expect(line(r.stdout, 'Odoo')).toContain('not as Odoo does');
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
