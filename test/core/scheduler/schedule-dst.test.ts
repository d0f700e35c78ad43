/**
 * Daylight-saving behaviour, in a zone that has it whatever zone the machine runs in.
 * In Berlin, 2026-03-29 02:00 CET jumps to 03:00 CEST, and 2026-10-25 03:00 CEST falls back to 02:00 CET.
 *
 * @jest-environment ./test/core/scheduler/timezone-environment.ts
 * @timezone Europe/Berlin
 */
import { lastSlotAtOrBefore, nextSlotAfter } from '../../../src/core/scheduler/schedule';
import { type Harness, makeHarness } from './harness';

const utc = (iso: string) => new Date(`${iso}Z`);

test('the test really runs in Berlin time', () => {
  expect(utc('2026-01-15T12:00:00').getTimezoneOffset()).toBe(-60);
  expect(utc('2026-07-15T12:00:00').getTimezoneOffset()).toBe(-120);
});

describe('spring forward: the slot time does not exist', () => {
  const daily0230 = { kind: 'daily', at: '02:30' } as const;

  test('a 02:30 slot runs at 03:00 CEST, the first valid time after it', () => {
    expect(lastSlotAtOrBefore(daily0230, utc('2026-03-29T12:00:00'))).toEqual(utc('2026-03-29T01:00:00'));
    expect(nextSlotAfter(daily0230, utc('2026-03-28T12:00:00'))).toEqual(utc('2026-03-29T01:00:00'));
  });

  test('the days around it keep 02:30 local', () => {
    expect(nextSlotAfter(daily0230, utc('2026-03-27T12:00:00'))).toEqual(utc('2026-03-28T01:30:00')); // 02:30 CET
    expect(nextSlotAfter(daily0230, utc('2026-03-29T12:00:00'))).toEqual(utc('2026-03-30T00:30:00')); // 02:30 CEST
  });

  test('02:00 itself does not exist either and also becomes 03:00 CEST', () => {
    expect(nextSlotAfter({ kind: 'daily', at: '02:00' }, utc('2026-03-28T12:00:00'))).toEqual(utc('2026-03-29T01:00:00'));
  });

  test('a weekly Sunday 02:30 slot on that day moves the same way', () => {
    const sunday = { kind: 'weekly', day: 'sunday', at: '02:30' } as const;
    expect(lastSlotAtOrBefore(sunday, utc('2026-03-31T12:00:00'))).toEqual(utc('2026-03-29T01:00:00'));
  });

  test('before the jump the previous day is still the latest slot', () => {
    expect(lastSlotAtOrBefore(daily0230, utc('2026-03-29T00:59:59'))).toEqual(utc('2026-03-28T01:30:00'));
  });
});

describe('fall back: the slot time happens twice', () => {
  test('a 02:30 slot is the first 02:30 (CEST) only', () => {
    const daily0230 = { kind: 'daily', at: '02:30' } as const;
    const first = utc('2026-10-25T00:30:00');
    expect(lastSlotAtOrBefore(daily0230, utc('2026-10-25T01:45:00'))).toEqual(first); // after the second 02:30 too
    expect(nextSlotAfter(daily0230, first)).toEqual(utc('2026-10-26T01:30:00')); // next day, 02:30 CET
  });
});

test('daily 18:00 stays 18:00 local across the change', () => {
  const daily = { kind: 'daily', at: '18:00' } as const;
  expect(nextSlotAfter(daily, utc('2026-03-28T12:00:00'))).toEqual(utc('2026-03-28T17:00:00'));
  expect(nextSlotAfter(daily, utc('2026-03-29T12:00:00'))).toEqual(utc('2026-03-29T16:00:00'));
});

describe('the scheduler ticking every minute through a change', () => {
  let h: Harness;
  afterEach(() => h.cleanup());

  async function runsWhileTicking(from: string, to: string): Promise<Date[]> {
    h = makeHarness(utc(from));
    const scheduler = h.scheduler();
    const runs: Date[] = [];
    scheduler.register({
      id: 'night-job',
      title: 'Night job',
      schedule: 'daily 02:30',
      run: async ({ now }) => {
        runs.push(now);
      },
    });
    while (h.clock.now() <= utc(to)) {
      await scheduler.tick();
      h.clock.advanceMinutes(1);
    }
    return runs;
  }

  test('spring forward: exactly one run, at 03:00 CEST', async () => {
    const runs = await runsWhileTicking('2026-03-28T22:00:00', '2026-03-29T04:00:00');
    expect(runs).toEqual([utc('2026-03-29T01:00:00')]);
  });

  test('fall back: exactly one run, at the first 02:30', async () => {
    const runs = await runsWhileTicking('2026-10-24T22:00:00', '2026-10-25T04:00:00');
    expect(runs).toEqual([utc('2026-10-25T00:30:00')]);
  });
});
