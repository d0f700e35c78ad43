import { isoWithOffset } from '../../../src/core/clock';
import { INTERRUPTED_MESSAGE, RunLedger } from '../../../src/core/scheduler/run-ledger';
import { type Harness, local, makeHarness } from './harness';

let h: Harness;
beforeEach(() => {
  h = makeHarness(local(2026, 2, 20, 10, 0));
});
afterEach(() => h.cleanup());

const load = () => RunLedger.load({ vault: h.vault, path: h.layout.runLedger, clock: h.clock, errors: h.errors });

test('lives at Logs/state/run_ledger.json', () => {
  expect(h.layout.runLedger).toBe('Logs/state/run_ledger.json');
});

test('a fresh ledger notes when it was created and writes nothing until there is something to keep', async () => {
  const ledger = await load();
  expect(ledger.createdAt).toBe(isoWithOffset(h.clock.now()));
  expect(ledger.get('triage')).toBeUndefined();
  expect(await h.vault.exists(h.layout.runLedger)).toBe(false);
  await ledger.ensure('triage', h.clock.now());
  expect(await h.vault.exists(h.layout.runLedger)).toBe(true);
});

test('runs are recorded and read back after a restart', async () => {
  const first = await load();
  const slot = local(2026, 2, 20, 8, 0);
  await first.markStarted('briefing', h.clock.now(), slot);
  h.clock.advanceMs(1500);
  await first.markFinished('briefing', { status: 'success', finishedAt: h.clock.now(), durationMs: 1500 });
  await first.markStarted('briefing', h.clock.now(), slot);
  await first.markFinished('briefing', { status: 'failure', finishedAt: h.clock.now(), durationMs: 0, error: 'Odoo did not answer' });

  const again = await load();
  expect(again.createdAt).toBe(first.createdAt);
  expect(again.get('briefing')).toEqual({
    firstSeenAt: isoWithOffset(local(2026, 2, 20, 10, 0)),
    lastStartedAt: isoWithOffset(h.clock.now()),
    lastFinishedAt: isoWithOffset(h.clock.now()),
    lastStatus: 'failure',
    lastError: 'Odoo did not answer',
    lastDurationMs: 0,
    lastSlot: isoWithOffset(slot),
    runCount: 2,
    failureCount: 1,
  });
  // The file on disk is plain, readable JSON.
  const onDisk = JSON.parse(await h.vault.read(h.layout.runLedger)) as { version: number; jobs: Record<string, unknown> };
  expect(onDisk.version).toBe(1);
  expect(Object.keys(onDisk.jobs)).toEqual(['briefing']);
});

test('a success clears the previous error', async () => {
  const ledger = await load();
  await ledger.markStarted('job', h.clock.now(), h.clock.now());
  await ledger.markFinished('job', { status: 'failure', finishedAt: h.clock.now(), durationMs: 0, error: 'boom' });
  await ledger.markStarted('job', h.clock.now(), h.clock.now());
  await ledger.markFinished('job', { status: 'success', finishedAt: h.clock.now(), durationMs: 0 });
  expect(ledger.get('job')?.lastError).toBeUndefined();
  expect(ledger.get('job')?.lastStatus).toBe('success');
});

describe('a corrupt ledger', () => {
  test.each([
    ['broken JSON', '{"version": 1, "jobs": {'],
    ['not a ledger', '["hello"]'],
    ['a bad field', JSON.stringify({ version: 1, createdAt: '2026-01-01T00:00:00Z', jobs: { a: { runCount: 'many', failureCount: 0 } } })],
    ['a newer version', JSON.stringify({ version: 99, createdAt: '2026-01-01T00:00:00Z', jobs: {} })],
  ])('(%s) is moved aside intact, reported, and replaced by an empty one', async (_label, content) => {
    await h.vault.write(h.layout.runLedger, content);
    const ledger = await load();

    const kept = 'Logs/state/run_ledger.corrupt-20260220-100000.json';
    expect(await h.vault.read(kept)).toBe(content);
    expect(ledger.get('a')).toBeUndefined();
    expect(ledger.createdAt).toBe(isoWithOffset(h.clock.now()));

    const [entry] = await h.errorLines();
    expect(entry).toMatchObject({ source: 'scheduler.ledger', error: 'CorruptRunLedger', severity: 'ERROR' });
    expect(entry?.message).toContain(kept);

    // The fresh ledger is saved in the usual place; the copy stays.
    await ledger.ensure('triage', h.clock.now());
    expect(JSON.parse(await h.vault.read(h.layout.runLedger))).toMatchObject({ version: 1, jobs: { triage: { runCount: 0 } } });
    expect(await h.vault.read(kept)).toBe(content);
  });

  test('a second corruption in the same second gets its own name', async () => {
    await h.vault.write(h.layout.runLedger, 'first');
    await load();
    await h.vault.write(h.layout.runLedger, 'second');
    await load();
    expect(await h.vault.read('Logs/state/run_ledger.corrupt-20260220-100000.json')).toBe('first');
    expect(await h.vault.read('Logs/state/run_ledger.corrupt-20260220-100000-2.json')).toBe('second');
  });
});

describe('a run cut short by a crash', () => {
  const slot = local(2026, 2, 20, 8, 0);

  async function crashDuringRun(): Promise<void> {
    const ledger = await load();
    await ledger.markStarted('briefing', h.clock.now(), slot);
    // The app dies here: markFinished never happens.
  }

  test('counts as failed and leaves the slot uncovered, so the job runs again', async () => {
    const before = await load();
    await before.markStarted('briefing', h.clock.now(), local(2026, 2, 13, 8, 0));
    await before.markFinished('briefing', { status: 'success', finishedAt: h.clock.now(), durationMs: 5 });
    await crashDuringRun();

    const ledger = await load();
    expect(ledger.get('briefing')).toMatchObject({
      lastStatus: 'failure',
      lastError: INTERRUPTED_MESSAGE,
      lastSlot: isoWithOffset(local(2026, 2, 13, 8, 0)),
      interrupted: true,
      runCount: 2,
      failureCount: 1,
    });
    expect(ledger.get('briefing')?.pendingSlot).toBeUndefined();
    // The recovery itself is saved.
    expect((await load()).get('briefing')?.lastStatus).toBe('failure');
    const [entry] = await h.errorLines();
    expect(entry).toMatchObject({ source: 'scheduler.briefing', error: 'JobInterrupted', severity: 'WARNING' });
  });

  test('a retry that is cut short too gives the slot up until the next one', async () => {
    await crashDuringRun();
    await load(); // restart 1: the slot is retried...
    await crashDuringRun(); // ...and the retry crashes as well
    const ledger = await load();
    expect(ledger.get('briefing')).toMatchObject({ lastStatus: 'failure', lastSlot: isoWithOffset(slot), failureCount: 2 });
    expect(ledger.get('briefing')?.interrupted).toBeUndefined();
  });
});

test('a ledger that cannot be saved is reported, and the caller carries on', async () => {
  // A file where the state folder should be makes every write fail.
  await h.vault.write('Logs/state', 'not a folder');
  const ledger = await load();
  await expect(ledger.ensure('triage', h.clock.now())).resolves.toMatchObject({ runCount: 0 });
  expect(ledger.get('triage')).toBeDefined();
  const [entry] = await h.errorLines();
  expect(entry).toMatchObject({ source: 'scheduler.ledger' });
  expect(entry?.message).toContain('could not be saved');
});
