import { normalizePath, type TFile } from 'obsidian';
import { VaultError, type VaultFileStat } from '../vault/vault-port';

// Small pieces of ObsidianVault: path rules, ordering, error mapping, the per-path queue.

/** Obsidian's `normalizePath`, minus `.` segments, refusing paths that climb out of the vault. */
export function norm(path: string): string {
  const parts = normalizePath(path)
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new VaultError('io', path, `Path leaves the vault: ${path}`);
  return parts.length === 0 ? '/' : parts.join('/');
}

/** Obsidian keeps dot-named files and folders (like its own config folder) out of its index. */
export function isHidden(p: string): boolean {
  return p.split('/').some((s) => s.startsWith('.'));
}

/** A vault file stat from an indexed file. */
export function toStat(file: TFile): VaultFileStat {
  return { path: file.path, size: file.stat.size, mtime: file.stat.mtime, ctime: file.stat.ctime };
}

/** Plain code-unit order: the same on every device, whatever its locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders file stats by path, see {@link compare}. */
export function byPath(a: VaultFileStat, b: VaultFileStat): number {
  return compare(a.path, b.path);
}

/** The error for frontmatter that cannot be edited; names the note, never its content. */
export function badFrontmatter(p: string, detail: string): VaultError {
  return new VaultError('bad-frontmatter', p, `${p}: ${detail}`);
}

/**
 * Calls `run` with a wrapped `fn`: what `fn` throws passes through untouched,
 * anything else becomes a `VaultError`. Obsidian's broken-YAML error is
 * recognised by name, as its YAML library is not ours.
 */
export async function passThrough<A, R, T>(fn: (arg: A) => R, p: string, run: (f: (arg: A) => R) => Promise<T>): Promise<T> {
  const own: { threw: boolean; error?: unknown } = { threw: false };
  try {
    return await run((arg) => {
      try {
        return fn(arg);
      } catch (error) {
        own.threw = true;
        own.error = error;
        throw error;
      }
    });
  } catch (error) {
    if (own.threw) throw own.error;
    if (error instanceof Error && error.name === 'YAMLParseError') {
      throw badFrontmatter(p, `Broken YAML frontmatter: ${error.message.split('\n')[0] ?? ''}`);
    }
    throw wrap(error, p);
  }
}

/** Maps Obsidian's errors (plain `Error`s with fixed messages, or Node errors from the adapter) to `VaultError`s. */
export function wrap(error: unknown, p: string): VaultError {
  if (error instanceof VaultError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'File already exists.' || message === 'Destination file already exists!') {
    return new VaultError('exists', p, `A file already exists at ${p}`);
  }
  if (/ENOENT/.test(message)) return new VaultError('not-found', p, `No file at ${p}`);
  return new VaultError('io', p, `${p}: ${message}`);
}

/**
 * Runs work for a set of paths one piece at a time per path. Callers pass the
 * keys sorted, so two operations on the same two paths cannot wait on each other.
 */
export class PathQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const [first, ...rest] = keys;
    if (first === undefined) return work();
    const inner = () => this.run(rest, work);
    const next = (this.tails.get(first) ?? Promise.resolve()).then(inner, inner);
    const settled = next.catch(() => undefined);
    this.tails.set(first, settled);
    void settled.then(() => {
      if (this.tails.get(first) === settled) this.tails.delete(first);
    });
    return next;
  }
}
