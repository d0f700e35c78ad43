/**
 * Edge weeks, end to end on a real runtime: an empty week, a week with only
 * expenses (a loss), ISO week 53 of 2026 (which ends in January 2027), the
 * weeks of New York's daylight-saving changes (Sunday 2026-03-08 has 23
 * hours, Sunday 2026-11-01 has 25), and a week that has not started yet.
 * Pacific/Auckland is in briefing-weeks-auckland.test.ts.
 *
 * @jest-environment ./test/core/scheduler/timezone-environment.ts
 * @timezone America/New_York
 */
import { briefingWeek, weekJustEnded } from '../../src/briefing/briefing-week';
import { weekToReport } from '../../src/cli/commands/briefing';
import { UsageError } from '../../src/cli/usage-error';
import { AgentHarness } from '../agent/agent-harness';
import { SCENARIO_SETTINGS } from './briefing-scenario';
import { dstWeekTests } from './briefing-tz-kit';

let current: AgentHarness | null = null;

afterEach(async () => {
  await current?.cleanup();
  current = null;
});

async function harnessAt(start: string): Promise<AgentHarness> {
  current = await new AgentHarness({ start, settings: SCENARIO_SETTINGS }).init();
  return current;
}

describe('an empty week (a fresh vault)', () => {
  it('is written with the empty states and totals of 0', async () => {
    const h = await harnessAt('2026-03-09T09:00:00');
    const { path, data } = await h.runtime.briefing.generate({ year: 2026, week: 10 });
    expect(path).toBe('Briefings/CEO-2026-W10.md');
    expect(h.fm(path)).toMatchObject({ briefing_id: 'CEO-2026-W10', revenue_total: 0, expenses_total: 0, profit: 0, tasks_completed: 0, tasks_pending: 0, awaiting_approval: 0 });
    const page = h.read(path);
    for (const text of [
      'No revenue and no expenses were booked this week. 0 tasks were completed and 0 are open; nothing waits for your decision.',
      'No revenue this week.',
      'No expenses this week.',
      '**Net Profit**: \\$0 (\\$0 - \\$0)',
      'No bottlenecks: every task finished within its expected time.',
      '- Average time to completion: no task was completed this week',
      '- Backlog: steady (0 → 0)',
      'No action items.',
    ]) {
      expect(page).toContain(text);
    }
    expect(page).not.toMatch(/undefined|null|NaN|\[object Object\]/);
    expect(data.notes).toEqual([]);
  });
});

describe('a week with only expenses', () => {
  it('reports a loss', async () => {
    const h = await harnessAt('2026-03-09T09:00:00');
    const books = await h.runtime.accounting();
    await books.logExpense({ amount: 1500, category: 'Rent', description: 'March rent', vendor: 'City Offices', date: '2026-03-02', idempotencyKey: 'rent' });
    await books.logExpense({ amount: 234.56, category: 'Software', description: 'Design tools', vendor: 'Figma', date: '2026-03-06', idempotencyKey: 'figma' });
    const { path, data } = await h.runtime.briefing.generate({ year: 2026, week: 10 });
    expect(h.fm(path)).toMatchObject({ revenue_total: 0, expenses_total: 1734.56, profit: -1734.56 });
    expect(data.executiveSummary).toMatch(/^Revenue was \$0 this week, against \$1,734\.56 of expenses: a loss of \$1,734\.56\./);
    const page = h.read(path);
    expect(page).toContain('No revenue this week.');
    expect(page).toContain('**Net Profit**: -\\$1,734.56 (\\$0 - \\$1,734.56)');
    expect(page).toMatch(/\| Rent +\| +\\\$1,500 \| +\\\$0 \| +new \|/);
    expect(page).toContain('**Cash**: -\\$1,734.56 (last week \\$0)');
  });
});

describe('ISO week 53 of 2026', () => {
  it('runs from Monday 2026-12-28 to Sunday 2027-01-03 and measures January 2027 to date', async () => {
    const h = await harnessAt('2027-01-04T09:00:00');
    expect(weekJustEnded(new Date(2027, 0, 4, 8, 0))).toEqual({ year: 2026, week: 53 });
    expect(briefingWeek({ year: 2026, week: 53 })).toEqual({ id: 'CEO-2026-W53', label: '2026-W53', year: 2026, week: 53, start: '2026-12-28', end: '2027-01-03' });
    const books = await h.runtime.accounting();
    const sale = async (key: string, amount: number, issueDate: string) => {
      const { invoice } = await books.createInvoice({ client: 'Acme Builders', lines: [{ description: key, quantity: 1, unitPrice: amount }], issueDate, dueDate: '2027-02-01', idempotencyKey: key });
      await books.postInvoice(invoice.id);
    };
    await sale('december', 1000, '2026-12-29');
    await sale('january', 500, '2027-01-02');
    await sale('week-52', 700, '2026-12-27');
    await books.logExpense({ amount: 40, category: 'Software', description: 'Hosting', date: '2027-01-03', idempotencyKey: 'hosting' });

    const { path, data } = await h.runtime.briefing.generate({ year: 2026, week: 53 });
    expect(path).toBe('Briefings/CEO-2026-W53.md');
    expect(h.fm(path)).toMatchObject({ briefing_id: 'CEO-2026-W53', week: '2026-W53', week_start: '2026-12-28', week_end: '2027-01-03', revenue_total: 1500, expenses_total: 40, profit: 1460 });
    expect(data.finance?.revenue.previous).toBe(700);
    expect(data.finance?.monthToDate).toMatchObject({ month: '2027-01', revenue: 500 });
    const page = h.read(path);
    expect(page).toContain('# CEO Briefing - Week 2026-W53');
    expect(page).toContain('**Week**: 2026-12-28 to 2027-01-03');
    expect(page).toContain('Month to date (January 2027): \\$500 of the \\$10,000 target (5%)');
  });
});

describe('daylight saving in New York', () => {
  dstWeekTests('America/New_York', [
    { name: '2026-W10, when summer time starts', week: { year: 2026, week: 10 }, monday: '2026-03-02', sunday: '2026-03-08', sundayHours: 23 },
    { name: '2026-W44, when summer time ends', week: { year: 2026, week: 44 }, monday: '2026-10-26', sunday: '2026-11-01', sundayHours: 25 },
  ]);

  it('writes the offset of the day the briefing was made', async () => {
    const h = await harnessAt('2026-03-09T09:00:00');
    const { path } = await h.runtime.briefing.generate({ year: 2026, week: 10 });
    expect(h.fm(path).generated).toBe('2026-03-09T09:00:00.000-04:00');
  });
});

describe('a week that has not started', () => {
  const monday = new Date(2026, 2, 9, 9, 0);

  it('is refused with what to pick instead', () => {
    expect(() => weekToReport('2026-W12', monday)).toThrow(new UsageError('2026-W12 has not started yet; pick this week or an earlier one.'));
    expect(() => weekToReport('2027-W01', monday)).toThrow(UsageError);
  });

  it('this week, an earlier one and the default (the week just ended) are accepted', () => {
    expect(weekToReport('2026-W11', monday)).toEqual({ year: 2026, week: 11 });
    expect(weekToReport('2026-W01', monday)).toEqual({ year: 2026, week: 1 });
    expect(weekToReport(undefined, monday)).toEqual({ year: 2026, week: 10 });
  });

  it('a week that does not exist is refused too', () => {
    expect(() => weekToReport('2025-W53', monday)).toThrow('--week must be an ISO week like 2026-W05 (a week that exists in that year), not "2025-W53".');
  });
});
