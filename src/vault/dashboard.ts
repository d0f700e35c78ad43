import type { Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import { VaultError, type VaultPort } from './vault-port';
import { ACTIVITY_ROWS, renderDashboardBlock, type DashboardData, type SectionData } from './dashboard-render';
import { ATTENTION_DAYS, defaultDashboardSources, type DashboardSources } from './dashboard-sources';
import { newDashboardNote, spliceDashboard } from './dashboard-splice';

export type { DashboardSources, FolderCount, JobStatus, PendingApproval, RunnerStatus } from './dashboard-sources';

export interface DashboardWriterOptions {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  /** Overrides for any source; the rest read the vault (job status defaults to none). */
  sources?: Partial<DashboardSources>;
  bus?: EventBus;
}

export interface DashboardRefreshResult {
  path: string;
  /** `created`: Dashboard.md was missing; `appended`: its markers were missing; `replaced`: the usual update. */
  mode: 'created' | 'replaced' | 'appended';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one writer of Dashboard.md's generated block. The user owns everything
 * outside the markers, frontmatter included: the writer never touches it
 * (re-serializing YAML on every refresh would reformat what the user wrote),
 * and the block's Status section says when it was generated instead of an
 * `updated:` field.
 *
 * Refreshes are serialized: while one runs, any number of further requests
 * share a single follow-up run, which starts when the current one ends and
 * so sees everything that changed meanwhile.
 */
export class DashboardWriter {
  private readonly vault: VaultPort;
  private readonly layout: VaultLayout;
  private readonly clock: Clock;
  private readonly sources: DashboardSources;
  private readonly bus: EventBus | undefined;
  private running: Promise<DashboardRefreshResult> | null = null;
  private queued: Promise<DashboardRefreshResult> | null = null;

  constructor(options: DashboardWriterOptions) {
    this.vault = options.vault;
    this.layout = options.layout;
    this.clock = options.clock;
    this.bus = options.bus;
    this.sources = { ...defaultDashboardSources(options.vault, options.layout, options.clock), ...options.sources };
  }

  /** Regenerates the block; resolves when a run that started after this call has written. */
  refresh(): Promise<DashboardRefreshResult> {
    if (this.queued) return this.queued;
    const current = this.running;
    if (!current) return this.start();
    const next = current
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    this.queued = next;
    return next;
  }

  private start(): Promise<DashboardRefreshResult> {
    const run = this.write().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async write(): Promise<DashboardRefreshResult> {
    const inner = renderDashboardBlock(await this.collect());
    const path = this.layout.dashboard;
    let mode: DashboardRefreshResult['mode'] | null = null;
    if (!(await this.vault.exists(path))) {
      try {
        await this.vault.create(path, newDashboardNote(inner));
        mode = 'created';
      } catch (error) {
        // Created by someone else (init, sync) since we looked: update it like any other.
        if (!(error instanceof VaultError && error.code === 'exists')) throw error;
      }
    }
    if (mode === null) {
      let spliced: DashboardRefreshResult['mode'] = 'replaced';
      await this.vault.process(path, (content) => {
        const result = spliceDashboard(content, inner);
        spliced = result.mode;
        return result.content;
      });
      mode = spliced;
    }
    this.bus?.emit('dashboard.refreshed', { path });
    return { path, mode };
  }

  private async collect(): Promise<DashboardData> {
    const now = this.clock.now();
    const s = this.sources;
    const [runner, folders, approvals, activity, errors, jobs, attention, briefing] = await Promise.all([
      settle(() => s.runner()),
      settle(() => s.folderCounts()),
      settle(() => s.pendingApprovals()),
      settle(() => s.recentActivity(ACTIVITY_ROWS)),
      settle(() => s.recentErrors(now.getTime() - DAY_MS)),
      settle(() => s.jobStatus()),
      settle(() => s.attention(now.getTime() - ATTENTION_DAYS * DAY_MS)),
      settle(() => s.latestBriefing()),
    ]);
    return { generatedAt: now, runner, folders, approvals, activity, errors, jobs, attention, briefing };
  }
}

async function settle<T>(read: () => Promise<T>): Promise<SectionData<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
