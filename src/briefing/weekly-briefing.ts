/**
 * Makes one week's CEO briefing: collects the figures (finance, tasks,
 * action items, each on its own so one failing source only leaves its
 * sections out), finds the insights, writes the summary, checks that the
 * figures add up, renders the page with the owner's template or the shipped
 * one, writes `Briefings/CEO-YYYY-Www.md` and announces it on the bus.
 */
import type { TaskStateStore } from '../agent/task-state';
import type { AccountingPort } from '../accounting/accounting-port';
import { addDays } from '../accounting/dates';
import type { LlmClient } from '../agent/llm/llm-types';
import { isoWithOffset, type Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { IsoWeek } from '../core/iso-week';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import { readHandbook } from '../vault/handbook';
import { VaultError, type VaultPort } from '../vault/vault-port';
import type { BriefingData } from './briefing-data';
import { briefingWeek, previousWeek } from './briefing-week';
import { writeBriefing } from './briefing-writer';
import { readRevenueTarget } from './business-goals';
import { ActionItemsCollector } from './collectors/action-items';
import { FinanceCollector } from './collectors/finance-collector';
import { TaskCollector } from './collectors/task-collector';
import { deterministicSummary, llmSummary } from './executive-summary';
import { findInsights } from './insights';
import { renderBriefing } from './render/render-briefing';
import { BriefingValidationError, briefingProblems } from './validate-briefing';

export interface WeeklyBriefingDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  bus: EventBus;
  audit: AuditLogger;
  errors: ErrorLogger;
  books: () => Promise<AccountingPort>;
  store: TaskStateStore;
  /** '' for the system's. */
  locale: string;
  /** The LLM that may write the summary (null: the recipe writes it). */
  llm: () => Promise<{ client: LlmClient; label: string } | null>;
}

export interface BriefingResult {
  path: string;
  data: BriefingData;
  /** Why the owner's template was not used, when it was not. */
  templateProblem?: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class WeeklyBriefing {
  constructor(private readonly deps: WeeklyBriefingDeps) {}

  async generate(isoWeek: IsoWeek): Promise<BriefingResult> {
    const week = briefingWeek(isoWeek);
    try {
      return await this.make(isoWeek);
    } catch (error) {
      this.deps.bus.emit('briefing.failed', { week: week.label, error: message(error) });
      await this.deps.errors.log({ source: 'briefing', error, message: `The CEO briefing for ${week.label} was not written: ${message(error)}`, context: { week: week.label } });
      await this.deps.audit.record({ action: 'briefing.generate', source: 'briefing', status: 'failure', details: { week: week.label, error_message: message(error) } });
      throw error;
    }
  }

  private async make(isoWeek: IsoWeek): Promise<BriefingResult> {
    const { vault, layout, clock } = this.deps;
    const started = clock.now().getTime();
    const week = briefingWeek(isoWeek);
    const previous = previousWeek(week);
    const currency = (await readHandbook(vault, layout)).thresholds.currency;
    const locale = this.deps.locale || Intl.NumberFormat().resolvedOptions().locale;
    const notes: string[] = [];
    const target = await readRevenueTarget(vault, layout);
    if (target.problem) notes.push(`${target.problem}; ${target.source === 'handbook' ? "the handbook's target was used" : 'no target was used'}.`);

    // Side by side: the books' reads then share one look at the ledger's folders.
    const [finance, tasks, actions, recentExpenses] = await Promise.all([
      this.section('finance', () => new FinanceCollector({ books: this.deps.books, monthlyTarget: target.monthly, currency }).collect(week, previous)),
      this.section('tasks', () => new TaskCollector({ vault, layout, store: this.deps.store }).collect(week, previous)),
      new ActionItemsCollector({ vault, layout, clock, books: this.deps.books, currency, locale }).collect(),
      this.section('recurring costs', async () => (await this.deps.books()).listExpenses({ from: addDays(week.end, -90), to: week.end })),
    ]);
    // A missing section says why where it would be; other problems go to the notes, in a fixed
    // order, and one cause (the books unreachable) is said once however many parts it failed.
    const said = new Set([finance.problem, tasks.problem].filter((p): p is string => p !== undefined));
    for (const [topic, problem] of [[recentExpenses.topic, recentExpenses.problem] as const, ...actions.problems.map((p) => ['Overdue invoices', p] as const)]) {
      if (problem === undefined || said.has(problem)) continue;
      said.add(problem);
      notes.push(`${topic.charAt(0).toUpperCase()}${topic.slice(1)}: ${problem}`);
    }
    const insights = findInsights({ week, finance: finance.value, tasks: tasks.value, overdue: actions.overdue, recentExpenses: recentExpenses.value, currency, locale });

    const data: BriefingData = { week, generated: isoWithOffset(clock.now()), currency, locale, executiveSummary: '', summaryBy: 'rules', finance: finance.value, tasks: tasks.value, actionItems: actions.items, insights, notes };
    if (finance.problem) data.financeProblem = finance.problem;
    if (tasks.problem) data.tasksProblem = tasks.problem;
    data.executiveSummary = deterministicSummary(data);
    await this.summarizeWithLlm(data);

    const reported = finance.value ? await (await this.deps.books()).profitAndLoss({ from: week.start, to: week.end }) : null;
    const problems = briefingProblems(data, reported);
    if (problems.length) throw new BriefingValidationError(week.label, problems);

    const template = await this.userTemplate();
    const rendered = renderBriefing(data, template ?? undefined);
    if (rendered.problem) await this.deps.errors.log({ source: 'briefing', error: 'TemplateError', severity: 'WARNING', message: rendered.problem, context: { template: layout.briefingTemplate } });
    const path = await writeBriefing(vault, layout, data, rendered.markdown);
    await this.deps.audit.record({
      action: 'briefing.generate',
      source: 'briefing',
      status: 'success',
      duration_ms: Math.max(0, clock.now().getTime() - started),
      details: { path, week: week.label, revenue_total: finance.value?.revenue.current, expenses_total: finance.value?.expenses.current, profit: finance.value?.profit.current, template: rendered.usedTemplate, summary_by: data.summaryBy },
    });
    this.deps.bus.emit('briefing.generated', { path, week: week.label });
    return rendered.problem ? { path, data, templateProblem: rendered.problem } : { path, data };
  }

  /** A section's figures, or null with the problem (also in the error log) when its source fails. */
  private async section<T>(topic: string, collect: () => Promise<T>): Promise<{ topic: string; value: T | null; problem?: string }> {
    try {
      return { topic, value: await collect() };
    } catch (error) {
      await this.deps.errors.log({ source: 'briefing', error, message: `The briefing's ${topic} could not be read: ${message(error)}`, context: { section: topic } });
      return { topic, value: null, problem: message(error) };
    }
  }

  private async summarizeWithLlm(data: BriefingData): Promise<void> {
    let llm: Awaited<ReturnType<WeeklyBriefingDeps['llm']>>;
    try {
      llm = await this.deps.llm();
    } catch (error) {
      data.notes.push(`The LLM is not usable (${message(error)}); the summary was written by the rules.`);
      return;
    }
    if (!llm) return;
    try {
      const answer = await llmSummary(llm.client, data);
      if ('text' in answer) {
        data.executiveSummary = answer.text;
        data.summaryBy = llm.label;
        return;
      }
      data.notes.push(`The LLM's summary was not used (${answer.problem}); the rules wrote it.`);
    } catch (error) {
      data.notes.push(`The LLM could not write the summary (${message(error)}); the rules wrote it.`);
      await this.deps.errors.log({ source: 'briefing', error, severity: 'WARNING', message: `The LLM could not write the briefing's summary: ${message(error)}` });
    }
  }

  private async userTemplate(): Promise<{ path: string; text: string } | null> {
    const path = this.deps.layout.briefingTemplate;
    try {
      return { path, text: await this.deps.vault.read(path) };
    } catch (error) {
      if (error instanceof VaultError && error.code === 'not-found') return null;
      throw error;
    }
  }
}
