/**
 * The employee's commands in the fake Obsidian host, over a real vault folder
 * and the vault ledger: a WhatsApp note dropped into the inbox is triaged and
 * worked until the summary post waits for approval; "Approve the current
 * request" / "Reject the current request" answer it from the open note (and
 * the runner acts at once); on a device that does not run automations the
 * decision is only recorded; "Show pending approvals" lists what waits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../../src/core/clock';
import { Runtime } from '../../src/core/runtime';
import { MapSecrets } from '../../src/core/secrets';
import { defaultSettings } from '../../src/core/settings';
import { FsVault } from '../../src/vault/fs-vault';
import { makeDeviceIdentity } from '../../src/vault/runner-lease';
import { WHATSAPP_EXAMPLE } from '../agent/agent-harness';
import { Notice } from '../fakes/obsidian';
import { AccountingHost, waitFor } from './accounting-host';

let host: AccountingHost;

afterEach(async () => {
  await host.cleanup();
});

const XYZ_EXAMPLE = WHATSAPP_EXAMPLE.replace(/Client ABC/g, 'Client XYZ').replace('$10000', '$2500').replace('0100', '0199');

function notes(folder: string, prefix = ''): string[] {
  const dir = host.abs(folder);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.md') && n.startsWith(prefix)).sort() : [];
}

/** The one approval request about a client. */
function requestFor(client: string): string {
  const found = notes('Pending_Approval').filter((n) => n.includes(client));
  if (found.length !== 1) throw new Error(`expected one request for ${client}, found ${JSON.stringify(notes('Pending_Approval'))}`);
  return `Pending_Approval/${found[0] ?? ''}`;
}

/** Loads the plugin as the runner and drops the WhatsApp notes into the inbox; resolves once each post waits for approval. */
async function runnerWithRequests(drops: Record<string, string>): Promise<void> {
  host = new AccountingHost({ automations: true });
  await host.load();
  for (const [name, content] of Object.entries(drops)) await host.note(`Inbox/${name}`, content);
  const wanted = Object.keys(drops).length;
  await waitFor(() => notes('Pending_Approval').length === wanted && tasksWaiting() === wanted, `${wanted} approval request(s) and task(s) waiting for them`, 20_000);
}

/** Tasks whose loop has asked for approval (the task note says so once the request is written and indexed). */
function tasksWaiting(): number {
  return notes('Needs_Action', 'whatsapp_').filter((n) => {
    try {
      return host.fm(`Needs_Action/${n}`).status === 'awaiting_approval';
    } catch {
      return false; // caught mid-write
    }
  }).length;
}

describe('approving and rejecting on the runner', () => {
  it('a WhatsApp note is triaged and worked; approving acts at once, rejecting posts nothing', async () => {
    await runnerWithRequests({ 'WhatsApp from Client ABC.md': WHATSAPP_EXAMPLE, 'WhatsApp from Client XYZ.md': XYZ_EXAMPLE });

    // Triaged and worked: the draft invoices exist, the posts wait.
    const invoices = notes('Accounting/Invoices').map((n) => host.fm(`Accounting/Invoices/${n}`));
    expect(invoices.map((i) => [i.client, i.amount, i.status]).sort()).toEqual([
      ['Client ABC', 10000, 'draft'],
      ['Client XYZ', 2500, 'draft'],
    ]);
    const abc = requestFor('Client ABC');
    const xyz = requestFor('Client XYZ');
    expect(host.fm(abc)).toMatchObject({ type: 'approval_request', status: 'pending', action: 'social_generate_summary' });
    expect(notes('Needs_Action', 'whatsapp_')).toHaveLength(2);

    // Approve the request open in front of the owner: the runner acts on it at once.
    await host.open(abc);
    let from = Notice.messages.length;
    expect(host.run('approve-request')).toBe(true);
    const approved = await host.notice(/^Approved\./, from);
    expect(approved).toMatch(/^Approved\. whatsapp_\S+: done and moved to Done\.$/);
    expect(notes('Needs_Action', 'social_facebook_')).toHaveLength(1);
    expect(host.read(`Needs_Action/${notes('Needs_Action', 'social_facebook_')[0] ?? ''}`)).toContain('we have just delivered a project for Client ABC');
    expect(notes('Done', 'whatsapp_')).toHaveLength(1);
    expect(notes('Done', 'Plan_whatsapp_')).toHaveLength(1);
    const approvedNote = `Approved/${path.posix.basename(abc)}`;
    expect(host.fm(approvedNote)).toMatchObject({ status: 'approved', decided_by: 'obsidian', result: expect.stringContaining('Wrote the facebook draft') as string });
    // The other task still waits.
    expect(notes('Needs_Action', 'whatsapp_')).toHaveLength(1);
    // A decided request, filed in Approved/, is not offered for a decision again.
    await host.app.vault.rescan();
    await host.open(approvedNote);
    expect([host.run('approve-request'), host.run('reject-request')]).toEqual([false, false]);

    // Reject the other one: nothing is posted for it, and its task closes.
    await host.open(xyz);
    from = Notice.messages.length;
    expect(host.run('reject-request')).toBe(true);
    expect(await host.notice(/^Rejected\./, from)).toMatch(/^Rejected\. whatsapp_\S+: done and moved to Done\.$/);
    expect(notes('Needs_Action', 'social_')).toHaveLength(1);
    expect(host.fm(`Rejected/${path.posix.basename(xyz)}`)).toMatchObject({ status: 'rejected', decided_by: 'obsidian' });
    expect(notes('Needs_Action', 'whatsapp_')).toEqual([]);
    expect(notes('Done', 'whatsapp_')).toHaveLength(2);
    expect(notes('Pending_Approval')).toEqual([]);
  });

  it('the commands are offered only on a note in the right folder', async () => {
    await runnerWithRequests({ 'WhatsApp from Client ABC.md': WHATSAPP_EXAMPLE });
    const check = () => ['approve-request', 'reject-request', 'run-agent-on-task'].map((id) => host.run(id));
    const task = `Needs_Action/${notes('Needs_Action', 'whatsapp_')[0] ?? ''}`;

    // Nothing open: none of them.
    expect(check()).toEqual([false, false, false]);
    await host.open('Dashboard.md');
    expect(check()).toEqual([false, false, false]);
    await host.open(`Plans/${notes('Plans')[0] ?? ''}`);
    expect(check()).toEqual([false, false, false]);

    // A request: approve and reject, not the loop (its checkCallback alone, so nothing is decided here).
    await host.open(requestFor('Client ABC'));
    const commands = (id: string) => host.app.commands.list().find((c) => c.id === `ai-employee:${id}`)!;
    expect(commands('approve-request').checkCallback?.(true)).toBe(true);
    expect(commands('reject-request').checkCallback?.(true)).toBe(true);
    expect(commands('run-agent-on-task').checkCallback?.(true)).toBe(false);

    // A task: the loop, not approve or reject.
    await host.open(task);
    expect(commands('approve-request').checkCallback?.(true)).toBe(false);
    expect(commands('reject-request').checkCallback?.(true)).toBe(false);
    const from = Notice.messages.length;
    expect(host.run('run-agent-on-task')).toBe(true);
    expect(await host.notice(/waiting for your approval/, from)).toMatch(/^whatsapp_\S+: waiting for your approval \(see Pending approvals\)\.$/);
  });

  it('"Show pending approvals" lists the request, and a click opens it', async () => {
    await runnerWithRequests({ 'WhatsApp from Client ABC.md': WHATSAPP_EXAMPLE });
    const request = requestFor('Client ABC');
    expect(host.run('show-pending-approvals')).toBe(true);
    await waitFor(() => host.app.openModals.length === 1, 'the modal');
    const modal = host.app.openModals[0]!;
    expect(modal.titleEl.getText()).toBe('Pending approvals');
    await waitFor(() => modal.contentEl.getText() !== '', 'the list');
    expect(modal.contentEl.getText()).toContain('1 request waits for you. Open one to approve or reject it.');
    const items = modal.contentEl.findAll((e) => e.tagName === 'li');
    expect(items).toHaveLength(1);
    expect(items[0]!.getText()).toMatch(/Draft a Facebook post about the work for Client ABC \(social_generate_summary, expires \d{4}-\d\d-\d\d \d\d:\d\d\)/);

    items[0]!.findAll((e) => e.tagName === 'a')[0]!.click();
    await waitFor(() => host.app.workspace.getActiveFile()?.path === request, 'the request to open');
    expect(host.app.openModals).toEqual([]);
  });
});

describe('on a device that does not run automations', () => {
  it('approving records the decision; the notice says the runner acts on it later', async () => {
    host = new AccountingHost();
    // Another runner (a headless one) made the request earlier.
    const runtime = new Runtime({ settings: defaultSettings(), vault: new FsVault(host.base), secrets: new MapSecrets({}), identity: makeDeviceIdentity('daemon', 'server-device', { deviceName: 'Server' }), clock: systemClock });
    await runtime.start();
    host.writeFile('Inbox/WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(host.abs('Inbox/WhatsApp from Client ABC.md'), past, past);
    await runtime.runOnce();
    await runtime.stop();
    await host.load();
    await host.app.vault.rescan();
    const request = requestFor('Client ABC');

    await host.open(request);
    expect(host.run('approve-request')).toBe(true);
    expect(await host.notice(/^Approved\./)).toBe('Approved. The device that runs automations acts on it at its next pass.');
    expect(host.fm(request)).toMatchObject({ status: 'approved', decided_by: 'obsidian' });
    // Nothing ran here: no post, the task still waits in Needs_Action.
    await new Promise((r) => setTimeout(r, 200));
    expect(notes('Needs_Action', 'social_')).toEqual([]);
    expect(notes('Needs_Action', 'whatsapp_')).toHaveLength(1);
    expect(notes('Pending_Approval')).toHaveLength(1);

    // Running the loop is automation: refused here, with the reason.
    await host.open(`Needs_Action/${notes('Needs_Action', 'whatsapp_')[0] ?? ''}`);
    const from = Notice.messages.length;
    expect(host.run('run-agent-on-task')).toBe(true);
    expect(await host.notice(/^Cannot run the employee/, from)).toBe('Cannot run the employee on this task: this device does not run automations. Turn it on in the AI employee settings.');
  });
});
