/**
 * What the owner's template and the checks do to the page, end to end: a
 * working template in the vault is used; a broken one (a syntax error, an
 * unknown helper) falls back to the shipped template and says so on the
 * page, in the error log and in the result; figures that stop adding up
 * between the collection and the re-check stop the write; books that are
 * down leave the finance sections out, with the reason.
 *
 * @jest-environment ./test/core/scheduler/timezone-environment.ts
 * @timezone UTC
 */
import type { AccountingPort, DateRange } from '../../src/accounting/accounting-port';
import { escapeInline } from '../../src/briefing/render/format-markdown';
import { BriefingValidationError } from '../../src/briefing/validate-briefing';
import { WeeklyBriefing } from '../../src/briefing/weekly-briefing';
import type { AgentHarness } from '../agent/agent-harness';
import { BACKENDS, MONDAY_AFTER, openScenario, seedBooks, W10, W10_RANGE } from './briefing-scenario';

const TEMPLATE = 'Briefings/Template - CEO briefing.md';
const PAGE = 'Briefings/CEO-2026-W10.md';

let close: (() => Promise<void>) | null = null;

afterEach(async () => {
  await close?.();
  close = null;
});

/** The ledger scenario with W10's books, the clock on the Monday after. */
async function ledgerWeek(): Promise<AgentHarness> {
  const s = await openScenario(BACKENDS[0]!, '2026-03-01T12:00:00');
  close = s.close;
  await seedBooks(await s.h.runtime.accounting());
  s.h.clock.set(MONDAY_AFTER);
  return s.h;
}

describe("the owner's template", () => {
  it('is used when it works', async () => {
    const h = await ledgerWeek();
    h.write(TEMPLATE, ['---', 'type: template', '---', '# {{week.label}} for the board', '', '{{summary}}', '', 'Revenue {{finance.totals.revenue}}, profit {{money data.finance.profit.current}}.', '', '{{table finance.revenueTable}}', ''].join('\n'));
    const result = await h.runtime.briefing.generate(W10);
    expect(result.templateProblem).toBeUndefined();
    const page = h.read(PAGE);
    expect(page).toContain('\n# 2026-W10 for the board\n\nRevenue was \\$8,800 this week');
    expect(page).toContain('Revenue \\$8,800, profit \\$8,435.01.');
    expect(page).toContain('| Northwind Traders | —        |       \\$800 |');
    expect(page).not.toContain('## Executive Summary');
    expect(h.fm(PAGE)).toMatchObject({ revenue_total: 8800, profit: 8435.01 });
    expect(h.auditActions('briefing.generate').at(-1)).toMatchObject({ status: 'success', details: { template: 'user', week: '2026-W10' } });
    expect(h.errors()).toEqual([]);
  });

  it.each([
    ['a syntax error', ['---', 'type: template', '---', '# {{week.label}}', '', '{{#if finance}}', 'Revenue {{finance.totals.revenue}}', ''], `Template ${TEMPLATE}, line 6: {{#if}} is never closed (add {{/if}}). The default template was used instead.`],
    ['an unknown helper', ['# {{week.label}}', '', '{{shout summary}}', ''], `Template ${TEMPLATE}, line 3: unknown helper "shout" (the briefing helpers are money, signedMoney, pct, days, signedDays, date, table, cell, inline, eq, gt, add). The default template was used instead.`],
  ])('with %s falls back to the shipped template and says why', async (_name, lines, problem) => {
    const h = await ledgerWeek();
    h.write(TEMPLATE, lines.join('\n'));
    const result = await h.runtime.briefing.generate(W10);
    expect(result.templateProblem).toBe(problem);

    const page = h.read(PAGE);
    expect(page).toContain('\n# CEO Briefing - Week 2026-W10\n');
    expect(page).toContain('## Revenue\n');
    expect(page).toContain(`\n> [!note] About this briefing\n> - ${escapeInline(problem)}\n`);
    const warning = h.errors().find((e) => e.error === 'TemplateError');
    expect(warning).toMatchObject({ severity: 'WARNING', message: problem, source: 'briefing' });
    expect(h.auditActions('briefing.generate').at(-1)).toMatchObject({ status: 'success', details: { template: 'default' } });
  });
});

/**
 * The real books, but right after the first profit-and-loss question about
 * W10 (the collection's) a sale of 1,000 is posted on Wednesday of that
 * week, as if someone entered it while the briefing was being made.
 */
function booksThatChange(real: AccountingPort, week: DateRange): AccountingPort {
  let changed = false;
  const profitAndLoss = async (range: DateRange) => {
    const answer = await real.profitAndLoss(range);
    if (!changed && range.from === week.from && range.to === week.to) {
      changed = true;
      const { invoice } = await real.createInvoice({ client: 'Late Entry Ltd', lines: [{ description: 'Entered during the briefing', quantity: 1, unitPrice: 1000 }], issueDate: '2026-03-04', idempotencyKey: 'late-entry' });
      await real.postInvoice(invoice.id);
    }
    return answer;
  };
  return new Proxy(real, {
    get(target, prop): unknown {
      if (prop === 'profitAndLoss') return profitAndLoss;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('figures that do not add up', () => {
  it('stop the write, with a clear message everywhere the owner looks', async () => {
    const h = await ledgerWeek();
    const { runtime } = h;
    const failed: unknown[] = [];
    runtime.bus.on('briefing.failed', (payload) => void failed.push(payload));
    const real = await runtime.accounting();
    const briefing = new WeeklyBriefing({
      vault: runtime.deps.vault,
      layout: runtime.layout,
      clock: runtime.clock,
      bus: runtime.bus,
      audit: runtime.audit,
      errors: runtime.errors,
      books: () => Promise.resolve(booksThatChange(real, W10_RANGE)),
      store: runtime.agent.store,
      locale: 'en-US',
      llm: () => Promise.resolve(null),
    });

    const error = await briefing.generate(W10).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingValidationError);
    const message = (error as BriefingValidationError).message;
    expect(message).toMatch(/^The briefing for 2026-W10 was not written because its figures do not add up: /);
    expect(message).toContain('the books now report revenue of 9800 for the week, not 8800');
    expect((error as BriefingValidationError).week).toBe('2026-W10');

    expect(h.exists(PAGE)).toBe(false);
    await runtime.bus.drain();
    expect(failed).toEqual([{ week: '2026-W10', error: message }]);
    expect(h.errors()).toEqual([expect.objectContaining({ source: 'briefing', error: 'BriefingValidationError', message: `The CEO briefing for 2026-W10 was not written: ${message}` }) as unknown]);
    expect(h.auditActions('briefing.generate')).toEqual([expect.objectContaining({ status: 'failure', details: { week: '2026-W10', error_message: message } }) as unknown]);
    // The books themselves did change: the next briefing, made afresh, adds up again.
    const again = await runtime.briefing.generate(W10);
    expect(h.fm(again.path)).toMatchObject({ revenue_total: 9800 });
  });
});

describe('books that are down', () => {
  it('leave the finance sections out, and the page says why', async () => {
    const s = await openScenario(BACKENDS[1]!, '2026-03-01T12:00:00');
    close = s.close;
    const { h, odoo } = s;
    await seedBooks(await h.runtime.accounting());
    h.clock.set(MONDAY_AFTER);
    await odoo!.close();

    const { path, data } = await h.runtime.briefing.generate(W10);
    expect(data.finance).toBeNull();
    const fm = h.fm(path);
    expect([fm.revenue_total, fm.expenses_total, fm.profit]).toEqual([undefined, undefined, undefined]);
    const page = h.read(path);
    for (const heading of ['## Revenue', '## Expenses', '## Profit', '## Cash and receivables', '## Compared with last week']) expect(page).not.toContain(heading);
    expect(page).toMatch(/## Finance\n\nFinance figures are not in this briefing: Nothing answers at .*Odoo.*\n/);
    expect(page).toContain('There are no money figures this week: the books could not be read');
    expect(page).toContain('## Task Summary');
    // One cause, said once, where the section would be: the recurring costs and the overdue invoices failed for the same reason.
    expect(data.financeProblem).toMatch(/^Nothing answers at /);
    expect(data.notes).toEqual([]);
    expect(page.match(/Nothing answers at/g)).toHaveLength(1);
    expect(h.errors().some((e) => e.source === 'briefing' && String(e.message).startsWith("The briefing's finance could not be read"))).toBe(true);
  });
});
