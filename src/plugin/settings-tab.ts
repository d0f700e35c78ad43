import { App, Notice, PluginSettingTab, SecretComponent, Setting, normalizePath, type Plugin } from 'obsidian';
import { WEEKDAYS, type Settings } from '../core/settings';
import type { SettingsStore } from './settings-store';
import { addConnectionTestSetting, type ConnectionTestResult } from './accounting-connection-test';

/** What the tab needs beyond the settings themselves, injected by the plugin. */
export interface SettingsTabDeps {
  store: SettingsStore;
  /** The device-local "this device runs automations" switch. */
  getDeviceSwitch(): boolean;
  setDeviceSwitch(on: boolean): void;
  getDeviceName(): string;
  setDeviceName(name: string): void;
  /** Thresholds live in Company_Handbook.md's frontmatter, so the agent and the user see one source. */
  readThresholds(): Promise<Record<string, unknown>>;
  writeThreshold(key: string, value: number | boolean | string): Promise<void>;
  /** Called after a saved change that the running services must pick up. */
  onSettingsChanged(): Promise<void>;
  /** Logs in to Odoo with the current settings and the stored key. */
  testOdooConnection(): Promise<ConnectionTestResult>;
}

type FolderKey = keyof Settings['folders'];

const FOLDER_LABELS: Record<FolderKey, string> = {
  inbox: 'Inbox folder',
  needsAction: 'Needs action folder',
  plans: 'Plans folder',
  pendingApproval: 'Pending approval folder',
  approved: 'Approved folder',
  rejected: 'Rejected folder',
  done: 'Done folder',
  briefings: 'Briefings folder',
  accounting: 'Accounting folder',
  logs: 'Logs folder',
  quarantine: 'Quarantine folder',
};

const THRESHOLDS: { key: string; name: string; desc: string; kind: 'number' | 'boolean' }[] = [
  { key: 'approval_amount_threshold', name: 'Approval amount', desc: 'Invoices and payments above this amount wait for your approval.', kind: 'number' },
  { key: 'approval_expiry_hours', name: 'Approval expiry (hours)', desc: 'Requests not decided within this time expire and never run.', kind: 'number' },
  { key: 'payment_always_needs_approval', name: 'Payments always need approval', desc: 'Ask before every payment, whatever the amount.', kind: 'boolean' },
  { key: 'new_contact_needs_approval', name: 'New contacts need approval', desc: 'Ask before writing to someone not in the known contacts.', kind: 'boolean' },
];

/** The settings tab: runner switch, folders, schedules, thresholds and the Odoo connection. */
export class AiEmployeeSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    plugin: Plugin,
    private readonly deps: SettingsTabDeps,
  ) {
    super(app, plugin);
  }

  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    if (this.deps.store.loadProblem) {
      containerEl.createEl('p', {
        cls: 'ai-employee-settings-error',
        text: `Your saved settings could not be used, so the defaults are active: ${this.deps.store.loadProblem}`,
      });
    }
    this.runnerSection(containerEl);
    this.foldersSection(containerEl);
    this.schedulesSection(containerEl);
    void this.thresholdsSection(containerEl);
    this.odooSection(containerEl);
  }

  private runnerSection(el: HTMLElement): void {
    new Setting(el).setName('Runner').setHeading();
    new Setting(el)
      .setName('This device runs automations')
      .setDesc('Only one device acts on a synced vault. Turn this on for the device that should triage, plan and act; the others only show the dashboard.')
      .addToggle((t) => t.setValue(this.deps.getDeviceSwitch()).onChange((v) => this.deps.setDeviceSwitch(v)));
    new Setting(el)
      .setName('Device name')
      .setDesc('Shown on the dashboard as the device that runs automations.')
      .addText((t) => t.setValue(this.deps.getDeviceName()).onChange((v) => this.deps.setDeviceName(v.trim())));
  }

  private foldersSection(el: HTMLElement): void {
    new Setting(el).setName('Folders').setHeading();
    this.textSetting(el, 'Root folder', 'Folder that holds everything below; empty for the vault root.', (s) => s.rootFolder, (s, v) => {
      s.rootFolder = v === '' ? '' : normalizePath(v);
    });
    for (const key of Object.keys(FOLDER_LABELS) as FolderKey[]) {
      this.textSetting(el, FOLDER_LABELS[key], '', (s) => s.folders[key], (s, v) => {
        s.folders[key] = normalizePath(v);
      });
    }
  }

  private schedulesSection(el: HTMLElement): void {
    new Setting(el).setName('Schedules').setHeading();
    this.numberSetting(el, 'Triage every (minutes)', 'How often the inbox is checked, besides reacting to new files at once.', (s) => s.schedules.triageEveryMinutes, (s, n) => {
      s.schedules.triageEveryMinutes = n;
    });
    this.numberSetting(el, 'Refresh dashboard every (minutes)', '', (s) => s.schedules.dashboardEveryMinutes, (s, n) => {
      s.schedules.dashboardEveryMinutes = n;
    });
    this.numberSetting(el, 'Sync accounting every (minutes)', 'Sends notes tagged #accounting to the books and brings overdue invoices into the inbox.', (s) => s.schedules.accountingSyncEveryMinutes, (s, n) => {
      s.schedules.accountingSyncEveryMinutes = n;
    });
    new Setting(el)
      .setName('Weekly briefing day')
      .addDropdown((d) => {
        for (const day of WEEKDAYS) d.addOption(day, day.charAt(0).toUpperCase() + day.slice(1));
        d.setValue(this.deps.store.value.schedules.weeklyBriefingDay).onChange((v) =>
          this.save((s) => {
            s.schedules.weeklyBriefingDay = v as Settings['schedules']['weeklyBriefingDay'];
          }),
        );
      });
    this.textSetting(el, 'Weekly briefing time', 'Local time, 24-hour HH:MM.', (s) => s.schedules.weeklyBriefingTime, (s, v) => {
      s.schedules.weeklyBriefingTime = v;
    });
  }

  private async thresholdsSection(el: HTMLElement): Promise<void> {
    const heading = new Setting(el).setName('Thresholds').setHeading();
    heading.setDesc('Stored in the company handbook, where the employee reads them.');
    // Created now, filled once the handbook is read, so the section keeps its place.
    const holder = el.createDiv();
    let values: Record<string, unknown>;
    try {
      values = await this.deps.readThresholds();
    } catch (error) {
      holder.createEl('p', { cls: 'ai-employee-settings-error', text: `Cannot read the handbook: ${String(error)}` });
      return;
    }
    for (const item of THRESHOLDS) {
      const setting = new Setting(holder).setName(item.name).setDesc(item.desc);
      if (item.kind === 'boolean') {
        setting.addToggle((t) => t.setValue(values[item.key] === true).onChange((v) => void this.deps.writeThreshold(item.key, v)));
      } else {
        setting.addText((t) =>
          t.setValue(String((values[item.key] as number | undefined) ?? '')).onChange((v) => {
            const n = Number(v);
            if (v.trim() === '' || !Number.isFinite(n) || n < 0) {
              new Notice(`${item.name} must be a number of zero or more.`);
              return;
            }
            void this.deps.writeThreshold(item.key, n);
          }),
        );
      }
    }
  }

  private odooSection(el: HTMLElement): void {
    new Setting(el).setName('Odoo connection').setHeading();
    el.createEl('p', {
      cls: 'setting-item-description',
      text: 'Leave the address empty to keep the books in the vault instead.',
    });
    this.textSetting(el, 'Address', 'For example https://mycompany.odoo.com', (s) => s.odoo.url, (s, v) => {
      s.odoo.url = v;
    });
    this.textSetting(el, 'Database', '', (s) => s.odoo.database, (s, v) => {
      s.odoo.database = v;
    });
    this.textSetting(el, 'Username', 'The login of the Odoo user the employee acts as.', (s) => s.odoo.username, (s, v) => {
      s.odoo.username = v;
    });
    new Setting(el)
      .setName('API key')
      .setDesc('Kept in Obsidian\'s secret storage, never in the plugin settings.')
      .addComponent((host) =>
        new SecretComponent(this.app, host).setValue(this.deps.store.value.odoo.apiKeySecretId).onChange((id) =>
          this.save((s) => {
            s.odoo.apiKeySecretId = id;
          }),
        ),
      );
    new Setting(el).setName('Protocol').addDropdown((d) =>
      d
        .addOptions({ auto: 'Detect from the server version', xmlrpc: 'XML-RPC', jsonrpc: 'JSON-RPC', json2: 'JSON-2 (Odoo 19 and later)' })
        .setValue(this.deps.store.value.odoo.protocol)
        .onChange((v) =>
          this.save((s) => {
            s.odoo.protocol = v as Settings['odoo']['protocol'];
          }),
        ),
    );
    this.numberSetting(el, 'Timeout (seconds)', '', (s) => s.odoo.timeoutSeconds, (s, n) => {
      s.odoo.timeoutSeconds = n;
    });
    this.numberSetting(el, 'Retries', 'For temporary failures only; payments are never retried.', (s) => s.odoo.maxRetries, (s, n) => {
      s.odoo.maxRetries = n;
    });
    addConnectionTestSetting(el, () => this.deps.testOdooConnection());
  }

  private textSetting(el: HTMLElement, name: string, desc: string, get: (s: Settings) => string, set: (s: Settings, v: string) => void): void {
    new Setting(el)
      .setName(name)
      .setDesc(desc)
      .addText((t) => t.setValue(get(this.deps.store.value)).onChange((v) => this.save((s) => set(s, v.trim()))));
  }

  private numberSetting(el: HTMLElement, name: string, desc: string, get: (s: Settings) => number, set: (s: Settings, n: number) => void): void {
    new Setting(el)
      .setName(name)
      .setDesc(desc)
      .addText((t) =>
        t.setValue(String(get(this.deps.store.value))).onChange((v) => {
          const n = Number(v);
          if (v.trim() === '' || !Number.isInteger(n)) {
            new Notice(`${name} must be a whole number.`);
            return;
          }
          this.save((s) => set(s, n));
        }),
      );
  }

  /** Saves a change; an invalid value is refused with a notice that names the field. */
  private save(change: (s: Settings) => void): void {
    void this.deps.store.update(change).then(async (problem) => {
      if (problem) {
        new Notice(`Not saved: ${problem}`);
        return;
      }
      await this.deps.onSettingsChanged();
    });
  }
}
