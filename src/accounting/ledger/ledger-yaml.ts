import type { Frontmatter } from '../../vault/vault-port';

/**
 * A quick reader for the plain YAML the ledger writes (`key: value` lines
 * and block lists of such maps), because the full YAML parser costs about
 * half a millisecond per note, which is seconds over 10,000 invoices.
 * It gives exactly what the YAML 1.2 core schema gives, or null for anything
 * outside its small subset (quotes with escapes, flow maps, comments, tabs,
 * CRLF, duplicate keys…), and then the caller uses the full parser.
 */

const FENCE = /^---\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;
const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLEANS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
/** Characters a plain scalar may not start with (YAML indicators). */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`.');

/** Sentinel for "outside the subset". */
const NO = Symbol('no');
type Scalar = string | number | boolean | null;

function scalar(raw: string): Scalar | typeof NO {
  const text = raw.trim();
  if (NULLS.has(text)) return null;
  if (text in BOOLEANS) return BOOLEANS[text] ?? NO;
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  const first = text[0] ?? '';
  if (first === '"') return /^"[^"\\]*"$/.test(text) ? text.slice(1, -1) : NO;
  if (first === "'") return /^'[^']*'$/.test(text) ? text.slice(1, -1) : NO;
  if (INDICATORS.has(first) || text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.includes('\t')) return NO;
  if (/^[-+]?0[xo]/i.test(text)) return NO;
  return text;
}

/** Sets a key once; a repeated key is outside the subset (the full parser reports it). */
function put(map: Record<string, unknown>, key: string, value: unknown): boolean {
  if (Object.prototype.hasOwnProperty.call(map, key)) return false;
  map[key] = value;
  return true;
}

function parseBlock(lines: string[]): Frontmatter | null {
  const out: Frontmatter = {};
  /** Keys written `key:` with nothing after: a block list follows, or the value is null. */
  const open = new Set<string>();
  let list: unknown[] | null = null;
  let item: Record<string, unknown> | null = null;
  for (const line of lines) {
    if (line.trim() === '') return null;
    if (line.startsWith('  - ') && list) {
      const rest = line.slice(4);
      const pair = KEY.exec(rest);
      if (pair) {
        const value = scalar(pair[2] ?? '');
        if (value === NO) return null;
        item = {};
        put(item, pair[1] ?? '', value);
        list.push(item);
      } else {
        const value = scalar(rest);
        if (value === NO || rest.trim() === '') return null;
        item = null;
        list.push(value);
      }
      continue;
    }
    if (line.startsWith('    ') && item) {
      const pair = KEY.exec(line.slice(4));
      if (!pair) return null;
      const value = scalar(pair[2] ?? '');
      if (value === NO || !put(item, pair[1] ?? '', value)) return null;
      continue;
    }
    const pair = KEY.exec(line);
    if (!pair) return null;
    const key = pair[1] ?? '';
    const rest = (pair[2] ?? '').trim();
    item = null;
    list = null;
    if (rest === '') {
      // Either an empty value or the start of a block list; a list fills the array in place.
      const holder: unknown[] = [];
      if (!put(out, key, holder)) return null;
      open.add(key);
      list = holder;
      continue;
    }
    if (rest === '[]') {
      if (!put(out, key, [])) return null;
      continue;
    }
    const value = scalar(rest);
    if (value === NO || !put(out, key, value)) return null;
  }
  // A key followed by no list items was an empty value: null, as YAML reads it.
  for (const key of open) {
    const value = out[key];
    if (Array.isArray(value) && value.length === 0) out[key] = null;
  }
  return out;
}

/** The frontmatter and body of a note in the simple subset, or null to use the full parser. */
export function quickSplit(content: string): { frontmatter: Frontmatter; body: string } | null {
  if (content.includes('\r') || content.startsWith('\uFEFF')) return null;
  const match = FENCE.exec(content);
  if (!match) return null;
  const yamlText = match[1] ?? '';
  if (yamlText.includes('\t')) return null;
  const frontmatter = parseBlock(yamlText === '' ? [] : yamlText.split('\n'));
  if (!frontmatter) return null;
  return { frontmatter, body: content.slice(match[0].length) };
}
