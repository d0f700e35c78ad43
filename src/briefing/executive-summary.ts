/**
 * The executive summary: two or three sentences a CEO reads first. Written
 * from the collected figures by a fixed recipe; when an LLM is configured it
 * may write them instead, from the same figures, and an answer that does
 * not look like a short plain summary is discarded for the recipe's.
 */
import type { LlmClient } from '../agent/llm/llm-types';
import type { BriefingData } from './briefing-data';
import { money, pct } from './render/format-money';

type SummaryInput = Pick<BriefingData, 'finance' | 'tasks' | 'actionItems' | 'insights' | 'currency' | 'locale'>;

export function deterministicSummary(data: SummaryInput): string {
  const m = (n: number) => money(n, data.currency, data.locale);
  const sentences: string[] = [];
  const f = data.finance;
  if (!f) sentences.push('There are no money figures this week: the books could not be read (see the note at the end).');
  else {
    const change = f.revenue.changePct === null ? '' : ` (${pct(f.revenue.changePct, data.locale)} on last week)`;
    sentences.push(
      f.revenue.current === 0 && f.expenses.current === 0
        ? 'No revenue and no expenses were booked this week.'
        : `Revenue was ${m(f.revenue.current)} this week${change}, against ${m(f.expenses.current)} of expenses: a ${f.profit.current < 0 ? 'loss' : 'profit'} of ${m(Math.abs(f.profit.current))}.`,
    );
  }
  const t = data.tasks;
  const approvals = data.actionItems.filter((i) => i.kind === 'approval').length;
  const others = data.actionItems.length - approvals;
  const open = [approvals > 0 ? `${approvals} ${approvals === 1 ? 'request waits' : 'requests wait'} for your approval` : '', others > 0 ? `${others} other action ${others === 1 ? 'item is' : 'items are'} listed below` : '']
    .filter(Boolean)
    .join(' and ');
  if (t) {
    sentences.push(`${t.completed.current} ${t.completed.current === 1 ? 'task was' : 'tasks were'} completed and ${t.pending.current} ${t.pending.current === 1 ? 'is' : 'are'} open; ${open || 'nothing waits for your decision'}.`);
  } else if (open) {
    sentences.push(`${open.charAt(0).toUpperCase()}${open.slice(1)}.`);
  }
  const first = data.insights[0];
  if (first) sentences.push(`First for next week: ${first.text.charAt(0).toLowerCase()}${first.text.slice(1)}`);
  else if (t && t.bottlenecks.length === 0) sentences.push('No bottlenecks this week.');
  return sentences.join(' ') || 'Nothing to report this week.';
}

/** The facts an LLM may use, and nothing else. */
function figures(data: SummaryInput): Record<string, unknown> {
  return {
    currency: data.currency,
    finance: data.finance && {
      revenue: data.finance.revenue.current,
      revenue_last_week: data.finance.revenue.previous,
      expenses: data.finance.expenses.current,
      profit: data.finance.profit.current,
      cash: data.finance.cash.current,
      receivables: data.finance.receivables.total,
      month_to_date: data.finance.monthToDate,
      top_clients: data.finance.revenue.byClient.slice(0, 3),
    },
    tasks: data.tasks && { completed: data.tasks.completed.current, open: data.tasks.pending.current, awaiting_approval: data.tasks.awaitingApproval, bottlenecks: data.tasks.bottlenecks.length },
    approvals_waiting: data.actionItems.filter((i) => i.kind === 'approval').length,
    other_action_items: data.actionItems.filter((i) => i.kind !== 'approval').length,
    insights: data.insights.map((i) => i.text),
  };
}

const SYSTEM = [
  'You write the executive summary of a weekly CEO briefing for a small business.',
  'Write two or three plain sentences, using only the figures given; do not invent numbers.',
  'No heading, no list, no table, no greeting. Money in the given currency.',
].join('\n');

/** The LLM's summary, or null with the reason when it is unusable. */
export async function llmSummary(client: LlmClient, data: SummaryInput): Promise<{ text: string } | { problem: string }> {
  const answer = await client.complete({ system: SYSTEM, user: `The week's figures as JSON:\n${JSON.stringify(figures(data), null, 2)}\nWrite the summary.` });
  const text = answer.text.trim().replace(/\s+/g, ' ');
  if (text.length < 20) return { problem: 'the answer was empty or too short' };
  if (text.length > 800) return { problem: `the answer was ${text.length} characters, not a short summary` };
  if (/^#|\|.*\||^[-*]\s|```/m.test(answer.text)) return { problem: 'the answer was not plain sentences (a heading, list, table or code)' };
  return { text };
}
