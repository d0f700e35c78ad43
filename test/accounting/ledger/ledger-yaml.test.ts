import { quickSplit } from '../../../src/accounting/ledger/ledger-yaml';
import { joinNote, splitNote } from '../../../src/vault/frontmatter';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const WORDS = [
  'Client ABC', "O'Brien", 'Smith: and Sons', 'yes', 'null', '12345', '1e5', '0x1F', '-abc', '#1', 'a # b', 'tab\there',
  '"quoted"', '[list]', '{map}', 'ends:', '  padded  ', 'ümlaut café', 'line\nbreak', '2026-11-02', '.inf', 'true', '', '~', '@home', 'x|y',
];

describe('the quick frontmatter reader', () => {
  it('reads every note the ledger writes, exactly as the YAML parser does', () => {
    const next = random(42);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
    let quick = 0;
    for (let i = 0; i < 400; i++) {
      const fm: Record<string, unknown> = {
        type: 'invoice',
        number: `INV/2026/${String(i).padStart(5, '0')}`,
        status: pick(['draft', 'posted', 'paid']),
        client: pick(WORDS),
        project: next() < 0.5 ? pick(WORDS) : undefined,
        currency: 'USD',
        issued: '2026-10-01',
        due: '2026-10-31',
        lines: Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
          description: pick(WORDS),
          quantity: pick([1, 2, 0.5, 12]),
          unit_price: pick([10000, 25.5, 0.1, 1234.56, -3, 1e21]),
        })),
        amount: pick([10000, 0.3, 1234.56]),
        payments: next() < 0.5 ? [] : [{ id: `PAY/2026/${i}`, date: '2026-10-10', amount: pick([5, 4000.25]) }],
        idempotency_key: pick(WORDS),
        tags: next() < 0.2 ? [pick(WORDS), pick(WORDS)] : undefined,
      };
      const note = joinNote(fm, '\n# Body\n\n## Notes\n\ntext: with colon\n---\n');
      const fast = quickSplit(note);
      const full = splitNote(note);
      if (fast) {
        quick += 1;
        expect(fast.frontmatter).toEqual(full.frontmatter);
        expect(fast.body).toBe(full.body);
      }
    }
    // Most notes take the quick path (the rest have awkward text and use the full parser).
    expect(quick).toBeGreaterThan(100);
  });

  it('takes the quick path for a plain ledger note', () => {
    const note = joinNote(
      {
        type: 'invoice',
        number: 'INV/2026/00001',
        client: 'Client ABC',
        lines: [{ description: 'Website redesign', quantity: 1, unit_price: 10000 }],
        payments: [],
        idempotency_key: 'abc-123',
      },
      '\nbody\n',
    );
    const { frontmatter, body } = splitNote(note);
    expect(quickSplit(note)).toEqual({ frontmatter, body });
  });

  const samples: string[] = [
    'a:\nb: 1\n',
    'a: ~\nb: null\nc: Null\n',
    'n: 1e3\nm: +5\no: .5\np: -0.25\nq: 0012\nr: 1.\n',
    'x: 0x1F\n',
    'x: 0o17\n',
    'x: .inf\n',
    'x: .NaN\n',
    'x: yes\ny: No\nz: on\n',
    'x: True\ny: FALSE\n',
    "x: 'single'\ny: 'it''s'\n",
    'x: "double"\ny: "esc\\"aped"\n',
    '# a comment\nx: 1\n',
    'x: 1 # trailing\n',
    'tags:\n  - one\n  - two words\n  - 3\n',
    'tags:\n- one\n',
    'lines:\n  - description: a\n    quantity: 1\n  - description: b\n    quantity: 2\n',
    'lines:\n  - a: 1\n    nested:\n      - x\n',
    'x: 1\nx: 2\n',
    'x: 1\n\ny: 2\n',
    'x: [1, 2]\n',
    'x: {a: 1}\n',
    'x: |\n  block\n',
    'x: &anchor 1\ny: *anchor\n',
    'x: a: b\n',
    'key-with-dash: 1\n',
    'x:  []\ny: []\n',
    'x: 2026-11-02\ny: 2026-11-02T10:00:00Z\n',
    'x: -abc\n',
    'x: a#b\n',
    'url: http://example.com/a?b=c\n',
  ];

  it.each(samples)('agrees with the YAML parser or steps aside on %j', (yamlText) => {
    const note = `---\n${yamlText}---\nbody\n`;
    let full: ReturnType<typeof splitNote> | null = null;
    try {
      full = splitNote(note);
    } catch {
      full = null;
    }
    const fast = quickSplit(note);
    if (fast) {
      expect(full).not.toBeNull();
      expect(fast.frontmatter).toEqual(full?.frontmatter);
      expect(fast.body).toBe(full?.body);
    }
  });

  it('steps aside for CRLF, a byte-order mark and notes without frontmatter', () => {
    expect(quickSplit('---\r\nx: 1\r\n---\r\n')).toBeNull();
    expect(quickSplit('\uFEFF---\nx: 1\n---\n')).toBeNull();
    expect(quickSplit('no frontmatter\n')).toBeNull();
  });
});
