import type { Vault } from './vault';
import { baseName } from './normalize-path';

/** Same shape as Obsidian's `FileStats`. */
export interface FileStats {
  ctime: number;
  mtime: number;
  size: number;
}

/** A file or folder in the vault index; the same object follows the file through renames. */
export abstract class TAbstractFile {
  vault: Vault;
  path: string;
  name: string;
  parent: TFolder | null;

  constructor(vault: Vault, path: string, parent: TFolder | null) {
    this.vault = vault;
    this.path = path;
    this.name = baseName(path);
    this.parent = parent;
  }

  /** Fake-only: moves the object to a new path (Obsidian does this on rename). */
  setPath(path: string): void {
    this.path = path;
    this.name = baseName(path);
  }
}

export class TFile extends TAbstractFile {
  stat: FileStats;
  basename: string;
  extension: string;

  constructor(vault: Vault, path: string, parent: TFolder | null, stat: FileStats) {
    super(vault, path, parent);
    this.stat = stat;
    const { basename, extension } = splitName(this.name);
    this.basename = basename;
    this.extension = extension;
  }

  override setPath(path: string): void {
    super.setPath(path);
    const { basename, extension } = splitName(this.name);
    this.basename = basename;
    this.extension = extension;
  }
}

export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];

  isRoot(): boolean {
    return this.path === '/';
  }
}

function splitName(name: string): { basename: string; extension: string } {
  const i = name.lastIndexOf('.');
  if (i <= 0) return { basename: name, extension: '' };
  return { basename: name.slice(0, i), extension: name.slice(i + 1) };
}
