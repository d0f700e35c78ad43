import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import { type Disk, type Mutex, fileStats, toArrayBuffer } from './disk';
import { baseName } from './normalize-path';

/** Same shapes as Obsidian's `Stat`, `ListedFiles` and `DataWriteOptions`. */
export interface Stat {
  type: 'file' | 'folder';
  ctime: number;
  mtime: number;
  size: number;
}
export interface ListedFiles {
  files: string[];
  folders: string[];
}
export interface DataWriteOptions {
  ctime?: number;
  mtime?: number;
}

/**
 * The desktop `DataAdapter` over a real folder. Reaches every path, dot-folders
 * included. Like Obsidian, a change it makes to an indexed path is reported
 * to the vault right away (index updated, events fired). Parents must exist
 * for writes and renames; `mkdir` is recursive.
 */
export class FileSystemAdapter {
  constructor(
    private readonly disk: Disk,
    private readonly lock: Mutex,
    /** Tells the vault the disk changed below a path. */
    private readonly reconcile: (path: string, touched?: boolean) => Promise<void>,
  ) {}

  getName(): string {
    return nodePath.basename(this.disk.basePath);
  }

  getBasePath(): string {
    return this.disk.basePath;
  }

  getFullPath(normalizedPath: string): string {
    return this.disk.full(normalizedPath);
  }

  async exists(normalizedPath: string, sensitive?: boolean): Promise<boolean> {
    void sensitive;
    return this.disk.exists(normalizedPath);
  }

  async stat(normalizedPath: string): Promise<Stat | null> {
    const s = await this.disk.stat(normalizedPath);
    if (!s || (!s.isFile() && !s.isDirectory())) return null;
    return { type: s.isFile() ? 'file' : 'folder', ...fileStats(s) };
  }

  async list(normalizedPath: string): Promise<ListedFiles> {
    const out: ListedFiles = { files: [], folders: [] };
    for (const entry of await fsp.readdir(this.disk.full(normalizedPath), { withFileTypes: true })) {
      const path = normalizedPath === '/' ? entry.name : `${normalizedPath}/${entry.name}`;
      if (entry.isDirectory()) out.folders.push(path);
      else if (entry.isFile()) out.files.push(path);
    }
    return out;
  }

  read(normalizedPath: string): Promise<string> {
    return this.lock.run(() => fsp.readFile(this.disk.full(normalizedPath), 'utf8'));
  }

  readBinary(normalizedPath: string): Promise<ArrayBuffer> {
    return this.lock.run(async () => toArrayBuffer(await fsp.readFile(this.disk.full(normalizedPath))));
  }

  write(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void> {
    return this.change(normalizedPath, () => fsp.writeFile(this.disk.full(normalizedPath), data, 'utf8'), options);
  }

  writeBinary(normalizedPath: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    return this.change(normalizedPath, () => fsp.writeFile(this.disk.full(normalizedPath), new Uint8Array(data)), options);
  }

  append(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void> {
    return this.change(normalizedPath, () => fsp.appendFile(this.disk.full(normalizedPath), data, 'utf8'), options);
  }

  appendBinary(normalizedPath: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    return this.change(normalizedPath, () => fsp.appendFile(this.disk.full(normalizedPath), new Uint8Array(data)), options);
  }

  /** Read-modify-write with nothing else in between. */
  async process(normalizedPath: string, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
    let result = '';
    await this.change(
      normalizedPath,
      async () => {
        const full = this.disk.full(normalizedPath);
        result = fn(await fsp.readFile(full, 'utf8'));
        await fsp.writeFile(full, result, 'utf8');
      },
      options,
    );
    return result;
  }

  getResourcePath(normalizedPath: string): string {
    return `app://local/${encodeURI(this.disk.full(normalizedPath))}`;
  }

  mkdir(normalizedPath: string): Promise<void> {
    return this.change(normalizedPath, async () => {
      await fsp.mkdir(this.disk.full(normalizedPath), { recursive: true });
    });
  }

  /** The system trash is out of reach in tests: reports failure, as Obsidian does where there is none. */
  trashSystem(normalizedPath: string): Promise<boolean> {
    void normalizedPath;
    return Promise.resolve(false);
  }

  /** Moves into the vault's `.trash` folder, renaming on clashes. */
  trashLocal(normalizedPath: string): Promise<void> {
    return this.change(normalizedPath, async () => {
      await fsp.mkdir(this.disk.full('.trash'), { recursive: true });
      await fsp.rename(this.disk.full(normalizedPath), this.disk.full(await this.freeTrashPath(baseName(normalizedPath))));
    });
  }

  rmdir(normalizedPath: string, recursive: boolean): Promise<void> {
    const full = this.disk.full(normalizedPath);
    return this.change(normalizedPath, () => (recursive ? fsp.rm(full, { recursive: true }) : fsp.rmdir(full)));
  }

  remove(normalizedPath: string): Promise<void> {
    return this.change(normalizedPath, () => fsp.unlink(this.disk.full(normalizedPath)));
  }

  rename(normalizedPath: string, normalizedNewPath: string): Promise<void> {
    return this.lock.run(async () => {
      const sameFile = normalizedPath.toLowerCase() === normalizedNewPath.toLowerCase();
      if (!sameFile && (await this.disk.exists(normalizedNewPath))) throw new Error('Destination file already exists!');
      await fsp.rename(this.disk.full(normalizedPath), this.disk.full(normalizedNewPath));
      await this.reconcile(normalizedPath);
      await this.reconcile(normalizedNewPath);
    });
  }

  copy(normalizedPath: string, normalizedNewPath: string): Promise<void> {
    return this.lock.run(async () => {
      if (await this.disk.exists(normalizedNewPath)) throw new Error('Destination file already exists!');
      await fsp.cp(this.disk.full(normalizedPath), this.disk.full(normalizedNewPath), { recursive: true, errorOnExist: true });
      await this.reconcile(normalizedNewPath);
    });
  }

  /** Runs one disk change under the vault lock, then lets the vault catch up. */
  private change(path: string, work: () => Promise<void>, options?: DataWriteOptions): Promise<void> {
    return this.lock.run(async () => {
      await work();
      if (options?.mtime !== undefined) {
        const when = new Date(options.mtime);
        await fsp.utimes(this.disk.full(path), when, when);
      }
      await this.reconcile(path, true);
    });
  }

  private async freeTrashPath(name: string): Promise<string> {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 0; ; n++) {
      const candidate = `.trash/${n === 0 ? stem : `${stem} ${n}`}${ext}`;
      if (!(await this.disk.exists(candidate))) return candidate;
    }
  }
}
