/**
 * Date periods for grouped reads (`date:month` and friends): where a period
 * starts and ends, and the label Odoo shows for it in English.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'];

/** The start of the period holding `day` (YYYY-MM-DD). */
export function periodStart(day: string, granularity: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  switch (granularity) {
    case 'day':
      return day.slice(0, 10);
    case 'week': {
      const date = new Date(Date.UTC(y, m - 1, d));
      const offset = (date.getUTCDay() + 6) % 7; // ISO weeks start on Monday
      date.setUTCDate(date.getUTCDate() - offset);
      return date.toISOString().slice(0, 10);
    }
    case 'month':
      return `${y}-${String(m).padStart(2, '0')}-01`;
    case 'quarter':
      return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    default:
      return `${y}-01-01`;
  }
}

export function periodEnd(start: string, granularity: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (granularity === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (granularity === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else if (granularity === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
  else if (granularity === 'quarter') date.setUTCMonth(date.getUTCMonth() + 3);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

export function periodLabel(start: string, granularity: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  switch (granularity) {
    case 'day':
      return `${String(d).padStart(2, '0')} ${(MONTHS[m - 1] as string).slice(0, 3)} ${y}`;
    case 'week': {
      const date = new Date(Date.UTC(y, m - 1, d + 3));
      const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
      const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / 86400000 / 7 - ((firstThursday.getUTCDay() + 6) % 7) / 7 + 3 / 7);
      return `W${week} ${date.getUTCFullYear()}`;
    }
    case 'month':
      return `${MONTHS[m - 1] as string} ${y}`;
    case 'quarter':
      return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
    default:
      return String(y);
  }
}
