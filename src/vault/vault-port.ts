/**
 * The one way the core touches the vault. `FsVault` implements it for Node
 * (headless), `ObsidianVault` (in src/plugin) over Obsidian's Vault API.
 * Paths are vault-relative and normalized (see core/paths).
 */
export interface VaultFileStat {
  path: string;
  size: number;
  /** Last modification, ms since the epoch. */
  mtime: number;
  /** Creation, ms since the epoch. */
  ctime: number;
}

export type VaultChangeType = 'create' | 'modify' | 'delete' | 'rename';

export interface VaultChange {
  type: VaultChangeType;
  path: string;
  /** For renames: where the file was before. */
  oldPath?: string;
}

export type Frontmatter = Record<string, unknown>;

export interface VaultPort {
  /** A short name for logs and the dashboard, e.g. `fs` or `obsidian`. */
  readonly kind: string;

  exists(path: string): Promise<boolean>;
  stat(path: string): Promise<VaultFileStat | null>;
  read(path: string): Promise<string>;
  readBinary(path: string): Promise<Uint8Array>;
  /**
   * The lines of a text file, without their `\n` or `\r\n`, read as a stream
   * where the platform can (so a long log is never held whole); a missing
   * file fails with `VaultError('not-found')` on the first read.
   */
  readLines(path: string): AsyncIterable<string>;

  /** Creates a new file; fails with `VaultError('exists')` when the path is taken. Parent folders are created. */
  create(path: string, content: string): Promise<void>;
  /** Creates or replaces a file atomically (readers see the old or the new content, never half). */
  write(path: string, content: string): Promise<void>;
  /** Appends to a file, creating it when absent. */
  append(path: string, content: string): Promise<void>;
  /** Read-modify-write in one step; returns the new content. */
  process(path: string, fn: (content: string) => string): Promise<string>;
  /**
   * Edits the YAML frontmatter in place, keeping the body. `fn` mutates the
   * object it is given. Broken YAML fails with `VaultError('bad-frontmatter')`.
   */
  processFrontMatter(path: string, fn: (frontmatter: Frontmatter) => void): Promise<void>;

  /** Moves a file; fails with `VaultError('exists')` when the target is taken. Parent folders are created. */
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Creates a folder and its parents; no error when it exists. */
  mkdir(path: string): Promise<void>;
  /**
   * Files directly inside a folder (not below), or [] when the folder is absent.
   * Sorted by path in plain code-unit order; dot-named files (`.DS_Store`,
   * temporary files) are left out, as Obsidian leaves them out.
   */
  list(folder: string): Promise<VaultFileStat[]>;
  /** Folders directly inside a folder, sorted the same way, without dot-named ones. */
  listFolders(folder: string): Promise<string[]>;

  /**
   * Calls `onChange` for every change to files below `folder`; returns the
   * function that stops watching. Changes under dot-named folders are not
   * reported. A move into or out of `folder` may come as `create`/`delete`.
   */
  watch(folder: string, onChange: (change: VaultChange) => void): () => void;
}

export type VaultErrorCode = 'not-found' | 'exists' | 'bad-frontmatter' | 'io';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}
