const SEARCH_WINDOW_MS = 3 * 60 * 60_000;

/**
 * The first instant at which the local wall clock reads the given date and
 * time. Usually that is simply `new Date(y, m, d, h, min)`. When the time does
 * not exist (the hour skipped when clocks spring forward) it is the moment
 * the clocks jump, so a 02:30 job runs at 03:00 rather than an hour late.
 * When the time happens twice (clocks fall back) it is the first one, so the
 * job runs once.
 */
export function localWallTime(year: number, monthIndex: number, day: number, hours: number, minutes: number): Date {
  const guess = new Date(year, monthIndex, day, hours, minutes);
  const target = Date.UTC(year, monthIndex, day, hours, minutes);
  const guessWall = wallClock(guess);
  if (guessWall === target) return guess;
  // Binary search for the earliest instant whose wall-clock reading is at or
  // past the target; the skipped stretch is never longer than a few hours.
  let lo = guessWall > target ? guess.getTime() - SEARCH_WINDOW_MS : guess.getTime();
  let hi = guessWall > target ? guess.getTime() : guess.getTime() + SEARCH_WINDOW_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(new Date(mid)) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The local wall-clock reading of an instant, as if it were UTC, for comparisons. */
function wallClock(d: Date): number {
  return Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
}

/** Local noon of the calendar day `offsetDays` away from `from`'s local date (noon dodges midnight DST changes). */
export function localDay(from: Date, offsetDays: number): Date {
  return new Date(from.getFullYear(), from.getMonth(), from.getDate() + offsetDays, 12);
}
