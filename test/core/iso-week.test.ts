import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  addIsoWeeks,
  compareIsoWeeks,
  formatIsoWeek,
  isoWeekEnd,
  isoWeekOf,
  isoWeekStart,
  parseIsoWeek,
  weeksInIsoYear,
} from '../../src/core/iso-week';

/** Local dates: the functions read local time, so the expectations do too. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);

describe('isoWeekOf', () => {
  it.each([
    [local(2026, 1, 1), 2026, 1], // Thursday: week 1 of its own year
    [local(2025, 12, 29, 0, 0), 2026, 1], // Monday of 2026-W01, still in 2025
    [local(2025, 12, 28, 23, 59), 2025, 52],
    [local(2026, 2, 16), 2026, 8],
    [local(2026, 12, 31), 2026, 53],
    [local(2027, 1, 1), 2026, 53], // Friday after the 53rd Thursday
    [local(2027, 1, 3, 23, 59), 2026, 53], // Sunday
    [local(2027, 1, 4, 0, 0), 2027, 1], // Monday
    [local(2024, 12, 30), 2025, 1],
    [local(2021, 1, 3), 2020, 53],
    [local(2021, 1, 4), 2021, 1],
  ])('%s is in %i-W%i', (date, year, week) => {
    expect(isoWeekOf(date)).toEqual({ year, week });
  });
});

describe('isoWeekStart / isoWeekEnd', () => {
  it('starts on local Monday 00:00', () => {
    expect(isoWeekStart(2026, 1)).toEqual(new Date(2025, 11, 29));
    expect(isoWeekStart(2026, 53)).toEqual(new Date(2026, 11, 28));
    expect(isoWeekEnd(2026, 53)).toEqual(new Date(2027, 0, 4));
    expect(isoWeekStart(2027, 1)).toEqual(new Date(2027, 0, 4));
  });

  it('round-trips every week from 2000 to 2040', () => {
    for (let year = 2000; year <= 2040; year++) {
      for (let week = 1; week <= weeksInIsoYear(year); week++) {
        const start = isoWeekStart(year, week);
        const end = isoWeekEnd(year, week);
        expect(start.getDay()).toBe(1);
        expect([start.getHours(), start.getMinutes(), start.getSeconds(), start.getMilliseconds()]).toEqual([0, 0, 0, 0]);
        expect(isoWeekOf(start)).toEqual({ year, week });
        expect(isoWeekOf(new Date(end.getTime() - 1))).toEqual({ year, week });
        expect(isoWeekOf(end)).toEqual(addIsoWeeks({ year, week }, 1));
      }
    }
  });

  it('rejects weeks that do not exist, with a readable message', () => {
    expect(() => isoWeekStart(2025, 53)).toThrow('There is no week 53 in 2025; weeks run from 1 to 52.');
    expect(() => isoWeekStart(2026, 0)).toThrow(RangeError);
    expect(() => isoWeekStart(2026, 1.5)).toThrow(RangeError);
  });
});

describe('weeksInIsoYear', () => {
  it.each([
    [2015, 53],
    [2020, 53],
    [2024, 52],
    [2025, 52],
    [2026, 53],
    [2027, 52],
    [2032, 53],
  ])('%i has %i weeks', (year, weeks) => {
    expect(weeksInIsoYear(year)).toBe(weeks);
  });
});

describe('format, parse, compare, add', () => {
  it('formats with padding', () => {
    expect(formatIsoWeek({ year: 2026, week: 5 })).toBe('2026-W05');
    expect(formatIsoWeek({ year: 2026, week: 53 })).toBe('2026-W53');
  });

  it('parses only existing weeks', () => {
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek(' 2026-w5 ')).toEqual({ year: 2026, week: 5 });
    expect(parseIsoWeek('2026W07')).toEqual({ year: 2026, week: 7 });
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('2026-07')).toBeNull();
    expect(parseIsoWeek('next week')).toBeNull();
  });

  it('compares and steps across year boundaries', () => {
    expect(compareIsoWeeks({ year: 2026, week: 53 }, { year: 2027, week: 1 })).toBeLessThan(0);
    expect(compareIsoWeeks({ year: 2027, week: 1 }, { year: 2026, week: 53 })).toBeGreaterThan(0);
    expect(compareIsoWeeks({ year: 2026, week: 8 }, { year: 2026, week: 8 })).toBe(0);
    expect(addIsoWeeks({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(addIsoWeeks({ year: 2027, week: 1 }, -1)).toEqual({ year: 2026, week: 53 });
    expect(addIsoWeeks({ year: 2025, week: 52 }, 1)).toEqual({ year: 2026, week: 1 });
    expect(addIsoWeeks({ year: 2026, week: 8 }, -60)).toEqual({ year: 2024, week: 52 });
  });
});

/**
 * Jest gives each test file a copy of process.env, so TZ cannot be changed
 * here; the module is run in a child Node process with TZ set instead.
 */
describe('in time zones with daylight saving', () => {
  let dir: string;
  let modulePath: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-isoweek-'));
    const source = fs.readFileSync(path.join(__dirname, '../../src/core/iso-week.ts'), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    modulePath = path.join(dir, 'iso-week.js');
    fs.writeFileSync(modulePath, js);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const runIn = (tz: string, body: string): Record<string, unknown> => {
    const script = `const w = require(${JSON.stringify(modulePath)}); process.stdout.write(JSON.stringify((() => { ${body} })()));`;
    const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    return JSON.parse(out) as Record<string, unknown>;
  };

  it('Europe/Berlin: the spring week is 167 hours, the autumn week 169, both start at local midnight', () => {
    const r = runIn(
      'Europe/Berlin',
      `
      const hours = (y, wk) => (w.isoWeekEnd(y, wk) - w.isoWeekStart(y, wk)) / 3600000;
      return {
        offsetCheck: new Date(2026, 2, 30).getTimezoneOffset(),
        springHours: hours(2026, 13),
        autumnHours: hours(2026, 43),
        w14Start: w.isoWeekStart(2026, 14).toISOString(),
        w44Start: w.isoWeekStart(2026, 44).toISOString(),
        sundayNightAfterSpring: w.isoWeekOf(new Date(2026, 2, 29, 23, 30)),
        mondayJustAfter: w.isoWeekOf(new Date('2026-03-29T22:30:00Z')),
        sundayNightAfterAutumn: w.isoWeekOf(new Date(2026, 9, 25, 23, 59)),
        mondayAfterAutumn: w.isoWeekOf(new Date('2026-10-25T23:30:00Z')),
        badWeeks: (() => {
          const bad = [];
          for (let y = 2020; y <= 2035; y++) for (let wk = 1; wk <= w.weeksInIsoYear(y); wk++) {
            const s = w.isoWeekStart(y, wk);
            const back = w.isoWeekOf(s);
            if (s.getDay() !== 1 || s.getHours() !== 0 || back.year !== y || back.week !== wk) bad.push(y + '-' + wk);
          }
          return bad;
        })(),
      };`,
    );
    expect(r.offsetCheck).toBe(-120); // proves the child really ran in Berlin summer time
    expect(r.springHours).toBe(167);
    expect(r.autumnHours).toBe(169);
    expect(r.w14Start).toBe('2026-03-29T22:00:00.000Z');
    expect(r.w44Start).toBe('2026-10-25T23:00:00.000Z');
    expect(r.sundayNightAfterSpring).toEqual({ year: 2026, week: 13 });
    expect(r.mondayJustAfter).toEqual({ year: 2026, week: 14 });
    expect(r.sundayNightAfterAutumn).toEqual({ year: 2026, week: 43 });
    expect(r.mondayAfterAutumn).toEqual({ year: 2026, week: 44 });
    expect(r.badWeeks).toEqual([]);
  });

  it('America/New_York: Sunday late evening is still the old week although UTC is already Monday', () => {
    const r = runIn(
      'America/New_York',
      `return {
        sunday: w.isoWeekOf(new Date('2026-03-09T03:30:00Z')),
        monday: w.isoWeekOf(new Date('2026-03-09T04:30:00Z')),
        yearEnd: w.isoWeekOf(new Date('2027-01-04T04:59:00Z')),
        yearStart: w.isoWeekOf(new Date('2027-01-04T05:00:00Z')),
      };`,
    );
    expect(r.sunday).toEqual({ year: 2026, week: 10 });
    expect(r.monday).toEqual({ year: 2026, week: 11 });
    expect(r.yearEnd).toEqual({ year: 2026, week: 53 });
    expect(r.yearStart).toEqual({ year: 2027, week: 1 });
  });

  it('Pacific/Auckland: Monday morning local is the new week although UTC is still Sunday', () => {
    const r = runIn(
      'Pacific/Auckland',
      `return {
        monday: w.isoWeekOf(new Date('2026-02-15T11:30:00Z')),
        start: w.isoWeekStart(2026, 8).toISOString(),
      };`,
    );
    expect(r.monday).toEqual({ year: 2026, week: 8 });
    expect(r.start).toBe('2026-02-15T11:00:00.000Z');
  });
});
