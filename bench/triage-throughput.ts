import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Runtime } from '../src/core/runtime';
import { defaultSettings } from '../src/core/settings';
import { MapSecrets } from '../src/core/secrets';
import { FsVault } from '../src/vault/fs-vault';
import { makeDeviceIdentity } from '../src/vault/runner-lease';
import { report, tempDir } from './bench-util';

const SUBJECTS = ['Invoice request', 'Meeting next week', 'Urgent: server down', 'Quote for logo design', 'Payment received', 'Can you help?', 'Newsletter idea'];

/** Triage of N inbox notes by the headless runtime, in notes per second. */
export async function benchTriageThroughput(count: number): Promise<void> {
  const { dir, cleanup } = tempDir('triage');
  try {
    const runtime = new Runtime({
      settings: defaultSettings(),
      vault: new FsVault(dir),
      secrets: new MapSecrets({}),
      identity: makeDeviceIdentity('daemon', 'bench', { deviceName: 'bench' }),
    });
    await runtime.start();
    const inbox = nodePath.join(dir, ...runtime.layout.inbox.split('/'));
    mkdirSync(inbox, { recursive: true });
    const past = new Date(Date.now() - 60_000);
    for (let i = 0; i < count; i++) {
      const subject = SUBJECTS[i % SUBJECTS.length] ?? 'Note';
      const file = nodePath.join(inbox, `note-${String(i).padStart(5, '0')}.md`);
      writeFileSync(file, `---\ntype: email\nfrom: client${i % 97}@example.com\n---\n# ${subject} ${i}\n\nHello, this is message ${i} about ${subject.toLowerCase()}.\n`);
      utimesSync(file, past, past);
    }
    const started = performance.now();
    const outcome = await runtime.triage.triageInbox();
    const seconds = (performance.now() - started) / 1000;
    const tasks = (await runtime.deps.vault.list(runtime.layout.needsAction)).length;
    const rate = tasks / seconds;
    report(`Triage throughput (${count} notes, headless)`, `${rate.toFixed(0)} notes/s`, '≥ 1000 notes/s', rate >= 1000);
    if (tasks !== count) {
      const counts = Object.entries(outcome).map(([k, v]) => `${k} ${(v as unknown[]).length}`).join(', ');
      process.stdout.write(`  warning: ${tasks} tasks for ${count} notes (${counts})\n`);
      for (const item of [...outcome.duplicates, ...outcome.failed].slice(0, 3)) process.stdout.write(`  e.g. ${JSON.stringify(item)}\n`);
    }
    await runtime.stop();
  } finally {
    cleanup();
  }
}
