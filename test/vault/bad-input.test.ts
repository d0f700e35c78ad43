import { VaultError } from '../../src/vault/vault-port';
import { FsVault } from '../../src/vault/fs-vault';
import { Triage } from '../../src/vault/triage';
import { describeYamlProblem } from '../../src/vault/yaml-problem';
import { checkName, type BadInputKind } from '../../src/vault/bad-input';
import { PDF_BYTES, TriageHarness } from './triage-harness';

const LIMIT = 2048;

interface Row {
  what: string;
  name: string;
  content: Buffer;
  kind: BadInputKind;
  /** Where the original ends up in Quarantine/. */
  quarantinedAs: string;
  /** Words the why-note must contain. */
  says: RegExp;
}

const text = (s: string) => Buffer.from(s, 'utf8');

const ROWS: Row[] = [
  {
    what: 'frontmatter with an unclosed quote',
    name: 'Meeting notes.md',
    content: text('---\ntype: manual\ntitle: "Quarterly review\nattendees: [Sam, Alex\n---\nNotes.\n'),
    kind: 'BadFrontmatter',
    quarantinedAs: 'Meeting notes.md',
    says: /Line 2 of the frontmatter \(line 3 of the note\) has an unclosed quote/,
  },
  {
    what: 'frontmatter that repeats a property',
    name: 'twice.md',
    content: text('---\nstatus: new\nstatus: old\n---\nBody\n'),
    kind: 'BadFrontmatter',
    quarantinedAs: 'twice.md',
    says: /Line 2 of the frontmatter .* repeats a property name/,
  },
  {
    what: 'frontmatter that is never closed',
    name: 'open.md',
    content: text('---\ntype: manual\nNo closing fence here\n'),
    kind: 'BadFrontmatter',
    quarantinedAs: 'open.md',
    says: /never closed/,
  },
  {
    what: 'a binary file named .md (NUL bytes)',
    name: 'scan.md',
    content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), text('rest')]),
    kind: 'BinaryNote',
    quarantinedAs: 'scan.md',
    says: /not text: it contains binary data/,
  },
  {
    what: 'a note that is not UTF-8',
    name: 'latin1.md',
    content: Buffer.from('Caf\xe9 order for Ren\xe9e\n', 'latin1'),
    kind: 'BinaryNote',
    quarantinedAs: 'latin1.md',
    says: /not readable text \(it is not UTF-8\)/,
  },
  {
    what: 'a note over the size limit',
    name: 'huge.md',
    content: text('x'.repeat(LIMIT + 1)),
    kind: 'FileTooLarge',
    quarantinedAs: 'huge.md',
    says: /notes of up to 2\.0 KB are accepted/,
  },
  {
    what: 'an attachment over ten times the limit',
    name: 'video.mp4',
    content: Buffer.alloc(LIMIT * 10 + 1, 7),
    kind: 'FileTooLarge',
    quarantinedAs: 'video.mp4',
    says: /files of up to 20 KB are accepted/,
  },
  { what: 'an empty file', name: 'empty.pdf', content: Buffer.alloc(0), kind: 'EmptyFile', quarantinedAs: 'empty.pdf', says: /empty \(0 bytes\)/ },
  { what: 'a note of only blank space', name: 'blank.md', content: text(' \n\t\n  \n'), kind: 'EmptyFile', quarantinedAs: 'blank.md', says: /only blank space/ },
  {
    what: 'a name with two dots in a row',
    name: 'invoice..pdf',
    content: PDF_BYTES,
    kind: 'OddFileName',
    quarantinedAs: 'invoice.pdf',
    says: /two dots in a row/,
  },
  {
    what: 'a name with a line break in it',
    name: 'evil\nname.pdf',
    content: Buffer.concat([PDF_BYTES, text('1')]),
    kind: 'OddFileName',
    quarantinedAs: 'evil name.pdf',
    says: /invisible control characters/,
  },
  {
    what: 'a name with no letter or digit',
    name: '!!!.pdf',
    content: Buffer.concat([PDF_BYTES, text('2')]),
    kind: 'OddFileName',
    quarantinedAs: 'unnamed-item.pdf',
    says: /no letter or digit/,
  },
  {
    what: 'a very long name',
    name: `${'quarterly report '.repeat(10)}.pdf`,
    content: Buffer.concat([PDF_BYTES, text('3')]),
    kind: 'FileNameTooLong',
    // Shortened to 100 characters, extension kept.
    quarantinedAs: `${'quarterly report '.repeat(10).slice(0, 96).trimEnd()}.pdf`,
    says: /174 characters long; names of up to 150/,
  },
];

describe('Bad input goes to quarantine with a why-note and an error-log entry', () => {
  let h: TriageHarness;

  beforeEach(async () => {
    h = new TriageHarness((s) => {
      s.triage.maxFileBytes = LIMIT;
    });
    await h.init();
  });
  afterEach(() => h.cleanup());

  it.each(ROWS)('$what → $kind', async (row) => {
    h.drop(row.name, row.content);
    const report = await h.triage.triageInbox();

    expect(report.triaged).toEqual([]);
    expect(report.quarantined).toHaveLength(1);
    const q = report.quarantined[0]!;
    expect(q).toMatchObject({ kind: row.kind, original: `Inbox/${row.name}`, quarantined: `Quarantine/${row.quarantinedAs}` });
    expect(h.files('Inbox')).toEqual([]);
    // Byte for byte, never re-encoded.
    expect(h.bytes(q.quarantined).equals(row.content)).toBe(true);

    const why = h.text(q.whyNote);
    expect(q.whyNote).toBe(`${q.quarantined}.why.md`);
    expect(h.frontmatter(q.whyNote)).toMatchObject({
      type: 'quarantine',
      status: 'needs_review',
      original: `[[${q.quarantined}]]`,
      original_name: row.name,
      reason: row.kind,
    });
    expect(h.frontmatter(q.whyNote).detected).toMatch(/^2026-02-20T.*[+-]\d\d:\d\d$/);
    expect(why).toMatch(row.says);
    expect(why).toContain('## How to fix it');

    const errors = h.errorLines();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      source: 'triage',
      error: row.kind,
      severity: 'WARNING',
      context: { path: `Inbox/${row.name}`, size: row.content.length, quarantined: q.quarantined, whyNote: q.whyNote },
    });
    expect(errors[0]!.message).toMatch(row.says);
    const audits = h.auditLines();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'vault.quarantine', status: 'failure', details: { reason: row.kind } });
  });

  it('accepts an attachment bigger than the note limit but within ten times it', async () => {
    h.drop('scan.pdf', Buffer.concat([PDF_BYTES, Buffer.alloc(LIMIT * 5, 32)]));
    const report = await h.triage.triageInbox();
    expect(report.triaged).toHaveLength(1);
  });

  it('keeps a quarantined file next to an earlier one with the same name', async () => {
    h.drop('blank.md', ' ');
    await h.triage.triageInbox();
    h.drop('blank.md', '\n\n');
    const { quarantined } = await h.triage.triageInbox();
    expect(quarantined[0]!.quarantined).toBe('Quarantine/blank-2.md');
    expect(h.text('Quarantine/blank.md')).toBe(' ');
    expect(h.text('Quarantine/blank-2.md')).toBe('\n\n');
  });

  it('one bad item, or one that fails outright, never stops the others', async () => {
    class FailingVault extends FsVault {
      override async rename(from: string, to: string): Promise<void> {
        if (from.includes('locked')) throw new VaultError('io', from, `${from}: permission denied`);
        return super.rename(from, to);
      }
    }
    const vault = new FailingVault(h.dir);
    const triage = new Triage({ ...h.deps(), vault, sleep: h.sleep });
    h.drop('a-broken.md', '---\na: "x\n---\n');
    h.drop('b-locked.md', 'Please call back\n');
    h.drop('c-empty.txt', '');
    h.drop('d-good.md', 'Order more paper\n');
    h.drop('e-good.pdf', PDF_BYTES);

    const report = await triage.triageInbox();
    expect(report.quarantined.map((q) => q.kind)).toEqual(['BadFrontmatter', 'EmptyFile']);
    expect(report.failed).toEqual([{ status: 'failed', original: 'Inbox/b-locked.md', error: 'Inbox/b-locked.md: permission denied' }]);
    expect(report.triaged.map((t) => t.original)).toEqual(['Inbox/d-good.md', 'Inbox/e-good.pdf']);
    // The failed item is still in the inbox, to be tried again.
    expect(h.files('Inbox')).toEqual(['b-locked.md']);
    const failure = h.errorLines().find((e) => e.severity === 'ERROR')!;
    expect(failure).toMatchObject({ source: 'triage', error: 'VaultError', context: { path: 'Inbox/b-locked.md' } });
    expect(failure.message).toContain('stays in the inbox and is tried again');
  });
});

describe('describeYamlProblem', () => {
  it.each([
    ['type: manual\ntitle: "Quarterly review\nattendees: [Sam]', 2, 'unclosed quote'],
    ["a: 'it''s fine'\nb: 'not closed", 2, 'unclosed quote'],
    ['a: 1\ntags: [one, two\nb: 3', 2, 'unclosed bracket'],
    ['a: 1\na: 2', 2, 'repeats a property name'],
    ['a:\n  b: 1\n c: 2', 3, 'indented differently'],
    ['\tfoo: 1', 1, 'tab'],
    ['key: value: other', 1, 'second colon'],
    ['just a sentence', 1, 'not a list of "name: value" properties'],
  ])('%j → line %i, %s', (yaml, line, words) => {
    const problem = describeYamlProblem(yaml);
    expect(problem?.line).toBe(line);
    expect(problem?.what).toContain(words);
  });

  it('returns null for good YAML', () => {
    expect(describeYamlProblem('a: 1\nb: [x, y]\nc: "quoted: fine"')).toBeNull();
  });
});

describe('checkName', () => {
  it.each([
    ['receipt.pdf', null],
    ['CON.md', null],
    ['Invoice: #42?.pdf', null],
    ['会议记录.md', null],
    ['a..b.pdf', 'OddFileName'],
    ['tab\there.md', 'OddFileName'],
    ['🎉.md', 'OddFileName'],
    [`${'a'.repeat(151)}.md`, 'FileNameTooLong'],
  ])('%j → %s', (name, kind) => {
    expect(checkName(name)?.kind ?? null).toBe(kind);
  });
});
