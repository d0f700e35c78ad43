import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { ObsidianVault } from '../../src/plugin/obsidian-vault';
import { VaultError, type VaultChange } from '../../src/vault/vault-port';
import { type App, asObsidianApp, createTestApp, type EventRef, Plugin, TFile } from '../fakes/obsidian';

let base: string;
let app: App;
let vault: ObsidianVault;
let vaultEvents: string[];

function put(path: string, content: string): void {
  const full = nodePath.join(base, path);
  mkdirSync(nodePath.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

function make(options?: ConstructorParameters<typeof ObsidianVault>[1]): ObsidianVault {
  return new ObsidianVault(asObsidianApp(app), options);
}

beforeEach(() => {
  base = mkdtempSync(nodePath.join(os.tmpdir(), 'obsidian-vault-'));
  app = createTestApp(base);
  app.workspace.setLayoutReady();
  vault = make();
  vaultEvents = [];
  app.vault.on('create', (f) => vaultEvents.push(`create ${f.path}`));
  app.vault.on('modify', (f) => vaultEvents.push(`modify ${f.path}`));
  app.vault.on('delete', (f) => vaultEvents.push(`delete ${f.path}`));
});

afterEach(() => {
  app.vault.stopWatching();
  rmSync(base, { recursive: true, force: true });
});

test('indexed files go through the Vault API, so Obsidian knows at once', async () => {
  await vault.create('Inbox/a.md', '---\nstatus: new\n---\n');
  const file = app.vault.getFileByPath('Inbox/a.md');
  await vault.processFrontMatter('Inbox/a.md', (fm) => {
    fm.status = 'done';
  });
  if (!(file instanceof TFile)) throw new Error('not indexed');
  expect(app.metadataCache.getFileCache(file)?.frontmatter).toEqual({ status: 'done' });
  await vault.append('Inbox/a.md', 'more');
  await vault.write('Inbox/a.md', 'new');
  expect(vaultEvents).toEqual(['create Inbox', 'create Inbox/a.md', 'modify Inbox/a.md', 'modify Inbox/a.md', 'modify Inbox/a.md']);
});

test('rename uses FileManager.renameFile (links update) and keeps the same file object', async () => {
  await vault.create('Pending_Approval/r.md', 'r');
  const file = app.vault.getFileByPath('Pending_Approval/r.md');
  const renameFile = jest.spyOn(app.fileManager, 'renameFile');
  await vault.rename('Pending_Approval/r.md', 'Approved/r.md');
  expect(renameFile).toHaveBeenCalledWith(file, 'Approved/r.md');
  expect(app.vault.getFileByPath('Approved/r.md')).toBe(file);
});

test('remove sends the file to the trash, never straight to oblivion', async () => {
  await vault.create('Done/old.md', 'keep me somewhere');
  await vault.remove('Done/old.md');
  expect(app.vault.getFileByPath('Done/old.md')).toBeNull();
  expect(existsSync(nodePath.join(base, '.trash', 'old.md'))).toBe(true);
});

test('dot-folders are reached through the adapter and stay out of the index and the events', async () => {
  const dir = `${app.vault.configDir}/plugins/ai-employee`;
  await vault.write(`${dir}/state.json`, '{"n":1}');
  await vault.append(`${dir}/ledger.jsonl`, 'a\n');
  await vault.append(`${dir}/ledger.jsonl`, 'b\n');
  expect(await vault.process(`${dir}/state.json`, (c) => c.replace('1', '2'))).toBe('{"n":2}');
  await vault.create(`${dir}/note.md`, 'body');
  await vault.processFrontMatter(`${dir}/note.md`, (fm) => {
    fm.type = 'note';
  });
  expect(await vault.read(`${dir}/note.md`)).toBe('---\ntype: note\n---\nbody');
  expect((await vault.list(dir)).map((f) => f.path)).toEqual([`${dir}/ledger.jsonl`, `${dir}/note.md`, `${dir}/state.json`]);
  expect(await vault.listFolders(`${app.vault.configDir}/plugins`)).toEqual([dir]);
  await vault.rename(`${dir}/note.md`, `${dir}/old/note.md`);
  await vault.remove(`${dir}/old/note.md`);
  expect(await vault.exists(`${dir}/old/note.md`)).toBe(false);
  expect(await vault.read(`${dir}/ledger.jsonl`)).toBe('a\nb\n');
  await expect(vault.create(`${dir}/state.json`, 'x')).rejects.toMatchObject({ code: 'exists' });
  expect(vaultEvents).toEqual([]);
  expect(app.vault.getAbstractFileByPath(`${dir}/state.json`)).toBeNull();
});

test('files on disk that Obsidian has not indexed yet are still read, listed and written', async () => {
  put('Inbox/fresh.md', 'fresh');
  put('Unindexed/sub/x.md', 'x');
  expect(app.vault.getFileByPath('Inbox/fresh.md')).toBeNull();
  expect(await vault.read('Inbox/fresh.md')).toBe('fresh');
  expect(await vault.stat('Inbox/fresh.md')).toMatchObject({ path: 'Inbox/fresh.md', size: 5 });
  expect((await vault.list('Inbox')).map((f) => f.path)).toEqual(['Inbox/fresh.md']);
  expect(await vault.listFolders('Unindexed')).toEqual(['Unindexed/sub']);
  await expect(vault.create('Inbox/fresh.md', 'clobber')).rejects.toMatchObject({ code: 'exists' });
  await vault.write('Inbox/fresh.md', 'updated');
  expect(await vault.read('Inbox/fresh.md')).toBe('updated');
});

test('frontmatter that is not key/value pairs is refused, and the note is left as it was', async () => {
  const note = '---\n- just\n- a list\n---\nbody';
  await vault.create('list.md', note);
  const error = await vault.processFrontMatter('list.md', () => undefined).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VaultError);
  expect(error).toMatchObject({ code: 'bad-frontmatter', path: 'list.md' });
  expect((error as Error).message).toMatch(/^list\.md: /);
  expect(await vault.read('list.md')).toBe(note);
});

test('folders are not files: write and remove refuse them, stat is null', async () => {
  await vault.mkdir('Plans');
  await expect(vault.write('Plans', 'x')).rejects.toMatchObject({ code: 'io' });
  await expect(vault.remove('Plans')).rejects.toMatchObject({ code: 'io' });
  await expect(vault.read('Plans')).rejects.toMatchObject({ code: 'not-found' });
  expect(await vault.stat('Plans')).toBeNull();
});

test('watch maps moves across the folder edge to create/delete and ignores folders', async () => {
  const seen: VaultChange[] = [];
  const stop = vault.watch('Inbox', (c) => seen.push(c));
  await vault.create('Elsewhere/in.md', '');
  await vault.rename('Elsewhere/in.md', 'Inbox/in.md');
  await vault.rename('Inbox/in.md', 'Inbox/renamed.md');
  await vault.rename('Inbox/renamed.md', 'Done/renamed.md');
  await vault.mkdir('Inbox/sub');
  await vault.write(`${app.vault.configDir}/x.json`, '{}');
  stop();
  expect(seen).toEqual([
    { type: 'create', path: 'Inbox/in.md' },
    { type: 'rename', path: 'Inbox/renamed.md', oldPath: 'Inbox/in.md' },
    { type: 'delete', path: 'Inbox/renamed.md' },
  ]);
});

test('watch waits for the layout, so the load-time flood of create events is not reported', async () => {
  const early = createTestApp(base);
  put('Inbox/existing.md', 'old');
  const before = createTestApp(base);
  const seen: VaultChange[] = [];
  const stopBefore = new ObsidianVault(asObsidianApp(early)).watch('Inbox', () => undefined);
  stopBefore();
  early.workspace.setLayoutReady();
  expect(early.vault.listenerCount('create')).toBe(0);

  const v = new ObsidianVault(asObsidianApp(before));
  const stop = v.watch('Inbox', (c) => seen.push(c));
  before.vault.replayLoadEvents();
  before.workspace.setLayoutReady();
  await v.create('Inbox/new.md', 'new');
  stop();
  expect(seen).toEqual([{ type: 'create', path: 'Inbox/new.md' }]);
});

test('the register option hands every EventRef to the plugin, whose unload drops them', () => {
  class Host extends Plugin {}
  const plugin = new Host(app, { id: 'ai-employee', name: 'AI Employee', author: '', version: '0', minAppVersion: '1.11.4', description: '' });
  plugin.load();
  const refs: EventRef[] = [];
  const v = make({
    register: (ref) => {
      refs.push(ref as unknown as EventRef);
      plugin.registerEvent(ref as unknown as EventRef);
    },
  });
  v.watch('Inbox', () => undefined);
  expect(refs).toHaveLength(4);
  expect(app.vault.listenerCount('rename')).toBe(1);
  plugin.unload();
  for (const name of ['create', 'modify', 'delete', 'rename']) expect(app.vault.listenerCount(name)).toBe(name === 'rename' ? 0 : 1);
});
