import { TFile, type App, type EventRef, type TAbstractFile } from 'obsidian';
import type { VaultChange } from '../vault/vault-port';
import { isHidden } from './obsidian-vault-support';

/**
 * Turns Obsidian's vault events into {@link VaultChange}s for files below
 * `base` (a normalized folder path, `/` for the whole vault). Folders are not
 * reported. A move across the folder's edge is a `create` or a `delete`, as
 * the file-system vault sees it; a move within it is a `rename`.
 *
 * Before the layout is ready Obsidian replays a `create` for every existing
 * file, so a subscription made earlier only starts once it is ready.
 * `register` receives each `EventRef` (e.g. `plugin.registerEvent`).
 * Returns the function that stops watching.
 */
export function watchVaultFolder(
  app: App,
  base: string,
  onChange: (change: VaultChange) => void,
  register?: (ref: EventRef) => void,
): () => void {
  const inside = (path: string) => !isHidden(path) && (base === '/' || path === base || path.startsWith(`${base}/`));
  const refs: EventRef[] = [];
  let closed = false;
  const simple = (type: 'create' | 'modify' | 'delete') => (file: TAbstractFile) => {
    if (file instanceof TFile && inside(file.path)) onChange({ type, path: file.path });
  };
  const onRename = (file: TAbstractFile, oldPath: string) => {
    if (!(file instanceof TFile)) return;
    const now = inside(file.path);
    const before = inside(oldPath);
    if (now && before) onChange({ type: 'rename', path: file.path, oldPath });
    else if (now) onChange({ type: 'create', path: file.path });
    else if (before) onChange({ type: 'delete', path: oldPath });
  };
  const subscribe = () => {
    if (closed) return;
    const { vault } = app;
    refs.push(vault.on('create', simple('create')), vault.on('modify', simple('modify')), vault.on('delete', simple('delete')), vault.on('rename', onRename));
    if (register) for (const ref of refs) register(ref);
  };
  if (app.workspace.layoutReady) subscribe();
  else app.workspace.onLayoutReady(subscribe);
  return () => {
    closed = true;
    for (const ref of refs.splice(0)) app.vault.offref(ref);
  };
}
