/**
 * The money side of the briefing, read through the `AccountingPort` only
 * (Odoo or the vault ledger, the same figures either way): revenue by client
 * and by project, expenses by category, profit, receivables and their aging,
 * cash, each beside the week before, and the month to date against the
 * revenue target. The reads run side by side; none grows with the number of
 * invoices on Odoo (they are grouped on the server).
 */
import { NO_PROJECT, type AccountingPort, type AmountByName, type RevenueLine } from '../../accounting/accounting-port';
import { roundMoney, sumMoney } from '../../accounting/money';
import type { BriefingWeek, Compared, FinanceSection } from '../briefing-data';

export interface FinanceCollectorDeps {
  books: () => Promise<AccountingPort>;
  /** The monthly revenue target, or null when none is set. */
  monthlyTarget: number | null;
  currency: string;
}

/**
 * (current − previous) / previous, in percent to one decimal; null when last
 * week was zero or negative (a loss, an overdrawn account), where a
 * percentage would mislead.
 */
export function changePct(current: number, previous: number): number | null {
  if (previous <= 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

export function compared(current: number, previous: number): Compared {
  return { current: roundMoney(current), previous: roundMoney(previous), changePct: changePct(current, previous) };
}

/** The first day of the month holding `day`. */
function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export class FinanceCollector {
  constructor(private readonly deps: FinanceCollectorDeps) {}

  async collect(week: BriefingWeek, previous: BriefingWeek): Promise<FinanceSection> {
    const books = await this.deps.books();
    const range = { from: week.start, to: week.end };
    const before = { from: previous.start, to: previous.end };
    const month = { from: monthStart(week.end), to: week.end };
    const [pnl, pnlBefore, lines, byCategory, byCategoryBefore, aging, agingBefore, cash, cashBefore, monthPnl] = await Promise.all([
      books.profitAndLoss(range),
      books.profitAndLoss(before),
      // One read for both breakdowns: its lines add up by client and by project (the port's contract).
      books.revenueByClientAndProject(range),
      books.expensesByCategory(range),
      books.expensesByCategory(before),
      books.receivablesAging(week.end),
      books.receivablesAging(previous.end),
      books.cashPosition(week.end),
      books.cashPosition(previous.end),
      books.profitAndLoss(month),
    ]);
    const target = this.deps.monthlyTarget;
    const lastWeek = new Map(byCategoryBefore.map((c) => [c.name, c.amount]));
    return {
      currency: pnl.currency || this.deps.currency,
      books: books.backend === 'odoo' ? 'Odoo' : 'the vault ledger',
      revenue: { ...compared(pnl.revenue, pnlBefore.revenue), byClient: totalsBy(lines, (l) => l.client), byProject: totalsBy(lines, (l) => l.project ?? NO_PROJECT), lines: lines.map((l) => ({ client: l.client, project: l.project ?? '', amount: l.amount })) },
      expenses: {
        ...compared(pnl.expenses, pnlBefore.expenses),
        byCategory: sorted(byCategory).map((c) => {
          const previousAmount = lastWeek.get(c.name) ?? 0;
          return { ...c, previous: previousAmount, changePct: changePct(c.amount, previousAmount) };
        }),
      },
      profit: compared(pnl.profit, pnlBefore.profit),
      receivables: { total: aging.total, buckets: aging.buckets, previousTotal: agingBefore.total, changePct: changePct(aging.total, agingBefore.total) },
      cash: compared(cash.balance, cashBefore.balance),
      monthToDate: {
        month: week.end.slice(0, 7),
        revenue: roundMoney(monthPnl.revenue),
        target,
        pctOfTarget: target ? Math.round((monthPnl.revenue / target) * 1000) / 10 : null,
      },
    };
  }
}

/** Largest first, then by name, and without zero lines. */
function sorted(items: AmountByName[]): AmountByName[] {
  return items.filter((i) => Math.abs(i.amount) >= 0.005).sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name));
}

/** Revenue lines summed by client or by project, in the order of {@link sorted}. */
function totalsBy(lines: RevenueLine[], key: (line: RevenueLine) => string): AmountByName[] {
  const totals = new Map<string, number[]>();
  for (const line of lines) totals.set(key(line), [...(totals.get(key(line)) ?? []), line.amount]);
  return sorted([...totals].map(([name, amounts]) => ({ name, amount: sumMoney(amounts) })));
}
