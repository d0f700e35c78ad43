import { promises as fsp, type Stats } from 'node:fs';
import * as nodePath from 'node:path';

/** Maps normalized vault paths to absolute paths under one base folder. */
export class Disk {
  constructor(readonly basePath: string) {}

  full(path: string): string {
    if (path === '/' || path === '') return this.basePath;
    const abs = nodePath.resolve(this.basePath, ...path.split('/'));
    // A test that escapes its temporary vault is a bug; fail loudly instead of touching other files.
    if (abs !== this.basePath && !abs.startsWith(this.basePath + nodePath.sep)) throw new Error(`Path leaves the vault: ${path}`);
    return abs;
  }

  async stat(path: string): Promise<Stats | null> {
    try {
      return await fsp.stat(this.full(path));
    } catch (error) {
      if (isNodeError(error, 'ENOENT') || isNodeError(error, 'ENOTDIR')) return null;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }
}

/** Runs async work one piece at a time, in call order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export function isNodeError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** Creation time as Obsidian reports it: birth time where the platform has one. */
export function fileStats(s: Stats): { ctime: number; mtime: number; size: number } {
  return { ctime: s.birthtimeMs || s.ctimeMs, mtime: s.mtimeMs, size: s.size };
}

/** An `ArrayBuffer` holding exactly the bytes of a Node buffer. */
export function toArrayBuffer(buf: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(buf.byteLength);
  new Uint8Array(out).set(buf);
  return out;
}
