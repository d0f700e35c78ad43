/**
 * ISO 8601 weeks in local time: weeks start on Monday, and week 1 of a year
 * is the week that holds that year's first Thursday. So 2027-01-01 (a Friday)
 * belongs to 2026-W53, and the "week year" can differ from the calendar year.
 *
 * Arithmetic runs on calendar days (via `Date.UTC` of the local date) rather
 * than on milliseconds, so a week that has a 23- or 25-hour day (DST) still
 * counts as seven days.
 */

/** An ISO week: `year` is the week-numbering year, `week` is 1–53. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DAY_MS = 86_400_000;

/** The ISO week that holds `date`, read in local time. */
export function isoWeekOf(date: Date): IsoWeek {
  const day = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return isoWeekOfUtcDay(day);
}

/** Local Monday 00:00 of the given ISO week (or the first instant after it when DST skips midnight). */
export function isoWeekStart(year: number, week: number): Date {
  assertWeek(year, week);
  const monday = new Date(mondayOfWeekOne(year) + (week - 1) * 7 * DAY_MS);
  return new Date(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate());
}

/** Local Monday 00:00 of the following week: the exclusive end of the given ISO week. */
export function isoWeekEnd(year: number, week: number): Date {
  const start = isoWeekStart(year, week);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7);
}

/** 52 or 53: the number of ISO weeks in a week-numbering year. */
export function weeksInIsoYear(year: number): number {
  // 28 December always falls in the last week of its year.
  return isoWeekOfUtcDay(Date.UTC(year, 11, 28)).week;
}

/** `2026-W05`: the form used in file names and on the command line. */
export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** Reads `2026-W05` (or `2026-w5`); null when the text is not an existing ISO week. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInIsoYear(year)) return null;
  return { year, week };
}

/** Negative when `a` is an earlier week than `b`, 0 when equal, positive when later. */
export function compareIsoWeeks(a: IsoWeek, b: IsoWeek): number {
  return a.year !== b.year ? a.year - b.year : a.week - b.week;
}

/** The week `count` weeks after (or, when negative, before) `week`. */
export function addIsoWeeks(week: IsoWeek, count: number): IsoWeek {
  const monday = mondayOfWeekOne(week.year) + (week.week - 1 + count) * 7 * DAY_MS;
  return isoWeekOfUtcDay(monday);
}

function isoWeekOfUtcDay(day: number): IsoWeek {
  const weekday = new Date(day).getUTCDay() || 7;
  // The Thursday of the same week decides both the year and the week number.
  const thursday = day + (4 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

function mondayOfWeekOne(year: number): number {
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (weekday - 1) * DAY_MS;
}

function assertWeek(year: number, week: number): void {
  if (!Number.isInteger(year) || !Number.isInteger(week) || week < 1 || week > weeksInIsoYear(year)) {
    throw new RangeError(`There is no week ${week} in ${year}; weeks run from 1 to ${weeksInIsoYear(year)}.`);
  }
}
