import type { Clock } from '../core/clock';
import type { VaultLayout } from '../core/layout';
import type { AuditEntry, ErrorEntry } from '../core/logs/log-types';
import { basename, extension, stem } from '../core/paths';
import { splitNote } from './frontmatter';
import type { VaultPort } from './vault-port';
import { readAuditTail, readErrorsSince } from './dashboard-log-readers';
import { scanAudit } from '../core/logs/audit-scan';
import { readLease } from './runner-lease-file';

export interface FolderCount {
  /** The folder's name as the user sees it (settings may rename folders). */
  label: string;
  path: string;
  count: number;
}

export interface PendingApproval {
  path: string;
  title: string;
  action?: string;
  amount?: number | string;
  expires?: string;
}

/** The newest weekly briefing, for the dashboard's link and summary. */
export interface LatestBriefing {
  path: string;
  week: string;
  weekStart?: string;
  weekEnd?: string;
  summary: string;
  currency?: string;
  revenue?: number;
  expenses?: number;
  profit?: number;
}

/** Something the employee told the owner, still open (its task has not been finished). */
export interface AttentionItem {
  at: string;
  level: string;
  message: string;
  /** The task it is about, when it still exists. */
  task?: string;
}

export interface JobStatus {
  id: string;
  title: string;
  /** Human wording, e.g. `every 5 minutes` or `Mondays at 08:00`. */
  schedule: string;
  /** ISO text or a Date; null or absent when the job never ran. */
  lastRun?: string | Date | null;
  lastStatus?: string | null;
  nextRun?: string | Date | null;
  /** True while a run is in progress (shown as the status). */
  running?: boolean;
}

export interface RunnerStatus {
  deviceName: string;
  kind: string;
  heartbeatAt: string;
  /** Whether the lease is currently fresh (some runner is active). */
  held: boolean;
}

/**
 * Where the dashboard gets its numbers. Small async functions, so the
 * dashboard never reaches into other modules: the runtime injects the
 * scheduler's job status, the rest has vault-reading defaults.
 */
export interface DashboardSources {
  folderCounts(): Promise<FolderCount[]>;
  pendingApprovals(): Promise<PendingApproval[]>;
  /** The last `limit` audit entries, oldest first. */
  recentActivity(limit: number): Promise<AuditEntry[]>;
  /** Error entries logged at or after `sinceMs`, oldest first. */
  recentErrors(sinceMs: number): Promise<ErrorEntry[]>;
  jobStatus(): Promise<JobStatus[]>;
  runner(): Promise<RunnerStatus | null>;
  /** The employee's notifications since `sinceMs` whose task is not finished, newest first. */
  attention(sinceMs: number): Promise<AttentionItem[]>;
  latestBriefing(): Promise<LatestBriefing | null>;
}

/** The defaults: everything read from the vault itself; no scheduled jobs. */
export function defaultDashboardSources(vault: VaultPort, layout: VaultLayout, clock: Clock): DashboardSources {
  return {
    folderCounts: () => countFolders(vault, layout),
    pendingApprovals: () => listPendingApprovals(vault, layout.pendingApproval),
    recentActivity: (limit) => readAuditTail(vault, layout.auditLog, limit),
    recentErrors: (sinceMs) => readErrorsSince(vault, layout.errorLog, sinceMs),
    jobStatus: () => Promise.resolve([]),
    attention: (sinceMs) => readAttention(vault, layout, sinceMs),
    latestBriefing: () => readLatestBriefing(vault, layout),
    runner: async () => {
      const state = await readLease(vault, layout.lease);
      if (state.status !== 'ok') return null;
      const { holder, heartbeatAt, expiresAt } = state.record;
      return { deviceName: holder.deviceName, kind: holder.kind, heartbeatAt, held: clock.now().getTime() < Date.parse(expiresAt) };
    },
  };
}

/**
 * Notes per workflow folder. Inbox and Quarantine count every item (drops are
 * PDFs, images, …; quarantine's explanations are not items); the others count notes. Hidden files (`.DS_Store`, temporary writes) never count.
 */
export async function countFolders(vault: VaultPort, layout: VaultLayout): Promise<FolderCount[]> {
  const folders = [
    layout.inbox,
    layout.needsAction,
    layout.plans,
    layout.pendingApproval,
    layout.approved,
    layout.rejected,
    layout.done,
    layout.quarantine,
  ];
  return Promise.all(
    folders.map(async (path) => {
      const files = (await vault.list(path)).filter((f) => !basename(f.path).startsWith('.'));
      // Quarantine holds items of any kind, each beside its `.why.md` note: count the items.
      const count =
        path === layout.inbox
          ? files.length
          : path === layout.quarantine
            ? files.filter((f) => !f.path.endsWith('.why.md')).length
            : files.filter((f) => extension(f.path) === 'md').length;
      return { label: basename(path), path, count };
    }),
  );
}

/** Approval requests whose frontmatter says `status: pending`; unreadable notes are skipped. */
export async function listPendingApprovals(vault: VaultPort, folder: string): Promise<PendingApproval[]> {
  const out: PendingApproval[] = [];
  for (const file of await vault.list(folder)) {
    if (extension(file.path) !== 'md' || basename(file.path).startsWith('.')) continue;
    let fm: Record<string, unknown>;
    try {
      fm = splitNote(await vault.read(file.path)).frontmatter;
    } catch {
      // Broken YAML is reported by triage and the approval watcher; here it just is not listed.
      continue;
    }
    if (typeof fm.status !== 'string' || fm.status.trim().toLowerCase() !== 'pending') continue;
    const item: PendingApproval = { path: file.path, title: text(fm.title) ?? stem(file.path) };
    const action = text(fm.action);
    if (action !== undefined) item.action = action;
    if (typeof fm.amount === 'number' || typeof fm.amount === 'string') item.amount = fm.amount;
    const expires = text(fm.expires) ?? text(fm.expires_at);
    if (expires !== undefined) item.expires = expires;
    out.push(item);
  }
  return out;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

/** How far back the employee's notices are looked for (the dashboard and the briefing's action items). */
export const ATTENTION_DAYS = 14;

/**
 * The employee's notices (`agent.notify` in the audit log) that still
 * matter: ones about a task that is still open in the inbox or Needs_Action
 * (a finished task's notice is history), and ones about no task at all.
 */
export async function readAttention(vault: VaultPort, layout: VaultLayout, sinceMs: number): Promise<AttentionItem[]> {
  // Streamed, archives included: weekly rotation has moved last week's notices out of the live log.
  const entries: AuditEntry[] = [];
  await scanAudit({ vault, livePath: layout.auditLog, archiveFolder: layout.logsArchive, since: sinceMs, until: Infinity, actions: ['agent.notify'] }, (entry) => void entries.push(entry));
  const out: AttentionItem[] = [];
  const alive = new Map<string, boolean>();
  for (const entry of entries.reverse()) {
    const details = entry.details ?? {};
    const message = typeof details.message === 'string' ? details.message : '';
    if (!message) continue;
    const task = typeof details.task === 'string' ? details.task : undefined;
    if (task !== undefined) {
      if (!alive.has(task)) alive.set(task, (await vault.stat(task)) !== null);
      if (!alive.get(task)) continue;
    }
    out.push({ at: entry.timestamp, level: typeof details.level === 'string' ? details.level : 'info', message, ...(task ? { task } : {}) });
  }
  return out;
}

const BRIEFING_NAME = /^CEO-(\d{4})-W(\d{2})\.md$/;

/** The briefing of the latest week in Briefings/ (names sort by week), or null when there is none yet. */
export async function readLatestBriefing(vault: VaultPort, layout: VaultLayout): Promise<LatestBriefing | null> {
  const names = (await vault.list(layout.briefings)).map((f) => f.path).filter((p) => BRIEFING_NAME.test(basename(p)));
  const path = names.sort().at(-1);
  if (!path) return null;
  let fm: Record<string, unknown>;
  try {
    fm = splitNote(await vault.read(path)).frontmatter;
  } catch {
    return { path, week: stem(path).replace(/^CEO-/, ''), summary: 'The briefing cannot be read (its properties are broken).' };
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const out: LatestBriefing = { path, week: text(fm.week) ?? stem(path).replace(/^CEO-/, ''), summary: text(fm.summary) ?? '' };
  const start = text(fm.week_start);
  const end = text(fm.week_end);
  if (start) out.weekStart = start.slice(0, 10);
  if (end) out.weekEnd = end.slice(0, 10);
  const currency = text(fm.currency);
  if (currency) out.currency = currency;
  const revenue = num(fm.revenue_total);
  const expenses = num(fm.expenses_total);
  const profit = num(fm.profit);
  if (revenue !== undefined) out.revenue = revenue;
  if (expenses !== undefined) out.expenses = expenses;
  if (profit !== undefined) out.profit = profit;
  return out;
}
