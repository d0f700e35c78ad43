/**
 * Everything a weekly CEO briefing says, as the collectors gather it and
 * the template renders it. A section whose source is not configured is
 * `null` and left out of the page. Amounts are in the company currency,
 * rounded to cents; days are `YYYY-MM-DD` in the user's time zone.
 */
import type { AgingBucket, AmountByName } from '../accounting/accounting-port';

export interface BriefingWeek {
  /** `CEO-2026-W08` */
  id: string;
  /** `2026-W08` */
  label: string;
  year: number;
  week: number;
  /** Monday, `YYYY-MM-DD`. */
  start: string;
  /** Sunday, `YYYY-MM-DD`. */
  end: string;
}

/** A figure this week beside last week's. */
export interface Compared {
  current: number;
  previous: number;
  /** (current − previous) / previous × 100, rounded to one decimal; null when last week was 0. */
  changePct: number | null;
}

export interface RevenueLine {
  client: string;
  /** The project ('' when the invoices named none): one line per client and project. */
  project: string;
  amount: number;
}

export interface FinanceSection {
  currency: string;
  /** What keeps the books, e.g. "the vault ledger" or "Odoo 17.0 at https://…". */
  books: string;
  revenue: Compared & { byClient: AmountByName[]; byProject: AmountByName[]; lines: RevenueLine[] };
  expenses: Compared & { byCategory: Array<AmountByName & { previous: number; changePct: number | null }> };
  profit: Compared;
  receivables: { total: number; buckets: Record<AgingBucket, number>; previousTotal: number; changePct: number | null };
  cash: Compared;
  /** Month to date (the month of the week's last day) against the target in Business_Goals.md. */
  monthToDate: { month: string; revenue: number; target: number | null; pctOfTarget: number | null };
}

export interface Bottleneck {
  task: string;
  /** Vault path of the task note, for the link. */
  path: string;
  expectedDays: number;
  actualDays: number;
  delayDays: number;
  rootCause: string;
}

export interface TaskSection {
  received: Compared;
  completed: Compared;
  /** Tasks open at the end of the week (the backlog), with the week before. */
  pending: Compared;
  awaitingApproval: number;
  /** Average days from arrival to Done for the tasks completed this week; null when none was. */
  averageDaysToComplete: number | null;
  /** Up, down or steady, from the backlog at the start and the end of the week. */
  backlogTrend: 'up' | 'down' | 'steady';
  bottlenecks: Bottleneck[];
}

export interface ActionItem {
  priority: 'high' | 'medium' | 'low';
  /** A request to approve, an overdue invoice to chase, drafts to post, or an alert from the employee. */
  kind: 'approval' | 'overdue' | 'drafts' | 'alert';
  text: string;
  /** A note to open, when there is one. */
  path?: string;
}

export interface Insight {
  /** Which rule found it: `overdue`, `expense-growth`, `subscription`, `bottleneck`, `target`. */
  kind: string;
  text: string;
}

export interface BriefingData {
  week: BriefingWeek;
  /** ISO 8601 with offset. */
  generated: string;
  currency: string;
  /** The language tag money and dates are written in, e.g. `en-US`. */
  locale: string;
  executiveSummary: string;
  /** `rules`, or `llm:<provider>/<model>` when an LLM wrote the summary. */
  summaryBy: string;
  finance: FinanceSection | null;
  /** Why `finance` is null (its source failed), said where the section would be. */
  financeProblem?: string;
  tasks: TaskSection | null;
  /** Why `tasks` is null. */
  tasksProblem?: string;
  actionItems: ActionItem[];
  insights: Insight[];
  /** Things the reader should know about how this page was made (a broken template, a source that failed). */
  notes: string[];
}
