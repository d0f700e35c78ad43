import { promises as fsp, watch as fsWatch, type FSWatcher } from 'node:fs';
import * as nodePath from 'node:path';
import { type DataWriteOptions, FileSystemAdapter } from './adapter';
import { Disk, Mutex, isNodeError, toArrayBuffer } from './disk';
import { type EventRef, Events } from './events';
import { type TAbstractFile, TFile, TFolder } from './files';
import type { MetadataCache } from './metadata-cache';
import { isHiddenPath, normalizePath } from './normalize-path';
import { VaultIndex } from './vault-index';

/**
 * Obsidian's `Vault` over a real folder. Changes made through it update the
 * index and fire `create`/`modify`/`delete`/`rename` like Obsidian; changes
 * made behind its back (a test writing to disk) are noticed by `rescan()`, or
 * by the file watcher between `startWatching()` and `stopWatching()`.
 * One lock orders all of its disk work, so each call is atomic.
 */
export class Vault extends Events {
  adapter: FileSystemAdapter;
  /** Obsidian's default; a user can pick another name, which plugins must not assume. */
  configDir = '.obsidian';
  /** Fake-only: errors from rescans started by the watcher. */
  readonly watchErrors: unknown[] = [];
  private readonly disk: Disk;
  private readonly index: VaultIndex;
  private readonly lock = new Mutex();
  private watcher: FSWatcher | null = null;
  private watchTimer: NodeJS.Timeout | null = null;

  constructor(basePath: string, metadataCache: MetadataCache) {
    super();
    this.disk = new Disk(nodePath.resolve(basePath));
    this.index = new VaultIndex(this, this.disk, metadataCache);
    this.adapter = new FileSystemAdapter(this.disk, this.lock, (path, touched) => this.index.sync(path, touched));
    this.index.loadSync();
  }

  getName(): string {
    return nodePath.basename(this.disk.basePath);
  }

  getAbstractFileByPath(path: string): TAbstractFile | null {
    return this.index.get(normalizePath(path));
  }

  getFileByPath(path: string): TFile | null {
    const found = this.getAbstractFileByPath(path);
    return found instanceof TFile ? found : null;
  }

  getFolderByPath(path: string): TFolder | null {
    const found = this.getAbstractFileByPath(path);
    return found instanceof TFolder ? found : null;
  }

  getRoot(): TFolder {
    return this.index.root;
  }

  getAllLoadedFiles(): TAbstractFile[] {
    return this.index.all();
  }

  getAllFolders(includeRoot?: boolean): TFolder[] {
    return this.index.all().filter((f): f is TFolder => f instanceof TFolder && (includeRoot === true || !f.isRoot()));
  }

  getFiles(): TFile[] {
    return this.index.all().filter((f): f is TFile => f instanceof TFile);
  }

  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === 'md');
  }

  static recurseChildren(root: TFolder, cb: (file: TAbstractFile) => unknown): void {
    cb(root);
    for (const child of root.children) {
      if (child instanceof TFolder) Vault.recurseChildren(child, cb);
      else cb(child);
    }
  }

  /** Fails with `File already exists.` when the path is taken (on disk or in the index); the parent folder must exist. */
  create(path: string, data: string, options?: DataWriteOptions): Promise<TFile> {
    return this.createWith(path, data, options);
  }

  createBinary(path: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<TFile> {
    return this.createWith(path, new Uint8Array(data), options);
  }

  /** Creates the folder and any missing parents; fails with `Folder already exists.` when it is indexed. */
  createFolder(path: string): Promise<TFolder> {
    const p = normalizePath(path);
    return this.lock.run(async () => {
      if (this.index.get(p)) throw new Error('Folder already exists.');
      await fsp.mkdir(this.disk.full(p), { recursive: true });
      return this.index.ensureFolder(p);
    });
  }

  read(file: TFile): Promise<string> {
    return this.lock.run(() => fsp.readFile(this.disk.full(file.path), 'utf8'));
  }

  /** No separate cache in the fake: always the disk content. */
  cachedRead(file: TFile): Promise<string> {
    return this.read(file);
  }

  readBinary(file: TFile): Promise<ArrayBuffer> {
    return this.lock.run(async () => toArrayBuffer(await fsp.readFile(this.disk.full(file.path))));
  }

  getResourcePath(file: TFile): string {
    return `${this.adapter.getResourcePath(file.path)}?${file.stat.mtime}`;
  }

  modify(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    return this.writeTo(file, () => fsp.writeFile(this.disk.full(file.path), data, 'utf8'), options, data);
  }

  modifyBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    return this.writeTo(file, () => fsp.writeFile(this.disk.full(file.path), new Uint8Array(data)), options);
  }

  append(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    return this.writeTo(file, () => fsp.appendFile(this.disk.full(file.path), data, 'utf8'), options);
  }

  appendBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    return this.writeTo(file, () => fsp.appendFile(this.disk.full(file.path), new Uint8Array(data)), options);
  }

  /** Atomic read-modify-write: `fn` gets the current content; nothing else touches the vault in between. */
  async process(file: TFile, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
    let next = '';
    await this.writeTo(
      file,
      async () => {
        next = fn(await fsp.readFile(this.disk.full(file.path), 'utf8'));
        await fsp.writeFile(this.disk.full(file.path), next, 'utf8');
      },
      options,
    );
    return next;
  }

  /** Fails with `Destination file already exists!` when the target is taken; the target's folder must exist. */
  rename(file: TAbstractFile, newPath: string): Promise<void> {
    const target = normalizePath(newPath);
    return this.lock.run(async () => {
      if (target === file.path) return;
      const caseOnly = target.toLowerCase() === file.path.toLowerCase();
      if (!caseOnly && (this.index.get(target) || (await this.disk.exists(target)))) throw new Error('Destination file already exists!');
      await fsp.rename(this.disk.full(file.path), this.disk.full(target));
      if (isHiddenPath(target)) this.index.remove(file);
      else this.index.move(file, target);
    });
  }

  delete(file: TAbstractFile, force?: boolean): Promise<void> {
    void force;
    return this.lock.run(async () => {
      await fsp.rm(this.disk.full(file.path), { recursive: true });
      this.index.remove(file);
    });
  }

  /** Both kinds of trash land in `<vault>/.trash` in the fake, so tests can look. */
  async trash(file: TAbstractFile, system: boolean): Promise<void> {
    void system;
    await this.adapter.trashLocal(file.path);
  }

  copy<T extends TAbstractFile>(file: T, newPath: string): Promise<T> {
    const target = normalizePath(newPath);
    return this.lock.run(async () => {
      if (this.index.get(target) || (await this.disk.exists(target))) throw new Error('File already exists.');
      await fsp.cp(this.disk.full(file.path), this.disk.full(target), { recursive: true, errorOnExist: true });
      await this.index.sync(target);
      return this.index.get(target) as T;
    });
  }

  override on(name: 'create', callback: (file: TAbstractFile) => unknown, ctx?: unknown): EventRef;
  override on(name: 'modify', callback: (file: TAbstractFile) => unknown, ctx?: unknown): EventRef;
  override on(name: 'delete', callback: (file: TAbstractFile) => unknown, ctx?: unknown): EventRef;
  override on(name: 'rename', callback: (file: TAbstractFile, oldPath: string) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /** Fake-only: notices files changed on disk behind the vault's back, firing the events Obsidian would. */
  rescan(): Promise<void> {
    return this.lock.run(() => this.index.sync('/'));
  }

  /** Fake-only: writes (or, with `null`, deletes) a file straight on disk, as another program would, then rescans. */
  async simulateExternalChange(path: string, content: string | Uint8Array | null): Promise<void> {
    const full = this.disk.full(normalizePath(path));
    if (content === null) await fsp.rm(full, { recursive: true, force: true });
    else {
      await fsp.mkdir(nodePath.dirname(full), { recursive: true });
      await fsp.writeFile(full, content);
    }
    await this.rescan();
  }

  /** Fake-only: fires `create` for every indexed entry, as Obsidian does while it loads a vault. */
  replayLoadEvents(): void {
    for (const entry of this.index.all()) if (entry !== this.index.root) this.trigger('create', entry);
  }

  /** Fake-only: watches the folder like Obsidian does; changes from outside show up within a few tens of ms. */
  startWatching(): void {
    if (this.watcher) return;
    this.watcher = fsWatch(this.disk.basePath, { recursive: true }, (_event, filename) => {
      if (filename && isHiddenPath(filename.toString().split(nodePath.sep).join('/'))) return;
      if (this.watchTimer) clearTimeout(this.watchTimer);
      // Bursts (a write is often several events) settle into one rescan.
      this.watchTimer = setTimeout(() => {
        this.watchTimer = null;
        this.rescan().catch((error: unknown) => this.watchErrors.push(error));
      }, 20);
    });
    this.watcher.on('error', (error) => this.watchErrors.push(error));
  }

  /** Fake-only: stops the watcher (call it before deleting the folder). */
  stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = null;
  }

  private createWith(path: string, data: string | Uint8Array, options?: DataWriteOptions): Promise<TFile> {
    const p = normalizePath(path);
    return this.lock.run(async () => {
      if (this.index.get(p)) throw new Error('File already exists.');
      try {
        await fsp.writeFile(this.disk.full(p), data, { flag: 'wx' });
      } catch (error) {
        if (isNodeError(error, 'EEXIST')) throw new Error('File already exists.');
        throw error;
      }
      await this.applyTimes(p, options);
      if (isHiddenPath(p)) return new TFile(this, p, null, { ctime: 0, mtime: 0, size: 0 });
      return this.index.addFile(p, typeof data === 'string' ? data : undefined);
    });
  }

  private writeTo(file: TFile, work: () => Promise<void>, options?: DataWriteOptions, content?: string): Promise<void> {
    return this.lock.run(async () => {
      await work();
      await this.applyTimes(file.path, options);
      if (this.index.get(file.path) === file) await this.index.touch(file, content);
    });
  }

  private async applyTimes(path: string, options?: DataWriteOptions): Promise<void> {
    if (options?.mtime === undefined) return;
    const when = new Date(options.mtime);
    await fsp.utimes(this.disk.full(path), when, when);
  }
}
