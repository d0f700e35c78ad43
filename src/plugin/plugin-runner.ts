import { Notice, type Plugin } from 'obsidian';
import { Runtime } from '../core/runtime';
import { resolveLayout } from '../core/layout';
import type { ErrorEntry } from '../core/logs/log-types';
import { makeDeviceIdentity } from '../vault/runner-lease';
import { listPendingApprovals } from '../vault/dashboard-sources';
import { readErrorsSince } from '../vault/dashboard-log-readers';
import { readHandbook } from '../vault/handbook';
import { ObsidianVault } from './obsidian-vault';
import { ObsidianSecrets } from './obsidian-secrets';
import type { SettingsStore } from './settings-store';
import type { DeviceLocalSettings } from './device-local';
import type { StatusSnapshot } from './status-bar';
import { NoticeBatcher } from './notice-batcher';

const TICK_MS = 30_000;
const DAY_MS = 24 * 3_600_000;

/**
 * Runs the core inside Obsidian: builds the runtime, holds the runner lease
 * while this device's switch is on, and tears everything down on unload.
 * Intervals and vault events go through the plugin's register* methods.
 */
export class PluginRunner {
  private runtime: Runtime | null = null;
  private vault: ObsidianVault;
  private active = false;
  private otherRunner: string | undefined;
  private intervals: number[] = [];
  private stopWatching: (() => void) | null = null;
  private readonly notices = new NoticeBatcher();

  constructor(
    private readonly plugin: Plugin,
    private readonly store: SettingsStore,
    private readonly local: DeviceLocalSettings,
    private readonly onStatusChange: () => void,
  ) {
    this.vault = new ObsidianVault(plugin.app, { register: (ref) => plugin.registerEvent(ref) });
  }

  /** The vault as the plugin sees it, for reads any device may do. */
  get vaultPort(): ObsidianVault {
    return this.vault;
  }

  /** Whether this device is the runner right now. */
  get isActive(): boolean {
    return this.active;
  }

  /** Called once the workspace layout is ready. */
  async start(): Promise<void> {
    const settings = this.store.value;
    const runtime = new Runtime({
      settings,
      vault: this.vault,
      secrets: new ObsidianSecrets(this.plugin.app, () => this.store.value),
      identity: makeDeviceIdentity('obsidian', this.local.deviceId, { deviceName: this.local.deviceName }),
      timers: {
        setInterval: (fn, ms) => this.every(fn, ms),
        clearInterval: (handle) => this.clearEvery(handle as number),
      },
    });
    this.runtime = runtime;
    runtime.bus.on('vault.task.triaged', () => this.onStatusChange());
    runtime.bus.on('error.logged', () => this.onStatusChange());
    runtime.bus.on('approval.requested', () => this.onStatusChange());
    runtime.bus.on('approval.decided', () => this.onStatusChange());
    runtime.bus.on('agent.notification', (n) => this.notices.add(n.message, n.level));
    this.every(() => this.onStatusChange(), TICK_MS);
    if (this.local.runsAutomations) {
      await this.claim(runtime);
      this.every(() => void this.claim(runtime), settings.runner.heartbeatSeconds * 1000);
    }
    this.onStatusChange();
  }

  async stop(): Promise<void> {
    const runtime = this.runtime;
    this.runtime = null;
    this.stopWatching?.();
    this.stopWatching = null;
    this.notices.cancel();
    for (const id of this.intervals) window.clearInterval(id);
    this.intervals = [];
    this.active = false;
    if (runtime) await runtime.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /**
   * Runs a command's work if this device is the runner; otherwise says why not.
   * `describe` turns the result into the notice (default "Done: <label>.").
   */
  async act<T>(label: string, work: (runtime: Runtime) => Promise<T>, describe?: (result: T) => string): Promise<void> {
    const runtime = this.runtime;
    if (!runtime || !this.active) {
      new Notice(
        this.local.runsAutomations
          ? `Cannot ${label}: ${this.otherRunner ?? 'another runner'} runs automations on this vault.`
          : `Cannot ${label}: this device does not run automations. Turn it on in the AI employee settings.`,
      );
      return;
    }
    try {
      const result = await work(runtime);
      new Notice(describe ? describe(result) : `Done: ${label}.`);
    } catch (error) {
      await runtime.errors.log({ source: 'plugin.command', error, context: { command: label } });
      new Notice(`Could not ${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.onStatusChange();
  }

  /**
   * The runtime for a person's own request that is not automation (reading
   * the books, invoicing the note in front of them), on any device, runner or
   * not; null while the plugin is still starting.
   */
  async runtimeForRequest(): Promise<Runtime | null> {
    const runtime = this.runtime;
    if (!runtime) return null;
    // Vault set-up (start) is the runner's job; credentials still must never reach a log from here.
    await runtime.secretRegistry.addFrom(runtime.deps.secrets);
    return runtime;
  }

  async snapshot(): Promise<StatusSnapshot> {
    const layout = resolveLayout(this.store.value);
    const state = !this.runtime ? 'starting' : !this.local.runsAutomations ? 'off' : this.active ? 'runner' : 'standby';
    const [approvals, errors] = await Promise.all([
      listPendingApprovals(this.vault, layout.pendingApproval).catch(() => []),
      this.recentErrors().catch(() => []),
    ]);
    return { state, otherRunner: this.otherRunner, pendingApprovals: approvals.length, errors24h: errors.length };
  }

  recentErrors(): Promise<ErrorEntry[]> {
    const layout = resolveLayout(this.store.value);
    return readErrorsSince(this.vault, layout.errorLog, Date.now() - DAY_MS);
  }

  async readThresholds(): Promise<Record<string, unknown>> {
    const result = await readHandbook(this.vault, resolveLayout(this.store.value));
    return { ...result.thresholds };
  }

  async writeThreshold(key: string, value: number | boolean | string): Promise<void> {
    const path = resolveLayout(this.store.value).handbook;
    try {
      await this.vault.processFrontMatter(path, (fm) => {
        fm[key] = value;
      });
    } catch (error) {
      new Notice(`Could not save ${key} in ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Takes or keeps the lease; starts or stops automations to match. */
  private async claim(runtime: Runtime): Promise<void> {
    if (this.runtime !== runtime) return;
    const lease = this.active ? await runtime.lease.heartbeat() : await runtime.acquireLease();
    this.otherRunner = lease.held || !lease.holder ? undefined : `${lease.holder.deviceName} (${lease.holder.kind})`;
    if (lease.held && !this.active) {
      this.active = true;
      await runtime.start();
      this.stopWatching = runtime.watchInbox();
      runtime.scheduler.start(TICK_MS);
    } else if (!lease.held && this.active) {
      this.active = false;
      this.stopWatching?.();
      this.stopWatching = null;
      await runtime.scheduler.stop();
      new Notice(`AI employee: ${this.otherRunner ?? 'another device'} took over automations; this device stands by.`);
    }
    this.onStatusChange();
  }

  private every(fn: () => void, ms: number): number {
    const id = window.setInterval(fn, ms);
    this.plugin.registerInterval(id);
    this.intervals.push(id);
    return id;
  }

  private clearEvery(id: number): void {
    window.clearInterval(id);
    this.intervals = this.intervals.filter((i) => i !== id);
  }
}
