/**
 * Durations and dates as the briefing prints them. Days are written the way
 * people say them (`1 day`, `2.5 days`); calendar dates come as `YYYY-MM-DD`
 * (or an ISO timestamp, whose date part is the user's day) and are formatted
 * as calendar days, never shifted by the machine's time zone.
 */
import { NO_FIGURE, plainSpaces, usableLocale } from './format-money';

/** `1` → `1 day`, `2.46` → `2.5 days`, `0` → `0 days` (one decimal at most). */
export function days(n: number): string {
  if (!Number.isFinite(n)) return NO_FIGURE;
  const rounded = Math.round(n * 10) / 10 || 0; // `|| 0`: -0.01 rounds to -0, which prints as "-0"
  return `${rounded} ${Math.abs(rounded) === 1 ? 'day' : 'days'}`;
}

/** A delay: `+3 days`, `-1 day`, `0 days`. */
export function signedDays(n: number): string {
  const text = days(n);
  return Number.isFinite(n) && Math.round(n * 10) / 10 > 0 ? `+${text}` : text;
}

/** How {@link formatDate} writes a day. */
export type DateStyle = 'iso' | 'short' | 'medium' | 'long' | 'month';

const STYLES: Record<Exclude<DateStyle, 'iso'>, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short' },
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  month: { month: 'long', year: 'numeric' },
};

/** Whether `style` is one {@link formatDate} knows. */
export function isDateStyle(style: string): style is DateStyle {
  return style === 'iso' || style in STYLES;
}

const DAY = /^(\d{4})-(\d{2})(?:-(\d{2}))?/;

/**
 * `2026-02-17` → `Feb 17, 2026` (medium, en-US), `February 2026` (month),
 * `2026-02-17` (iso). Accepts `YYYY-MM` for a month. Throws on text that is
 * not a date: only templates call this with arbitrary values, and a
 * template bug should be reported, not printed.
 */
export function formatDate(value: string, locale: string, style: DateStyle = 'medium'): string {
  const match = DAY.exec(value);
  if (!match) throw new Error(`"${value}" is not a date (expected YYYY-MM-DD)`);
  const [, year = '', month = '', day] = match;
  if (style === 'iso') return day === undefined ? `${year}-${month}` : `${year}-${month}-${day}`;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? '1')));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== Number(month) - 1) {
    throw new Error(`"${value}" is not a date (expected YYYY-MM-DD)`);
  }
  return plainSpaces(new Intl.DateTimeFormat(usableLocale(locale), { ...STYLES[style], timeZone: 'UTC' }).format(date));
}
