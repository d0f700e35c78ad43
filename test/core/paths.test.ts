import { basename, dirname, extension, isInside, joinVaultPath, normalizeVaultPath, stem } from '../../src/core/paths';

describe('normalizeVaultPath (the rules of Obsidian\'s normalizePath)', () => {
  it.each<[string, string]>([
    ['Inbox/note.md', 'Inbox/note.md'],
    ['/Inbox/note.md', 'Inbox/note.md'],
    ['Inbox/note.md/', 'Inbox/note.md'],
    ['//Inbox///sub//note.md//', 'Inbox/sub/note.md'],
    ['Inbox\\sub\\note.md', 'Inbox/sub/note.md'],
    ['\\\\Inbox\\/note.md', 'Inbox/note.md'],
    ['My\u00a0Notes/a\u202fb.md', 'My Notes/a b.md'],
    ['', '/'],
    ['/', '/'],
    ['///', '/'],
    ['.', '/'],
    ['./Inbox/./note.md', 'Inbox/note.md'],
    // '..' is kept on purpose, so FsVault and settings validation can see and refuse it.
    ['Inbox/../x.md', 'Inbox/../x.md'],
    ['.obsidian/plugins', '.obsidian/plugins'],
    ['Inbox/.hidden.md', 'Inbox/.hidden.md'],
    ['Inbox/ spaced name .md', 'Inbox/ spaced name .md'],
    ['Café/Ünïcode.md', 'Café/Ünïcode.md'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeVaultPath(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const p of ['//a\\b//c/', '', './x/./y', 'a\u00a0b']) {
      const once = normalizeVaultPath(p);
      expect(normalizeVaultPath(once)).toBe(once);
    }
  });
});

describe('joinVaultPath', () => {
  it.each<[string[], string]>([
    [['Inbox', 'note.md'], 'Inbox/note.md'],
    [['', 'Inbox'], 'Inbox'],
    [['/', 'Inbox'], 'Inbox'],
    [['Work', 'Inbox'], 'Work/Inbox'],
    [['Work/', '/Inbox/'], 'Work/Inbox'],
    [['Logs', 'state', 'runner_lease.json'], 'Logs/state/runner_lease.json'],
    [['a\\b', 'c'], 'a/b/c'],
    [['Inbox'], 'Inbox'],
    [['', ''], '/'],
    [[], '/'],
  ])('%j → %j', (parts, expected) => {
    expect(joinVaultPath(...parts)).toBe(expected);
  });
});

describe('basename, dirname, extension, stem', () => {
  it.each<[string, string, string, string, string]>([
    // path, basename, dirname, extension, stem
    ['Inbox/note.md', 'note.md', 'Inbox', 'md', 'note'],
    ['note.md', 'note.md', '', 'md', 'note'],
    ['a/b/c/Report.PDF', 'Report.PDF', 'a/b/c', 'pdf', 'Report'],
    ['Inbox/archive.tar.gz', 'archive.tar.gz', 'Inbox', 'gz', 'archive.tar'],
    ['Inbox/README', 'README', 'Inbox', '', 'README'],
    ['Inbox/.gitignore', '.gitignore', 'Inbox', '', '.gitignore'],
    ['Inbox/.hidden.md', '.hidden.md', 'Inbox', 'md', '.hidden'],
    ['Inbox/trailing.', 'trailing.', 'Inbox', '', 'trailing'],
    ['folder.v2/file', 'file', 'folder.v2', '', 'file'],
    ['Plans/Plan_manual_2026-02-18_call.md', 'Plan_manual_2026-02-18_call.md', 'Plans', 'md', 'Plan_manual_2026-02-18_call'],
    ['', '', '', '', ''],
  ])('%j', (path, base, dir, ext, st) => {
    expect({ base: basename(path), dir: dirname(path), ext: extension(path), stem: stem(path) }).toEqual({
      base,
      dir,
      ext,
      stem: st,
    });
  });
});

describe('isInside', () => {
  it.each<[string, string, boolean]>([
    ['Inbox/note.md', 'Inbox', true],
    ['Inbox/sub/deep/note.md', 'Inbox', true],
    ['Inbox', 'Inbox', true],
    ['Inbox2/note.md', 'Inbox', false],
    ['InboxNote.md', 'Inbox', false],
    ['Other/Inbox/note.md', 'Inbox', false],
    ['Work/Inbox/a.md', 'Work/Inbox', true],
    ['Work/Inboxes/a.md', 'Work/Inbox', false],
    ['anything/at/all.md', '', true],
    ['anything.md', '/', true],
    ['Inbox', 'Inbox/note.md', false],
  ])('%j inside %j → %s', (path, folder, expected) => {
    expect(isInside(path, folder)).toBe(expected);
  });
});
