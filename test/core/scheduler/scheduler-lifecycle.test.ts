import type { TimerFunctions } from '../../../src/core/scheduler/scheduler';
import { deferred, type Harness, local, makeHarness, recorder, waitFor } from './harness';

let h: Harness;
beforeEach(() => {
  h = makeHarness(local(2026, 2, 20, 10, 0)); // a Friday
});
afterEach(() => h.cleanup());

describe('after a restart', () => {
  test('the ledger remembers: no repeat run, and the counts carry on', async () => {
    const job = recorder();
    const first = h.scheduler();
    first.register({ id: 'report', title: 'Daily report', schedule: 'daily 18:00', run: job.run });
    await first.tick();
    h.clock.set(local(2026, 2, 20, 18, 0));
    await first.tick();
    await first.stop();

    h.clock.set(local(2026, 2, 20, 19, 0));
    const second = h.scheduler();
    second.register({ id: 'report', title: 'Daily report', schedule: 'daily 18:00', run: job.run });
    expect((await second.tick()).ran).toEqual([]);
    const [status] = await second.status();
    expect(status).toMatchObject({ lastRun: local(2026, 2, 20, 18, 0), lastStatus: 'success', nextRun: local(2026, 2, 21, 18, 0) });
    expect(job.runs).toHaveLength(1);
  });

  test('three weeks closed: each job catches up exactly once', async () => {
    const briefing = recorder();
    const triage = recorder();
    const first = h.scheduler();
    first.register({ id: 'briefing', title: 'Weekly briefing', schedule: 'weekly monday 08:00', run: briefing.run });
    first.register({ id: 'triage', title: 'Triage inbox', schedule: 'every 5 minutes', run: triage.run });
    h.clock.set(local(2026, 2, 23, 8, 0));
    await first.tick();
    await first.stop();

    h.clock.set(local(2026, 3, 18, 12, 0)); // a Wednesday, three Mondays later
    const second = h.scheduler();
    second.register({ id: 'briefing', title: 'Weekly briefing', schedule: 'weekly monday 08:00', run: briefing.run });
    second.register({ id: 'triage', title: 'Triage inbox', schedule: 'every 5 minutes', run: triage.run });
    expect((await second.tick()).ran).toEqual(['briefing', 'triage']);
    expect((await second.tick()).ran).toEqual([]);
    h.clock.advanceMinutes(1);
    expect((await second.tick()).ran).toEqual([]);
    expect(briefing.runs.map((r) => r.slot)).toEqual([local(2026, 2, 23, 8, 0), local(2026, 3, 16, 8, 0)]);
    expect(triage.runs).toHaveLength(2);
  });

  test('a job cut short by a crash runs again', async () => {
    const hold = deferred();
    const crashed = h.scheduler();
    crashed.register({ id: 'sync', title: 'Sync', schedule: 'every 60 minutes', run: () => hold.promise });
    const abandoned = crashed.tick(); // the process "dies" while this is in progress
    await waitFor(() => crashed.isRunning('sync'));
    await waitFor(async () => (await h.vault.read(h.layout.runLedger)).includes('"running"'));

    const job = recorder();
    const restarted = h.scheduler();
    restarted.register({ id: 'sync', title: 'Sync', schedule: 'every 60 minutes', run: job.run });
    expect((await restarted.tick()).ran).toEqual(['sync']);
    expect((await h.errorLines()).map((e) => e.error)).toContain('JobInterrupted');

    hold.resolve();
    await abandoned;
  });
});

describe('a changed schedule', () => {
  test('moving a daily job later the same day does not run it twice', async () => {
    const job = recorder();
    h.clock.set(local(2026, 2, 19, 12, 0));
    const first = h.scheduler();
    first.register({ id: 'report', title: 'Daily report', schedule: 'daily 08:00', run: job.run });
    await first.tick();
    h.clock.set(local(2026, 2, 20, 8, 0));
    await first.tick();
    await first.stop();

    h.clock.set(local(2026, 2, 20, 10, 0)); // the owner moves the report to 09:00
    const second = h.scheduler();
    second.register({ id: 'report', title: 'Daily report', schedule: 'daily 09:00', run: job.run });
    expect((await second.tick()).ran).toEqual([]);
    h.clock.set(local(2026, 2, 21, 9, 0));
    expect((await second.tick()).ran).toEqual(['report']);
    expect(job.runs.map((r) => r.slot)).toEqual([local(2026, 2, 20, 8, 0), local(2026, 2, 21, 9, 0)]);
  });

  test('a new interval counts from the last run', async () => {
    const job = recorder();
    const first = h.scheduler();
    first.register({ id: 'sync', title: 'Sync', schedule: 'every 5 minutes', run: job.run });
    await first.tick();
    await first.stop();

    h.clock.advanceMinutes(6);
    const second = h.scheduler();
    second.register({ id: 'sync', title: 'Sync', schedule: 'every 10 minutes', run: job.run });
    expect((await second.tick()).ran).toEqual([]);
    h.clock.advanceMinutes(4);
    expect((await second.tick()).ran).toEqual(['sync']);
  });
});

describe('stop', () => {
  test('waits for the running job, aborts its signal, and starts nothing after', async () => {
    const hold = deferred();
    let signal: AbortSignal | null = null;
    const scheduler = h.scheduler();
    scheduler.register({
      id: 'slow',
      title: 'Slow job',
      schedule: 'every 5 minutes',
      run: async (ctx) => {
        signal = ctx.signal;
        await hold.promise;
      },
    });
    const tick = scheduler.tick();
    await waitFor(() => signal !== null);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    expect((signal as AbortSignal | null)?.aborted).toBe(true);
    hold.resolve();
    await stopping;
    expect((await tick).ran).toEqual(['slow']);
    // The finished run reached the ledger before stop resolved.
    expect(JSON.parse(await h.vault.read(h.layout.runLedger))).toMatchObject({ jobs: { slow: { lastStatus: 'success' } } });

    h.clock.advanceMinutes(60);
    expect((await scheduler.tick()).skipped).toEqual([{ id: 'slow', reason: 'stopped' }]);
    expect(await scheduler.runNow('slow')).toEqual({ id: 'slow', outcome: 'stopped' });
  });

  test('a cooperative job ends as soon as it is aborted', async () => {
    const scheduler = h.scheduler();
    let started = false;
    scheduler.register({
      id: 'long',
      title: 'Long job',
      schedule: 'every 5 minutes',
      run: ({ signal }) =>
        new Promise<void>((resolve) => {
          started = true;
          signal.addEventListener('abort', () => resolve());
        }),
    });
    const tick = scheduler.tick();
    await waitFor(() => started);
    await scheduler.stop();
    expect((await tick).ran).toEqual(['long']);
  });
});

test('start ticks at once and on each timer beat, using the timers it is given', async () => {
  const beats: (() => void)[] = [];
  const cleared: unknown[] = [];
  const timers: TimerFunctions = {
    setInterval: (callback, ms) => {
      expect(ms).toBe(30_000);
      beats.push(callback);
      return 'handle-1';
    },
    clearInterval: (handle) => void cleared.push(handle),
  };
  const job = recorder();
  const scheduler = h.scheduler(timers);
  scheduler.register({ id: 'triage', title: 'Triage inbox', schedule: 'every 1 minute', run: job.run });

  scheduler.start(30_000);
  await waitFor(() => job.runs.length === 1 && !scheduler.isRunning('triage'));
  h.clock.advanceMinutes(1);
  beats[0]?.();
  await waitFor(() => job.runs.length === 2);
  await scheduler.stop();
  expect(cleared).toEqual(['handle-1']);
  expect(beats).toHaveLength(1);
});

describe('manual runs and status', () => {
  test('runNow runs a job that is not due and covers its latest slot', async () => {
    const job = recorder();
    const scheduler = h.scheduler();
    scheduler.register({ id: 'briefing', title: 'Weekly briefing', schedule: 'weekly monday 08:00', run: job.run });
    expect(await scheduler.runNow('briefing')).toMatchObject({ id: 'briefing', outcome: 'success' });
    expect(job.runs[0]?.slot).toEqual(local(2026, 2, 16, 8, 0));
    h.clock.set(local(2026, 2, 23, 7, 0));
    expect((await scheduler.tick()).ran).toEqual([]);
    h.clock.set(local(2026, 2, 23, 8, 0));
    expect((await scheduler.tick()).ran).toEqual(['briefing']);
    await expect(scheduler.runNow('nope')).rejects.toThrow('There is no scheduled job called "nope".');
  });

  test('status describes each job in registration order', async () => {
    const scheduler = h.scheduler();
    scheduler.register({ id: 'triage', title: 'Triage inbox', schedule: { kind: 'every', minutes: 5 }, run: async () => undefined });
    scheduler.register({ id: 'briefing', title: 'Weekly briefing', schedule: 'weekly monday 08:00', run: async () => undefined });
    expect(await scheduler.status()).toEqual([
      { id: 'triage', title: 'Triage inbox', schedule: 'every 5 minutes', lastRun: null, lastStatus: null, lastError: null, nextRun: local(2026, 2, 20, 10, 0), running: false },
      { id: 'briefing', title: 'Weekly briefing', schedule: 'weekly on Monday at 08:00', lastRun: null, lastStatus: null, lastError: null, nextRun: local(2026, 2, 23, 8, 0), running: false },
    ]);
    await scheduler.tick();
    expect((await scheduler.status())[0]).toMatchObject({ lastRun: local(2026, 2, 20, 10, 0), lastStatus: 'success', nextRun: local(2026, 2, 20, 10, 5) });
  });

  test('register refuses bad ids, duplicates and bad schedules', () => {
    const scheduler = h.scheduler();
    const run = async () => undefined;
    scheduler.register({ id: 'triage', title: 'Triage inbox', schedule: 'every 5 minutes', run });
    expect(() => scheduler.register({ id: 'triage', title: 'Again', schedule: 'every 5 minutes', run })).toThrow('already registered');
    expect(() => scheduler.register({ id: 'Bad Id', title: 'X', schedule: 'every 5 minutes', run })).toThrow('cannot be a job id');
    expect(() => scheduler.register({ id: 'x', title: 'X', schedule: 'sometimes', run })).toThrow('"sometimes" is not a schedule');
  });
});
