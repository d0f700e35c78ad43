/**
 * The finance part of the view model: the revenue, expense, receivables and
 * comparison tables with their cells already formatted, and the sentences
 * around them (profit, cash, month to date), so a template only places them.
 */
import { AGING_BUCKETS, type AgingBucket } from '../../accounting/accounting-port';
import type { Compared, FinanceSection } from '../briefing-data';
import { formatDate } from './format-days';
import { bold, escapeInline, md, type Cell, type MarkdownTable } from './format-markdown';
import { money, NO_FIGURE, pct, share, signedMoney } from './format-money';

/** The finance sections, ready to print; amounts are escaped Markdown (`\$` keeps Obsidian from reading math). */
export interface FinanceView {
  /** "the vault ledger", "Odoo 17.0 at https://…". */
  books: string;
  /** "Figures from the vault ledger." */
  source: string;
  /** Client, project, amount and a total row; null when nothing was invoiced this week. */
  revenueTable: MarkdownTable | null;
  /** "Month to date (December 2026): $12,400 of the $20,000 target (62%)". */
  monthToDate: string;
  /** Category, amount, last week, change and a total row; null when nothing was spent. */
  expensesTable: MarkdownTable | null;
  /** "**Net Profit**: $14,550 ($15,000 - $450)". */
  profit: string;
  /** "**Cash**: $42,000 (last week $38,000, +10.5%)". */
  cash: string;
  /** Receivables by age, with the total. */
  receivablesTable: MarkdownTable;
  /** Revenue, expenses, profit, cash and receivables: this week, last week, change. */
  comparisonTable: MarkdownTable;
  /** This week's totals, formatted, for templates that only want the headline figures. */
  totals: { revenue: string; expenses: string; profit: string; cash: string; receivables: string };
}

const AGE_LABELS: Record<AgingBucket, string> = {
  current: 'Not yet due',
  '1-30': '1–30 days overdue',
  '31-60': '31–60 days overdue',
  '61-90': '61–90 days overdue',
  '90+': 'Over 90 days overdue',
};

/** Builds the {@link FinanceView}; `locale` is the reader's, the currency is the books'. */
export function financeView(finance: FinanceSection, locale: string): FinanceView {
  const cur = (amount: number) => money(amount, finance.currency, locale);
  const out = (amount: number) => escapeInline(cur(amount));
  const { revenue, expenses, profit, receivables, cash } = finance;

  const revenueTable: MarkdownTable | null =
    revenue.lines.length === 0
      ? null
      : {
          headers: ['Client', 'Project', 'Amount'],
          align: ['left', 'left', 'right'],
          rows: [
            ...revenue.lines.map((line): Cell[] => [line.client, line.project || '—', cur(line.amount)]),
            [bold('Total'), md(''), bold(cur(revenue.current))],
          ],
        };

  const expensesTable: MarkdownTable | null =
    expenses.byCategory.length === 0
      ? null
      : {
          headers: ['Category', 'Amount', 'Last week', 'Change'],
          align: ['left', 'right', 'right', 'right'],
          rows: [
            ...expenses.byCategory.map((c): Cell[] => [c.name, cur(c.amount), cur(c.previous), categoryChange(c, locale)]),
            [bold('Total'), bold(cur(expenses.current)), bold(cur(expenses.previous)), bold(pct(expenses.changePct, locale))],
          ],
        };

  const receivablesTable: MarkdownTable = {
    headers: ['Receivables', 'Amount'],
    align: ['left', 'right'],
    rows: [...AGING_BUCKETS.map((b): Cell[] => [AGE_LABELS[b], cur(receivables.buckets[b])]), [bold('Total'), bold(cur(receivables.total))]],
  };

  const receivablesCompared: Compared = { current: receivables.total, previous: receivables.previousTotal, changePct: receivables.changePct };
  const compare = (name: string, c: Compared): Cell[] => [name, cur(c.current), cur(c.previous), change(c, finance.currency, locale)];
  const comparisonTable: MarkdownTable = {
    headers: ['', 'This week', 'Last week', 'Change'],
    align: ['left', 'right', 'right', 'right'],
    rows: [
      compare('Revenue', revenue),
      compare('Expenses', expenses),
      compare('Profit', profit),
      compare('Cash', cash),
      compare('Receivables', receivablesCompared),
    ],
  };

  return {
    books: escapeInline(finance.books),
    source: `Figures from ${escapeInline(finance.books).replace(/[.…]$/, '') || 'the books'}.`,
    revenueTable,
    monthToDate: monthToDate(finance, locale),
    expensesTable,
    profit: `**Net Profit**: ${out(profit.current)} (${out(revenue.current)} - ${out(expenses.current)})`,
    cash: `**Cash**: ${out(cash.current)} (last week ${out(cash.previous)}${cash.changePct === null ? '' : `, ${escapeInline(pct(cash.changePct, locale))}`})`,
    receivablesTable,
    comparisonTable,
    totals: {
      revenue: out(revenue.current),
      expenses: out(expenses.current),
      profit: out(profit.current),
      cash: out(cash.current),
      receivables: out(receivables.total),
    },
  };
}

/**
 * The change as an amount, with the percentage when it means something:
 * `+$3,000 (+25%)`. A percentage of a negative figure (a loss last week)
 * has a misleading sign, so it is left out there.
 */
function change(c: Compared, currency: string, locale: string): Cell {
  const diff = c.current - c.previous;
  if (Math.round(diff * 100) === 0) return 'no change';
  const amount = signedMoney(diff, currency, locale);
  return c.changePct === null || c.previous <= 0 ? amount : `${amount} (${pct(c.changePct, locale)})`;
}

// A category with nothing last week has no percentage; "new" says why.
function categoryChange(c: { amount: number; previous: number; changePct: number | null }, locale: string): string {
  if (c.changePct === null && c.previous === 0 && c.amount !== 0) return 'new';
  return pct(c.changePct, locale);
}

function monthToDate(finance: FinanceSection, locale: string): string {
  const { month, revenue, target, pctOfTarget } = finance.monthToDate;
  const amount = (n: number) => escapeInline(money(n, finance.currency, locale));
  const head = `Month to date (${monthName(month, locale)}): ${amount(revenue)}`;
  if (target === null) return `${head} (no target set: add \`revenue_target_monthly\` to Business_Goals.md)`;
  const progress = pctOfTarget === null ? '' : ` (${escapeInline(share(pctOfTarget, locale))})`;
  return `${head} of the ${amount(target)} target${progress}`;
}

// The data carries the month as `YYYY-MM`; anything else is shown as given.
function monthName(month: string, locale: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return escapeInline(month) || NO_FIGURE;
  try {
    return formatDate(month, locale, 'month');
  } catch {
    return month;
  }
}
