import { JsonlWriter, jsonlLines, parseJsonl, readJsonl, toJsonLine } from '../../../src/core/logs/jsonl-log';
import { TempVault } from './temp-vault';

const LOG = 'Logs/test_log.jsonl';

describe('toJsonLine', () => {
  it('keeps every entry on one physical line', () => {
    const line = toJsonLine({ message: 'a\nb\r\nc\u2028d\u2029e' });
    expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual({ message: 'a\nb\r\nc\u2028d\u2029e' });
  });

  it('still writes an entry with a cycle or a BigInt instead of throwing', () => {
    const entry: Record<string, unknown> = { n: BigInt(7) };
    entry.self = entry;
    expect(JSON.parse(toJsonLine(entry))).toEqual({ n: '7', self: '[Circular]' });
  });
});

describe('JsonlWriter', () => {
  let tmp: TempVault;
  beforeEach(() => (tmp = new TempVault()));
  afterEach(() => tmp.cleanup());

  it('appends one newline-terminated object per call, creating the file and folder', async () => {
    const writer = new JsonlWriter(tmp.vault, LOG);
    await writer.append({ a: 1 });
    await writer.append({ b: 'two\nlines' });
    expect(tmp.read(LOG)).toBe('{"a":1}\n{"b":"two\\nlines"}\n');
  });

  it('never interleaves concurrent appends', async () => {
    const writer = new JsonlWriter(tmp.vault, LOG);
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.append({ i, pad: 'x'.repeat(500) })));
    const lines = tmp.lines<{ i: number }>(LOG);
    expect(lines.map((l) => l.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('starts on a fresh line when a crash left the last line unterminated', async () => {
    tmp.write(LOG, '{"ok":1}\n{"half":');
    const writer = new JsonlWriter(tmp.vault, LOG);
    await writer.append({ next: 1 });
    await writer.append({ next: 2 });
    expect(tmp.read(LOG)).toBe('{"ok":1}\n{"half":\n{"next":1}\n{"next":2}\n');
    const read = await readJsonl(tmp.vault, LOG);
    expect(read.entries).toEqual([{ ok: 1 }, { next: 1 }, { next: 2 }]);
    expect(read.malformed).toBe(1);
  });
});

describe('reading', () => {
  let tmp: TempVault;
  beforeEach(() => (tmp = new TempVault()));
  afterEach(() => tmp.cleanup());

  it('skips and counts malformed lines instead of throwing; blank lines are not counted', async () => {
    tmp.write(LOG, ['{"a":1}', '', 'not json', '[1,2]', '42', 'null', '   ', '{"b":2}', '{"c":'].join('\n'));
    const { entries, malformed } = await readJsonl(tmp.vault, LOG);
    expect(entries).toEqual([{ a: 1 }, { b: 2 }]);
    expect(malformed).toBe(5);
  });

  it('reads a missing file as empty', async () => {
    expect(await readJsonl(tmp.vault, 'Logs/none.jsonl')).toEqual({ entries: [], malformed: 0 });
  });

  it('tolerates Windows line endings', () => {
    expect(parseJsonl('{"a":1}\r\n{"b":2}\r\n').entries).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('applies a guard, counting rejected objects as malformed', () => {
    const isNamed = (v: Record<string, unknown>): v is { name: string } & Record<string, unknown> => typeof v.name === 'string';
    const result = parseJsonl('{"name":"a"}\n{"name":3}\n', isNamed);
    expect(result.entries).toEqual([{ name: 'a' }]);
    expect(result.malformed).toBe(1);
  });

  it('yields each line with its exact text', () => {
    const lines = [...jsonlLines('{"a": 1}\nbad\n')];
    expect(lines).toEqual([{ text: '{"a": 1}', value: { a: 1 } }, { text: 'bad' }]);
  });
});
