/**
 * Reads amounts of money out of free text: "$10,000", "Rs. 5,000",
 * "€1.200,50", "2.5k USD". A number counts as money only next to a currency
 * marker (or with a `k` for thousands): invoice numbers, dates, phone numbers,
 * years and quantities are bare numbers and are never money. What cannot be
 * read with confidence is skipped, never guessed, and nothing here throws.
 */
import { roundMoney } from '../../accounting/money';
import { CODE_SOURCE, currencyOf } from './currencies';

/** One amount of money found in a text. */
export interface MoneyMention {
  /** The amount, rounded to cents; never negative, never NaN or Infinity. */
  amount: number;
  /** The ISO 4217 code, or null for a bare `10k` when no default currency was given. */
  currency: string | null;
  /** The words as written, e.g. `Rs. 5,000` or `2.5k USD`. */
  text: string;
  /** Where `text` starts in the input. */
  index: number;
}

/** More decimals than this is not a price someone wrote (`$1.23456`). */
const MAX_DECIMALS = 4;

/** Digits with `,` and `.` inside, all of them (no backing off to a shorter number); which is the decimal mark is decided later. */
const NUMBER = String.raw`\d(?:[\d.,]*\d)?(?![\d]|[.,]\d)`;
/**
 * A number standing alone: not the tail of a word, of a longer number, of a
 * reference like INV/2026/00001, or of a space-grouped number (`10 000 €`),
 * which is skipped rather than misread as 0.
 */
const ALONE = String.raw`(?<![\p{L}\p{N}.,/_#])(?<!\d[ \u00a0\u202f])`;
const GAP = '[ \\u00a0\\u202f]?';
/** The next group of a space-grouped number: `$10 000` is not $10. */
const SPACED = String.raw`[ \u00a0\u202f]\d{3}(?!\d)`;
const SCALE = String.raw`(?:${GAP}(?:thousand|million|billion)(?![\p{L}])|(?:mn|bn|k|K|m|M)(?![\p{L}\p{N}]))`;
/** Before the number: symbols, `Rs`/`Rs.`, codes. Letters-and-`$` forms must start a word (`ABC$5` is not CAD). */
const PREFIX = String.raw`(?<![\p{L}])(?:US|CA|C|AU|A)\$|\$|€|£|₹|(?<![\p{L}])[Rr][Ss]\.?|(?<![\p{L}\p{N}])${CODE_SOURCE}`;
const SUFFIX = String.raw`${CODE_SOURCE}|€|(?:dollars?|euros?|rupees?|bucks)(?![\p{L}])`;

const MONEY = new RegExp(
  [
    `(?<pre>${PREFIX})${GAP}(?<pnum>${NUMBER})(?!${SPACED})(?<pscale>${SCALE})?(?:${GAP}(?<pcode>${CODE_SOURCE}))?`,
    `${ALONE}(?<snum>${NUMBER})(?<sscale>${SCALE})?${GAP}(?<suf>${SUFFIX})`,
    `${ALONE}(?<knum>${NUMBER})(?<kscale>[kK])(?![\\p{L}\\p{N}])`,
  ].join('|'),
  'gu',
);

const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };

/**
 * Digits grouped by `sep` in threes (`1,234,567`) or the Indian way
 * (`1,23,45,678`), with the separators removed; null when the groups are not
 * a real grouping (`12,50` without a euro is neither).
 */
function ungroup(digits: string, sep: ',' | '.'): string | null {
  const parts = digits.split(sep);
  if (parts.some((p) => !/^\d+$/.test(p))) return null;
  const [first = '', ...rest] = parts;
  if (rest.length === 0) return first;
  // A leading 0 is a decimal written the other way (`0,125`), never a thousands group.
  if (first.startsWith('0')) return null;
  const western = first.length <= 3 && rest.every((p) => p.length === 3);
  const last = rest[rest.length - 1] ?? '';
  const indian = sep === ',' && first.length <= 2 && last.length === 3 && rest.slice(0, -1).every((p) => p.length === 2);
  return western || indian ? parts.join('') : null;
}

/**
 * The value of a written number. The last separator is the decimal mark when
 * it can be one: a comma only with 1–2 digits after it and dot thousands or
 * a euro marker (`1.200,50`, `€12,50`), otherwise commas group thousands
 * (`1,200`). A single dot with three digits is thousands in euros (`€1.200`)
 * and too ambiguous to read otherwise (`$1.200`).
 */
export function parseNumber(raw: string, euro: boolean): number | null {
  const dot = raw.lastIndexOf('.');
  const comma = raw.lastIndexOf(',');
  let whole: string | null;
  let decimals = '';
  if (dot < 0 && comma < 0) {
    whole = raw;
  } else if (comma > dot) {
    const after = raw.slice(comma + 1);
    const decimalComma = after.length <= 2 && (dot >= 0 || euro);
    whole = decimalComma ? ungroup(raw.slice(0, comma), '.') : ungroup(raw, ',');
    if (decimalComma) decimals = after;
  } else if (comma >= 0) {
    whole = ungroup(raw.slice(0, dot), ',');
    decimals = raw.slice(dot + 1);
  } else if (raw.indexOf('.') !== dot || (euro && raw.length - dot === 4)) {
    whole = ungroup(raw, '.');
  } else {
    whole = raw.slice(0, dot);
    decimals = raw.slice(dot + 1);
    if (decimals.length === 3) return null;
  }
  if (whole === null || decimals.length > MAX_DECIMALS) return null;
  const value = Number(decimals ? `${whole}.${decimals}` : whole);
  return Number.isFinite(value) ? value : null;
}

/**
 * A dash right before the amount: after a digit it is a range (`$5-$10`),
 * after a letter it joins a reference (`PS-2231`), anywhere else it is a
 * minus sign. Only the range keeps the amount.
 */
function dashedAway(text: string, index: number): boolean {
  if (!/[-−–]/.test(text[index - 1] ?? '')) return false;
  return !/\d/.test(text[index - 2] ?? '');
}

function currencyFor(groups: Record<string, string | undefined>, defaultCurrency: string | undefined): string | null {
  const marker = groups.pcode ?? groups.pre ?? groups.suf;
  if (marker !== undefined) return currencyOf(marker, defaultCurrency);
  return defaultCurrency ? defaultCurrency.toUpperCase() : null;
}

/**
 * Every amount of money in a text, in order of appearance. A bare number is
 * never money; `10k` is, in `defaultCurrency` (null without one). A `$` or
 * `Rs` is read as `defaultCurrency` when that is a dollar or rupee currency
 * (CAD, AUD, PKR …), else as USD or INR.
 */
export function findMoney(text: string, defaultCurrency?: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  for (const match of text.matchAll(MONEY)) {
    const groups = match.groups ?? {};
    const raw = groups.pnum ?? groups.snum ?? groups.knum;
    if (raw === undefined || dashedAway(text, match.index)) continue;
    const currency = currencyFor(groups, defaultCurrency);
    const value = parseNumber(raw, currency === 'EUR');
    if (value === null) continue;
    const scale = (groups.pscale ?? groups.sscale ?? groups.kscale ?? '').trim();
    const factor = SCALES[scale] ?? SCALES[scale.toLowerCase()] ?? 1;
    const amount = roundMoney(value * factor);
    if (!Number.isFinite(amount)) continue;
    found.push({ amount, currency, text: match[0], index: match.index });
  }
  return found;
}
