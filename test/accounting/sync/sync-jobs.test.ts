/**
 * The runtime's accounting jobs: the sync is always scheduled; the Odoo health
 * check only when Odoo is configured, and a failing check is logged and
 * announced once (by the audited books), without failing the job twice over.
 */
import { ACCOUNTING_JOBS } from '../../../src/core/runtime';
import { odooEnv, startFakeOdoo } from '../../odoo/fake-odoo';
import type { FakeOdoo } from '../../odoo/fake-odoo-types';
import { SyncHarness } from './sync-harness';

let h: SyncHarness | null = null;
let odoo: FakeOdoo | null = null;

afterEach(async () => {
  await h?.cleanup();
  await odoo?.close();
  h = null;
  odoo = null;
});

async function jobIds(harness: SyncHarness): Promise<Record<string, string>> {
  const status = await harness.runtime.scheduler.status();
  return Object.fromEntries(status.map((s) => [s.id, s.schedule]));
}

it('schedules the sync at the configured interval, and no Odoo check when the books are in the vault', async () => {
  h = new SyncHarness({ settings: { schedules: { accountingSyncEveryMinutes: 7 } } });
  await h.runtime.start();
  const jobs = await jobIds(h);
  expect(jobs[ACCOUNTING_JOBS.sync]).toBe('every 7 minutes');
  expect(jobs[ACCOUNTING_JOBS.health]).toBeUndefined();

  const result = await h.runtime.scheduler.runNow(ACCOUNTING_JOBS.sync);
  expect(result.outcome).toBe('success');
  expect(h.eventsNamed('odoo.sync.complete')).toEqual([{ pushed: 0, pulled: 0 }]);
});

it('checks a configured Odoo every 5 minutes; a failed check is logged and announced once', async () => {
  odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
  h = new SyncHarness({
    settings: { odoo: { url: odoo.url, database: odoo.database, username: odoo.login, protocol: 'xmlrpc', timeoutSeconds: 5, maxRetries: 0 } },
    env: { ODOO_API_KEY: 'wrong-key' },
  });
  await h.runtime.start();
  expect((await jobIds(h))[ACCOUNTING_JOBS.health]).toBe('every 5 minutes');

  const result = await h.runtime.scheduler.runNow(ACCOUNTING_JOBS.health);
  // The check itself ran; what it found is in the error log and on the bus, once.
  expect(result.outcome).toBe('success');
  const errors = h.errors();
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ source: 'accounting.odoo', context: expect.objectContaining({ operation: 'health' }) as unknown });
  expect(h.eventsNamed('odoo.connection.failed')).toEqual([expect.objectContaining({ url: odoo.url })]);
});

it('registers the Odoo check when the address comes from ODOO_URL rather than the settings', async () => {
  odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
  h = new SyncHarness({ env: odooEnv(odoo) });
  await h.runtime.start();
  expect((await jobIds(h))[ACCOUNTING_JOBS.health]).toBeDefined();
  expect((await h.runtime.scheduler.runNow(ACCOUNTING_JOBS.health)).outcome).toBe('success');
  expect(h.errors()).toEqual([]);
  expect(h.eventsNamed('odoo.connection.failed')).toEqual([]);
});
