/**
 * Reads one name the way people write it in a message: a run of Title Case
 * words ("Northwind Traders", "Bank of Springfield", "Paper Supplies Ltd").
 * The run ends at punctuation, at a lowercase word, at the end of a sentence
 * or line, and right after a company suffix. Greetings, pronouns, weekdays,
 * months and currency words are never names, so "Hi", "We" or "Rs" cannot
 * come back as a client.
 */
import { isCurrencyWord } from './currencies';

/** Longer runs are sentences in Title Case, not names. */
const MAX_WORDS = 6;
/** How many characters after the cue a name may take up. */
const LOOKAHEAD = 200;

/** Small words allowed inside a name, between two capitalised words. */
const JOINERS = new Set(['of', 'and', '&', 'the', 'de', 'du', 'da', 'van', 'von', 'der', 'den', 'la', 'le', 'y']);

/** Company suffixes: part of the name in any case, and the name ends with them. */
const SUFFIXES = new Set(['ltd', 'llc', 'inc', 'gmbh', 'co', 'corp', 'plc', 'llp', 'pvt', 'pty', 'ag', 'sa', 'bv', 'limited']);

/** Capitalised words that are not names: pronouns, greetings, sentence starters, days, months. */
const GENERIC = new Set(
  (
    'the a an i i\'m i’m we we\'re we’re you he she they it it\'s it’s our your my his her their this that these those ' +
    'there here hi hello hey dear thanks thank thx can could would will should shall please pls regards best cheers ' +
    'yes no ok okay sure also just so but and or if when what who how why where let me us all any not sorry kind ' +
    'today tomorrow yesterday tonight morning afternoon evening fyi re fwd fw subject from to attached ' +
    'then now after before once since however meanwhile anyway btw ps note see ' +
    'invoice invoices payment receipt project total amount budget due paid pay ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

/** Words that describe a role, not a name: "Client" alone or "Accounts" alone is nobody. */
const ROLES = new Set(['client', 'customer', 'supplier', 'vendor', 'company', 'team', 'accounts', 'account', 'billing', 'support', 'sales', 'info', 'admin', 'office', 'noreply', 'no-reply']);

/** A supplier's own reference (`PS-2231`, `INV2026`) is not a word of a name. */
const REFERENCE = /^\p{Lu}{1,6}[-/#]?\d{2,}$/u;
const WORD_CHARS = /^[\p{L}\p{N}'’&.-]+$/u;
/** Anything from here on cannot be part of the name. */
const STOP = /[,;:!?—–|<>()[\]{}"“”\r\n]/u;

/** Whether a word is a greeting, pronoun, weekday, month or currency word, never a name. */
export function isGenericWord(word: string): boolean {
  return GENERIC.has(word.toLowerCase()) || isCurrencyWord(word);
}

type Kind = 'word' | 'joiner' | 'suffix' | 'end';

function kindOf(core: string, started: boolean): Kind {
  if (!WORD_CHARS.test(core) || REFERENCE.test(core)) return 'end';
  const lower = core.toLowerCase().replace(/\.$/, '');
  if (started && SUFFIXES.has(lower)) return 'suffix';
  if (started && JOINERS.has(lower) && core === core.toLowerCase()) return 'joiner';
  // "Client A", "Plan A": inside a name a lone A is a letter, not the article.
  if (started && core === 'A') return 'word';
  if (isGenericWord(core)) return 'end';
  // "3M" and "7-Eleven" start with a digit; "2nd" and "2026" do not name anyone.
  if (/^\p{Lu}/u.test(core) || (/^\p{N}/u.test(core) && /\p{Lu}/u.test(core))) return 'word';
  return 'end';
}

/** `J.` or `J.P.`: an initial, after which the name goes on. */
const INITIALS = /^(?:\p{Lu}\.)+$/u;

/** The name that starts at `from` in `text`, or null when none starts there. */
export function readName(text: string, from = 0): string | null {
  // Six words fit in far less; looking no further keeps scanning long texts linear.
  const rest = text.slice(from, from + LOOKAHEAD).replace(/^["“‘']+/, '');
  const stop = STOP.exec(rest);
  const span = stop ? rest.slice(0, stop.index) : rest;
  const words: string[] = [];
  let pending: string[] = [];
  for (const token of span.split(/[ \t\u00a0]+/)) {
    if (token === '' && words.length === 0) continue;
    const core = token.replace(/['’"]+$/, '');
    const kind = kindOf(core.replace(/\.$/, ''), words.length > 0);
    if (kind === 'joiner') {
      pending.push(core);
      continue;
    }
    if (kind === 'end') break;
    words.push(...pending, core);
    pending = [];
    const sentenceEnd = core.endsWith('.') && !INITIALS.test(core);
    if (kind === 'suffix' || sentenceEnd || words.length >= MAX_WORDS) break;
  }
  return finish(words);
}

function finish(words: string[]): string | null {
  if (words.every((w) => ROLES.has(w.toLowerCase().replace(/\.$/, '')))) return null;
  const name = words.join(' ').replace(/[.'’&-]+$/, '').trim();
  return name.length >= 2 ? name : null;
}

/** `paper-supplies` → `Paper Supplies`; words already capitalised stay as written. */
export function titleCase(words: string): string {
  return words
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => (w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}
