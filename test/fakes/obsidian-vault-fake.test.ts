import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { type App, createTestApp, listenerErrors, normalizePath, TFile, TFolder, type TAbstractFile } from './obsidian';

// The fake must behave like Obsidian where the plugin depends on it; these
// cases pin the behaviours ObsidianVault and the plugin rely on.

let base: string;
let app: App;
let events: string[];

function record(a: App): void {
  a.vault.on('create', (f: TAbstractFile) => events.push(`create ${f.path}`));
  a.vault.on('modify', (f: TAbstractFile) => events.push(`modify ${f.path}`));
  a.vault.on('delete', (f: TAbstractFile) => events.push(`delete ${f.path}`));
  a.vault.on('rename', (f: TAbstractFile, old: string) => events.push(`rename ${old} -> ${f.path}`));
}

/** The indexed file at a path; fails the test when there is none. */
function fileAt(a: App, path: string): TFile {
  const file = a.vault.getAbstractFileByPath(path);
  if (!(file instanceof TFile)) throw new Error(`no indexed file at ${path}`);
  return file;
}

function put(path: string, content: string): void {
  const full = nodePath.join(base, path);
  mkdirSync(nodePath.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

beforeEach(() => {
  base = mkdtempSync(nodePath.join(os.tmpdir(), 'fake-vault-'));
  put('Inbox/a.md', '---\nstatus: new\n---\nA');
  put('Inbox/pic.png', 'png');
  put('.obsidian/app.json', '{}'); // Obsidian's default config folder: hidden, so not indexed
  put('.trash/old.md', 'old');
  app = createTestApp(base);
  events = [];
  record(app);
});

afterEach(() => {
  app.vault.stopWatching();
  rmSync(base, { recursive: true, force: true });
});

test('normalizePath follows Obsidian', () => {
  expect(normalizePath('a\\b//c/')).toBe('a/b/c');
  expect(normalizePath('//Inbox///x.md')).toBe('Inbox/x.md');
  expect(normalizePath('')).toBe('/');
  expect(normalizePath('/')).toBe('/');
  expect(normalizePath('a\u00A0b\u202Fc')).toBe('a b c');
  expect(normalizePath('Cafe\u0301.md')).toBe('Café.md');
  expect(normalizePath('./a')).toBe('./a');
});

test('the index is built from disk, without dot-folders', () => {
  const file = app.vault.getFileByPath('Inbox/a.md');
  expect(file).toBeInstanceOf(TFile);
  expect(file).toMatchObject({ name: 'a.md', basename: 'a', extension: 'md', path: 'Inbox/a.md' });
  expect(file?.stat.size).toBe(readFileSync(nodePath.join(base, 'Inbox/a.md')).length);
  expect(file?.parent).toBe(app.vault.getFolderByPath('Inbox'));
  expect(file?.vault).toBe(app.vault);
  expect(app.vault.getRoot().isRoot()).toBe(true);
  expect(app.vault.getAbstractFileByPath('/')).toBe(app.vault.getRoot());
  expect(app.vault.getFolderByPath('Inbox')).toBeInstanceOf(TFolder);
  expect(app.vault.getAbstractFileByPath(`${app.vault.configDir}/app.json`)).toBeNull();
  expect(app.vault.getMarkdownFiles().map((f) => f.path)).toEqual(['Inbox/a.md']);
  expect(app.vault.getFiles().map((f) => f.path).sort()).toEqual(['Inbox/a.md', 'Inbox/pic.png']);
  expect(app.metadataCache.getFileCache(fileAt(app, 'Inbox/a.md'))?.frontmatter).toEqual({ status: 'new' });
});

test('create fires create, refuses a taken path and needs the parent folder', async () => {
  const file = await app.vault.create('Inbox/b.md', 'B');
  expect(file.path).toBe('Inbox/b.md');
  expect(events).toEqual(['create Inbox/b.md']);
  await expect(app.vault.create('Inbox/b.md', 'again')).rejects.toThrow('File already exists.');
  await expect(app.vault.create('Nope/c.md', '')).rejects.toThrow(/ENOENT/);
  expect(readFileSync(nodePath.join(base, 'Inbox/b.md'), 'utf8')).toBe('B');
});

test('createFolder makes parents (with events) and refuses an indexed folder', async () => {
  await app.vault.createFolder('X/Y/Z');
  expect(events).toEqual(['create X', 'create X/Y', 'create X/Y/Z']);
  await expect(app.vault.createFolder('X/Y')).rejects.toThrow('Folder already exists.');
});

test('modify, append and process write and fire modify; process sees the current data', async () => {
  const file = fileAt(app, 'Inbox/a.md');
  await app.vault.modify(file, 'one');
  await app.vault.append(file, ' two');
  const seen: string[] = [];
  await Promise.all(
    ['x', 'y'].map((s) =>
      app.vault.process(file, (data) => {
        seen.push(data);
        return data + s;
      }),
    ),
  );
  expect(seen).toEqual(['one two', 'one twox']);
  expect(await app.vault.read(file)).toBe('one twoxy');
  expect(events).toEqual(['modify Inbox/a.md', 'modify Inbox/a.md', 'modify Inbox/a.md', 'modify Inbox/a.md']);
  expect(file.stat.size).toBe(9);
  expect(app.metadataCache.getFileCache(file)?.frontmatter).toBeUndefined();
});

test('rename keeps the object, moves folders with their children and refuses a taken target', async () => {
  const file = fileAt(app, 'Inbox/a.md');
  await app.vault.createFolder('Done');
  events = [];
  await app.vault.rename(file, 'Done/a2.md');
  expect(file).toMatchObject({ path: 'Done/a2.md', basename: 'a2' });
  expect(app.vault.getFileByPath('Done/a2.md')).toBe(file);
  expect(app.vault.getFileByPath('Inbox/a.md')).toBeNull();
  await app.vault.rename(app.vault.getFolderByPath('Inbox') ?? app.vault.getRoot(), 'Archive');
  expect(app.vault.getFileByPath('Archive/pic.png')).toBeInstanceOf(TFile);
  expect(events).toEqual(['rename Inbox/a.md -> Done/a2.md', 'rename Inbox -> Archive', 'rename Inbox/pic.png -> Archive/pic.png']);
  await expect(app.vault.rename(file, 'Archive/pic.png')).rejects.toThrow('Destination file already exists!');
  await expect(app.vault.rename(file, 'Missing/x.md')).rejects.toThrow(/ENOENT/);
});

test('delete and trash fire delete; trash keeps the file in .trash', async () => {
  await app.vault.delete(fileAt(app, 'Inbox/pic.png'));
  await app.fileManager.trashFile(fileAt(app, 'Inbox/a.md'));
  expect(events).toEqual(['delete Inbox/pic.png', 'delete Inbox/a.md']);
  expect(existsSync(nodePath.join(base, '.trash/a.md'))).toBe(true);
  expect(app.vault.getFolderByPath('Inbox')?.children).toEqual([]);
});

test('the adapter reaches dot-folders, and its changes to indexed paths reach the index', async () => {
  const { adapter, configDir } = app.vault;
  expect(await adapter.read(`${configDir}/app.json`)).toBe('{}');
  await adapter.mkdir(`${configDir}/plugins/p`);
  await adapter.write(`${configDir}/plugins/p/data.json`, '{"a":1}');
  expect(await adapter.list(`${configDir}/plugins`)).toEqual({ files: [], folders: [`${configDir}/plugins/p`] });
  expect(await adapter.stat(`${configDir}/plugins/p/data.json`)).toMatchObject({ type: 'file', size: 7 });
  expect(events).toEqual([]);
  await adapter.write('Inbox/new.md', 'n');
  await adapter.append('Inbox/new.md', 'm');
  await adapter.remove('Inbox/pic.png');
  expect(events).toEqual(['create Inbox/new.md', 'modify Inbox/new.md', 'delete Inbox/pic.png']);
  await expect(adapter.write('No/such/folder.md', '')).rejects.toThrow(/ENOENT/);
  expect(await adapter.process('Inbox/new.md', (d) => d.toUpperCase())).toBe('NM');
});

test('rescan notices outside changes: create, modify, delete', async () => {
  put('Inbox/dropped.md', 'x');
  put('Inbox/a.md', 'changed content');
  rmSync(nodePath.join(base, 'Inbox/pic.png'));
  put(`${app.vault.configDir}/ignored.json`, '{}');
  await app.vault.rescan();
  expect(events.sort()).toEqual(['create Inbox/dropped.md', 'delete Inbox/pic.png', 'modify Inbox/a.md']);
  events = [];
  await app.vault.rescan();
  expect(events).toEqual([]);
  await app.vault.simulateExternalChange('New/deep/n.md', 'n');
  expect(events).toEqual(['create New', 'create New/deep', 'create New/deep/n.md']);
});

test('the watcher notices a dropped file within 2 s, and stops when told', async () => {
  app.vault.startWatching();
  put('Inbox/w.md', 'w');
  const until = Date.now() + 2000;
  while (!events.includes('create Inbox/w.md') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(events).toContain('create Inbox/w.md');
  app.vault.stopWatching();
  put('Inbox/late.md', 'late');
  await new Promise((r) => setTimeout(r, 200));
  expect(events).not.toContain('create Inbox/late.md');
  expect(app.vault.watchErrors).toEqual([]);
});

test('processFrontMatter edits in place and throws YAMLParseError on broken YAML, writing nothing', async () => {
  const file = fileAt(app, 'Inbox/a.md');
  await app.fileManager.processFrontMatter(file, (fm) => {
    fm.status = 'done';
    fm.tags = ['x'];
  });
  expect(await app.vault.read(file)).toBe('---\nstatus: done\ntags:\n  - x\n---\nA');
  expect(app.metadataCache.getFileCache(file)?.frontmatter).toEqual({ status: 'done', tags: ['x'] });
  const broken = '---\nkey: [oops\n---\nbody';
  await app.vault.modify(file, broken);
  const error = await app.fileManager.processFrontMatter(file, () => undefined).catch((e: unknown) => e);
  expect((error as Error).name).toBe('YAMLParseError');
  expect(await app.vault.read(file)).toBe(broken);
});

test('offref stops a listener; a throwing listener does not stop the others', () => {
  const calls: string[] = [];
  const ref = app.vault.on('create', () => calls.push('first'));
  app.vault.on('create', () => {
    throw new Error('listener bug');
  });
  app.vault.on('create', () => calls.push('third'));
  const before = listenerErrors.length;
  app.vault.trigger('create', app.vault.getRoot());
  app.vault.offref(ref);
  app.vault.trigger('create', app.vault.getRoot());
  expect(calls).toEqual(['first', 'third', 'third']);
  expect(listenerErrors.length).toBe(before + 2);
});

test('replayLoadEvents fires create for everything indexed, as Obsidian does at load', () => {
  app.vault.replayLoadEvents();
  expect(events.sort()).toEqual(['create Inbox', 'create Inbox/a.md', 'create Inbox/pic.png']);
});
