import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import { EventBus } from '../../src/core/event-bus';
import { resolveLayout, type VaultLayout } from '../../src/core/layout';
import { AuditLog } from '../../src/core/logs/audit-log';
import { ErrorLog } from '../../src/core/logs/error-log';
import { defaultSettings } from '../../src/core/settings';
import { DashboardWriter } from '../../src/vault/dashboard';
import { DASHBOARD_END_MARKER as END, DASHBOARD_START_MARKER as START } from '../../src/vault/dashboard-markers';
import { findBlock } from '../../src/vault/dashboard-splice';
import { splitNote } from '../../src/vault/frontmatter';
import { FsVault } from '../../src/vault/fs-vault';
import { makeDeviceIdentity, RunnerLease } from '../../src/vault/runner-lease';

/** The real FsVault, counting the writes that go through `process`. */
class CountingVault extends FsVault {
  processCalls = 0;
  override async process(p: string, fn: (content: string) => string): Promise<string> {
    this.processCalls++;
    // Give the event loop room so that refresh requests arrive while a write is under way.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return super.process(p, fn);
  }
}

describe('DashboardWriter', () => {
  let dir: string;
  let vault: CountingVault;
  let layout: VaultLayout;
  let clock: ManualClock;
  let bus: EventBus;

  const put = (rel: string, content: string | Buffer) => {
    const abs = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  };
  const dashboardBytes = () => fs.readFileSync(path.join(dir, 'Dashboard.md'));
  const dashboardText = () => dashboardBytes().toString('utf8');
  const block = () => {
    const text = dashboardText();
    const pos = findBlock(text);
    if (!pos) throw new Error('no dashboard block');
    return text.slice(pos.start + START.length, pos.end);
  };
  const sectionOf = (heading: string) => {
    const text = block();
    const from = text.indexOf(`## ${heading}\n`);
    if (from === -1) throw new Error(`no section ${heading}`);
    const next = text.indexOf('\n## ', from + 1);
    return text.slice(from, next === -1 ? undefined : next);
  };
  const writer = (extra: Partial<ConstructorParameters<typeof DashboardWriter>[0]> = {}) =>
    new DashboardWriter({ vault, layout, clock, bus, ...extra });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-dashboard-'));
    vault = new CountingVault(dir);
    layout = resolveLayout(defaultSettings());
    clock = new ManualClock('2026-02-20T10:00:00Z');
    bus = new EventBus();
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the user text above and below the block byte for byte', async () => {
    const head = Buffer.from('---\ntype: dashboard\nstatus: active\nowner:  "Ana"   # my comment\n---\n# Ana’s desk 🗂️\r\n\nMy own notes\twith tabs\n\n');
    const tail = Buffer.from('\n\n## My links\n- [[Company_Handbook]]\n\n%% private %%\nno trailing newline');
    put('Dashboard.md', Buffer.concat([head, Buffer.from(`${START}\nold content\n${END}`), tail]));

    const result = await writer().refresh();
    expect(result).toEqual({ path: 'Dashboard.md', mode: 'replaced' });
    clock.advanceMinutes(5);
    await writer().refresh();

    const bytes = dashboardBytes();
    expect(bytes.subarray(0, head.length).equals(head)).toBe(true);
    expect(bytes.subarray(bytes.length - tail.length).equals(tail)).toBe(true);
    expect(bytes.subarray(head.length, head.length + START.length).toString()).toBe(START);
    const text = dashboardText();
    expect(text.split(START)).toHaveLength(2);
    expect(text.split(END)).toHaveLength(2);
    expect(text).not.toContain('old content');
    expect(block()).toContain('## Folders');
  });

  it('appends a fresh block when the user deleted the markers', async () => {
    const original = '---\ntype: dashboard\n---\n# Dashboard\n\nI removed the generated part.';
    put('Dashboard.md', original);
    const result = await writer().refresh();
    expect(result.mode).toBe('appended');
    const text = dashboardText();
    expect(text.startsWith(`${original}\n\n${START}\n`)).toBe(true);
    expect(text.endsWith(`${END}\n`)).toBe(true);
    // The next refresh updates that block instead of appending another.
    expect((await writer().refresh()).mode).toBe('replaced');
    expect(dashboardText().split(START)).toHaveLength(2);
  });

  it('creates Dashboard.md when it is missing', async () => {
    const seen: string[] = [];
    bus.on('dashboard.refreshed', ({ path: p }) => void seen.push(p));
    const result = await writer().refresh();
    expect(result).toEqual({ path: 'Dashboard.md', mode: 'created' });
    const { frontmatter, body } = splitNote(dashboardText());
    expect(frontmatter).toMatchObject({ type: 'dashboard', status: 'active' });
    expect(body).toContain(START);
    expect(body).toContain(END);
    expect(seen).toEqual(['Dashboard.md']);
  });

  it('counts the folders of a populated vault', async () => {
    put('Inbox/scan.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46]));
    put('Inbox/note.md', 'hi');
    put('Inbox/photo.jpg', 'x');
    put('Inbox/.DS_Store', 'x');
    put('Needs_Action/TASK_a.md', 'a');
    put('Needs_Action/TASK_b.md', 'b');
    put('Needs_Action/attachment.pdf', 'c');
    put('Plans/Plan_a.md', 'p');
    put('Done/one.md', 'd');
    put('Done/two.md', 'd');
    put('Done/three.md', 'd');
    put('Done/sub/nested.md', 'not directly inside');
    put('Quarantine/broken.md', 'q');
    await writer().refresh();
    const rows = sectionOf('Folders');
    const counts: Record<string, number> = {};
    for (const line of rows.split('\n').filter((l) => /^\| \w/.test(l) && !l.startsWith('| Folder'))) {
      const [, label, count] = line.split('|').map((c) => c.trim());
      counts[label ?? ''] = Number(count);
    }
    expect(counts).toEqual({
      Inbox: 3,
      Needs_Action: 2,
      Plans: 1,
      Pending_Approval: 0,
      Approved: 0,
      Rejected: 0,
      Done: 3,
      Quarantine: 1,
    });
  });

  it('lists pending approvals with links, action, amount and expiry', async () => {
    put('Pending_Approval/APPROVAL_invoice.md', '---\ntype: approval_request\nstatus: pending\ntitle: "Invoice ACME | March"\naction: create_invoice\namount: 1500\nexpires: 2026-02-21T10:00:00Z\n---\nbody');
    put('Pending_Approval/APPROVAL_post.md', '---\ntype: approval_request\nstatus: Pending\naction: social_post\n---\n');
    put('Pending_Approval/APPROVAL_old.md', '---\nstatus: pending\nexpires: 2026-02-19T10:00:00Z\n---\n');
    put('Pending_Approval/APPROVAL_done.md', '---\nstatus: approved\n---\n');
    put('Pending_Approval/APPROVAL_broken.md', '---\nstatus: [pending\n---\n');
    put('Pending_Approval/readme.txt', 'status: pending');
    await writer().refresh();
    const lines = sectionOf('Pending approvals').split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^- \[\[Pending_Approval\/APPROVAL_invoice\|Invoice ACME \/ March\]\] — action: create_invoice · amount: 1,500 · expires 2026-02-2\d \d\d:\d\d$/);
    expect(lines.find((l) => l.includes('APPROVAL_old'))).toContain('expired');
    expect(lines.find((l) => l.includes('APPROVAL_post'))).toBe('- [[Pending_Approval/APPROVAL_post|APPROVAL_post]] — action: social_post');
  });

  it('says None when nothing waits for approval', async () => {
    await writer().refresh();
    expect(sectionOf('Pending approvals').trim()).toBe('## Pending approvals\n\nNone');
  });

  it('shows the errors of the last 24 hours only, skipping malformed lines', async () => {
    const errors = new ErrorLog({ vault, path: layout.errorLog, clock, bus, alertThreshold: 100 });
    clock.set('2026-02-19T08:00:00Z');
    await errors.log({ source: 'odoo', error: 'ConnectionTimeout', message: 'Old failure from yesterday morning' });
    clock.set('2026-02-20T08:00:00Z');
    await errors.log({ source: 'email', error: 'AuthFailed', message: 'The mail server refused the password' });
    await vault.append(layout.errorLog, '{"ts": "2026-02-20T08:30:00Z", "severity": \n');
    await vault.append(layout.errorLog, 'not json at all\n');
    await errors.log({ source: 'triage', error: 'BadFrontmatter', message: 'Broken YAML | in note', severity: 'WARNING' });
    await errors.log({ source: 'triage', error: 'Note', message: 'Just information', severity: 'INFO' });
    clock.set('2026-02-20T10:00:00Z');

    await writer().refresh();
    const section = sectionOf('Errors in the last 24 hours');
    expect(section).toContain('**2** errors in the last 24 hours.');
    expect(section).toContain('The mail server refused the password');
    expect(section).toContain('Broken YAML \\| in note');
    expect(section).not.toContain('Old failure');
    expect(section).not.toContain('Just information');
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Time') && !l.startsWith('| ---'));
    expect(rows[0]).toContain('triage');
    expect(rows[1]).toContain('email');
  });

  it('shows the last 10 audit entries, newest first, with escaped details', async () => {
    const audit = new AuditLog({ vault, path: layout.auditLog, clock });
    for (let i = 1; i <= 12; i++) {
      clock.advanceMinutes(1);
      await audit.record({ action: `step.${i}`, source: 'test', status: 'success', details: { summary: `Step ${i} | done\nsecond line` } });
      if (i === 6) await vault.append(layout.auditLog, '{broken\n');
    }
    await writer().refresh();
    const rows = sectionOf('Recent activity')
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Time') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toContain('step.12');
    expect(rows[9]).toContain('step.3');
    expect(rows[0]).toContain('Step 12 \\| done second line');
    expect(rows[0]?.split(/(?<!\\)\|/)).toHaveLength(6);
  });

  it('never lets a note title break the block or the table', async () => {
    put('Pending_Approval/APPROVAL_x.md', `---\nstatus: pending\ntitle: "Evil ${END} [[x]] | y"\n---\n`);
    put('Inbox/file.md', 'x');
    await writer({ sources: { jobStatus: async () => [{ id: 'j', title: `Job ${END}\n| injected |`, schedule: 'daily' }] } }).refresh();
    const text = dashboardText();
    expect(text.split(END)).toHaveLength(2);
    const jobRow = sectionOf('Scheduled jobs').split('\n').find((l) => l.startsWith('| Job &lt;'));
    expect(jobRow?.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('shows the runner from the lease file', async () => {
    const identity = makeDeviceIdentity('daemon', 'srv', { deviceName: 'Office server' });
    const lease = new RunnerLease({ vault, path: layout.lease, clock, identity, staleAfterSeconds: 120, heartbeatSeconds: 30, verifyDelayMs: 0 });
    await writer().refresh();
    expect(sectionOf('Status')).toContain('Runner: none yet');
    await lease.acquire();
    await writer().refresh();
    expect(sectionOf('Status')).toMatch(/Runner: \*\*Office server\*\* \(headless runner\), last heartbeat .* \(just now\)/);
    clock.advanceMinutes(10);
    await writer().refresh();
    expect(sectionOf('Status')).toContain('Runner: none active. The last runner was **Office server**');
  });

  it('keeps the other sections when one source fails', async () => {
    await writer({ sources: { pendingApprovals: () => Promise.reject(new Error('The folder is locked')) } }).refresh();
    expect(sectionOf('Pending approvals')).toContain('Could not read this section: The folder is locked');
    expect(sectionOf('Folders')).toContain('| Inbox | 0 |');
  });

  it('serializes refreshes and coalesces those requested during a run into one', async () => {
    put('Dashboard.md', `# Mine\n${START}\n${END}\n`);
    let refreshed = 0;
    bus.on('dashboard.refreshed', () => void refreshed++);
    const w = writer();
    const first = w.refresh();
    const waiting = [w.refresh(), w.refresh(), w.refresh(), w.refresh()];
    expect(new Set(waiting).size).toBe(1);
    const results = await Promise.all([first, ...waiting]);
    expect(results.every((r) => r.mode === 'replaced')).toBe(true);
    expect(vault.processCalls).toBe(2);
    expect(refreshed).toBe(2);

    // Idle again: the next request runs on its own.
    await w.refresh();
    expect(vault.processCalls).toBe(3);
    expect(dashboardText().split(START)).toHaveLength(2);
  });

  it('a failed refresh does not block the next one', async () => {
    put('Dashboard.md', `${START}\n${END}\n`);
    let fail = true;
    const w = writer();
    const original = vault.process.bind(vault);
    vault.process = async (p, fn) => {
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
      return original(p, fn);
    };
    const first = w.refresh();
    const second = w.refresh();
    await expect(first).rejects.toThrow('disk full');
    await expect(second).resolves.toEqual({ path: 'Dashboard.md', mode: 'replaced' });
  });
});
