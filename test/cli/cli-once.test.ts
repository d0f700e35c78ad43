/** `once` through the real built CLI: one pass of the pipeline, and refusing while another runner is active. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { assertCliBuilt, dropInboxNote, officeLaptopLease, makeTempDir, markdownFiles, readJsonlFile, removeDir, runCli } from './run-cli';

const START = '<!-- ai-employee:dashboard:start -->';
const END = '<!-- ai-employee:dashboard:end -->';
const USER_NOTE = 'My own note: call the bank on Monday about the loan.';

let vault: string;

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  vault = makeTempDir('ai-employee-once-');
  const init = await runCli(['init', '--vault', vault]);
  expect(init.code).toBe(0);
});
afterEach(() => removeDir(vault));

it('once triages an inbox note into a task and a plan the employee works, logs valid JSONL and keeps the user\'s dashboard text', async () => {
  const dashboardFile = path.join(vault, 'Dashboard.md');
  const original = fs.readFileSync(dashboardFile, 'utf8');
  expect(original).toContain(START);
  fs.writeFileSync(dashboardFile, original.replace(START, `${USER_NOTE}\n\n${START}`));
  dropInboxNote(vault, 'invoice-request.md', 'Please send ACME an invoice for the March consulting work.\n');

  const r = await runCli(['once', '--vault', vault]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  expect(r.stdout).toMatch(/success\s+vault\.triage/);

  expect(fs.readdirSync(path.join(vault, 'Inbox'))).toEqual([]);
  const tasks = markdownFiles(path.join(vault, 'Needs_Action'));
  expect(tasks).toHaveLength(1);
  const task = tasks[0]!;
  const fm = readFrontmatter(fs.readFileSync(path.join(vault, 'Needs_Action', task), 'utf8'));
  // No amount, so the employee cannot invoice: it tells the owner and hands the task over.
  expect(fm).toMatchObject({ status: 'waiting_for_you', original_name: 'invoice-request.md', source: 'Inbox/invoice-request.md' });
  expect(fm.trigger_id).toEqual(expect.stringMatching(/^trg-/));
  const plans = markdownFiles(path.join(vault, 'Plans'));
  expect(plans).toEqual([`Plan_${task}`]);
  expect(plans[0]).toMatch(/^Plan_.*\.md$/);
  const plan = fs.readFileSync(path.join(vault, 'Plans', plans[0]!), 'utf8');
  expect(readFrontmatter(plan)).toMatchObject({ status: 'handed_over', intent: 'work_completed', reasoner: 'rules' });
  expect(plan).toContain('## Your steps\n');

  const audit = readJsonlFile(path.join(vault, 'Logs', 'audit_log.jsonl'));
  expect(audit.length).toBeGreaterThan(0);
  for (const line of audit) {
    const shape = {
      timestamp: typeof line.timestamp === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/.test(line.timestamp),
      action: typeof line.action === 'string' && line.action !== '',
      source: typeof line.source === 'string' && line.source !== '',
      status: ['success', 'failure', 'pending', 'skipped'].includes(String(line.status)),
      duration_ms: typeof line.duration_ms === 'number' && line.duration_ms >= 0,
      user: typeof line.user === 'string' && line.user !== '',
    };
    expect({ line, shape }).toEqual({ line, shape: { timestamp: true, action: true, source: true, status: true, duration_ms: true, user: true } });
  }
  expect(audit.filter((l) => l.action === 'vault.triage')).toHaveLength(1);
  const errorLog = path.join(vault, 'Logs', 'error_log.jsonl');
  if (fs.existsSync(errorLog)) expect(readJsonlFile(errorLog)).toEqual([]);

  const dashboard = fs.readFileSync(dashboardFile, 'utf8');
  expect(dashboard.split(START)).toHaveLength(2);
  expect(dashboard.split(END)).toHaveLength(2);
  const [before, rest] = dashboard.split(START) as [string, string];
  const generated = rest.split(END)[0]!;
  expect(before).toContain(USER_NOTE);
  expect(generated).toContain('## Status');
  expect(generated).toMatch(/\| Needs_Action \| 1 \|/);

  // Nothing left to do: a second pass makes no second task.
  const again = await runCli(['once', '--vault', vault]);
  expect(again.code).toBe(0);
  expect(markdownFiles(path.join(vault, 'Needs_Action'))).toEqual(tasks);
  expect(fs.existsSync(path.join(vault, 'Logs', 'state', 'runner_lease.json'))).toBe(false);
});

it('once exits 1 and does nothing while another live runner holds the lease', async () => {
  const other = officeLaptopLease(vault);
  expect((await other.acquire()).held).toBe(true);
  try {
    dropInboxNote(vault, 'call-notes.md', 'Call with Riverside Bakery about a new website.\n');
    const r = await runCli(['once', '--vault', vault]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Another runner is active on this vault');
    expect(r.stderr).toContain('Office laptop (obsidian)');
    expect(r.stderr).toContain('nothing was done');
    expect(fs.readdirSync(path.join(vault, 'Inbox'))).toEqual(['call-notes.md']);
    expect(markdownFiles(path.join(vault, 'Needs_Action'))).toEqual([]);
    expect(markdownFiles(path.join(vault, 'Plans'))).toEqual([]);
    // The other runner's lease is untouched.
    expect((await other.current())?.heldByUs).toBe(true);
  } finally {
    await other.release();
  }
});

it('once takes over a lease whose runner went quiet (stale heartbeat)', async () => {
  const lease = path.join(vault, 'Logs', 'state', 'runner_lease.json');
  const long = new Date(Date.now() - 3_600_000).toISOString();
  fs.mkdirSync(path.dirname(lease), { recursive: true });
  fs.writeFileSync(
    lease,
    JSON.stringify({
      holder: { deviceId: 'gone-device', deviceName: 'Old laptop', kind: 'obsidian' },
      acquiredAt: long,
      heartbeatAt: long,
      expiresAt: long,
      token: 'old-token',
    }),
  );
  dropInboxNote(vault, 'quote.md', 'Quote request from Hill & Sons for 20 chairs.\n');
  const r = await runCli(['once', '--vault', vault]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  expect(markdownFiles(path.join(vault, 'Needs_Action'))).toHaveLength(1);
  expect(fs.existsSync(lease)).toBe(false);
  const actions = readJsonlFile(path.join(vault, 'Logs', 'audit_log.jsonl')).map((l) => l.action);
  expect(actions).toContain('runner.lease.takeover');
});
