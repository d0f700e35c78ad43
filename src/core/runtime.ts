import { systemClock, type Clock } from './clock';
import { EventBus } from './event-bus';
import { resolveLayout, type VaultLayout } from './layout';
import type { Settings } from './settings';
import { CREDENTIAL_NAMES, type SecretsPort } from './secrets';
import { AuditLog } from './logs/audit-log';
import { ErrorLog } from './logs/error-log';
import { SecretRegistry } from './logs/secret-registry';
import { Scheduler, type TickResult, type TimerFunctions } from './scheduler/scheduler';
import { ACCOUNTING_JOBS, AGENT_JOB, CORE_JOBS, ODOO_HEALTH_EVERY_MINUTES, registerRuntimeJobs } from './runtime-jobs';

export { ACCOUNTING_JOBS, AGENT_JOB, BRIEFING_JOB, CORE_JOBS } from './runtime-jobs';
import type { VaultPort } from '../vault/vault-port';
import { initVault } from '../vault/init-vault';
import { Triage } from '../vault/triage';
import { Completion } from '../vault/completion';
import { DashboardWriter } from '../vault/dashboard';
import { RunnerLease, type DeviceIdentity, type LeaseState } from '../vault/runner-lease';
import { InboxWatcher } from './inbox-watcher';
import { openAccounting } from '../accounting/open-accounting';
import type { AccountingPort } from '../accounting/accounting-port';
import { AccountingSync } from '../accounting/accounting-sync';
import { Agent } from '../agent/agent';
import { configuredLlm, createReasoner } from '../agent/reasoners/create-reasoner';
import { WeeklyBriefing } from '../briefing/weekly-briefing';

/** Everything the runtime needs from its host (the plugin or the CLI). */
export interface RuntimeDeps {
  settings: Settings;
  vault: VaultPort;
  secrets: SecretsPort;
  identity: DeviceIdentity;
  clock?: Clock;
  /** The plugin passes window's timers so Obsidian can track and clear them. */
  timers?: TimerFunctions;
  /** How long to wait between size checks of a file that may still be written. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Builds every service from settings + ports. The plugin, the CLI and (later)
 * the MCP servers are thin entry points around one of these.
 */
export class Runtime {
  readonly bus: EventBus;
  readonly layout: VaultLayout;
  readonly clock: Clock;
  readonly secretRegistry = new SecretRegistry();
  readonly audit: AuditLog;
  readonly errors: ErrorLog;
  readonly scheduler: Scheduler;
  readonly triage: Triage;
  readonly completion: Completion;
  readonly dashboard: DashboardWriter;
  readonly lease: RunnerLease;
  /** Pushes #accounting notes to the books and pulls overdue invoices into the inbox. */
  readonly accountingSync: AccountingSync;
  /** The employee: Ralph loops, skills, approvals. */
  readonly agent: Agent;
  /** The weekly CEO briefing. */
  readonly briefing: WeeklyBriefing;
  private started = false;
  private watcher: InboxWatcher | null = null;
  private books: Promise<AccountingPort> | null = null;

  constructor(readonly deps: RuntimeDeps) {
    const { settings, vault } = deps;
    this.clock = deps.clock ?? systemClock;
    this.layout = resolveLayout(settings);
    const clock = this.clock;
    this.bus = new EventBus();
    this.audit = new AuditLog({ vault, path: this.layout.auditLog, clock, secrets: this.secretRegistry });
    this.errors = new ErrorLog({
      vault,
      path: this.layout.errorLog,
      clock,
      bus: this.bus,
      secrets: this.secretRegistry,
      alertThreshold: settings.logs.alertThreshold,
      alertWindowMinutes: settings.logs.alertWindowMinutes,
    });
    this.errors.bindToBus(this.bus);
    const common = { vault, layout: this.layout, clock, bus: this.bus, audit: this.audit, errors: this.errors, settings };
    this.triage = new Triage({ ...common, sleep: deps.sleep });
    this.completion = new Completion(common);
    this.lease = new RunnerLease({
      vault,
      path: this.layout.lease,
      clock,
      identity: deps.identity,
      staleAfterSeconds: settings.runner.staleAfterSeconds,
      heartbeatSeconds: settings.runner.heartbeatSeconds,
      audit: this.audit,
      errors: this.errors,
    });
    this.scheduler = new Scheduler({
      vault,
      ledgerPath: this.layout.runLedger,
      clock,
      errors: this.errors,
      audit: this.audit,
      bus: this.bus,
      timers: deps.timers,
    });
    this.dashboard = new DashboardWriter({
      vault,
      layout: this.layout,
      clock,
      bus: this.bus,
      sources: {
        jobStatus: () => this.scheduler.status(),
        runner: async () => {
          const info = await this.lease.current();
          return info && { deviceName: info.holder.deviceName, kind: info.holder.kind, heartbeatAt: info.heartbeatAt, held: !info.stale };
        },
      },
    });
    this.accountingSync = new AccountingSync({ vault, layout: this.layout, clock, bus: this.bus, audit: this.audit, errors: this.errors, accounting: () => this.accounting() });
    this.agent = new Agent({
      vault,
      layout: this.layout,
      clock,
      audit: this.audit,
      errors: this.errors,
      bus: this.bus,
      completion: this.completion,
      books: () => this.accounting(),
      secrets: this.secretRegistry,
      reasoner: () => createReasoner(settings, deps.secrets, this.agent.registry, this.errors),
    });
    this.briefing = new WeeklyBriefing({
      vault,
      layout: this.layout,
      clock,
      bus: this.bus,
      audit: this.audit,
      errors: this.errors,
      books: () => this.accounting(),
      store: this.agent.store,
      locale: settings.briefing.locale,
      llm: () => configuredLlm(settings, deps.secrets),
    });
    // Due jobs run in registration order: new items are triaged, worked, closed and
    // synced, and the briefing written, before the dashboard is drawn.
    registerRuntimeJobs(this);
  }

  get settings(): Settings {
    return this.deps.settings;
  }

  /** Prepares the vault and the logs; safe to call more than once. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const name of CREDENTIAL_NAMES) {
      const value = await this.deps.secrets.get(name);
      if (value) this.secretRegistry.add(value);
    }
    await initVault({ vault: this.deps.vault, layout: this.layout, clock: this.clock });
    await this.errors.init();
    await this.registerOdooHealthJob();
  }

  /**
   * The books: Odoo when configured, else the vault ledger (audited either
   * way). Opened on first use; nothing is contacted until a call needs it.
   */
  accounting(): Promise<AccountingPort> {
    if (!this.books) {
      const { settings, secrets, vault } = this.deps;
      this.books = openAccounting({ settings, secrets, vault, layout: this.layout, clock: this.clock, bus: this.bus, audit: this.audit, errors: this.errors });
      // A configuration error is reported to whoever asked, and asked again next time.
      this.books.catch(() => (this.books = null));
    }
    return this.books;
  }

  /** Takes (or keeps) the runner lease; automations run only while it is held. */
  acquireLease(): Promise<LeaseState> {
    return this.lease.acquire();
  }

  /**
   * One pass of everything: triage, plan completion, the accounting sync, due
   * time-based jobs and the dashboard. Interval jobs run whether or not their interval has passed,
   * because a person asked for this pass.
   */
  async runOnce(): Promise<TickResult> {
    await this.start();
    const tick = await this.scheduler.tick();
    const order = [CORE_JOBS.triage, ...(this.settings.agent.enabled ? [AGENT_JOB] : []), CORE_JOBS.completion, ACCOUNTING_JOBS.sync, CORE_JOBS.dashboard];
    for (const id of order) {
      if (tick.ran.includes(id)) continue;
      const result = await this.scheduler.runNow(id);
      tick.results.push(result);
      if (result.outcome === 'success' || result.outcome === 'failure') tick.ran.push(id);
      if (result.outcome === 'failure') tick.failed.push(id);
    }
    await this.bus.drain();
    return tick;
  }

  /** Reacts to files dropped into the inbox at once (event-driven, not polling). */
  watchInbox(): () => void {
    void this.watcher?.stop();
    this.watcher = new InboxWatcher({
      vault: this.deps.vault,
      inbox: this.layout.inbox,
      settleMs: this.settings.triage.settleMs,
      onReady: async (paths) => {
        for (const path of paths) await this.triage.triageFile(path);
        // New tasks are worked at once. A pass already running may have listed Needs_Action before
        // these tasks were there, so a fresh one follows it rather than joining it.
        if (this.settings.agent.enabled) await this.agent.runNewPass();
        await this.dashboard.refresh();
      },
      onError: (error) => void this.errors.log({ source: 'inbox-watcher', error }),
    });
    this.watcher.start();
    const watcher = this.watcher;
    return () => void watcher.stop();
  }

  /** Stops watching, waits for the running job, and releases the lease. */
  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await Promise.all([watcher?.stop(), this.scheduler.stop()]);
    await this.bus.drain();
    await this.lease.release();
  }

  /**
   * Only an Odoo connection can break on its own, so only then is it checked.
   * Registered at start, when the secrets (ODOO_URL may come from there) can be read.
   */
  private async registerOdooHealthJob(): Promise<void> {
    const url = this.settings.odoo.url || (await this.deps.secrets.get('ODOO_URL'));
    if (!url) return;
    this.scheduler.register({
      id: ACCOUNTING_JOBS.health,
      title: 'Check the Odoo connection',
      schedule: { kind: 'every', minutes: ODOO_HEALTH_EVERY_MINUTES },
      run: async () => {
        // health() never throws; a failure is logged and announced (odoo.connection.failed) by AuditedAccounting.
        await (await this.accounting()).health();
      },
    });
  }
}
