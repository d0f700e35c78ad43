/**
 * The checks a briefing must pass before it is written (the spec's
 * validation rules): the week runs Monday to Sunday, profit is revenue minus
 * expenses, the breakdowns add up to their totals, and the totals are what
 * the books report when asked again. A failure stops the write: a wrong
 * figure in front of the CEO is worse than no page.
 */
import { sumMoney } from '../accounting/money';
import { addDays } from '../accounting/dates';
import type { BriefingData } from './briefing-data';

export class BriefingValidationError extends Error {
  constructor(
    readonly week: string,
    readonly problems: string[],
  ) {
    super(`The briefing for ${week} was not written because its figures do not add up: ${problems.join('; ')}.`);
    this.name = 'BriefingValidationError';
  }
}

/** Rounding to cents may leave a cent per line; anything more is a real difference. */
function differs(a: number, b: number, lines = 1): boolean {
  return Math.abs(a - b) > 0.005 * Math.max(1, lines) + 1e-9;
}

const WEEKDAY = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();

/** Every problem found, in words; [] when the briefing may be written. */
export function briefingProblems(data: BriefingData, reported: { revenue: number; expenses: number } | null): string[] {
  const problems: string[] = [];
  const { week } = data;
  if (WEEKDAY(week.start) !== 1) problems.push(`the week starts on ${week.start}, which is not a Monday`);
  if (WEEKDAY(week.end) !== 0) problems.push(`the week ends on ${week.end}, which is not a Sunday`);
  if (addDays(week.start, 6) !== week.end) problems.push(`${week.start} to ${week.end} is not one week`);
  const f = data.finance;
  if (f) {
    const expected = f.revenue.current - f.expenses.current;
    if (differs(f.profit.current, expected)) problems.push(`profit ${f.profit.current} is not revenue ${f.revenue.current} minus expenses ${f.expenses.current}`);
    const byClient = sumMoney(f.revenue.byClient.map((c) => c.amount));
    if (differs(byClient, f.revenue.current, f.revenue.byClient.length)) problems.push(`revenue by client adds up to ${byClient}, not to the total ${f.revenue.current}`);
    const byProject = sumMoney(f.revenue.byProject.map((c) => c.amount));
    if (differs(byProject, f.revenue.current, f.revenue.byProject.length)) problems.push(`revenue by project adds up to ${byProject}, not to the total ${f.revenue.current}`);
    const byCategory = sumMoney(f.expenses.byCategory.map((c) => c.amount));
    if (differs(byCategory, f.expenses.current, f.expenses.byCategory.length)) problems.push(`expenses by category add up to ${byCategory}, not to the total ${f.expenses.current}`);
    if (reported) {
      if (differs(reported.revenue, f.revenue.current)) problems.push(`the books now report revenue of ${reported.revenue} for the week, not ${f.revenue.current}`);
      if (differs(reported.expenses, f.expenses.current)) problems.push(`the books now report expenses of ${reported.expenses} for the week, not ${f.expenses.current}`);
    }
  }
  return problems;
}
