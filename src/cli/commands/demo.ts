import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as nodePath from 'node:path';
import { Runtime } from '../../core/runtime';
import { MapSecrets } from '../../core/secrets';
import { defaultSettings } from '../../core/settings';
import { FsVault } from '../../vault/fs-vault';
import { makeDeviceIdentity } from '../../vault/runner-lease';
import type { CliArgs } from '../args';
import { daemonDeviceId } from '../cli-context';
import type { Output } from '../output';
import { UsageError } from '../usage-error';
import { demoInboxItems } from '../demo-samples';
import { summarizeDemo } from '../demo-summary';
import { seedDemoBooks } from '../demo-books';
import { briefingWeek, weekJustEnded } from '../../briefing/briefing-week';

/** Marks a folder as made by `demo`, so running the demo again may replace it. */
const DEMO_MARKER = '.ai-employee-demo';

/** `demo [DIR]`: builds a sample vault, runs the pipeline once and says what happened. */
export async function demoCommand(args: CliArgs, out: Output): Promise<number> {
  const dir = nodePath.resolve(args.positionals[0] ?? args.vault ?? 'demo-vault');
  prepareFolder(dir);
  // Embedded defaults and no secrets: the demo never reaches a real Odoo or
  // mail server, even when the shell exports ODOO_URL; its books are the vault ledger.
  const vault = new FsVault(dir);
  const identity = makeDeviceIdentity('daemon', daemonDeviceId(dir), { deviceName: hostname(), pid: process.pid });
  const runtime = new Runtime({ settings: defaultSettings(), vault, secrets: new MapSecrets({}), identity });
  await runtime.start();

  // Items are dated a little in the past: they are complete files, not ones still being written.
  const now = new Date();
  const items = demoInboxItems(now);
  const past = new Date(now.getTime() - 60_000);
  for (const item of items) {
    const file = nodePath.join(dir, ...runtime.layout.inbox.split('/'), item.name);
    writeFileSync(file, item.content);
    utimesSync(file, past, past);
  }
  out.line(`Sample vault: ${dir}`);
  out.line(`Dropped ${items.length} items into ${runtime.layout.inbox}/ and ran the pipeline (two passes, as the daemon would in its first minutes):`);

  const lease = await runtime.acquireLease();
  if (!lease.held) throw new UsageError(`The demo vault at ${dir} is in use by another runner.`);
  // The last weeks' books, then today's run, then the briefing a CEO reads on Monday morning.
  const lastWeek = weekJustEnded(now);
  const seeded = await seedDemoBooks(await runtime.accounting(), briefingWeek(lastWeek).start);
  let failed: string[] = [];
  let briefing: string | null = null;
  try {
    // Two passes, as the daemon makes in its first minutes: the accounting sync brings the
    // overdue invoice into the inbox at the end of the first, and the second works it.
    for (let pass = 0; pass < 2; pass++) failed.push(...(await runtime.runOnce()).failed);
    briefing = (await runtime.briefing.generate(lastWeek)).path;
    await runtime.dashboard.refresh();
  } finally {
    await runtime.stop();
  }
  out.line(`The books start with ${seeded.length} records from the last weeks (Accounting/), as an owner would have kept them.`);
  const summary = await summarizeDemo(vault, runtime.layout, items, () => runtime.accounting(), briefing);
  for (const line of summary) out.line(line);
  if (failed.length) {
    out.error(`Some jobs failed: ${failed.join(', ')} (see ${runtime.layout.errorLog})`);
    return 1;
  }
  return 0;
}

function prepareFolder(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw new UsageError(`${dir} exists and is not an earlier demo vault; pick another folder (ai-employee demo DIR).`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(nodePath.join(dir, DEMO_MARKER), 'Made by "ai-employee demo"; running the demo again replaces this folder.\n');
}
