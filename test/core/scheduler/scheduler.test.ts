import { isoWithOffset } from '../../../src/core/clock';
import { deferred, type Harness, local, makeHarness, recorder, waitFor } from './harness';

let h: Harness;
beforeEach(() => {
  h = makeHarness(local(2026, 2, 20, 10, 0)); // a Friday
});
afterEach(() => h.cleanup());

describe('every N minutes', () => {
  test('runs at once, then again only after N minutes', async () => {
    const scheduler = h.scheduler();
    const job = recorder();
    scheduler.register({ id: 'triage', title: 'Triage inbox', schedule: 'every 5 minutes', run: job.run });

    expect((await scheduler.tick()).ran).toEqual(['triage']);
    h.clock.advanceMinutes(4);
    expect((await scheduler.tick()).skipped).toEqual([{ id: 'triage', reason: 'not-due' }]);
    h.clock.advanceMinutes(1);
    expect((await scheduler.tick()).ran).toEqual(['triage']);
    expect(job.runs.map((r) => r.now)).toEqual([local(2026, 2, 20, 10, 0), local(2026, 2, 20, 10, 5)]);
  });
});

describe('daily and weekly, in local time', () => {
  test('a daily job runs at its time each day, once', async () => {
    const scheduler = h.scheduler();
    const job = recorder();
    scheduler.register({ id: 'report', title: 'Daily report', schedule: 'daily 18:00', run: job.run });

    await scheduler.tick(); // 10:00 on install day: yesterday's 18:00 is not owed
    h.clock.set(local(2026, 2, 20, 17, 59));
    await scheduler.tick();
    h.clock.set(local(2026, 2, 20, 18, 0));
    await scheduler.tick();
    h.clock.set(local(2026, 2, 20, 18, 5));
    await scheduler.tick();
    h.clock.set(local(2026, 2, 21, 18, 1));
    await scheduler.tick();
    expect(job.runs.map((r) => r.slot)).toEqual([local(2026, 2, 20, 18, 0), local(2026, 2, 21, 18, 0)]);
    expect(job.runs[1]?.now).toEqual(local(2026, 2, 21, 18, 1));
  });

  test('a weekly job runs on its day only; a new install does not run it for last week', async () => {
    const scheduler = h.scheduler();
    const job = recorder();
    scheduler.register({ id: 'briefing', title: 'Weekly briefing', schedule: 'weekly monday 08:00', run: job.run });

    for (const day of [20, 21, 22]) {
      h.clock.set(local(2026, 2, day, 9, 0));
      await scheduler.tick();
    }
    expect(job.runs).toEqual([]);
    h.clock.set(local(2026, 2, 23, 8, 0));
    await scheduler.tick();
    expect(job.runs.map((r) => r.slot)).toEqual([local(2026, 2, 23, 8, 0)]);
  });
});

describe('never twice at once', () => {
  test('a tick or a manual run while the job runs is turned away', async () => {
    const hold = deferred();
    let calls = 0;
    const scheduler = h.scheduler();
    scheduler.register({
      id: 'slow',
      title: 'Slow job',
      schedule: 'every 1 minute',
      run: async () => {
        calls += 1;
        await hold.promise;
      },
    });
    const firstTick = scheduler.tick();
    await waitFor(() => calls === 1);
    h.clock.advanceMinutes(10);
    expect((await scheduler.tick()).skipped).toEqual([{ id: 'slow', reason: 'already-running' }]);
    expect(await scheduler.runNow('slow')).toEqual({ id: 'slow', outcome: 'already-running' });
    expect((await scheduler.status())[0]?.running).toBe(true);
    hold.resolve();
    expect((await firstTick).ran).toEqual(['slow']);
    expect(calls).toBe(1);
    expect(scheduler.isRunning('slow')).toBe(false);
  });

  test('two ticks started together run a due job once', async () => {
    let calls = 0;
    const scheduler = h.scheduler();
    scheduler.register({ id: 'job', title: 'Job', schedule: 'every 5 minutes', run: async () => void (calls += 1) });
    const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect([...a.ran, ...b.ran]).toEqual(['job']);
    expect(calls).toBe(1);
  });
});

describe('a failing job', () => {
  test('is logged, audited and announced, does not stop the others, and waits for its next slot', async () => {
    const other = recorder();
    let attempts = 0;
    const scheduler = h.scheduler();
    scheduler.register({
      id: 'report',
      title: 'Daily report',
      schedule: 'daily 18:00',
      run: async () => {
        attempts += 1;
        throw new Error('Odoo did not answer');
      },
    });
    scheduler.register({ id: 'triage', title: 'Triage inbox', schedule: 'every 5 minutes', run: other.run });
    await scheduler.tick(); // install day, 10:00: nothing owed for the report yet
    h.clock.set(local(2026, 2, 20, 18, 0));
    expect((await scheduler.tick()).failed).toEqual(['report']);
    h.clock.set(local(2026, 2, 21, 18, 0));
    const result = await scheduler.tick();
    expect(result.failed).toEqual(['report']);
    expect(result.ran).toEqual(['report', 'triage']);
    expect(attempts).toBe(2);

    // Not again at the next ticks of the same slot...
    for (let i = 0; i < 5; i++) {
      h.clock.advanceMinutes(1);
      expect((await scheduler.tick()).failed).toEqual([]);
    }
    expect(attempts).toBe(2);
    // ...but at the next slot.
    h.clock.set(local(2026, 2, 22, 18, 0));
    expect((await scheduler.tick()).failed).toEqual(['report']);
    expect(attempts).toBe(3);

    const errors = await h.errorLines();
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({
      source: 'scheduler.report',
      severity: 'ERROR',
      context: { slot: isoWithOffset(local(2026, 2, 20, 18, 0)) },
    });
    expect(errors[0]?.message).toBe(
      'The scheduled job "Daily report" failed: Odoo did not answer. It will try again at its next scheduled time.',
    );
    const audit = (await h.auditLines()).filter((a) => a.action === 'scheduler.run.report');
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ source: 'scheduler', status: 'failure', details: { error_message: 'Odoo did not answer' } });
    expect(h.finished.filter((e) => e.job === 'report').map((e) => e.status)).toEqual(['failure', 'failure', 'failure']);
    const [status] = await scheduler.status();
    expect(status).toMatchObject({ lastStatus: 'failure', lastError: 'Odoo did not answer', nextRun: local(2026, 2, 23, 18, 0) });
  });

  test('an every-N job that fails is retried after N minutes, not sooner', async () => {
    let attempts = 0;
    const scheduler = h.scheduler();
    scheduler.register({
      id: 'sync',
      title: 'Sync',
      schedule: 'every 10 minutes',
      run: () => {
        attempts += 1;
        return Promise.reject(new Error('offline'));
      },
    });
    for (let minute = 0; minute <= 20; minute++) {
      await scheduler.tick();
      h.clock.advanceMinutes(1);
    }
    expect(attempts).toBe(3); // minutes 0, 10 and 20
  });
});

test('every run is audited with its duration and announced on the bus', async () => {
  const scheduler = h.scheduler();
  scheduler.register({
    id: 'dashboard',
    title: 'Refresh dashboard',
    schedule: 'every 5 minutes',
    run: async () => h.clock.advanceMs(1500),
  });
  await scheduler.tick();
  const [entry] = await h.auditLines();
  expect(entry).toMatchObject({ action: 'scheduler.run.dashboard', source: 'scheduler', status: 'success', duration_ms: 1500 });
  expect(h.finished).toEqual([{ job: 'dashboard', status: 'success', durationMs: 1500 }]);
  expect(await h.errorLines()).toEqual([]);
});
