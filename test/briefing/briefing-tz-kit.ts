/**
 * Week bounds in the time zone the test file runs in (see the timezone
 * environment of test/core/scheduler): for a week whose Sunday has a
 * daylight-saving change, the week is still Monday to Sunday, a task that
 * arrives at 23:30 on that Sunday and an expense dated that Sunday count in
 * it, and what arrives at 00:30 on the Monday after counts in the next week.
 */
import { addDays } from '../../src/accounting/dates';
import { briefingWeek, dayBounds, weekJustEnded } from '../../src/briefing/briefing-week';
import { addIsoWeeks, formatIsoWeek, type IsoWeek } from '../../src/core/iso-week';
import { AgentHarness } from '../agent/agent-harness';
import { emailItem, SCENARIO_SETTINGS } from './briefing-scenario';

export interface DstWeek {
  /** What happens that Sunday. */
  name: string;
  week: IsoWeek;
  monday: string;
  sunday: string;
  /** How long that Sunday is. */
  sundayHours: 23 | 25;
}

export function dstWeekTests(zone: string, weeks: DstWeek[]): void {
  test(`the tests really run in ${zone}`, () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  });

  describe.each(weeks.map((w) => [w.name, w] as const))('%s', (_name, w) => {
    const nextMonday = addDays(w.sunday, 1);

    it('is Monday to Sunday, its Sunday has the changed length, and Monday 08:00 (or Sunday 23:59) reports on it', () => {
      expect(briefingWeek(w.week)).toMatchObject({ id: `CEO-${formatIsoWeek(w.week)}`, start: w.monday, end: w.sunday });
      const sunday = dayBounds(w.sunday);
      expect((sunday.to - sunday.from) / 3_600_000).toBe(w.sundayHours);
      expect(new Date(sunday.from).getHours()).toBe(0);
      expect(new Date(sunday.to).getHours()).toBe(0);
      expect(weekJustEnded(new Date(`${nextMonday}T08:00:00`))).toEqual(w.week);
      // A Sunday 23:59 schedule reports on the week ending that night.
      expect(weekJustEnded(new Date(`${w.sunday}T23:59:00`))).toEqual(w.week);
    });

    it('counts late Sunday in the week and early Monday in the next', async () => {
      const h = await new AgentHarness({ start: `${w.sunday}T12:00:00`, settings: SCENARIO_SETTINGS }).init();
      try {
        const books = await h.runtime.accounting();
        await books.logExpense({ amount: 70, category: 'Travel', description: 'Taxi', date: w.sunday, idempotencyKey: 'sunday' });
        await books.logExpense({ amount: 30, category: 'Travel', description: 'Bus', date: nextMonday, idempotencyKey: 'monday' });
        const arrive = async (when: string, who: string) => {
          h.clock.set(when);
          h.drop(`Email from ${who}.md`, emailItem(`${who} <${who.toLowerCase()}@example.com>`, `Meeting with ${who}`, new Date(when).toISOString(), 'Can we meet next Tuesday to discuss the project?'));
          await h.once();
        };
        await arrive(`${w.sunday}T23:30:00`, 'Ann');
        await arrive(`${nextMonday}T00:30:00`, 'Bob');
        h.clock.set(`${nextMonday}T09:00:00`);

        const week = await h.runtime.briefing.generate(w.week);
        expect(h.fm(week.path)).toMatchObject({ week_start: w.monday, week_end: w.sunday, expenses_total: 70 });
        expect(week.data.tasks?.received.current).toBe(1);
        expect(week.data.tasks?.pending.current).toBe(1);

        const next = await h.runtime.briefing.generate(addIsoWeeks(w.week, 1));
        expect(h.fm(next.path)).toMatchObject({ week_start: nextMonday, week_end: addDays(nextMonday, 6), expenses_total: 30 });
        expect([next.data.tasks?.received.current, next.data.tasks?.received.previous]).toEqual([1, 1]);
      } finally {
        await h.cleanup();
      }
    });
  });
}
