import { TFile, TFolder, type App, type EventRef, type TAbstractFile } from 'obsidian';
import { FrontmatterError, joinNote, splitNote } from '../vault/frontmatter';
import { VaultError, type Frontmatter, type VaultChange, type VaultFileStat, type VaultPort } from '../vault/vault-port';
import { badFrontmatter, byPath, compare, isHidden, norm, passThrough, PathQueue, toStat, wrap } from './obsidian-vault-support';
import { watchVaultFolder } from './obsidian-vault-watch';

export interface ObsidianVaultOptions {
  /**
   * Receives every `EventRef` that `watch` creates, typically
   * `(ref) => plugin.registerEvent(ref)`, so unloading the plugin drops the
   * listeners even when nobody called the unsubscribe function.
   */
  register?: (ref: EventRef) => void;
}

/**
 * The vault through Obsidian's API, so the editor, the file explorer, the
 * metadata cache and link updates all see our changes. Dot-folders and files
 * Obsidian has not indexed (yet) go through `vault.adapter` instead.
 * Removing a file moves it to the trash the user chose in Obsidian's settings.
 *
 * In the plugin, build it as `new ObsidianVault(app, { register: (ref) => plugin.registerEvent(ref) })`
 * so watchers die with the plugin; `watch` itself waits for the layout to be ready.
 */
export class ObsidianVault implements VaultPort {
  readonly kind = 'obsidian';
  /** A create-or-append, or a rename, is several Obsidian calls that must not interleave with others on the same path. */
  private readonly queue = new PathQueue();

  constructor(
    private readonly app: App,
    private readonly options: ObsidianVaultOptions = {},
  ) {}

  async exists(path: string): Promise<boolean> {
    const p = norm(path);
    return p === '/' || this.indexed(p) !== null || (await this.adapter.exists(p));
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    const p = norm(path);
    const found = this.indexed(p);
    if (found instanceof TFile) return toStat(found);
    if (found) return null;
    const s = await this.adapter.stat(p);
    return s?.type === 'file' ? { path: p, size: s.size, mtime: s.mtime, ctime: s.ctime } : null;
  }

  async read(path: string): Promise<string> {
    const p = norm(path);
    const file = this.indexed(p);
    if (file instanceof TFile) return this.guard(p, () => this.app.vault.read(file));
    await this.requireUnindexedFile(p, file);
    return this.guard(p, () => this.adapter.read(p));
  }

  /** Obsidian's API reads files whole; weekly log rotation keeps each one small. */
  async *readLines(path: string): AsyncIterable<string> {
    const text = await this.read(path);
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) yield line;
  }

  async readBinary(path: string): Promise<Uint8Array> {
    const p = norm(path);
    const file = this.indexed(p);
    try {
      if (file instanceof TFile) return new Uint8Array(await this.app.vault.readBinary(file));
      await this.requireUnindexedFile(p, file);
      return new Uint8Array(await this.adapter.readBinary(p));
    } catch (error) {
      throw wrap(error, p);
    }
  }

  async create(path: string, content: string): Promise<void> {
    const p = norm(path);
    return this.queue.run([p], async () => {
      if (await this.exists(p)) throw new VaultError('exists', p, `A file already exists at ${p}`);
      await this.createNew(p, content);
    });
  }

  async write(path: string, content: string): Promise<void> {
    const p = norm(path);
    return this.queue.run([p], async () => {
      const file = this.writableTarget(p);
      if (file) await this.guard(p, () => this.app.vault.process(file, () => content));
      else if (isHidden(p) || (await this.adapter.exists(p))) {
        await this.makeParent(p);
        await this.guard(p, () => this.adapter.write(p, content));
      } else await this.createNew(p, content);
    });
  }

  async append(path: string, content: string): Promise<void> {
    const p = norm(path);
    return this.queue.run([p], async () => {
      const file = this.writableTarget(p);
      if (file) await this.guard(p, () => this.app.vault.append(file, content));
      else if (isHidden(p) || (await this.adapter.exists(p))) {
        await this.makeParent(p);
        await this.guard(p, () => this.adapter.append(p, content));
      } else await this.createNew(p, content);
    });
  }

  async process(path: string, fn: (content: string) => string): Promise<string> {
    const p = norm(path);
    return this.queue.run([p], async () => {
      const file = this.indexed(p);
      if (file instanceof TFile) return passThrough(fn, p, (f) => this.app.vault.process(file, f));
      await this.requireUnindexedFile(p, file);
      return passThrough(fn, p, (f) => this.adapter.process(p, f));
    });
  }

  async processFrontMatter(path: string, fn: (frontmatter: Frontmatter) => void): Promise<void> {
    const p = norm(path);
    return this.queue.run([p], async () => {
      const file = this.indexed(p);
      if (file instanceof TFile && file.extension === 'md') {
        const edit = (fm: unknown): void => {
          // Obsidian hands over whatever the YAML holds; a list or a bare value is not frontmatter we can edit.
          if (fm === null || typeof fm !== 'object' || Array.isArray(fm)) throw badFrontmatter(p, 'Frontmatter must be a set of key: value pairs');
          fn(fm as Frontmatter);
        };
        await passThrough(edit, p, (f) => this.app.fileManager.processFrontMatter(file, f));
        return;
      }
      await this.requireUnindexedFile(p, file instanceof TFile ? null : file);
      const edit = (content: string): string => {
        let split;
        try {
          split = splitNote(content);
        } catch (error) {
          if (error instanceof FrontmatterError) throw badFrontmatter(p, error.message);
          throw error;
        }
        fn(split.frontmatter);
        return joinNote(split.frontmatter, split.body);
      };
      await passThrough(edit, p, (f) => this.adapter.process(p, f));
    });
  }

  async rename(from: string, to: string): Promise<void> {
    const a = norm(from);
    const b = norm(to);
    if (a === b) return;
    return this.queue.run([a, b].sort(), async () => {
      const source = this.indexed(a);
      if (!source && !(await this.adapter.exists(a))) throw new VaultError('not-found', a, `No file at ${a}`);
      const caseOnly = a.toLowerCase() === b.toLowerCase();
      if (!caseOnly && (await this.exists(b))) throw new VaultError('exists', b, `Cannot move ${a}: a file already exists at ${b}`);
      await this.makeParent(b);
      await this.guard(b, () => (source && !isHidden(b) ? this.app.fileManager.renameFile(source, b) : this.adapter.rename(a, b)));
    });
  }

  async remove(path: string): Promise<void> {
    const p = norm(path);
    return this.queue.run([p], async () => {
      const found = this.indexed(p);
      const onDisk = found ? null : await this.adapter.stat(p);
      if (found instanceof TFolder || onDisk?.type === 'folder') throw new VaultError('io', p, `${p} is a folder; only files can be removed`);
      if (found) await this.guard(p, () => this.app.fileManager.trashFile(found));
      else if (onDisk) await this.guard(p, () => this.adapter.remove(p));
      else throw new VaultError('not-found', p, `No file at ${p}`);
    });
  }

  async mkdir(path: string): Promise<void> {
    const p = norm(path);
    if (p === '/') return;
    if (isHidden(p)) await this.guard(p, () => this.adapter.mkdir(p));
    else await this.ensureFolder(p);
  }

  async list(folder: string): Promise<VaultFileStat[]> {
    const f = norm(folder);
    const indexed = this.indexedFolder(f);
    if (indexed) return indexed.children.filter((c): c is TFile => c instanceof TFile).map(toStat).sort(byPath);
    const out: VaultFileStat[] = [];
    for (const path of (await this.listOnDisk(f)).files) {
      const s = await this.stat(path);
      if (s) out.push(s);
    }
    return out.sort(byPath);
  }

  async listFolders(folder: string): Promise<string[]> {
    const f = norm(folder);
    const indexed = this.indexedFolder(f);
    const paths = indexed ? indexed.children.filter((c) => c instanceof TFolder).map((c) => c.path) : (await this.listOnDisk(f)).folders;
    return paths.sort(compare);
  }

  /**
   * Reports changes to indexed files below `folder` (see {@link watchVaultFolder}).
   * The listeners' `EventRef`s also go to the `register` option.
   */
  watch(folder: string, onChange: (change: VaultChange) => void): () => void {
    return watchVaultFolder(this.app, norm(folder), onChange, this.options.register);
  }

  private get adapter() {
    return this.app.vault.adapter;
  }

  private indexed(p: string): TAbstractFile | null {
    return isHidden(p) ? null : this.app.vault.getAbstractFileByPath(p);
  }

  private indexedFolder(p: string): TFolder | null {
    if (p === '/') return this.app.vault.getRoot();
    const found = this.indexed(p);
    return found instanceof TFolder ? found : null;
  }

  /** The indexed file to write to, null when there is none; a folder at the path is an error. */
  private writableTarget(p: string): TFile | null {
    const found = this.indexed(p);
    if (found instanceof TFolder) throw new VaultError('io', p, `Cannot write ${p}: it is a folder`);
    return found instanceof TFile ? found : null;
  }

  /** For paths Obsidian does not index: fails with `not-found` unless a file is there on disk. */
  private async requireUnindexedFile(p: string, found: TAbstractFile | null): Promise<void> {
    if (found) throw new VaultError('not-found', p, `No file at ${p} (it is a folder)`);
    const s = await this.adapter.stat(p);
    if (s?.type !== 'file') throw new VaultError('not-found', p, `No file at ${p}`);
  }

  private async createNew(p: string, content: string): Promise<void> {
    await this.makeParent(p);
    if (isHidden(p)) await this.guard(p, () => this.adapter.write(p, content));
    else await this.guard(p, () => this.app.vault.create(p, content));
  }

  private async makeParent(p: string): Promise<void> {
    const i = p.lastIndexOf('/');
    if (i <= 0) return;
    const parent = p.slice(0, i);
    if (isHidden(parent)) await this.guard(parent, () => this.adapter.mkdir(parent));
    else await this.ensureFolder(parent);
  }

  /** Creates a folder and its parents through the vault, one level at a time, tolerating races. */
  private async ensureFolder(p: string): Promise<void> {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const found = this.app.vault.getAbstractFileByPath(prefix);
      if (found instanceof TFolder) continue;
      if (found) throw new VaultError('exists', prefix, `Cannot make the folder ${prefix}: a file already exists there`);
      try {
        await this.app.vault.createFolder(prefix);
      } catch (error) {
        if (!this.app.vault.getFolderByPath(prefix)) throw wrap(error, prefix);
      }
    }
  }

  private async listOnDisk(f: string): Promise<{ files: string[]; folders: string[] }> {
    const s = await this.adapter.stat(f);
    if (s?.type !== 'folder') return { files: [], folders: [] };
    const listed = await this.adapter.list(f);
    const visible = (path: string) => !(path.slice(path.lastIndexOf('/') + 1).startsWith('.'));
    return { files: listed.files.map(norm).filter(visible), folders: listed.folders.map(norm).filter(visible) };
  }

  /** Runs an Obsidian call, turning its errors into `VaultError`s. */
  private async guard<T>(p: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw wrap(error, p);
    }
  }
}
