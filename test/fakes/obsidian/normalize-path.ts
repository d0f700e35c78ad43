/**
 * Obsidian's `normalizePath`: backslashes become slashes, runs of slashes
 * collapse, leading and trailing slashes go, non-breaking spaces become plain
 * spaces and the result is NFC. The vault root is `/`. Unlike our own
 * `normalizeVaultPath`, `.` segments are kept, as Obsidian keeps them.
 */
export function normalizePath(path: string): string {
  let out = path.replace(/([\\/])+/g, '/').replace(/(^\/+|\/+$)/g, '');
  if (out === '') out = '/';
  return out.replace(/\u00A0|\u202F/g, ' ').normalize('NFC');
}

/** Whether Obsidian leaves the path out of its index (any dot-named segment). */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

/** The parent folder of a normalized path; `/` for top-level entries. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last segment of a normalized path. */
export function baseName(path: string): string {
  return path === '/' ? '' : path.slice(path.lastIndexOf('/') + 1);
}
