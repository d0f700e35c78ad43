/**
 * Who and what a message is about: the client, the project, the vendor that
 * was paid, the invoice it refers to. Each finder is a list of cues read top
 * to bottom; the first cue that yields a real name wins, so a field someone
 * wrote on purpose ("client: X") beats a name guessed from a sentence, and
 * the sender string is only the last resort.
 */
import { isGenericWord, readName, titleCase } from './name-run';
import { senderName } from './sender-name';

/** Where a message came from, e.g. `+1 555 0100 (Client ABC)` or `Accounts <ap@paper-supplies.example>`. */
export interface SenderHint {
  from?: string;
}

type Cue = (text: string) => string | null;

/** A frontmatter-like line `client: Client ABC` (a list bullet before it is fine). */
function field(keys: string): Cue {
  const pattern = new RegExp(`^[ \\t]*(?:[-*][ \\t]+)?(?:${keys})[ \\t]*:[ \\t]*(.+?)[ \\t]*$`, 'im');
  return (text) => {
    const raw = pattern.exec(text)?.[1] ?? '';
    // `[[Client ABC]]`, `[[clients/Client ABC|Client ABC]]` and quoted values are the same name.
    const link = /^\[\[(?:[^\]|]*\/)?([^\]|]+)(?:\|([^\]]+))?\]\]$/.exec(raw);
    const value = (link ? (link[2] ?? link[1] ?? '') : raw).replace(/^["']|["']$/g, '').trim();
    return value.length >= 2 && value.length <= 100 && !isGenericWord(value) ? value : null;
  };
}

/** The name right after each match of `pattern`; `accept` can refuse one by what follows it. */
function after(pattern: RegExp, accept: (rest: string) => boolean = () => true): Cue {
  return (text) => {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      const name = readName(text, end);
      if (name === null) continue;
      const rest = text.slice(end);
      if (accept(rest.slice(rest.indexOf(name) + name.length))) return name;
    }
    return null;
  };
}

/** "Client ABC here" keeps the word Client, as the name is written; "our client Acme Ltd" does not. */
const clientWord: Cue = (text) => {
  for (const match of text.matchAll(/\b(client|customer)\b[,:]?[ \t]+/gi)) {
    const keyword = match[1] ?? '';
    const name = (/^\p{Lu}/u.test(keyword) ? readName(text, match.index) : null) ?? readName(text, match.index + match[0].length);
    if (name) return name;
  }
  return null;
};

/** "Northwind Traders paid", "Bank of Springfield has paid": the words before "paid". */
const namePaid: Cue = (text) => {
  for (const match of text.matchAll(/(?<![\p{L}\p{N}'’&.-])((?:(?:\p{Lu}[\p{L}\p{N}'’&.-]*|of|and|&)[ \t]+){1,6})(?:has[ \t]+|have[ \t]+|just[ \t]+|already[ \t]+)?paid\b/gu)) {
    const words = (match[1] ?? '').trim().split(/[ \t]+/);
    while (words.length > 0 && (isGenericWord(words[0] ?? '') || !/^\p{Lu}/u.test(words[0] ?? ''))) words.shift();
    const name = readName(words.join(' '));
    if (name) return name;
  }
  return null;
};

/** The first name a cue yields; the sender string only when no cue does. */
function firstOf(text: string, cues: readonly Cue[], hints?: SenderHint): string | null {
  for (const cue of cues) {
    const found = cue(text);
    if (found) return found;
  }
  return hints?.from ? senderName(hints.from) : null;
}

/** "for the Website project" names a project, not a client. */
const notAProject = (rest: string): boolean => !/^[ \t]+project\b/i.test(rest);

const CLIENT_CUES: readonly Cue[] = [
  field('client|customer'),
  clientWord,
  after(/\bfor[ \t]+(?:the[ \t]+)?/gi, notAProject),
  after(/\b(?:invoice|bill)[ \t]+(?:to[ \t]+)?/gi),
  namePaid,
  after(/\bfrom:?[ \t]+/gi),
];

/**
 * The client named in a message: "client: X" lines, "Client ABC here",
 * "for Client ABC", "invoice Northwind Traders", "Acme Ltd paid",
 * "from Acme Ltd", then the sender hint. null when none.
 */
export function findClient(text: string, hints?: SenderHint): string | null {
  return firstOf(text, CLIENT_CUES, hints);
}

const VENDOR_CUES: readonly Cue[] = [
  field('vendor|supplier|payee|merchant'),
  after(/\bpaid[ \t]+(?:to[ \t]+)?/gi),
  after(/\b(?:paid|pay|payment|sent)\b[^.!?\n]{0,60}?\bto[ \t]+(?:the[ \t]+)?/gi),
  after(/\b(?:bought|purchased|ordered)\b[^.!?\n]{0,60}?\b(?:from|at)[ \t]+(?:the[ \t]+)?/gi),
  after(/\bfrom:?[ \t]+/gi),
];

/**
 * A vendor or supplier that was paid: "vendor: X" lines, "paid Paper
 * Supplies Ltd", "paid Rs 5000 to Sharma Printers", "bought … from X",
 * "from X", then the sender hint. null when none.
 */
export function findVendor(text: string, hints?: SenderHint): string | null {
  return firstOf(text, VENDOR_CUES, hints);
}

/** Words before "project" that describe it rather than name it ("the new website project"). */
const PROJECT_FILLER = new Set(
  (
    'the a an and or of on in for with to about at from by this that these those my our your their his her its ' +
    'new old whole entire full big huge small little large major minor quick short long great current ongoing recent ' +
    'latest last next previous upcoming first second same other another any some every each one ' +
    'started start starting working work worked began kicked launched completed complete finished finish done ' +
    'wrapped up off delivered approved paid invoiced billed client client\'s customer customer\'s'
  ).split(' '),
);

/** "the website redesign project" → "Website Redesign": the words after the last filler word. */
const wordsBeforeProject: Cue = (text) => {
  for (const match of text.matchAll(/(?<![\p{L}\p{N}'’&-])((?:[\p{L}\p{N}'’&-]+[ \t]+){1,4})project\b/giu)) {
    const words = (match[1] ?? '').trim().split(/[ \t]+/);
    let start = words.length;
    while (start > 0 && !PROJECT_FILLER.has((words[start - 1] ?? '').toLowerCase()) && !isGenericWord(words[start - 1] ?? '')) start--;
    const name = titleCase(words.slice(start).join(' '));
    if (name.length >= 2) return name;
  }
  return null;
};

const PROJECT_CUES: readonly Cue[] = [field('project'), wordsBeforeProject, after(/\bproject[ \t]+(?:(?:called|named|titled)[ \t]+)?/gi)];

/**
 * The project: "project: X" lines, "the website redesign project" (written
 * in Title Case: "Website Redesign"), "project Website Redesign". null when none.
 */
export function findProject(text: string): string | null {
  return firstOf(text, PROJECT_CUES);
}

/** Odoo's numbers, `INV/2026/00001` or `BILL/2026/03/0001`; the dashed form only for invoice and bill journals. */
const ODOO_NUMBER = /\b([A-Za-z][A-Za-z0-9]{1,5})([/-])((?:19|20)\d{2})(?:\2(\d{2}))?\2(\d{1,8})(?![\w/-])/g;
const DASHED_JOURNALS = new Set(['INV', 'RINV', 'BILL', 'RBILL']);

/** A supplier's own reference after the word invoice: `invoice PS-2231`, `invoice no. 2231`, `invoice #2231`. */
const REFERENCE = /\b(?:invoice|inv|bill)(?![\p{L}])\.?[ \t]*(no\.?[ \t]*|number[ \t]*|num\.?[ \t]*|ref\.?[ \t]*)?([:#][ \t]*)?([A-Za-z0-9][A-Za-z0-9/_-]*)/giu;

/**
 * The invoice a message refers to: an Odoo number (`INV-2026-00001` is
 * written back as `INV/2026/00001`), else a reference after the word
 * "invoice" that has a letter and a digit (`PS-2231`), or only digits after
 * "no."/"#". null when none.
 */
export function findInvoiceNumber(text: string): string | null {
  for (const m of text.matchAll(ODOO_NUMBER)) {
    const journal = (m[1] ?? '').toUpperCase();
    if (m[2] === '-' && !DASHED_JOURNALS.has(journal)) continue;
    return [journal, m[3], m[4], m[5]].filter((part) => part !== undefined).join('/');
  }
  for (const m of text.matchAll(REFERENCE)) {
    const ref = (m[3] ?? '').replace(/[/_-]+$/, '');
    const marked = m[1] !== undefined || m[2] !== undefined;
    if (!/\d/.test(ref) || /^\d{4}-\d{2}-\d{2}$/.test(ref)) continue;
    if (/\p{L}/u.test(ref) || marked) return ref;
  }
  return null;
}
