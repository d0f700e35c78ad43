/**
 * The week a briefing covers: an ISO week, Monday to Sunday in the user's
 * time zone (so across DST changes it is still seven calendar days), named
 * `CEO-YYYY-Www` with the ISO week-numbering year (2027-01-01 is in 2026-W53).
 */
import { addDays, localDay } from '../accounting/dates';
import { addIsoWeeks, formatIsoWeek, isoWeekOf, isoWeekStart, type IsoWeek } from '../core/iso-week';
import type { BriefingWeek } from './briefing-data';

export function briefingWeek(week: IsoWeek): BriefingWeek {
  const start = localDay(isoWeekStart(week.year, week.week));
  const label = formatIsoWeek(week);
  return { id: `CEO-${label}`, label, year: week.year, week: week.week, start, end: addDays(start, 6) };
}

/** The week before. */
export function previousWeek(week: BriefingWeek): BriefingWeek {
  return briefingWeek(addIsoWeeks({ year: week.year, week: week.week }, -1));
}

/**
 * The week a run at `slot` reports on: the week that holds the day before
 * the slot. Monday 08:00 reports on the week that just ended; a schedule of
 * Sunday 23:59 reports on the week ending that night.
 */
export function weekJustEnded(slot: Date): IsoWeek {
  return isoWeekOf(new Date(slot.getFullYear(), slot.getMonth(), slot.getDate() - 1, 12));
}

/** The first instant of a day (local midnight) and of the day after it, in ms. */
export function dayBounds(day: string): { from: number; to: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d).getTime(), to: new Date(y, m - 1, d + 1).getTime() };
}
