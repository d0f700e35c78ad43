import type { App } from './app';
import { FakeElement } from './element';
import type { EventRef } from './events';

/** Something listeners can be added to: a fake element, or `window`/`document` where they exist. */
interface DomTarget {
  addEventListener?(type: string, listener: (ev: never) => unknown, options?: boolean | AddEventListenerOptions): void;
  removeEventListener?(type: string, listener: (ev: never) => unknown, options?: boolean | AddEventListenerOptions): void;
}

/**
 * Obsidian's `Component`: whatever is registered while loaded is undone by
 * `unload()` (children first, then registered callbacks in reverse order,
 * then `onunload`).
 */
export class Component {
  /** Fake-only: settles when the last `load()`'s `onload` (sync or async) has finished. */
  loading: Promise<void> = Promise.resolve();
  private loaded = false;
  private cleanups: (() => unknown)[] = [];
  private children: Component[] = [];

  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const result = this.onload();
    this.loading = Promise.resolve(result).then(() => undefined);
    for (const child of this.children) child.load();
  }

  onload(): void | Promise<void> {}

  unload(): void {
    if (!this.loaded) return;
    this.loaded = false;
    for (const child of [...this.children].reverse()) child.unload();
    const cleanups = this.cleanups.reverse();
    this.cleanups = [];
    for (const cleanup of cleanups) cleanup();
    this.onunload();
  }

  onunload(): void {}

  /** Fake-only: whether `load()` ran and `unload()` has not. */
  isLoaded(): boolean {
    return this.loaded;
  }

  addChild<T extends Component>(component: T): T {
    this.children.push(component);
    if (this.loaded) component.load();
    return component;
  }

  removeChild<T extends Component>(component: T): T {
    this.children = this.children.filter((c) => c !== component);
    component.unload();
    return component;
  }

  register(cb: () => unknown): void {
    this.cleanups.push(cb);
  }

  registerEvent(eventRef: EventRef): void {
    this.register(() => eventRef.e.offref(eventRef));
  }

  registerDomEvent(el: DomTarget, type: string, callback: (ev: never) => unknown, options?: boolean | AddEventListenerOptions): void {
    el.addEventListener?.(type, callback, options);
    this.register(() => el.removeEventListener?.(type, callback, options));
  }

  registerInterval(id: number): number {
    this.register(() => clearInterval(id));
    return id;
  }
}

/** Same shape as Obsidian's `PluginManifest`. */
export interface PluginManifest {
  dir?: string;
  id: string;
  name: string;
  author: string;
  version: string;
  minAppVersion: string;
  description: string;
  authorUrl?: string;
  isDesktopOnly?: boolean;
}

/** The parts of Obsidian's `Command` the fake runs (no editor callbacks). */
export interface Command {
  id: string;
  name: string;
  icon?: string;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
}

/**
 * Obsidian's `Plugin`. What it adds to the app (commands, setting tabs,
 * status bar items, ribbon icons) lands in the fake app where tests can find
 * it, and goes away on `unload()`. `loadData`/`saveData` use
 * `<configDir>/plugins/<id>/data.json` on disk, as Obsidian does.
 */
export abstract class Plugin extends Component {
  app: App;
  manifest: PluginManifest;

  constructor(app: App, manifest: PluginManifest) {
    super();
    this.app = app;
    this.manifest = { ...manifest, dir: manifest.dir ?? `${app.vault.configDir}/plugins/${manifest.id}` };
  }

  override onload(): Promise<void> | void {}

  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): FakeElement {
    const el = this.app.ribbonEl.createDiv({ cls: 'side-dock-ribbon-action', attr: { 'aria-label': title, 'data-icon': icon } });
    el.addEventListener('click', () => callback({ type: 'click' } as unknown as MouseEvent));
    this.register(() => el.detach());
    return el;
  }

  addStatusBarItem(): FakeElement {
    const el = this.app.statusBarEl.createDiv(`status-bar-item plugin-${this.manifest.id}`);
    this.register(() => el.detach());
    return el;
  }

  /** Registers under `<plugin id>:<command id>`, as Obsidian does. */
  addCommand(command: Command): Command {
    const full: Command = { ...command, id: `${this.manifest.id}:${command.id}` };
    this.app.commands.add(full);
    this.register(() => this.app.commands.remove(full.id));
    return full;
  }

  removeCommand(commandId: string): void {
    this.app.commands.remove(`${this.manifest.id}:${commandId}`);
  }

  addSettingTab(settingTab: PluginSettingTab): void {
    this.app.settingTabs.push(settingTab);
    this.register(() => {
      this.app.settingTabs = this.app.settingTabs.filter((t) => t !== settingTab);
    });
  }

  /** The saved data, or null when there is none or it is not valid JSON. */
  async loadData(): Promise<unknown> {
    const path = this.dataPath();
    if (!(await this.app.vault.adapter.exists(path))) return null;
    try {
      return JSON.parse(await this.app.vault.adapter.read(path)) as unknown;
    } catch {
      return null;
    }
  }

  async saveData(data: unknown): Promise<void> {
    await this.app.vault.adapter.mkdir(this.manifest.dir ?? '');
    await this.app.vault.adapter.write(this.dataPath(), JSON.stringify(data, null, 2));
  }

  onUserEnable(): void {}

  private dataPath(): string {
    return `${this.manifest.dir ?? ''}/data.json`;
  }
}

/** Obsidian's `SettingTab`: render into `containerEl` in `display()`; `hide()` empties it. */
export abstract class SettingTab {
  icon = '';
  app: App;
  containerEl = new FakeElement('div');

  constructor(app: App) {
    this.app = app;
  }

  getSettingDefinitions(): unknown[] {
    return [];
  }

  display(): void {}

  hide(): void {
    this.containerEl.empty();
  }
}

export abstract class PluginSettingTab extends SettingTab {
  constructor(
    app: App,
    readonly plugin: Plugin,
  ) {
    super(app);
  }
}

/**
 * Fake-only: `plugin.load()` and wait for an async `onload` to finish. Takes
 * any plugin, typed against the real `obsidian` module or the fake.
 */
export async function loadPlugin(plugin: { load(): void }): Promise<void> {
  plugin.load();
  if (plugin instanceof Component) await plugin.loading;
}
