/**
 * The daemon (`run`) through the real built CLI: a burst of 100 files dropped
 * at once becomes exactly 100 tasks and plans, and a signal stops it cleanly
 * with the runner lease released.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { assertCliBuilt, CliProcess, filesBelow, makeTempDir, markdownFiles, readJsonlFile, removeDir, waitUntil } from './run-cli';

const WATCHING = /Watching Inbox\//;
const BURST = 100;
const PDFS = 6;

let root: string;
let vault: string;
let daemon: CliProcess | null;

/** A small binary PDF whose bytes differ per index (NULs and high bytes included). */
function binaryPdf(i: number): Buffer {
  const body = Buffer.from(Array.from({ length: 256 }, (_, b) => (b * 31 + i * 7) % 256));
  return Buffer.concat([Buffer.from(`%PDF-1.4\n% scan ${i}\n`), body, Buffer.from('\n%%EOF\n')]);
}

beforeAll(() => assertCliBuilt());
beforeEach(() => {
  root = makeTempDir('ai-employee-daemon-');
  vault = path.join(root, 'vault');
  fs.mkdirSync(vault);
  daemon = null;
});
afterEach(async () => {
  await daemon?.kill();
  removeDir(root);
});

it('takes 100 files dropped at once into exactly 100 tasks and plans, then stops cleanly on SIGTERM', async () => {
  daemon = new CliProcess(['run', '--vault', vault, '--tick', '1']);
  await daemon.waitForStdout(WATCHING, 20_000);

  // Staged beside the vault, then moved in together: the daemon sees a burst of complete files.
  const staging = path.join(root, 'staging');
  fs.mkdirSync(staging);
  const names: string[] = [];
  for (let i = 0; i < BURST; i++) {
    const isPdf = i % Math.floor(BURST / PDFS) === 0 && names.filter((n) => n.endsWith('.pdf')).length < PDFS;
    const name = isPdf ? `scan-${i}.pdf` : `note-${String(i).padStart(3, '0')}.md`;
    const content = isPdf ? binaryPdf(i) : `Customer ${i} asks about order #${1000 + i}\n\nDetails for request number ${i}: please reply by Friday.\n`;
    fs.writeFileSync(path.join(staging, name), content);
    names.push(name);
  }
  const inbox = path.join(vault, 'Inbox');
  for (const name of names) fs.renameSync(path.join(staging, name), path.join(inbox, name));

  const plansDir = path.join(vault, 'Plans');
  await waitUntil(
    () => fs.readdirSync(inbox).length === 0 && markdownFiles(plansDir).length >= BURST,
    30_000,
    () => `an empty inbox and ${BURST} plans (inbox ${fs.readdirSync(inbox).length}, plans ${markdownFiles(plansDir).length})\n${daemon?.describe() ?? ''}`,
  );

  const stopped = await daemon.stop('SIGTERM', 10_000);
  expect(stopped.code).toBe(0);
  expect(stopped.signal).toBeNull();
  expect(stopped.stdout).toContain('SIGTERM received');
  expect(stopped.stdout).toContain('Stopped cleanly; the runner lease is released.');
  expect(fs.existsSync(path.join(vault, 'Logs', 'state', 'runner_lease.json'))).toBe(false);

  // Counted after the stop, so anything still in flight has landed.
  const taskDir = path.join(vault, 'Needs_Action');
  const tasks = markdownFiles(taskDir);
  expect(tasks).toHaveLength(BURST);
  expect(markdownFiles(plansDir)).toHaveLength(BURST);
  const frontmatters = tasks.map((t) => readFrontmatter(fs.readFileSync(path.join(taskDir, t), 'utf8')));
  const triggerIds = frontmatters.map((fm) => fm.trigger_id);
  expect(new Set(triggerIds).size).toBe(BURST);
  expect(frontmatters.map((fm) => String(fm.original_name)).sort()).toEqual([...names].sort());
  // Each was worked by the employee at once: nothing it can do alone, so each is handed over.
  for (const fm of frontmatters) expect(fm.status).toBe('waiting_for_you');
  expect(markdownFiles(plansDir).sort()).toEqual(tasks.map((t) => `Plan_${t}`).sort());
  expect(filesBelow(path.join(taskDir, 'attachments'))).toHaveLength(PDFS);
  expect(filesBelow(path.join(vault, 'Quarantine'))).toEqual([]);
  expect(fs.readdirSync(inbox)).toEqual([]);

  const triaged = readJsonlFile(path.join(vault, 'Logs', 'audit_log.jsonl')).filter((l) => l.action === 'vault.triage');
  expect(triaged).toHaveLength(BURST);
  expect(triaged.every((l) => l.status === 'success')).toBe(true);
  const loops = readJsonlFile(path.join(vault, 'Logs', 'audit_log.jsonl')).filter((l) => l.action === 'agent.loop');
  expect(loops).toHaveLength(BURST);
  const errorLog = path.join(vault, 'Logs', 'error_log.jsonl');
  const errors = fs.existsSync(errorLog) ? readJsonlFile(errorLog) : [];
  expect(errors.filter((e) => e.severity === 'ERROR' || e.severity === 'CRITICAL')).toEqual([]);
});

it('stops cleanly on SIGINT (Ctrl-C) and releases the lease', async () => {
  daemon = new CliProcess(['run', '--vault', vault, '--tick', '1']);
  await daemon.waitForStdout(WATCHING, 20_000);
  const lease = path.join(vault, 'Logs', 'state', 'runner_lease.json');
  expect(fs.existsSync(lease)).toBe(true);

  const stopped = await daemon.stop('SIGINT', 10_000);
  expect(stopped.code).toBe(0);
  expect(stopped.stdout).toContain('SIGINT received');
  expect(stopped.stdout).toContain('Stopped cleanly');
  expect(stopped.stderr).toBe('');
  expect(fs.existsSync(lease)).toBe(false);
});

it('a signal during the first pass still stops quickly instead of waiting out a heartbeat', async () => {
  // A full inbox makes the first pass take a while; the signal lands during it.
  fs.mkdirSync(path.join(vault, 'Inbox'));
  const past = new Date(Date.now() - 60_000);
  for (let i = 0; i < 40; i++) {
    const file = path.join(vault, 'Inbox', `waiting-${i}.md`);
    fs.writeFileSync(file, `Waiting item ${i} for the first pass\n`);
    fs.utimesSync(file, past, past);
  }
  daemon = new CliProcess(['run', '--vault', vault, '--tick', '1']);
  await waitUntil(() => fs.existsSync(path.join(vault, 'Logs', 'state', 'runner_lease.json')), 20_000, () => `the lease\n${daemon?.describe() ?? ''}`);
  const stopped = await daemon.stop('SIGTERM', 10_000);
  expect(stopped.code).toBe(0);
  // Well under the 30-second heartbeat the loop would otherwise sleep through.
  expect(stopped.elapsedMs).toBeLessThan(8_000);
  expect(stopped.stdout).toContain('Stopped cleanly');
  expect(fs.existsSync(path.join(vault, 'Logs', 'state', 'runner_lease.json'))).toBe(false);
});
