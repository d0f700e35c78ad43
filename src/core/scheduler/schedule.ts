import { WEEKDAYS, type Weekday } from '../settings';
import { localDay, localWallTime } from './local-time';

/**
 * When a job runs. Daily and weekly times are local wall-clock times, so
 * "daily 18:00" follows the user through daylight-saving changes.
 */
export type Schedule =
  | { kind: 'every'; minutes: number }
  | { kind: 'daily'; at: string }
  | { kind: 'weekly'; day: Weekday; at: string };

/** The longest `every` interval; anything rarer reads better as daily or weekly. */
export const MAX_EVERY_MINUTES = 10_080;

/** A schedule that cannot be understood; the message says what to write instead. */
export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

const EXAMPLES = 'Write it like "every 5 minutes", "daily 18:00" or "weekly monday 08:00".';

/**
 * Accepts a {@link Schedule} object or its text form, e.g. "every 5 minutes",
 * "every hour", "daily 18:00", "daily at 7:30", "weekly monday 08:00",
 * "weekly on Mon at 08:00". Returns a normalized copy (times as HH:MM).
 */
export function parseSchedule(input: unknown): Schedule {
  if (typeof input === 'string') return parseText(input);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScheduleError(`The schedule is missing or not understood. ${EXAMPLES}`);
  }
  const o = input as Record<string, unknown>;
  switch (o.kind) {
    case 'every':
      return { kind: 'every', minutes: checkMinutes(o.minutes) };
    case 'daily':
      return { kind: 'daily', at: parseTime(o.at) };
    case 'weekly':
      return { kind: 'weekly', day: parseWeekday(o.day), at: parseTime(o.at) };
    default:
      throw new ScheduleError(`Unknown schedule kind ${JSON.stringify(o.kind)}: use "every", "daily" or "weekly".`);
  }
}

function parseText(text: string): Schedule {
  const words = text.trim().toLowerCase().split(/\s+/).filter((w) => w !== 'at' && w !== 'on');
  const [kind, ...rest] = words;
  if (kind === 'every') {
    // "every minute" / "every hour" have an implied count of one.
    const [count, unit, ...extra] = rest.length === 1 ? ['1', ...rest] : rest;
    if (count === undefined || unit === undefined || extra.length > 0 || !/^\d+$/.test(count)) {
      throw new ScheduleError(`"${text.trim()}" is not a schedule: after "every" put a number of minutes, e.g. "every 5 minutes".`);
    }
    const n = Number(count);
    if (/^(minute|minutes|min|mins)$/.test(unit)) return { kind: 'every', minutes: checkMinutes(n) };
    if (/^(hour|hours|h)$/.test(unit)) return { kind: 'every', minutes: checkMinutes(n * 60) };
    throw new ScheduleError(`"${unit}" is not a unit the schedule knows: use minutes or hours.`);
  }
  if (kind === 'daily' && rest.length === 1) return { kind: 'daily', at: parseTime(rest[0]) };
  if (kind === 'weekly' && rest.length === 2) return { kind: 'weekly', day: parseWeekday(rest[0]), at: parseTime(rest[1]) };
  throw new ScheduleError(`"${text.trim()}" is not a schedule the app understands. ${EXAMPLES}`);
}

function checkMinutes(value: unknown): number {
  if (value === undefined || value === null) {
    throw new ScheduleError(`The interval is missing: give a whole number of minutes from 1 to ${MAX_EVERY_MINUTES}.`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_EVERY_MINUTES) {
    throw new ScheduleError(
      `The interval must be a whole number of minutes from 1 to ${MAX_EVERY_MINUTES} (one week), not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** "8:00" and "08:00" both become "08:00"; 24-hour clock only. */
function parseTime(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(value.trim()) : null;
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (value === undefined || value === null) throw new ScheduleError('The time is missing: write it like 08:00 (24-hour clock, HH:MM).');
  if (!match || hours > 23 || minutes > 59) {
    throw new ScheduleError(`${JSON.stringify(value)} is not a time: write it like 08:00 (24-hour clock, HH:MM).`);
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function parseWeekday(value: unknown): Weekday {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  // Full names or their first three letters ("mon", "tue", ...).
  const day = WEEKDAYS.find((d) => d === text || (text.length === 3 && d.startsWith(text)));
  if (value === undefined || value === null) throw new ScheduleError('The day of the week is missing: use a name like monday.');
  if (!day) {
    throw new ScheduleError(`${JSON.stringify(value)} is not a day of the week: use a name like monday.`);
  }
  return day;
}

/** Hours and minutes of a normalized HH:MM time. */
export function timeParts(at: string): { hours: number; minutes: number } {
  const [h, m] = at.split(':');
  return { hours: Number(h), minutes: Number(m) };
}

/** Human text for the dashboard and commands: "every 5 minutes", "daily at 18:00", "weekly on Monday at 08:00". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'every': {
      const m = schedule.minutes;
      if (m === 1) return 'every minute';
      if (m === 60) return 'every hour';
      if (m % 60 === 0) return `every ${m / 60} hours`;
      return `every ${m} minutes`;
    }
    case 'daily':
      return `daily at ${schedule.at}`;
    case 'weekly':
      return `weekly on ${schedule.day.charAt(0).toUpperCase()}${schedule.day.slice(1)} at ${schedule.at}`;
  }
}

/**
 * The latest fixed slot of a daily or weekly schedule at or before `now`
 * (local time). `every` schedules have no fixed slots: they count from the
 * last run (see {@link nextSlotAfter}), so this returns null for them.
 */
export function lastSlotAtOrBefore(schedule: Schedule, now: Date): Date | null {
  if (schedule.kind === 'every') return null;
  for (let back = 0; back <= 14; back++) {
    const slot = slotOn(schedule, localDay(now, -back));
    if (slot && slot.getTime() <= now.getTime()) return slot;
  }
  return null;
}

/**
 * The first slot strictly after `t`. For `every` schedules `t` is the start
 * of the last run and the answer is `t` plus the interval.
 */
export function nextSlotAfter(schedule: Schedule, t: Date): Date {
  if (schedule.kind === 'every') return new Date(t.getTime() + schedule.minutes * 60_000);
  for (let ahead = 0; ; ahead++) {
    const slot = slotOn(schedule, localDay(t, ahead));
    if (slot && slot.getTime() > t.getTime()) return slot;
  }
}

/** The slot on a given local day, or null when a weekly schedule does not fall on it. */
function slotOn(schedule: Exclude<Schedule, { kind: 'every' }>, day: Date): Date | null {
  if (schedule.kind === 'weekly' && WEEKDAYS[day.getDay()] !== schedule.day) return null;
  const { hours, minutes } = timeParts(schedule.at);
  return localWallTime(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
}
