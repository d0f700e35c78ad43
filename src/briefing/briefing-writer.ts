/**
 * Writes `Briefings/CEO-YYYY-Www.md`: frontmatter with the spec's fields
 * (briefing_id, week_start, week_end, generated, the totals) and the
 * rendered page. Writing the same week again replaces the page but keeps
 * whatever the owner wrote under `## Your notes`.
 */
import type { VaultLayout } from '../core/layout';
import { joinVaultPath } from '../core/paths';
import { joinNote } from '../vault/frontmatter';
import type { VaultPort } from '../vault/vault-port';
import type { BriefingData } from './briefing-data';

const NOTES_HEADING = /^##[ \t]+Your notes[ \t]*$/m;

export function briefingPath(layout: VaultLayout, data: Pick<BriefingData, 'week'>): string {
  return joinVaultPath(layout.briefings, `${data.week.id}.md`);
}

export function briefingFrontmatter(data: BriefingData): Record<string, unknown> {
  return {
    type: 'briefing',
    status: 'final',
    briefing_id: data.week.id,
    week: data.week.label,
    week_start: data.week.start,
    week_end: data.week.end,
    generated: data.generated,
    currency: data.currency,
    revenue_total: data.finance?.revenue.current,
    expenses_total: data.finance?.expenses.current,
    profit: data.finance?.profit.current,
    tasks_completed: data.tasks?.completed.current,
    tasks_pending: data.tasks?.pending.current,
    awaiting_approval: data.tasks?.awaitingApproval,
    summary_by: data.summaryBy,
    // For the dashboard, which shows it without reading the page (an owner's template may lay it out otherwise).
    summary: data.executiveSummary,
  };
}

/** The owner's `## Your notes` section of an earlier version (read as plain text, so even a page with broken properties keeps it), or a fresh one. */
async function keptNotes(vault: VaultPort, path: string): Promise<string> {
  try {
    const text = await vault.read(path);
    const match = NOTES_HEADING.exec(text);
    if (match) return text.slice(match.index).replace(/\n*$/, '\n');
  } catch {
    // No earlier page: nothing to keep.
  }
  return '## Your notes\n\n';
}

export async function writeBriefing(vault: VaultPort, layout: VaultLayout, data: BriefingData, markdown: string): Promise<string> {
  const path = briefingPath(layout, data);
  const notes = await keptNotes(vault, path);
  await vault.write(path, joinNote(briefingFrontmatter(data), `\n${markdown.replace(/\n*$/, '\n')}\n${notes}`));
  return path;
}
