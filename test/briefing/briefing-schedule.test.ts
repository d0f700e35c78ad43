/**
 * The weekly briefing job on a real runtime with a ManualClock: Monday 08:00
 * (local, here Berlin) writes the week that just ended, once; a runtime that
 * was not running on Monday catches up once, for the week that just ended
 * (however many Mondays it missed); a "sunday 23:59" schedule reports on the
 * week ending that night; `briefing.enabled: false` registers no job.
 *
 * @jest-environment ./test/core/scheduler/timezone-environment.ts
 * @timezone Europe/Berlin
 */
import * as fs from 'node:fs';
import { BRIEFING_JOB } from '../../src/core/runtime';
import { AgentHarness } from '../agent/agent-harness';

let h: AgentHarness | null = null;

afterEach(async () => {
  await h?.cleanup();
  h = null;
});

/** A runtime whose scheduler has seen the jobs at `firstTick` (a weekly job never runs for a slot before it was first seen). */
async function runtimeSeenAt(firstTick: string, settings: Record<string, unknown> = {}): Promise<AgentHarness> {
  const harness = await new AgentHarness({ start: firstTick, settings: { ...settings, briefing: { locale: 'en-US', ...(settings.briefing as object | undefined) } } }).init();
  h = harness;
  await harness.runtime.scheduler.tick();
  return harness;
}

async function tickAt(harness: AgentHarness, when: string): Promise<string[]> {
  harness.clock.set(when);
  return (await harness.runtime.scheduler.tick()).ran;
}

const pages = (harness: AgentHarness) => harness.notes('Briefings').filter((n) => n.startsWith('CEO-'));
/** The slots the briefing job ran for, from the audit log and its weekly archives (log maintenance rotates it). */
function briefingRuns(harness: AgentHarness): string[] {
  const archive = harness.abs('Logs/archive');
  const archived = fs.existsSync(archive) ? fs.readdirSync(archive).filter((n) => /^audit_log-.*\.jsonl$/.test(n)).sort().map((n) => `Logs/archive/${n}`) : [];
  return [...archived, 'Logs/audit_log.jsonl']
    .flatMap((file) => harness.jsonl(file))
    .filter((e) => e.action === `scheduler.run.${BRIEFING_JOB}`)
    .map((e) => (e.details as { slot: string }).slot);
}

describe('Monday 08:00', () => {
  it("writes last week's briefing once, and a later tick the same day writes nothing new", async () => {
    const harness = await runtimeSeenAt('2026-03-08T12:00:00');
    expect(await tickAt(harness, '2026-03-09T07:59:00')).not.toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual([]);

    expect(await tickAt(harness, '2026-03-09T08:00:00')).toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W10.md']);
    expect(harness.fm('Briefings/CEO-2026-W10.md')).toMatchObject({ week_start: '2026-03-02', week_end: '2026-03-08', generated: '2026-03-09T08:00:00.000+01:00' });
    const first = harness.read('Briefings/CEO-2026-W10.md');

    for (const later of ['2026-03-09T08:01:00', '2026-03-09T17:00:00', '2026-03-09T23:59:00']) expect(await tickAt(harness, later)).not.toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W10.md']);
    expect(harness.read('Briefings/CEO-2026-W10.md')).toBe(first);
    expect(harness.auditActions('briefing.generate')).toHaveLength(1);
    expect(briefingRuns(harness)).toEqual(['2026-03-09T08:00:00.000+01:00']);
  });
});

describe('missed runs', () => {
  it('a runtime that was not running on Monday writes the week that just ended at its next tick, once', async () => {
    const harness = await runtimeSeenAt('2026-03-01T12:00:00');
    expect(await tickAt(harness, '2026-03-02T08:00:00')).toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W09.md']);

    // Closed over the next Monday; started again on Wednesday.
    await harness.runtime.stop();
    harness.clock.set('2026-03-11T10:00:00');
    await harness.restart();
    expect((await harness.runtime.scheduler.tick()).ran).toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W09.md', 'CEO-2026-W10.md']);
    expect(harness.fm('Briefings/CEO-2026-W10.md')).toMatchObject({ week: '2026-W10', generated: '2026-03-11T10:00:00.000+01:00' });
    expect(briefingRuns(harness)).toEqual(['2026-03-02T08:00:00.000+01:00', '2026-03-09T08:00:00.000+01:00']);

    expect(await tickAt(harness, '2026-03-11T11:00:00')).not.toContain(BRIEFING_JOB);
    expect(await tickAt(harness, '2026-03-15T23:00:00')).not.toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W09.md', 'CEO-2026-W10.md']);
  });

  it('after several missed Mondays, one catch-up run writes only the latest week', async () => {
    const harness = await runtimeSeenAt('2026-03-01T12:00:00');
    await tickAt(harness, '2026-03-02T08:00:00');
    await harness.runtime.stop();
    harness.clock.set('2026-03-25T09:30:00');
    await harness.restart();
    await harness.runtime.scheduler.tick();
    await tickAt(harness, '2026-03-25T10:30:00');
    expect(pages(harness)).toEqual(['CEO-2026-W09.md', 'CEO-2026-W12.md']);
    expect(briefingRuns(harness)).toEqual(['2026-03-02T08:00:00.000+01:00', '2026-03-23T08:00:00.000+01:00']);
  });
});

describe('a "sunday 23:59" schedule', () => {
  it('reports on the week ending that night', async () => {
    const harness = await runtimeSeenAt('2026-03-07T12:00:00', { schedules: { weeklyBriefingDay: 'sunday', weeklyBriefingTime: '23:59' } });
    expect(await tickAt(harness, '2026-03-08T23:58:00')).not.toContain(BRIEFING_JOB);
    expect(await tickAt(harness, '2026-03-08T23:59:00')).toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W10.md']);
    expect(harness.fm('Briefings/CEO-2026-W10.md')).toMatchObject({ week_start: '2026-03-02', week_end: '2026-03-08' });
    expect(await tickAt(harness, '2026-03-09T08:00:00')).not.toContain(BRIEFING_JOB);
    expect(pages(harness)).toEqual(['CEO-2026-W10.md']);
  });
});

describe('briefing.enabled: false', () => {
  it('registers no job, and nothing is written on Monday; a briefing asked for by hand still is', async () => {
    const harness = await runtimeSeenAt('2026-03-08T12:00:00', { briefing: { enabled: false } });
    const jobs = (await harness.runtime.scheduler.status()).map((j) => j.id);
    expect(jobs).not.toContain(BRIEFING_JOB);
    expect(jobs).toContain('vault.triage');
    await expect(harness.runtime.scheduler.runNow(BRIEFING_JOB)).rejects.toThrow(`There is no scheduled job called "${BRIEFING_JOB}".`);
    await tickAt(harness, '2026-03-09T08:00:00');
    await tickAt(harness, '2026-03-10T08:00:00');
    expect(pages(harness)).toEqual([]);
    expect(briefingRuns(harness)).toEqual([]);

    expect((await harness.runtime.briefing.generate({ year: 2026, week: 10 })).path).toBe('Briefings/CEO-2026-W10.md');
  });
});
