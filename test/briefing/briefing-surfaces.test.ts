/**
 * Where the owner meets the briefing outside the page: the dashboard's
 * "Latest CEO briefing" section, the page written again for the same week
 * (the owner's notes stay), and the built CLI (`npm run build` first):
 * `briefing --week`, `--json`, a bad or future week (exit 2), figures that
 * stop adding up while it runs (exit 1).
 *
 * @jest-environment ./test/core/scheduler/timezone-environment.ts
 * @timezone UTC
 */
import * as fs from 'node:fs';
import { startFakeLlm } from '../llm/fake-llm-server';
import type { FakeLlm } from '../llm/fake-llm-types';
import { CliProcess, runCli, waitUntil } from '../cli/run-cli';
import type { AgentHarness } from '../agent/agent-harness';
import { BACKENDS, MONDAY_AFTER, openScenario, seedBooks, W10 } from './briefing-scenario';

const PAGE = 'Briefings/CEO-2026-W10.md';
let close: (() => Promise<void>) | null = null;
let llm: FakeLlm | null = null;

afterEach(async () => {
  await close?.();
  await llm?.close();
  close = null;
  llm = null;
});

/** A ledger vault with the W10 books, its runtime stopped (as the CLI finds a vault). */
async function seededVault(start = '2026-03-01T12:00:00'): Promise<AgentHarness> {
  const s = await openScenario(BACKENDS[0]!, start);
  close = s.close;
  await seedBooks(await s.h.runtime.accounting());
  return s.h;
}

/** The section of Dashboard.md under a heading. */
function dashboardSection(h: AgentHarness, title: string): string {
  const text = h.read('Dashboard.md');
  const start = text.indexOf(`## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('the dashboard', () => {
  it('links the newest briefing with its summary and totals, without stray backslashes', async () => {
    const h = await seededVault();
    h.clock.set('2026-03-02T09:00:00');
    await h.runtime.briefing.generate({ year: 2026, week: 9 });
    h.clock.set(MONDAY_AFTER);
    const { data } = await h.runtime.briefing.generate(W10);
    await h.runtime.dashboard.refresh();

    const section = dashboardSection(h, 'Latest CEO briefing');
    expect(section).toContain('[[Briefings/CEO-2026-W10|Week 2026-W10]] (2026-03-02 to 2026-03-08)');
    expect(section).not.toContain('W09');
    expect(data.executiveSummary).toMatch(/^Revenue was \$8,800 this week \(\+193\.3% on last week\)/);
    // The dashboard escapes the summary's `$` once for Obsidian, as the page does.
    expect(section).toContain(`> ${data.executiveSummary.replace(/\$/g, '\\$')}`);
    expect(section).toContain('Revenue **8,800 USD** · Expenses **364.99 USD** · Profit **8,435.01 USD**');
    expect(section).not.toMatch(/\\\\/);
    expect(section).not.toMatch(/\\[^$|*_[\]]/);
  });

  it("keeps the owner's notes when the week is written again", async () => {
    const h = await seededVault();
    h.clock.set(MONDAY_AFTER);
    await h.runtime.briefing.generate(W10);
    const notes = '## Your notes\n\nCall Summit Legal myself on Tuesday.\n\n- [ ] Ask Acme about the brochure reprint\n';
    h.write(PAGE, h.read(PAGE).replace(/## Your notes\n[\s\S]*$/, notes));

    const books = await h.runtime.accounting();
    const { invoice } = await books.createInvoice({ client: 'Late Entry Ltd', lines: [{ description: 'Workshop', quantity: 1, unitPrice: 1000 }], issueDate: '2026-03-07', idempotencyKey: 'late' });
    await books.postInvoice(invoice.id);
    h.clock.set('2026-03-09T10:00:00');
    await h.runtime.briefing.generate(W10);

    const page = h.read(PAGE);
    expect(h.fm(PAGE)).toMatchObject({ revenue_total: 9800, generated: '2026-03-09T10:00:00.000+00:00' });
    expect(page.endsWith(`\n${notes}`)).toBe(true);
    expect(page.match(/## Your notes/g)).toHaveLength(1);
    expect(page).toContain('| Late Entry Ltd    | —        |     \\$1,000 |');
  });
});

describe('the CLI', () => {
  const settings = (h: AgentHarness, value: Record<string, unknown>) => h.write('.obsidian/plugins/ai-employee/data.json', JSON.stringify(value));

  it('writes the week asked for, prints the path and the summary, and exits 0', async () => {
    const h = await seededVault();
    settings(h, { briefing: { locale: 'en-US' } });
    const result = await runCli(['briefing', '--week', '2026-W10', '--vault', h.dir]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const summary = /## Executive Summary\n\n(.*)\n/.exec(h.read(PAGE))?.[1] ?? 'missing';
    expect(result.stdout).toBe(
      [
        'Writing the CEO briefing for 2026-W10 (2026-03-02 to 2026-03-08)…',
        `Wrote ${PAGE}`,
        '',
        summary.replace(/\\\$/g, '$'),
        '',
        'Revenue $8,800 · Expenses $364.99 · Profit $8,435.01',
        '',
      ].join('\n'),
    );
    expect(h.fm(PAGE)).toMatchObject({ revenue_total: 8800, expenses_total: 364.99, profit: 8435.01 });
    // The CLI refreshed the dashboard, which now links the page.
    expect(h.read('Dashboard.md')).toContain('[[Briefings/CEO-2026-W10|Week 2026-W10]]');
  });

  it('--json prints one JSON document, with the template problem when there is one', async () => {
    const h = await seededVault();
    settings(h, { briefing: { locale: 'en-US' } });
    h.write('Briefings/Template - CEO briefing.md', '# {{week.label}}\n\n{{#each insights}}\n');
    const result = await runCli(['briefing', '--week', '2026-W10', '--vault', h.dir, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      path: PAGE,
      week: { id: 'CEO-2026-W10', label: '2026-W10', start: '2026-03-02', end: '2026-03-08' },
      revenue_total: 8800,
      expenses_total: 364.99,
      profit: 8435.01,
      notes: [],
      template_problem: 'Template Briefings/Template - CEO briefing.md, line 3: {{#each}} is never closed (add {{/each}}). The default template was used instead.',
    });
    expect(typeof doc.summary).toBe('string');
    expect(result.stderr).toBe(`Note: ${String(doc.template_problem)}\n`);
  });

  it.each([
    ['a week that does not exist', '2026-W60', '--week must be an ISO week like 2026-W05 (a week that exists in that year), not "2026-W60".'],
    ['a week in the future', '2099-W01', '2099-W01 has not started yet; pick this week or an earlier one.'],
    ['a date instead of a week', '2026-03-02', '--week must be an ISO week like 2026-W05 (a week that exists in that year), not "2026-03-02".'],
  ])('refuses %s with exit 2 and a clear message', async (_name, week, message) => {
    const h = await seededVault();
    const result = await runCli(['briefing', '--week', week, '--vault', h.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(h.notes('Briefings').filter((n) => n.startsWith('CEO-'))).toEqual([]);
  });

  it('exits 1 and writes nothing when the figures stop adding up while it runs', async () => {
    const h = await seededVault();
    llm = await startFakeLlm();
    // The LLM is asked for the summary after the figures are collected and before they are
    // checked again; while it "thinks", a sale is entered in the books.
    llm.script({ kind: 'delay', ms: 2000, then: { kind: 'text', text: 'Revenue was strong this week and costs stayed low; chase Summit Legal.' } });
    settings(h, { briefing: { locale: 'en-US' }, agent: { reasoner: 'llm', llm: { provider: 'anthropic', baseUrl: llm.url, model: 'test-model' } } });
    const cli = new CliProcess(['briefing', '--week', '2026-W10', '--vault', h.dir], { env: { LLM_API_KEY: llm.apiKey } });
    try {
      await waitUntil(() => llm!.requests.length > 0 || !cli.running, 15_000, () => `the summary request\n${cli.describe()}`);
      const books = await h.runtime.accounting();
      const { invoice } = await books.createInvoice({ client: 'Late Entry Ltd', lines: [{ description: 'Workshop', quantity: 1, unitPrice: 1000 }], issueDate: '2026-03-04', idempotencyKey: 'late' });
      await books.postInvoice(invoice.id);
      const result = await cli.exited;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The briefing for 2026-W10 was not written because its figures do not add up: the books now report revenue of 9800 for the week, not 8800.');
    } finally {
      await cli.kill();
    }
    expect(fs.existsSync(h.abs(PAGE))).toBe(false);
    expect(h.errors().some((e) => String(e.message).startsWith('The CEO briefing for 2026-W10 was not written'))).toBe(true);
  });
});
