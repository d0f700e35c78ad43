import { mkdirSync } from 'node:fs';
import { FakeElement } from './element';
import { Events } from './events';
import { FileManager } from './file-manager';
import { MetadataCache } from './metadata-cache';
import type { Command, SettingTab } from './plugin';
import type { Modal } from './ui';
import { Vault } from './vault';
import { Workspace } from './workspace';

const SECRET_ID = /^[a-z0-9-]+$/;

/** Obsidian's `SecretStorage` (1.11.4+): device-wide secrets by id, in memory in the fake. */
export class SecretStorage extends Events {
  private readonly secrets = new Map<string, string>();

  /** Ids are lowercase letters, digits and dashes; anything else throws, as in Obsidian. */
  setSecret(id: string, secret: string): void {
    if (!SECRET_ID.test(id)) throw new Error(`Invalid secret ID: ${id}`);
    this.secrets.set(id, secret);
  }

  getSecret(id: string): string | null {
    return this.secrets.get(id) ?? null;
  }

  listSecrets(): string[] {
    return [...this.secrets.keys()];
  }
}

/** Fake-only: the command palette's registry (Obsidian keeps one like it, unexposed, at `app.commands`). */
export class CommandRegistry {
  readonly commands = new Map<string, Command>();

  add(command: Command): void {
    this.commands.set(command.id, command);
  }

  remove(id: string): void {
    this.commands.delete(id);
  }

  list(): Command[] {
    return [...this.commands.values()];
  }

  /** Runs a command as the palette would; false when it is unknown or not available now. */
  executeCommandById(id: string): boolean {
    const command = this.commands.get(id);
    if (!command) return false;
    if (command.checkCallback) {
      if (!command.checkCallback(true)) return false;
      command.checkCallback(false);
      return true;
    }
    if (!command.callback) return false;
    void command.callback();
    return true;
  }
}

export interface TestAppOptions {
  /** The device's local storage; pass the same map to a second app to simulate a restart on one device. */
  localStorage?: Map<string, string>;
  /** The device's secret storage, shared the same way. */
  secretStorage?: SecretStorage;
}

/** Obsidian's `App` over a real folder, plus the places where the fake shows what plugins added. */
export class App {
  vault: Vault;
  workspace: Workspace;
  metadataCache: MetadataCache;
  fileManager: FileManager;
  secretStorage: SecretStorage;
  /** Fake-only: registered commands. */
  commands = new CommandRegistry();
  /** Fake-only: setting tabs added by plugins. */
  settingTabs: SettingTab[] = [];
  /** Fake-only: open modals. */
  openModals: Modal[] = [];
  /** Fake-only: where status bar items and ribbon icons go. */
  statusBarEl = new FakeElement('div');
  ribbonEl = new FakeElement('div');
  private readonly localStore: Map<string, string>;

  constructor(basePath: string, options: TestAppOptions = {}) {
    this.metadataCache = new MetadataCache();
    this.vault = new Vault(basePath, this.metadataCache);
    this.metadataCache.files = () => this.vault.getFiles();
    this.workspace = new Workspace(this.metadataCache);
    this.fileManager = new FileManager(this.vault);
    this.secretStorage = options.secretStorage ?? new SecretStorage();
    this.localStore = options.localStorage ?? new Map<string, string>();
  }

  isDarkMode(): boolean {
    return false;
  }

  /** Device-local data (not synced with the vault); JSON round-tripped like Obsidian's localStorage. */
  loadLocalStorage(key: string): unknown {
    const raw = this.localStore.get(key);
    return raw === undefined ? null : (JSON.parse(raw) as unknown);
  }

  /** `null` removes the key. */
  saveLocalStorage(key: string, data: unknown): void {
    if (data === null || data === undefined) this.localStore.delete(key);
    else this.localStore.set(key, JSON.stringify(data));
  }
}

/**
 * Fake-only: an app over `basePath` (created if missing), its vault indexed
 * from disk and the layout not ready yet. Call `app.workspace.setLayoutReady()`
 * to finish "starting"; `app.vault.startWatching()` to notice outside changes
 * (and `stopWatching()` before removing the folder).
 */
export function createTestApp(basePath: string, options: TestAppOptions = {}): App {
  mkdirSync(basePath, { recursive: true });
  return new App(basePath, options);
}
