import { isoWithOffset } from '../../../src/core/clock';
import { dueSlot, EVERY_GRACE_MS, nextDue } from '../../../src/core/scheduler/due';
import type { Schedule } from '../../../src/core/scheduler/schedule';
import { local } from './harness';

const iso = isoWithOffset;
const every5: Schedule = { kind: 'every', minutes: 5 };
const daily18: Schedule = { kind: 'daily', at: '18:00' };
const mondays: Schedule = { kind: 'weekly', day: 'monday', at: '08:00' };
const now = local(2026, 2, 20, 10, 0); // a Friday

describe('every N minutes (counted from the last run)', () => {
  test('a job that never ran is due at once', () => {
    expect(dueSlot(every5, undefined, now)).toEqual(now);
    expect(dueSlot(every5, { firstSeenAt: iso(now) }, now)).toEqual(now);
  });

  test('due once N minutes have passed since the last run started', () => {
    const last = { lastSlot: iso(local(2026, 2, 20, 9, 55)) };
    expect(dueSlot(every5, last, local(2026, 2, 20, 9, 59))).toBeNull();
    expect(dueSlot(every5, last, now)).toEqual(now);
    expect(dueSlot(every5, last, local(2026, 2, 20, 11, 0))).toEqual(local(2026, 2, 20, 11, 0));
  });

  test('a timer firing a moment early still counts, but not much earlier', () => {
    const last = { lastSlot: iso(local(2026, 2, 20, 9, 55)) };
    expect(dueSlot(every5, last, new Date(now.getTime() - EVERY_GRACE_MS))).not.toBeNull();
    expect(dueSlot(every5, last, new Date(now.getTime() - 10_000))).toBeNull();
  });

  test('a last run in the future (clock moved back) does not block the job', () => {
    expect(dueSlot(every5, { lastSlot: iso(local(2026, 2, 20, 12, 0)) }, now)).toEqual(now);
  });

  test('next due is the last run plus the interval', () => {
    expect(nextDue(every5, { lastSlot: iso(local(2026, 2, 20, 9, 58)) }, now)).toEqual(local(2026, 2, 20, 10, 3));
    expect(nextDue(every5, undefined, now)).toEqual(now);
  });
});

describe('daily and weekly (fixed local slots)', () => {
  test('a new job is not due for slots from before it was first seen', () => {
    expect(dueSlot(daily18, { firstSeenAt: iso(now) }, now)).toBeNull();
    expect(dueSlot(mondays, { firstSeenAt: iso(now) }, now)).toBeNull();
    expect(dueSlot(daily18, undefined, now)).toBeNull();
  });

  test('a new job is due for the first slot after it was first seen, even if the app was closed then', () => {
    const seen = { firstSeenAt: iso(now) };
    expect(dueSlot(daily18, seen, local(2026, 2, 20, 18, 0))).toEqual(local(2026, 2, 20, 18, 0));
    expect(dueSlot(daily18, seen, local(2026, 2, 22, 9, 0))).toEqual(local(2026, 2, 21, 18, 0));
  });

  test('due when the latest slot is newer than the one last covered', () => {
    const ranYesterday = { lastSlot: iso(local(2026, 2, 19, 18, 0)) };
    expect(dueSlot(daily18, ranYesterday, local(2026, 2, 20, 17, 59))).toBeNull();
    expect(dueSlot(daily18, ranYesterday, local(2026, 2, 20, 18, 0))).toEqual(local(2026, 2, 20, 18, 0));
  });

  test('three weeks closed: one catch-up, for the latest slot only', () => {
    const threeWeeksAgo = { lastSlot: iso(local(2026, 1, 26, 8, 0)), firstSeenAt: iso(local(2026, 1, 1)) };
    const slot = dueSlot(mondays, threeWeeksAgo, now);
    expect(slot).toEqual(local(2026, 2, 16, 8, 0));
    // Once that slot is covered nothing else is owed.
    expect(dueSlot(mondays, { ...threeWeeksAgo, lastSlot: iso(slot as Date) }, now)).toBeNull();
  });

  test('a covered slot in the future (clock moved back) gives way to the current slot', () => {
    expect(dueSlot(daily18, { lastSlot: iso(local(2026, 2, 25, 18, 0)) }, now)).toEqual(local(2026, 2, 19, 18, 0));
  });

  test('next due is the next slot, or now while a catch-up is owed', () => {
    expect(nextDue(daily18, { lastSlot: iso(local(2026, 2, 19, 18, 0)) }, now)).toEqual(local(2026, 2, 20, 18, 0));
    expect(nextDue(mondays, { lastSlot: iso(local(2026, 2, 16, 8, 0)) }, now)).toEqual(local(2026, 2, 23, 8, 0));
    expect(nextDue(mondays, { lastSlot: iso(local(2026, 2, 9, 8, 0)) }, now)).toEqual(now);
  });
});
