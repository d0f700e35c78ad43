import { readdirSync, readFileSync, statSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { type Disk, fileStats } from './disk';
import { type TAbstractFile, TFile, TFolder } from './files';
import type { MetadataCache } from './metadata-cache';
import { isHiddenPath, parentPath } from './normalize-path';
import type { Vault } from './vault';

type DiskEntry = { kind: 'folder' } | { kind: 'file'; mtime: number; size: number };

/**
 * The vault's in-memory tree of `TFile`/`TFolder`, kept in step with the disk.
 * Every change fires the vault event Obsidian fires for it. Dot-named files
 * and folders never enter the tree, as in Obsidian.
 */
export class VaultIndex {
  readonly root: TFolder;
  private readonly map = new Map<string, TAbstractFile>();

  constructor(
    private readonly vault: Vault,
    private readonly disk: Disk,
    private readonly cache: MetadataCache,
  ) {
    this.root = new TFolder(vault, '/', null);
    this.map.set('/', this.root);
  }

  get(path: string): TAbstractFile | null {
    return this.map.get(path) ?? null;
  }

  all(): TAbstractFile[] {
    return [...this.map.values()];
  }

  /** Builds the tree at startup, without events (the app replays them on request). */
  loadSync(folder = '/'): void {
    for (const entry of readdirSync(this.disk.full(folder), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = folder === '/' ? entry.name : `${folder}/${entry.name}`;
      const parent = this.map.get(folder);
      if (!(parent instanceof TFolder)) return;
      if (entry.isDirectory()) {
        this.attach(new TFolder(this.vault, path, parent));
        this.loadSync(path);
      } else if (entry.isFile()) {
        const file = new TFile(this.vault, path, parent, fileStats(statSync(this.disk.full(path))));
        this.attach(file);
        if (file.extension === 'md') this.cache.update(file, readFileSync(this.disk.full(path), 'utf8'));
      }
    }
  }

  /** Indexes a folder and any missing parents (which must exist on disk), firing `create` for each. */
  ensureFolder(path: string): TFolder {
    const existing = this.map.get(path);
    if (existing instanceof TFolder) return existing;
    if (existing) throw new Error(`Cannot use ${path} as a folder: it is a file.`);
    const folder = new TFolder(this.vault, path, this.ensureFolder(parentPath(path)));
    this.attach(folder);
    this.vault.trigger('create', folder);
    return folder;
  }

  /** Indexes a file that now exists on disk and fires `create`. */
  async addFile(path: string, content?: string): Promise<TFile> {
    const s = await this.disk.stat(path);
    if (!s?.isFile()) throw new Error(`ENOENT: no such file, stat '${this.disk.full(path)}'`);
    const file = new TFile(this.vault, path, this.ensureFolder(parentPath(path)), fileStats(s));
    this.attach(file);
    await this.refreshCache(file, content);
    this.vault.trigger('create', file);
    return file;
  }

  /** Re-reads a file's stat after a write and fires `modify`. */
  async touch(file: TFile, content?: string): Promise<void> {
    const s = await this.disk.stat(file.path);
    if (s) file.stat = fileStats(s);
    await this.refreshCache(file, content);
    this.vault.trigger('modify', file);
  }

  /** Drops an entry and everything below it, deepest first, firing `delete` for each. */
  remove(entry: TAbstractFile): void {
    if (entry instanceof TFolder) for (const child of [...entry.children]) this.remove(child);
    if (entry.parent) entry.parent.children = entry.parent.children.filter((c) => c !== entry);
    this.map.delete(entry.path);
    if (entry instanceof TFile) this.cache.remove(entry);
    this.vault.trigger('delete', entry);
  }

  /** Moves an entry (and its children) to a new path, firing `rename` with the old path for each. */
  move(entry: TAbstractFile, newPath: string): void {
    const parent = this.ensureFolder(parentPath(newPath));
    if (entry.parent) entry.parent.children = entry.parent.children.filter((c) => c !== entry);
    const moved: [TAbstractFile, string][] = [];
    const visit = (item: TAbstractFile, path: string): void => {
      moved.push([item, item.path]);
      this.map.delete(item.path);
      item.setPath(path);
      this.map.set(path, item);
      if (item instanceof TFolder) for (const child of item.children) visit(child, `${path}/${child.name}`);
    };
    visit(entry, newPath);
    entry.parent = parent;
    parent.children.push(entry);
    for (const [item, oldPath] of moved) {
      if (item instanceof TFile) this.cache.move(oldPath, item.path);
      this.vault.trigger('rename', item, oldPath);
    }
  }

  /**
   * Brings the tree below `path` in line with the disk, as Obsidian's file
   * watcher does: `create`, `modify` (when size or mtime changed, or always
   * for `path` itself when `touched`) and `delete`.
   */
  async sync(path: string, touched = false): Promise<void> {
    if (isHiddenPath(path)) return;
    const onDisk = new Map<string, DiskEntry>();
    await this.walk(path, onDisk);
    const below = (p: string) => path === '/' || p === path || p.startsWith(`${path}/`);
    for (const p of [...this.map.keys()].filter((k) => k !== '/' && below(k)).sort().reverse()) {
      const entry = this.map.get(p);
      const seen = onDisk.get(p);
      if (entry && (!seen || seen.kind !== (entry instanceof TFolder ? 'folder' : 'file'))) this.remove(entry);
    }
    for (const [p, seen] of [...onDisk].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const entry = this.map.get(p);
      if (seen.kind === 'folder') this.ensureFolder(p);
      else if (!entry) await this.addFile(p);
      else if (entry instanceof TFile && ((touched && p === path) || entry.stat.mtime !== seen.mtime || entry.stat.size !== seen.size)) {
        await this.touch(entry);
      }
    }
  }

  private async walk(path: string, out: Map<string, DiskEntry>): Promise<void> {
    const s = await this.disk.stat(path);
    if (!s) return;
    if (s.isFile()) {
      out.set(path, { kind: 'file', mtime: s.mtimeMs, size: s.size });
      return;
    }
    if (!s.isDirectory()) return;
    if (path !== '/') out.set(path, { kind: 'folder' });
    let names: string[];
    try {
      names = await fsp.readdir(this.disk.full(path));
    } catch {
      return; // Removed while we looked: the next sync sees it gone.
    }
    for (const name of names) {
      if (!name.startsWith('.')) await this.walk(path === '/' ? name : `${path}/${name}`, out);
    }
  }

  private attach(entry: TAbstractFile): void {
    entry.parent?.children.push(entry);
    this.map.set(entry.path, entry);
  }

  private async refreshCache(file: TFile, content?: string): Promise<void> {
    if (file.extension !== 'md') return;
    this.cache.update(file, content ?? (await fsp.readFile(this.disk.full(file.path), 'utf8')));
  }
}
