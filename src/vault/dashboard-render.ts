import type { AuditEntry, ErrorEntry } from '../core/logs/log-types';
import { stem } from '../core/paths';
import { ago, escapeCell, formatAmount, formatTime, inlineText, noteLink, table } from './dashboard-format';
import type { AttentionItem, FolderCount, JobStatus, LatestBriefing, PendingApproval, RunnerStatus } from './dashboard-sources';

/** A section's data, or why it could not be read (one failing source never blanks the dashboard). */
export type SectionData<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DashboardData {
  generatedAt: Date;
  runner: SectionData<RunnerStatus | null>;
  folders: SectionData<FolderCount[]>;
  approvals: SectionData<PendingApproval[]>;
  /** Newest first. */
  attention: SectionData<AttentionItem[]>;
  briefing: SectionData<LatestBriefing | null>;
  /** Oldest first, as read from the audit log. */
  activity: SectionData<AuditEntry[]>;
  /** Every error of the last 24 hours, oldest first. */
  errors: SectionData<ErrorEntry[]>;
  jobs: SectionData<JobStatus[]>;
}

/** How many activity lines and errors the block shows. */
export const ACTIVITY_ROWS = 10;
export const ERROR_ROWS = 5;
export const ATTENTION_ROWS = 10;

/** Renders the text between the dashboard markers (without the markers). Pure. */
export function renderDashboardBlock(data: DashboardData): string {
  const now = data.generatedAt;
  const sections = [
    section('Status', renderStatus(data.runner, now)),
    section('Folders', unwrap(data.folders, renderFolders)),
    section('Pending approvals', unwrap(data.approvals, (items) => renderApprovals(items, now))),
    section('For your attention', unwrap(data.attention, renderAttention)),
    section('Latest CEO briefing', unwrap(data.briefing, renderBriefing)),
    section('Recent activity', unwrap(data.activity, renderActivity)),
    section('Errors in the last 24 hours', unwrap(data.errors, renderErrors)),
    section('Scheduled jobs', unwrap(data.jobs, renderJobs)),
  ];
  return sections.join('\n\n');
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}`;
}

function unwrap<T>(data: SectionData<T>, render: (value: T) => string): string {
  if (!data.ok) return `Could not read this section: ${inlineText(data.error, 200)}`;
  return render(data.value);
}

function renderStatus(runner: SectionData<RunnerStatus | null>, now: Date): string {
  const updated = `- Updated: ${formatTime(now)}`;
  if (!runner.ok) return `- Runner: could not read the runner lease (${inlineText(runner.error, 200)})\n${updated}`;
  const r = runner.value;
  if (!r) return `- Runner: none yet (no device has started automations)\n${updated}`;
  const who = `**${inlineText(r.deviceName, 80) || 'Unnamed device'}** (${kindLabel(r.kind)})`;
  const beat = `last heartbeat ${inlineText(formatTime(r.heartbeatAt), 40)} (${ago(r.heartbeatAt, now) || 'unknown'})`;
  const line = r.held ? `- Runner: ${who}, ${beat}` : `- Runner: none active. The last runner was ${who}, ${beat}`;
  return `${line}\n${updated}`;
}

function kindLabel(kind: string): string {
  if (kind === 'obsidian') return 'Obsidian app';
  if (kind === 'daemon') return 'headless runner';
  return inlineText(kind, 40);
}

function renderFolders(folders: FolderCount[]): string {
  const rows = folders.map((f) => [escapeCell(f.label, 60), String(f.count)]);
  return table(['Folder', 'Items'], rows, ['left', 'right']);
}

function renderApprovals(items: PendingApproval[], now: Date): string {
  if (items.length === 0) return 'None';
  return items
    .map((item) => {
      const facts: string[] = [];
      if (item.action) facts.push(`action: ${inlineText(item.action, 60)}`);
      if (item.amount !== undefined) facts.push(`amount: ${inlineText(formatAmount(item.amount), 40)}`);
      if (item.expires) facts.push(expiry(item.expires, now));
      const tail = facts.length ? ` — ${facts.join(' · ')}` : '';
      return `- ${noteLink(item.path, item.title)}${tail}`;
    })
    .join('\n');
}

function renderBriefing(briefing: LatestBriefing | null): string {
  if (!briefing) return 'None yet: the first one is written on the weekly schedule (or run "Generate CEO briefing").';
  const span = briefing.weekStart && briefing.weekEnd ? ` (${briefing.weekStart} to ${briefing.weekEnd})` : '';
  const lines = [`${noteLink(briefing.path, `Week ${briefing.week}`)}${span}`];
  if (briefing.summary) lines.push('', `> ${inlineText(briefing.summary, 600)}`);
  const money = (n: number | undefined) => (n === undefined ? undefined : `${formatAmount(n)}${briefing.currency ? ` ${briefing.currency}` : ''}`);
  const figures = [['Revenue', money(briefing.revenue)], ['Expenses', money(briefing.expenses)], ['Profit', money(briefing.profit)]].filter((f) => f[1] !== undefined);
  if (figures.length) lines.push('', figures.map(([k, v]) => `${k} **${v ?? ''}**`).join(' · '));
  return lines.join('\n');
}

function renderAttention(items: AttentionItem[]): string {
  if (items.length === 0) return 'Nothing';
  const shown = items.slice(0, ATTENTION_ROWS).map((item) => {
    const mark = item.level === 'alert' ? '**Alert:** ' : '';
    const link = item.task ? ` (${noteLink(item.task, stem(item.task))})` : '';
    return `- ${mark}${inlineText(item.message, 300)}${link} · ${formatTime(item.at)}`;
  });
  const more = items.length > ATTENTION_ROWS ? `\n\n${items.length - ATTENTION_ROWS} more on the tasks themselves.` : '';
  return `${shown.join('\n')}${more}`;
}

function expiry(expires: string, now: Date): string {
  const at = Date.parse(expires);
  if (Number.isNaN(at)) return `expires ${inlineText(expires, 40)}`;
  return at <= now.getTime() ? `expired ${formatTime(expires)}` : `expires ${formatTime(expires)}`;
}

function renderActivity(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'None';
  const rows = entries
    .slice(-ACTIVITY_ROWS)
    .reverse()
    .map((e) => [escapeCell(formatTime(e.timestamp)), escapeCell(e.action, 60), escapeCell(e.status, 20), escapeCell(shortDetail(e), 80)]);
  return table(['Time', 'Action', 'Status', 'Detail'], rows);
}

/** The most telling string in the entry's details, else where it came from. */
function shortDetail(entry: AuditEntry): string {
  const details = entry.details ?? {};
  for (const key of ['summary', 'message', 'subject', 'title', 'path', 'file', 'error']) {
    const value = details[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return entry.source;
}

function renderErrors(entries: ErrorEntry[]): string {
  if (entries.length === 0) return 'None';
  const count = `**${entries.length}** ${entries.length === 1 ? 'error' : 'errors'} in the last 24 hours.`;
  const shown = entries.slice(-ERROR_ROWS).reverse();
  const rows = shown.map((e) => [
    escapeCell(formatTime(e.ts)),
    escapeCell(e.source, 40),
    escapeCell(e.severity, 12),
    escapeCell(e.message, 160),
  ]);
  const more = entries.length > shown.length ? `\n\nThe latest ${shown.length} are shown; the rest are in the error log.` : '';
  return `${count}\n\n${table(['Time', 'Source', 'Severity', 'Message'], rows)}${more}`;
}

function renderJobs(jobs: JobStatus[]): string {
  if (jobs.length === 0) return 'None';
  const rows = jobs.map((j) => [
    escapeCell(j.title || j.id, 60),
    escapeCell(j.schedule, 60),
    escapeCell(j.lastRun ? formatTime(j.lastRun) : 'Never'),
    escapeCell(j.running ? 'running' : j.lastStatus, 20),
    escapeCell(j.nextRun ? formatTime(j.nextRun) : undefined),
  ]);
  return table(['Job', 'Schedule', 'Last run', 'Status', 'Next run'], rows);
}
