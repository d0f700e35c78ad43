import { mkdirSync, promises as fsp, watch as fsWatch, type FSWatcher } from 'node:fs';
import * as nodePath from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { joinNote, splitNote, FrontmatterError } from './frontmatter';
import { normalizeVaultPath } from '../core/paths';
import {
  VaultError,
  type Frontmatter,
  type VaultChange,
  type VaultFileStat,
  type VaultPort,
} from './vault-port';

/** How many files `list` stats at once. */
const STAT_BATCH = 64;

/**
 * The vault as plain files on disk, for the headless CLI and the tests.
 * Writes go to a temporary sibling and are renamed into place, so a crash or
 * a concurrent reader never sees half a note.
 */
export class FsVault implements VaultPort {
  readonly kind = 'fs';
  /** Per-path queue so two read-modify-writes of one file never interleave. */
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Folders known to exist, so writes skip `mkdir`; see ensureDir. */
  private readonly knownDirs = new Set<string>();

  constructor(readonly basePath: string) {}

  /** The absolute path on disk of a vault path. */
  abs(path: string): string {
    const rel = normalizeVaultPath(path);
    if (rel.split('/').includes('..')) throw new VaultError('io', path, `Path leaves the vault: ${path}`);
    return rel === '/' ? this.basePath : nodePath.join(this.basePath, ...rel.split('/'));
  }

  async exists(path: string): Promise<boolean> {
    try {
      await fsp.access(this.abs(path));
      return true;
    } catch {
      return false;
    }
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    try {
      const s = await fsp.stat(this.abs(path));
      if (!s.isFile()) return null;
      return { path: normalizeVaultPath(path), size: s.size, mtime: s.mtimeMs, ctime: s.birthtimeMs || s.ctimeMs };
    } catch {
      return null;
    }
  }

  async read(path: string): Promise<string> {
    return (await this.readRaw(path)).toString('utf8');
  }

  async *readLines(path: string): AsyncIterable<string> {
    let stream;
    try {
      // Opened first, so a missing file is a not-found error rather than a stream error later.
      stream = (await fsp.open(this.abs(path), 'r')).createReadStream({ encoding: 'utf8' });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'EISDIR')) throw new VaultError('not-found', path, `No file at ${path}`);
      throw wrap(error, path);
    }
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) yield line;
    } finally {
      lines.close();
      stream.destroy();
    }
  }

  async readBinary(path: string): Promise<Uint8Array> {
    return new Uint8Array(await this.readRaw(path));
  }

  async create(path: string, content: string): Promise<void> {
    const target = this.abs(path);
    await this.ensureDir(nodePath.dirname(target));
    // Write to a temporary file, then link it into place: `link` fails when the
    // target exists, which makes creation both exclusive and atomic.
    const tmp = await this.writeTemp(target, content);
    try {
      await fsp.link(tmp, target);
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw new VaultError('exists', path, `A file already exists at ${path}`);
      throw wrap(error, path);
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  async write(path: string, content: string): Promise<void> {
    await this.serialized(path, () => this.writeAtomic(path, content));
  }

  async append(path: string, content: string): Promise<void> {
    const target = this.abs(path);
    await this.serialized(path, async () => {
      await this.ensureDir(nodePath.dirname(target));
      // O_APPEND: each call lands whole at the end, even with other appenders.
      await this.retryIfFolderVanished(target, () => fsp.appendFile(target, content, 'utf8'));
    });
  }

  async process(path: string, fn: (content: string) => string): Promise<string> {
    return this.serialized(path, async () => {
      const next = fn(await this.read(path));
      await this.writeAtomic(path, next);
      return next;
    });
  }

  async processFrontMatter(path: string, fn: (frontmatter: Frontmatter) => void): Promise<void> {
    await this.process(path, (content) => {
      let split;
      try {
        split = splitNote(content);
      } catch (error) {
        if (error instanceof FrontmatterError) throw new VaultError('bad-frontmatter', path, `${path}: ${error.message}`);
        throw error;
      }
      const fm = structuredClone(split.frontmatter);
      fn(fm);
      return joinNote(fm, split.body);
    });
  }

  async rename(from: string, to: string): Promise<void> {
    const source = this.abs(from);
    const target = this.abs(to);
    if (source === target) return;
    await this.ensureDir(nodePath.dirname(target));
    try {
      // link + unlink refuses to overwrite, unlike rename(2).
      await this.retryIfFolderVanished(target, () => fsp.link(source, target));
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw new VaultError('exists', to, `Cannot move ${from}: a file already exists at ${to}`);
      if (isCode(error, 'ENOENT')) throw new VaultError('not-found', from, `No file at ${from}`);
      if (isCode(error, 'EPERM') || isCode(error, 'EXDEV')) {
        if (await this.exists(to)) throw new VaultError('exists', to, `Cannot move ${from}: a file already exists at ${to}`);
        await fsp.rename(source, target);
        return;
      }
      throw wrap(error, from);
    }
    await fsp.unlink(source);
  }

  async remove(path: string): Promise<void> {
    try {
      await fsp.rm(this.abs(path));
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new VaultError('not-found', path, `No file at ${path}`);
      throw wrap(error, path);
    }
  }

  async mkdir(path: string): Promise<void> {
    try {
      await fsp.mkdir(this.abs(path), { recursive: true });
    } catch (error) {
      if (isCode(error, 'EEXIST') || isCode(error, 'ENOTDIR')) throw new VaultError('exists', path, `Cannot make the folder ${path}: a file already exists there`);
      throw wrap(error, path);
    }
  }

  async list(folder: string): Promise<VaultFileStat[]> {
    const paths = (await this.readDir(folder)).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => joinRel(folder, e.name));
    const out: VaultFileStat[] = [];
    // A few stats in flight at once: one at a time, a folder of 10,000 notes takes most of a second.
    for (let i = 0; i < paths.length; i += STAT_BATCH) {
      for (const s of await Promise.all(paths.slice(i, i + STAT_BATCH).map((p) => this.stat(p)))) if (s) out.push(s);
    }
    return out.sort((a, b) => compare(a.path, b.path));
  }

  async listFolders(folder: string): Promise<string[]> {
    const entries = await this.readDir(folder);
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => joinRel(folder, e.name))
      .sort(compare);
  }

  /**
   * Watches with `fs.watch` (recursive). The watcher is in place when this
   * returns, so a file dropped right after is seen. Dot-named entries (our
   * own temporary files, `.DS_Store`, `.obsidian`) are ignored, as Obsidian
   * ignores them. Renames show up as a `delete` and a `create`.
   */
  watch(folder: string, onChange: (change: VaultChange) => void): () => void {
    const root = this.abs(folder);
    const base = normalizeVaultPath(folder);
    let closed = false;
    const known = new Set<string>();
    mkdirSync(root, { recursive: true });
    // Events that arrive before the existing files are known wait for that list,
    // so a file that was already there is not reported as new.
    const ready = this.listBelow(base, known).catch(() => undefined);
    const watcher: FSWatcher = fsWatch(root, { recursive: true }, (_event, filename) => {
      if (!filename) return;
      const rel = joinRel(base, filename.toString().split(nodePath.sep).join('/'));
      if (isHiddenPath(rel)) return;
      void ready
        .then(() => this.classify(rel, known))
        .then((change) => {
          if (change && !closed) onChange(change);
        })
        .catch(() => undefined);
    });
    watcher.on('error', () => undefined);
    return () => {
      closed = true;
      watcher.close();
    };
  }

  /** Adds every file below a folder (not only direct children) to `into`. */
  private async listBelow(folder: string, into: Set<string>): Promise<void> {
    for (const file of await this.list(folder)) into.add(file.path);
    for (const sub of await this.listFolders(folder)) await this.listBelow(sub, into);
  }

  private async classify(path: string, known: Set<string>): Promise<VaultChange | null> {
    const s = await this.stat(path);
    if (s) {
      if (known.has(path)) return { type: 'modify', path };
      known.add(path);
      return { type: 'create', path };
    }
    if (await this.isFolder(path)) return null;
    if (known.delete(path)) return { type: 'delete', path };
    return null;
  }

  private async isFolder(path: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.abs(path))).isDirectory();
    } catch {
      return false;
    }
  }

  private async readDir(folder: string) {
    try {
      return await fsp.readdir(this.abs(folder), { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return [];
      throw wrap(error, folder);
    }
  }

  private async readRaw(path: string): Promise<Buffer> {
    try {
      return await fsp.readFile(this.abs(path));
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'EISDIR')) throw new VaultError('not-found', path, `No file at ${path}`);
      throw wrap(error, path);
    }
  }

  private async writeAtomic(path: string, content: string): Promise<void> {
    const target = this.abs(path);
    await this.ensureDir(nodePath.dirname(target));
    const tmp = await this.writeTemp(target, content);
    try {
      await fsp.rename(tmp, target);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw wrap(error, path);
    }
  }

  private async writeTemp(target: string, content: string): Promise<string> {
    const tmp = nodePath.join(nodePath.dirname(target), `.${nodePath.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await this.retryIfFolderVanished(target, () => fsp.open(tmp, 'wx'));
    try {
      await handle.writeFile(content, 'utf8');
      // No fsync: the rename is what makes a write atomic for readers and for a crash of
      // this process; Obsidian does not fsync its own writes either.
    } finally {
      await handle.close();
    }
    return tmp;
  }

  /**
   * Creates a folder once per instance: writes are frequent and `mkdir -p`
   * on every one of them was a large share of triage time.
   */
  private async ensureDir(dir: string): Promise<void> {
    if (this.knownDirs.has(dir)) return;
    await fsp.mkdir(dir, { recursive: true });
    this.knownDirs.add(dir);
  }

  /** A folder we created may have been removed since (by the user, by sync): make it again and retry once. */
  private async retryIfFolderVanished<T>(target: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const dir = nodePath.dirname(target);
      if (!isCode(error, 'ENOENT') || !this.knownDirs.delete(dir)) throw error;
      await this.ensureDir(dir);
      return work();
    }
  }

  private serialized<T>(path: string, work: () => Promise<T>): Promise<T> {
    const key = normalizeVaultPath(path);
    const previous = this.locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return next;
  }
}

function joinRel(folder: string, name: string): string {
  const f = normalizeVaultPath(folder);
  return f === '/' ? normalizeVaultPath(name) : normalizeVaultPath(`${f}/${name}`);
}

/** Plain code-unit order: the same on every machine, whatever its locale (ObsidianVault sorts the same way). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dot-named files and folders: temporary files, `.obsidian`, `.trash`, `.DS_Store`. */
function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function wrap(error: unknown, path: string): VaultError {
  const message = error instanceof Error ? error.message : String(error);
  return new VaultError('io', path, `${path}: ${message}`);
}

