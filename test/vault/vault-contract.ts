import type { VaultChange, VaultError, VaultPort } from '../../src/vault/vault-port';
import { eventually, expectVaultError, frontmatterOf, ODD_NAME, PNG_HEADER, type VaultHarness } from './vault-contract-helpers';

export type { VaultHarness } from './vault-contract-helpers';

/** The behaviour every `VaultPort` must have; run once per implementation. */
export function runVaultContract(name: string, makeVault: () => Promise<VaultHarness>): void {
  describe(`VaultPort contract: ${name}`, () => {
    let h: VaultHarness;
    let vault: VaultPort;

    beforeEach(async () => {
      h = await makeVault();
      vault = h.vault;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    test('create, read, exists and stat', async () => {
      await vault.create('Inbox/a.md', 'hello');
      expect(await vault.read('Inbox/a.md')).toBe('hello');
      expect(await vault.exists('Inbox/a.md')).toBe(true);
      expect(await vault.exists('Inbox')).toBe(true);
      expect(await vault.exists('Inbox/missing.md')).toBe(false);
      const s = await vault.stat('Inbox/a.md');
      expect(s).toMatchObject({ path: 'Inbox/a.md', size: 5 });
      expect(s?.mtime).toBeGreaterThan(0);
      expect(s?.ctime).toBeGreaterThan(0);
      expect(await vault.stat('Inbox/missing.md')).toBeNull();
      expect(await vault.stat('Inbox')).toBeNull();
      await expectVaultError(vault.read('Inbox/missing.md'), 'not-found');
      await expectVaultError(vault.readBinary('Inbox/missing.md'), 'not-found');
    });

    test('create on an existing path fails with "exists" and leaves the file alone', async () => {
      await vault.create('a.md', 'original');
      await expectVaultError(vault.create('a.md', 'other'), 'exists');
      expect(await vault.read('a.md')).toBe('original');
    });

    test('parallel creates of one path: exactly one wins', async () => {
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => vault.create('race.md', `writer ${i}`)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as VaultError).code).toBe('exists');
      expect(await vault.read('race.md')).toMatch(/^writer \d$/);
    });

    test('write replaces the content, and creates the file and its folders when absent', async () => {
      await vault.write('Deep/er/w.md', 'one');
      expect(await vault.read('Deep/er/w.md')).toBe('one');
      await vault.write('Deep/er/w.md', 'two, longer than one');
      await vault.write('Deep/er/w.md', 'three');
      expect(await vault.read('Deep/er/w.md')).toBe('three');
    });

    test('readLines streams lines without their endings, and fails on a missing file', async () => {
      await vault.write('Logs/lines.jsonl', 'one\r\ntwo\n\nfour\nlast without newline');
      const lines: string[] = [];
      for await (const line of vault.readLines('Logs/lines.jsonl')) lines.push(line);
      expect(lines).toEqual(['one', 'two', '', 'four', 'last without newline']);
      await vault.write('Logs/ends.jsonl', 'a\nb\n');
      const ends: string[] = [];
      for await (const line of vault.readLines('Logs/ends.jsonl')) ends.push(line);
      expect(ends).toEqual(['a', 'b']);
      const missing = (async () => {
        for await (const line of vault.readLines('Logs/missing.jsonl')) void line;
      })();
      await expectVaultError(missing, 'not-found');
    });

    test('append creates the file, then appends', async () => {
      await vault.append('Logs/log.jsonl', 'first\n');
      await vault.append('Logs/log.jsonl', 'second\n');
      expect(await vault.read('Logs/log.jsonl')).toBe('first\nsecond\n');
    });

    test('50 parallel appends all land, whole', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => vault.append('Logs/many.jsonl', `{"line":${i}}\n`)));
      const lines = (await vault.read('Logs/many.jsonl')).split('\n').filter(Boolean);
      expect(lines).toHaveLength(50);
      expect(new Set(lines.map((l) => (JSON.parse(l) as { line: number }).line)).size).toBe(50);
    });

    test('process reads, modifies and writes, returning the new content', async () => {
      await vault.create('n.md', 'abc');
      expect(await vault.process('n.md', (c) => c.toUpperCase())).toBe('ABC');
      expect(await vault.read('n.md')).toBe('ABC');
      await expectVaultError(vault.process('missing.md', (c) => c), 'not-found');
    });

    test('20 parallel process increments lose no update', async () => {
      await vault.create('counter.txt', '0');
      await Promise.all(Array.from({ length: 20 }, () => vault.process('counter.txt', (c) => String(Number(c) + 1))));
      expect(await vault.read('counter.txt')).toBe('20');
    });

    test('an error thrown by the process callback comes back unchanged and nothing is written', async () => {
      await vault.create('keep.md', 'kept');
      const boom = new Error('callback failed');
      await expect(vault.process('keep.md', () => { throw boom; })).rejects.toBe(boom);
      await expect(vault.processFrontMatter('keep.md', () => { throw boom; })).rejects.toBe(boom);
      expect(await vault.read('keep.md')).toBe('kept');
    });

    test('processFrontMatter keeps the body and the other keys', async () => {
      await vault.create('Needs_Action/t.md', '---\ntype: task\nstatus: new\ntags:\n  - a\n---\n# Title\n\nBody line.\n');
      await vault.processFrontMatter('Needs_Action/t.md', (fm) => {
        fm.status = 'approved';
        fm.amount = 1250.5;
      });
      const content = await vault.read('Needs_Action/t.md');
      expect(frontmatterOf(content)).toEqual({ type: 'task', status: 'approved', tags: ['a'], amount: 1250.5 });
      expect(content.endsWith('# Title\n\nBody line.\n')).toBe(true);
    });

    test('processFrontMatter adds frontmatter to a note without any', async () => {
      await vault.create('plain.md', '# Just a note\n');
      await vault.processFrontMatter('plain.md', (fm) => {
        fm.type = 'note';
      });
      const content = await vault.read('plain.md');
      expect(frontmatterOf(content)).toEqual({ type: 'note' });
      expect(content.endsWith('# Just a note\n')).toBe(true);
    });

    test('processFrontMatter on broken YAML fails with "bad-frontmatter" and leaves the file untouched', async () => {
      const broken = '---\ntitle: [unclosed\nstatus: new\n---\nBody\n';
      await vault.create('broken.md', broken);
      const error = await expectVaultError(
        vault.processFrontMatter('broken.md', (fm) => {
          fm.status = 'done';
        }),
        'bad-frontmatter',
      );
      expect(error.path).toBe('broken.md');
      expect(error.message).toContain('broken.md');
      expect(await vault.read('broken.md')).toBe(broken);
      await expectVaultError(vault.processFrontMatter('missing.md', () => undefined), 'not-found');
    });

    test('processFrontMatter: a value ending in --- does not end the frontmatter', async () => {
      await vault.create('dash.md', '---\nnote: see below---\nstatus: new\n---\nbody\n');
      await vault.processFrontMatter('dash.md', (fm) => {
        fm.status = 'done';
      });
      const content = await vault.read('dash.md');
      expect(frontmatterOf(content)).toEqual({ note: 'see below---', status: 'done' });
      expect(content.endsWith('\nbody\n')).toBe(true);
    });

    test('dot-folders hold data files: write, read, list, without vault events', async () => {
      const seen: VaultChange[] = [];
      const stop = vault.watch('/', (c) => seen.push(c));
      await vault.write('.ai-employee/state/state.json', '{"n":1}');
      await vault.append('.ai-employee/state/runs.jsonl', 'a\n');
      expect(await vault.read('.ai-employee/state/state.json')).toBe('{"n":1}');
      expect((await vault.list('.ai-employee/state')).map((f) => f.path)).toEqual([
        '.ai-employee/state/runs.jsonl',
        '.ai-employee/state/state.json',
      ]);
      expect(await vault.listFolders('/')).toEqual([]);
      await new Promise((r) => setTimeout(r, 200));
      stop();
      expect(seen).toEqual([]);
    });

    test('rename moves a file into a new folder, creating it', async () => {
      await vault.create('Pending_Approval/r.md', 'request');
      await vault.rename('Pending_Approval/r.md', 'Approved/2026/r.md');
      expect(await vault.exists('Pending_Approval/r.md')).toBe(false);
      expect(await vault.read('Approved/2026/r.md')).toBe('request');
      await expectVaultError(vault.rename('Pending_Approval/r.md', 'x.md'), 'not-found');
    });

    test('rename onto an existing file fails with "exists" and keeps both files', async () => {
      await vault.create('a.md', 'A');
      await vault.create('b.md', 'B');
      await expectVaultError(vault.rename('a.md', 'b.md'), 'exists');
      expect(await vault.read('a.md')).toBe('A');
      expect(await vault.read('b.md')).toBe('B');
    });

    test('remove deletes a file; a missing one is "not-found"', async () => {
      await vault.create('Done/old.md', 'x');
      await vault.remove('Done/old.md');
      expect(await vault.exists('Done/old.md')).toBe(false);
      expect(await vault.list('Done')).toEqual([]);
      await expectVaultError(vault.remove('Done/old.md'), 'not-found');
    });

    test('mkdir creates parents and is idempotent', async () => {
      await vault.mkdir('Accounting/Invoices/2026');
      await vault.mkdir('Accounting/Invoices/2026');
      await vault.mkdir('Accounting');
      expect(await vault.exists('Accounting/Invoices/2026')).toBe(true);
      expect(await vault.listFolders('Accounting/Invoices')).toEqual(['Accounting/Invoices/2026']);
      await vault.create('file.md', '');
      await expectVaultError(vault.mkdir('file.md'), 'exists');
    });

    test('list returns the files directly inside, sorted, without dot-files; [] for a missing folder', async () => {
      for (const name of ['b.md', 'a.md', 'B.md', 'sub/c.md', 'data.json']) await vault.create(`L/${name}`, name);
      await h.dropFile('L/.DS_Store', 'junk');
      const listed = await vault.list('L');
      expect(listed.map((f) => f.path)).toEqual(['L/B.md', 'L/a.md', 'L/b.md', 'L/data.json']);
      expect(listed[1]).toMatchObject({ path: 'L/a.md', size: 4 });
      expect(await vault.list('Nope')).toEqual([]);
      expect(await vault.list('L/a.md')).toEqual([]);
      expect((await vault.list('/')).map((f) => f.path)).toEqual([]);
    });

    test('listFolders returns the folders directly inside, sorted; [] for a missing folder', async () => {
      for (const folder of ['Top/z', 'Top/a/deep', 'Top/M']) await vault.mkdir(folder);
      await vault.create('Top/file.md', '');
      expect(await vault.listFolders('Top')).toEqual(['Top/M', 'Top/a', 'Top/z']);
      expect(await vault.listFolders('Nope')).toEqual([]);
      expect(await vault.listFolders('/')).toEqual(['Top']);
    });

    test('readBinary returns the exact bytes of a binary file', async () => {
      await h.dropFile('Inbox/scan.png', PNG_HEADER);
      expect(Buffer.from(await vault.readBinary('Inbox/scan.png')).equals(PNG_HEADER)).toBe(true);
      await vault.create('Inbox/t.md', 'é🚀');
      expect(Buffer.from(await vault.readBinary('Inbox/t.md')).toString('utf8')).toBe('é🚀');
    });

    test('names with spaces, accents, emoji, # and brackets work everywhere', async () => {
      await vault.create(ODD_NAME, '---\nstatus: new\n---\nbody');
      expect(await vault.read(ODD_NAME)).toContain('body');
      expect((await vault.list('Inbox')).map((f) => f.path)).toEqual([ODD_NAME]);
      await vault.processFrontMatter(ODD_NAME, (fm) => {
        fm.status = 'done';
      });
      const target = 'Done/[2026] Reçu n°3 #final 😀.md';
      await vault.rename(ODD_NAME, target);
      expect(frontmatterOf(await vault.read(target))).toEqual({ status: 'done' });
      await vault.remove(target);
      expect(await vault.exists(target)).toBe(false);
    });

    test('paths are normalized: doubled, leading, trailing and back slashes', async () => {
      await vault.create('Inbox//a.md', 'x');
      expect(await vault.read('/Inbox/a.md')).toBe('x');
      expect(await vault.read('Inbox\\a.md')).toBe('x');
      expect(await vault.exists('Inbox/a.md/')).toBe(true);
      expect((await vault.stat('//Inbox/a.md'))?.path).toBe('Inbox/a.md');
      expect((await vault.list('/Inbox/')).map((f) => f.path)).toEqual(['Inbox/a.md']);
      await expectVaultError(vault.create('../outside.md', 'x'), 'io');
    });

    test('watch reports a file dropped from outside, only below the folder, and stops after unsubscribe', async () => {
      const seen: VaultChange[] = [];
      const stop = vault.watch('Inbox', (c) => seen.push(c));
      await h.dropFile('Inbox/dropped.md', 'from outside');
      await h.dropFile('Elsewhere/other.md', 'not watched');
      await eventually(() => expect(seen).toContainEqual({ type: 'create', path: 'Inbox/dropped.md' }));
      stop();
      await h.dropFile('Inbox/after.md', 'too late');
      await new Promise((r) => setTimeout(r, 400));
      const paths = seen.map((c) => c.path);
      expect(paths).not.toContain('Inbox/after.md');
      expect(paths.every((p) => p.startsWith('Inbox/'))).toBe(true);
    });

    test('watch reports changes made through the vault itself', async () => {
      const seen: VaultChange[] = [];
      const stop = vault.watch('Inbox', (c) => seen.push(c));
      await vault.create('Inbox/own.md', 'one');
      await eventually(() => expect(seen).toContainEqual({ type: 'create', path: 'Inbox/own.md' }));
      await vault.remove('Inbox/own.md');
      await eventually(() => expect(seen).toContainEqual({ type: 'delete', path: 'Inbox/own.md' }));
      stop();
      expect(seen.some((c) => c.path.split('/').some((part) => part.startsWith('.')))).toBe(false);
    });
  });
}
