import { Events } from './events';
import type { TFile } from './files';
import type { MetadataCache } from './metadata-cache';

/** A pane; opening a file records it on the workspace. */
export class WorkspaceLeaf extends Events {
  /** Fake-only: the file shown in this leaf. */
  file: TFile | null = null;

  constructor(private readonly workspace: Workspace) {
    super();
  }

  openFile(file: TFile): Promise<void> {
    this.file = file;
    this.workspace.opened.push(file.path);
    this.workspace.trigger('file-open', file);
    return Promise.resolve();
  }
}

/**
 * Obsidian's `Workspace`, for what the plugin uses. The layout is not ready
 * until the test says so with `setLayoutReady()`, which runs the queued
 * `onLayoutReady` callbacks, as Obsidian does once the vault has loaded.
 */
export class Workspace extends Events {
  layoutReady = false;
  /** Fake-only: paths opened in leaves, oldest first. */
  readonly opened: string[] = [];
  private readyQueue: (() => unknown)[] = [];
  private active: WorkspaceLeaf | null = null;

  constructor(private readonly metadataCache: MetadataCache) {
    super();
  }

  /** Runs `callback` now when the layout is ready, else once it becomes ready. */
  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) void callback();
    else this.readyQueue.push(callback);
  }

  /** Fake-only: the app finished loading; runs the queued callbacks once. */
  setLayoutReady(): void {
    if (this.layoutReady) return;
    this.layoutReady = true;
    const queue = this.readyQueue;
    this.readyQueue = [];
    for (const cb of queue) void cb();
    this.trigger('layout-ready');
  }

  getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
    if (!newLeaf && this.active) return this.active;
    this.active = new WorkspaceLeaf(this);
    return this.active;
  }

  getActiveFile(): TFile | null {
    return this.active?.file ?? null;
  }

  /** Opens the note a link points to; an unresolved link opens nothing (Obsidian would create the note). */
  async openLinkText(linktext: string, sourcePath: string, newLeaf?: boolean | 'tab' | 'split' | 'window'): Promise<void> {
    const file = this.metadataCache.getFirstLinkpathDest(linktext, sourcePath);
    if (file) await this.getLeaf(newLeaf).openFile(file);
  }
}
