import { briefingWeek, weekJustEnded } from '../../briefing/briefing-week';
import { BriefingValidationError } from '../../briefing/validate-briefing';
import { compareIsoWeeks, isoWeekOf, parseIsoWeek, type IsoWeek } from '../../core/iso-week';
import { money } from '../../briefing/render/format-money';
import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import type { Output } from '../output';
import { UsageError } from '../usage-error';

/** The week asked for with --week, or the week just ended. */
export function weekToReport(text: string | undefined, now: Date): IsoWeek {
  if (text === undefined) return weekJustEnded(now);
  const week = parseIsoWeek(text);
  if (!week) throw new UsageError(`--week must be an ISO week like 2026-W05 (a week that exists in that year), not "${text}".`);
  if (compareIsoWeeks(week, isoWeekOf(now)) > 0) throw new UsageError(`${text} has not started yet; pick this week or an earlier one.`);
  return week;
}

/**
 * `briefing [--week YYYY-Www]`: writes that week's CEO briefing (default: the
 * week just ended) to Briefings/ and refreshes the dashboard when no other
 * runner owns it. Exit 1 when the figures do not add up (nothing is written).
 */
export async function briefingCommand(args: CliArgs, out: Output): Promise<number> {
  const { runtime } = createCliContext(args, resolveVaultDir(args, { mustExist: true }));
  await runtime.start();
  try {
    const week = weekToReport(args.week, runtime.clock.now());
    const label = briefingWeek(week);
    out.line(`Writing the CEO briefing for ${label.label} (${label.start} to ${label.end})…`);
    let result;
    try {
      result = await runtime.briefing.generate(week);
    } catch (error) {
      if (error instanceof BriefingValidationError) {
        out.error(error.message);
        return 1;
      }
      throw error;
    }
    const { data, path } = result;
    out.data({ path, week: data.week, summary: data.executiveSummary, revenue_total: data.finance?.revenue.current ?? null, expenses_total: data.finance?.expenses.current ?? null, profit: data.finance?.profit.current ?? null, notes: data.notes, template_problem: result.templateProblem ?? null });
    out.line(`Wrote ${path}`);
    out.line('');
    out.line(data.executiveSummary);
    if (data.finance) {
      const m = (n: number) => money(n, data.currency, data.locale);
      out.line('');
      out.line(`Revenue ${m(data.finance.revenue.current)} · Expenses ${m(data.finance.expenses.current)} · Profit ${m(data.finance.profit.current)}`);
    }
    for (const note of data.notes) out.error(`Note: ${note}`);
    if (result.templateProblem) out.error(`Note: ${result.templateProblem}`);
    const lease = await runtime.acquireLease();
    if (lease.held) await runtime.dashboard.refresh();
    else out.line('The dashboard shows it after the running runner\'s next refresh.');
    return 0;
  } finally {
    await runtime.stop();
  }
}
