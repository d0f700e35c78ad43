import {
  describeSchedule,
  lastSlotAtOrBefore,
  nextSlotAfter,
  parseSchedule,
  ScheduleError,
} from '../../../src/core/scheduler/schedule';
import { local } from './harness';

// 2026-02-20 is a Friday; February has no daylight-saving change in any zone these tests might run in.

describe('parseSchedule', () => {
  test.each([
    ['every 5 minutes', { kind: 'every', minutes: 5 }],
    ['every 1 minute', { kind: 'every', minutes: 1 }],
    ['every minute', { kind: 'every', minutes: 1 }],
    ['Every Hour', { kind: 'every', minutes: 60 }],
    ['every 2 hours', { kind: 'every', minutes: 120 }],
    ['  every 15 mins ', { kind: 'every', minutes: 15 }],
    ['daily 18:00', { kind: 'daily', at: '18:00' }],
    ['daily at 7:30', { kind: 'daily', at: '07:30' }],
    ['weekly monday 08:00', { kind: 'weekly', day: 'monday', at: '08:00' }],
    ['weekly on Mon at 8:00', { kind: 'weekly', day: 'monday', at: '08:00' }],
    ['WEEKLY sunday 23:59', { kind: 'weekly', day: 'sunday', at: '23:59' }],
  ])('reads %j', (text, expected) => {
    expect(parseSchedule(text)).toEqual(expected);
  });

  test('accepts objects and normalizes them', () => {
    expect(parseSchedule({ kind: 'every', minutes: 10 })).toEqual({ kind: 'every', minutes: 10 });
    expect(parseSchedule({ kind: 'daily', at: '6:05' })).toEqual({ kind: 'daily', at: '06:05' });
    expect(parseSchedule({ kind: 'weekly', day: 'Friday', at: '17:00' })).toEqual({ kind: 'weekly', day: 'friday', at: '17:00' });
  });

  test.each([
    ['every 0 minutes', /whole number of minutes from 1/],
    ['every five minutes', /after "every" put a number of minutes/],
    ['every 5 parsecs', /"parsecs" is not a unit/],
    ['every 20000 minutes', /whole number of minutes from 1 to 10080/],
    ['daily 25:00', /"25:00" is not a time: write it like 08:00/],
    ['daily 8am', /"8am" is not a time/],
    ['weekly funday 08:00', /"funday" is not a day of the week/],
    ['weekly monday', /is not a schedule the app understands.*every 5 minutes/],
    ['hourly', /"hourly" is not a schedule/],
    ['', /is not a schedule/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseSchedule(text)).toThrow(ScheduleError);
    expect(() => parseSchedule(text)).toThrow(message);
  });

  test.each([
    [null, /missing or not understood/],
    [42, /missing or not understood/],
    [{ kind: 'monthly' }, /Unknown schedule kind "monthly"/],
    [{ kind: 'every', minutes: 1.5 }, /whole number of minutes/],
    [{ kind: 'every' }, /interval is missing/],
    [{ kind: 'daily' }, /time is missing/],
    [{ kind: 'weekly', at: '08:00' }, /day of the week is missing/],
    [{ kind: 'daily', at: 1800 }, /is not a time/],
    [{ kind: 'weekly', day: 'someday', at: '08:00' }, /not a day of the week/],
  ])('rejects the object %j', (input, message) => {
    expect(() => parseSchedule(input)).toThrow(message);
  });
});

describe('describeSchedule', () => {
  test.each([
    [{ kind: 'every', minutes: 1 }, 'every minute'],
    [{ kind: 'every', minutes: 5 }, 'every 5 minutes'],
    [{ kind: 'every', minutes: 60 }, 'every hour'],
    [{ kind: 'every', minutes: 90 }, 'every 90 minutes'],
    [{ kind: 'every', minutes: 180 }, 'every 3 hours'],
    [{ kind: 'daily', at: '18:00' }, 'daily at 18:00'],
    [{ kind: 'weekly', day: 'monday', at: '08:00' }, 'weekly on Monday at 08:00'],
  ] as const)('describes %j', (schedule, text) => {
    expect(describeSchedule(schedule)).toBe(text);
    // The description is itself a schedule the parser reads back.
    expect(parseSchedule(text)).toEqual(schedule);
  });
});

describe('lastSlotAtOrBefore', () => {
  const now = local(2026, 2, 20, 10, 0);

  test('daily: today when the time has passed, else yesterday', () => {
    expect(lastSlotAtOrBefore({ kind: 'daily', at: '08:00' }, now)).toEqual(local(2026, 2, 20, 8, 0));
    expect(lastSlotAtOrBefore({ kind: 'daily', at: '18:00' }, now)).toEqual(local(2026, 2, 19, 18, 0));
  });

  test('a slot exactly at now counts', () => {
    expect(lastSlotAtOrBefore({ kind: 'daily', at: '10:00' }, now)).toEqual(now);
  });

  test('daily across a month and a year boundary', () => {
    expect(lastSlotAtOrBefore({ kind: 'daily', at: '23:30' }, local(2026, 1, 1, 0, 10))).toEqual(local(2025, 12, 31, 23, 30));
    expect(lastSlotAtOrBefore({ kind: 'daily', at: '12:00' }, local(2026, 3, 1, 9, 0))).toEqual(local(2026, 2, 28, 12, 0));
  });

  test('weekly: the latest matching weekday', () => {
    const monday = { kind: 'weekly', day: 'monday', at: '08:00' } as const;
    expect(lastSlotAtOrBefore(monday, now)).toEqual(local(2026, 2, 16, 8, 0));
    expect(lastSlotAtOrBefore(monday, local(2026, 2, 23, 7, 59))).toEqual(local(2026, 2, 16, 8, 0));
    expect(lastSlotAtOrBefore(monday, local(2026, 2, 23, 8, 0))).toEqual(local(2026, 2, 23, 8, 0));
    expect(lastSlotAtOrBefore({ kind: 'weekly', day: 'friday', at: '09:00' }, now)).toEqual(local(2026, 2, 20, 9, 0));
    expect(lastSlotAtOrBefore({ kind: 'weekly', day: 'friday', at: '11:00' }, now)).toEqual(local(2026, 2, 13, 11, 0));
  });

  test('every: no fixed slots', () => {
    expect(lastSlotAtOrBefore({ kind: 'every', minutes: 5 }, now)).toBeNull();
  });
});

describe('nextSlotAfter', () => {
  const now = local(2026, 2, 20, 10, 0);

  test('daily: later today, or tomorrow once the time has come', () => {
    expect(nextSlotAfter({ kind: 'daily', at: '18:00' }, now)).toEqual(local(2026, 2, 20, 18, 0));
    expect(nextSlotAfter({ kind: 'daily', at: '10:00' }, now)).toEqual(local(2026, 2, 21, 10, 0));
    expect(nextSlotAfter({ kind: 'daily', at: '00:00' }, local(2026, 2, 28, 23, 59))).toEqual(local(2026, 3, 1, 0, 0));
  });

  test('weekly: the next matching weekday, a week on when it is now', () => {
    expect(nextSlotAfter({ kind: 'weekly', day: 'monday', at: '08:00' }, now)).toEqual(local(2026, 2, 23, 8, 0));
    expect(nextSlotAfter({ kind: 'weekly', day: 'friday', at: '10:00' }, now)).toEqual(local(2026, 2, 27, 10, 0));
    expect(nextSlotAfter({ kind: 'weekly', day: 'friday', at: '10:01' }, now)).toEqual(local(2026, 2, 20, 10, 1));
  });

  test('every: the interval after the given time', () => {
    expect(nextSlotAfter({ kind: 'every', minutes: 5 }, now)).toEqual(local(2026, 2, 20, 10, 5));
  });
});
