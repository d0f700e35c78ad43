/**
 * Vault paths are always forward-slash, relative to the vault root, with no
 * leading, trailing or doubled slashes (the same rules as Obsidian's
 * `normalizePath`, which the plugin layer also applies to user input).
 */
export function normalizeVaultPath(path: string): string {
  const cleaned = path
    .replace(/\\/g, '/')
    .replace(/\u00a0|\u202f/g, ' ')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
  return cleaned === '' ? '/' : cleaned;
}

export function joinVaultPath(...parts: string[]): string {
  const joined = normalizeVaultPath(parts.filter((p) => p !== '' && p !== '/').join('/'));
  return joined;
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

/** The extension without the dot, lower-case; '' when there is none. */
export function extension(path: string): string {
  const name = basename(path);
  const i = name.lastIndexOf('.');
  return i <= 0 ? '' : name.slice(i + 1).toLowerCase();
}

/** The file name without its extension. */
export function stem(path: string): string {
  const name = basename(path);
  const i = name.lastIndexOf('.');
  return i <= 0 ? name : name.slice(0, i);
}

/** True when `path` is `folder` itself or lies somewhere below it. */
export function isInside(path: string, folder: string): boolean {
  if (folder === '' || folder === '/') return true;
  return path === folder || path.startsWith(folder + '/');
}
