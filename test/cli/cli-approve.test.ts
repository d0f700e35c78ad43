/**
 * `approve FILE` / `reject FILE` through the real built CLI: the WhatsApp
 * example is worked by `once` until its post waits for approval, then the
 * owner answers from the shell and the CLI acts on it at once (or, while
 * another runner holds the lease, records it for that runner). Mistakes exit
 * 2 with a message that says what is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { WHATSAPP_EXAMPLE } from '../agent/agent-harness';
import { assertCliBuilt, dropInboxNote, officeLaptopLease, makeTempDir, markdownFiles, removeDir, runCli, type CliResult } from './run-cli';

const XYZ_EXAMPLE = WHATSAPP_EXAMPLE.replace(/Client ABC/g, 'Client XYZ').replace('$10000', '$2500').replace('0100', '0199');

let vault: string;

const files = (folder: string, prefix = '') => markdownFiles(path.join(vault, folder)).filter((n) => n.startsWith(prefix));
const fm = (vaultPath: string) => readFrontmatter(fs.readFileSync(path.join(vault, vaultPath), 'utf8'));
const cli = (...args: string[]) => runCli([...args, '--vault', vault]);

/** The request about a client, as a vault path. */
function requestFor(client: string): string {
  const found = files('Pending_Approval').filter((n) => n.includes(client));
  if (found.length !== 1) throw new Error(`expected one request for ${client} in ${JSON.stringify(files('Pending_Approval'))}`);
  return `Pending_Approval/${found[0] ?? ''}`;
}

/** Drops the examples and runs `once`: each post then waits for approval. */
async function upToApproval(drops: Record<string, string> = { 'WhatsApp from Client ABC.md': WHATSAPP_EXAMPLE }): Promise<void> {
  for (const [name, text] of Object.entries(drops)) dropInboxNote(vault, name, text);
  const once = await cli('once');
  expect({ code: once.code, stderr: once.stderr }).toEqual({ code: 0, stderr: '' });
  expect(files('Pending_Approval')).toHaveLength(Object.keys(drops).length);
}

function usageError(r: CliResult, message: string): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toContain(message);
}

beforeAll(() => assertCliBuilt());
beforeEach(async () => {
  vault = makeTempDir('ai-employee-approve-');
  expect((await runCli(['init', '--vault', vault])).code).toBe(0);
});
afterEach(() => removeDir(vault));

it('approve acts at once and says what was done; reject (by absolute path) posts nothing', async () => {
  await upToApproval({ 'WhatsApp from Client ABC.md': WHATSAPP_EXAMPLE, 'WhatsApp from Client XYZ.md': XYZ_EXAMPLE });
  const abc = requestFor('Client ABC');
  const xyz = requestFor('Client XYZ');

  const approved = await cli('approve', abc);
  expect({ code: approved.code, stderr: approved.stderr }).toEqual({ code: 0, stderr: '' });
  const [first, second, ...rest] = approved.stdout.trimEnd().split('\n');
  expect(first).toBe(`Approved: ${abc}`);
  expect(second).toMatch(/^Done: Wrote the facebook draft social_facebook_\d{4}-\d\d-\d\d_client-abc_[0-9a-f]{6}\.md\. Task "[^"]+": completed \(.+\); it is at Done\/whatsapp_[^/]+\.md\.$/);
  expect(rest).toEqual([]);

  const drafts = files('Needs_Action', 'social_facebook_');
  expect(drafts).toHaveLength(1);
  expect(fs.readFileSync(path.join(vault, 'Needs_Action', drafts[0] ?? ''), 'utf8')).toContain('we have just delivered a project for Client ABC');
  expect(fm(`Approved/${path.posix.basename(abc)}`)).toMatchObject({ status: 'approved', decided_by: 'cli', result: expect.stringContaining('Wrote the facebook draft') as string });
  const doneTask = /it is at (Done\/\S+\.md)\.$/.exec(second ?? '')?.[1] ?? '';
  expect(fm(doneTask)).toMatchObject({ status: 'done' });
  expect(files('Done', 'Plan_whatsapp_')).toHaveLength(1);

  // The other request, by its absolute path: turned down, nothing posted for it, its task closes too.
  const rejected = await cli('reject', path.join(vault, ...xyz.split('/')));
  expect({ code: rejected.code, stderr: rejected.stderr }).toEqual({ code: 0, stderr: '' });
  expect(rejected.stdout).toMatch(new RegExp(`^Rejected: ${xyz.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nNothing was done\\. Task "[^"]+": completed \\(.+\\); it is at Done/whatsapp_\\S+\\.md\\.\n$`));
  expect(files('Needs_Action', 'social_')).toEqual(drafts);
  expect(fm(`Rejected/${path.posix.basename(xyz)}`)).toMatchObject({ status: 'rejected', decided_by: 'cli' });
  expect(files('Pending_Approval')).toEqual([]);
  expect(files('Needs_Action', 'whatsapp_')).toEqual([]);

  // The decisions are in the audit log as the owner's.
  const audit = fs.readFileSync(path.join(vault, 'Logs', 'audit_log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const decided = audit.filter((l) => l.action === 'approval.decided').map((l) => [l.user, (l.details as Record<string, unknown>).decision]);
  expect(decided).toEqual([
    ['owner', 'approved'],
    ['owner', 'rejected'],
  ]);
});

it('--json prints the outcome as one object', async () => {
  await upToApproval();
  const r = await runCli(['approve', requestFor('Client ABC'), '--vault', vault, '--json']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ path: expect.stringMatching(/^Pending_Approval\//) as string, decision: 'approved', outcome: expect.stringMatching(/^Done: Wrote the facebook draft/) as string, failed: [] });
});

describe('mistakes exit 2 and say what is wrong', () => {
  beforeEach(async () => {
    await upToApproval();
  });

  it('no FILE, or more than one', async () => {
    usageError(await cli('approve'), 'Usage: ai-employee approve FILE --vault DIR (FILE is a note in Pending_Approval/)');
    usageError(await cli('reject', 'a.md', 'b.md'), 'Usage: ai-employee reject FILE --vault DIR');
  });

  it('a file that is not in the vault', async () => {
    const outside = makeTempDir('ai-employee-outside-');
    try {
      const elsewhere = path.join(outside, 'request.md');
      fs.writeFileSync(elsewhere, fs.readFileSync(path.join(vault, ...requestFor('Client ABC').split('/'))));
      usageError(await cli('approve', elsewhere), `There is no file ${elsewhere} in the vault ${vault}.`);
      usageError(await cli('approve', 'Pending_Approval/no such request.md'), `There is no file Pending_Approval/no such request.md in the vault ${vault}.`);
    } finally {
      removeDir(outside);
    }
    expect(fm(requestFor('Client ABC')).status).toBe('pending');
  });

  it('a note that is not an approval request', async () => {
    const task = `Needs_Action/${files('Needs_Action', 'whatsapp_')[0] ?? ''}`;
    usageError(await cli('approve', task), `${task} is not in Pending_Approval/; only approval requests can be approved or rejected.`);
    fs.writeFileSync(path.join(vault, 'Pending_Approval', 'memo.md'), '---\ntype: memo\n---\nNot a request\n');
    usageError(await cli('reject', 'Pending_Approval/memo.md'), 'Pending_Approval/memo.md is not an approval request (its type is "memo").');
  });

  it('a request decided already', async () => {
    const request = requestFor('Client ABC');
    expect((await cli('reject', request)).code).toBe(0);
    const filed = `Rejected/${path.posix.basename(request)}`;
    usageError(await cli('approve', filed), `${filed} was already decided (rejected).`);
    expect(files('Needs_Action', 'social_')).toEqual([]);
  });

  it('a vault that is not there', async () => {
    const r = await runCli(['approve', 'x.md', '--vault', path.join(vault, 'missing')]);
    usageError(r, `There is no folder at ${path.join(vault, 'missing')}.`);
  });
});

it('while another runner holds the lease, approve records the decision and leaves the work to that runner', async () => {
  await upToApproval();
  const request = requestFor('Client ABC');
  const other = officeLaptopLease(vault);
  expect((await other.acquire()).held).toBe(true);
  try {
    const r = await cli('approve', request);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`Approved: ${request}\nThe runner on this vault (Office laptop (obsidian)) acts on it at its next pass.\n`);
    // Recorded on the note; nothing ran here.
    expect(fm(request)).toMatchObject({ status: 'approved', decided_by: 'cli' });
    expect(files('Needs_Action', 'social_')).toEqual([]);
    expect(files('Needs_Action', 'whatsapp_')).toHaveLength(1);
    expect((await other.current())?.heldByUs).toBe(true);
  } finally {
    await other.release();
  }

  // Once the lease is free, the next pass acts on it.
  const once = await cli('once');
  expect(once.code).toBe(0);
  expect(files('Needs_Action', 'social_facebook_')).toHaveLength(1);
  expect(fm(`Approved/${path.posix.basename(request)}`)).toMatchObject({ status: 'approved', decided_by: 'cli' });
});
