/**
 * "For your attention" lists the employee's notices of the last two weeks
 * whose task is still open, including the ones weekly rotation has already
 * moved from the live audit log into Logs/archive/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import { resolveLayout } from '../../src/core/layout';
import { AuditLog } from '../../src/core/logs/audit-log';
import { rotateLogs } from '../../src/core/logs/log-rotation';
import { defaultSettings } from '../../src/core/settings';
import { ATTENTION_DAYS, readAttention } from '../../src/vault/dashboard-sources';
import { FsVault } from '../../src/vault/fs-vault';

const layout = resolveLayout(defaultSettings());
let dir: string;
let vault: FsVault;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-attention-'));
  vault = new FsVault(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function notify(clock: ManualClock, message: string, task?: string): Promise<void> {
  await new AuditLog({ vault, path: layout.auditLog, clock }).record({ action: 'agent.notify', source: 'agent', status: 'success', details: { level: 'alert', message, ...(task ? { task } : {}) } });
}

it('reads notices from the archive of last week and the live log, newest first, for open tasks only', async () => {
  const clock = new ManualClock('2026-03-04T10:00:00Z'); // Wednesday of 2026-W10
  await vault.write('Needs_Action/open.md', 'still open');
  await notify(clock, 'older than the window', 'Needs_Action/open.md');
  clock.set('2026-03-13T10:00:00Z'); // Friday of 2026-W11
  await notify(clock, 'last week, still open', 'Needs_Action/open.md');
  await notify(clock, 'last week, task finished since', 'Needs_Action/finished.md');
  clock.set('2026-03-17T10:00:00Z'); // Tuesday of 2026-W12: last week's lines are rotated away
  await rotateLogs({ vault, logsFolder: layout.logs, archiveFolder: layout.logsArchive, clock });
  expect(await vault.exists('Logs/archive/audit_log-2026-W11.jsonl')).toBe(true);
  await notify(clock, 'this week, about nothing in particular');

  const items = await readAttention(vault, layout, clock.now().getTime() - 10 * 86_400_000);
  expect(items.map((i) => i.message)).toEqual(['this week, about nothing in particular', 'last week, still open']);
  expect(items[1]).toMatchObject({ level: 'alert', task: 'Needs_Action/open.md' });
  expect(ATTENTION_DAYS).toBe(14);
});
