import { Notice, Plugin, TFile, debounce, normalizePath } from 'obsidian';
import { resolveLayout } from '../core/layout';
import { SettingsStore } from './settings-store';
import { AiEmployeeSettingTab } from './settings-tab';
import { DeviceLocalSettings } from './device-local';
import { PluginRunner } from './plugin-runner';
import { RecentErrorsModal } from './errors-modal';
import { describeStatus } from './status-bar';
import { registerAccountingCommands } from './accounting-commands';
import { registerAgentCommands } from './agent-commands';
import { registerBriefingCommand } from './briefing-command';
import { testOdooConnection } from './accounting-connection-test';
import { ObsidianSecrets } from './obsidian-secrets';

/**
 * The Obsidian entry point. `onload` only registers commands, the settings
 * tab, the status bar and the ribbon icon; the runtime starts once the
 * workspace layout is ready, so start-up stays fast and the vault's initial
 * 'create' events are not mistaken for new inbox items.
 */
export default class AiEmployeePlugin extends Plugin {
  readonly store = new SettingsStore(this);
  private local!: DeviceLocalSettings;
  private runner!: PluginRunner;
  private statusEl!: HTMLElement;

  override async onload(): Promise<void> {
    await this.store.load();
    this.local = new DeviceLocalSettings(this.app);
    // A burst of triaged items or errors asks for many refreshes; each reads the logs, so coalesce them.
    const refreshStatus = debounce(() => void this.updateStatus(), 500, false);
    this.register(() => refreshStatus.cancel());
    this.runner = new PluginRunner(this, this.store, this.local, refreshStatus);

    this.statusEl = this.addStatusBarItem();
    this.statusEl.addClass('ai-employee-status');
    this.addRibbonIcon('layout-dashboard', 'Open AI employee dashboard', () => void this.openDashboard());
    this.registerCommands();
    this.addSettingTab(
      new AiEmployeeSettingTab(this.app, this, {
        store: this.store,
        getDeviceSwitch: () => this.local.runsAutomations,
        setDeviceSwitch: (on) => {
          this.local.runsAutomations = on;
          void this.runner.restart();
        },
        getDeviceName: () => this.local.deviceName,
        setDeviceName: (name) => {
          this.local.deviceName = name;
        },
        readThresholds: () => this.runner.readThresholds(),
        writeThreshold: (key, value) => this.runner.writeThreshold(key, value),
        onSettingsChanged: () => this.runner.restart(),
        testOdooConnection: () => testOdooConnection(this.store.value, new ObsidianSecrets(this.app, () => this.store.value)),
      }),
    );
    if (this.store.loadProblem) new Notice(`AI employee: ${this.store.loadProblem}. The defaults are used until it is fixed.`);

    this.app.workspace.onLayoutReady(() => void this.runner.start());
  }

  override onunload(): void {
    void this.runner.stop();
  }

  /** `data.json` changed on disk (e.g. by Sync): reload and restart with the new settings. */
  override async onExternalSettingsChange(): Promise<void> {
    await this.store.load();
    await this.runner.restart();
  }

  private registerCommands(): void {
    this.addCommand({
      id: 'triage-inbox',
      name: 'Triage inbox now',
      callback: () => void this.runner.act('triage the inbox', (rt) => rt.triage.triageInbox()),
    });
    this.addCommand({
      id: 'run-due-jobs',
      name: 'Run due jobs now',
      callback: () => void this.runner.act('run due jobs', (rt) => rt.scheduler.tick()),
    });
    this.addCommand({
      id: 'refresh-dashboard',
      name: 'Refresh dashboard',
      callback: () => void this.runner.act('refresh the dashboard', (rt) => rt.dashboard.refresh()),
    });
    this.addCommand({
      id: 'open-dashboard',
      name: 'Open dashboard',
      callback: () => void this.openDashboard(),
    });
    this.addCommand({
      id: 'show-recent-errors',
      name: 'Show recent errors',
      callback: () => void this.showRecentErrors(),
    });
    registerAccountingCommands(this, this.runner);
    registerAgentCommands(this, this.runner, this.store);
    registerBriefingCommand(this, this.runner);
  }

  private async openDashboard(): Promise<void> {
    const path = normalizePath(resolveLayout(this.store.value).dashboard);
    const file = this.app.vault.getFileByPath(path);
    if (!(file instanceof TFile)) {
      new Notice(`No dashboard at ${path} yet: it is created when this device runs automations.`);
      return;
    }
    await this.app.workspace.getLeaf(false).openFile(file);
  }

  private async showRecentErrors(): Promise<void> {
    const entries = await this.runner.recentErrors();
    new RecentErrorsModal(this.app, entries).open();
  }

  private async updateStatus(): Promise<void> {
    const snapshot = await this.runner.snapshot();
    const { text, tooltip } = describeStatus(snapshot);
    this.statusEl.setText(text);
    this.statusEl.setAttr('aria-label', tooltip);
    this.statusEl.toggleClass('is-standby', snapshot.state === 'standby');
    this.statusEl.toggleClass('has-errors', snapshot.errors24h > 0);
  }
}
