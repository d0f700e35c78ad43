/**
 * Decides what kind of item arrived and how urgent it is. Both decisions are
 * tables, read top to bottom, first match wins, so the rules can be read (and
 * tested) as data.
 */

/** Every task type triage can assign. */
export const TASK_TYPES = ['email', 'whatsapp', 'file_drop', 'manual'] as const;

/** The kinds of task triage makes. */
export type TaskType = (typeof TASK_TYPES)[number];

/** Task priorities, most urgent first. */
export const PRIORITIES = ['high', 'normal', 'low'] as const;
/** A task's priority. */
export type Priority = (typeof PRIORITIES)[number];

/** What the classifier looks at. */
export interface ClassifierInput {
  /** The original file name, e.g. `WhatsApp from Client ABC.md`. */
  name: string;
  /** Whether the item is a Markdown note (anything else is a file drop). */
  isMarkdown: boolean;
  /** The note's own frontmatter, {} for files. */
  frontmatter: Record<string, unknown>;
  /** The note's body text, '' for files. */
  body: string;
}

/** Words in a note's own `type` or `source` field and the task type each means. */
const DECLARED_TYPES: ReadonlyArray<[RegExp, TaskType]> = [
  [/^(e-?mail|gmail|imap|mail)$/i, 'email'],
  [/^(whatsapp|wa)$/i, 'whatsapp'],
  [/^(file_drop|file-drop|file|drop)$/i, 'file_drop'],
  [/^(manual|note)$/i, 'manual'],
];

/** `[20/02/2026, 10:30] Sam: …` or `20/02/2026, 10:30 - Sam: …`, the two WhatsApp export formats. */
const WHATSAPP_LINE = /^\[?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\]?\s*(?:-\s*)?[^:\n]{1,60}:\s/m;

/** The header block of a pasted or saved e-mail: both From: and Subject: near the top. */
function looksLikeEmail(body: string): boolean {
  const head = body.split(/\r?\n/).slice(0, 15).join('\n');
  return /^from:\s*\S/im.test(head) && /^subject:/im.test(head);
}

/** Inference rules for notes that do not say what they are. */
const TYPE_RULES: ReadonlyArray<{ type: TaskType; why: string; test: (input: ClassifierInput) => boolean }> = [
  { type: 'file_drop', why: 'not a Markdown note', test: (i) => !i.isMarkdown },
  { type: 'email', why: 'starts with From: and Subject: lines', test: (i) => looksLikeEmail(i.body) },
  { type: 'whatsapp', why: 'has WhatsApp chat lines', test: (i) => WHATSAPP_LINE.test(i.body) },
  { type: 'whatsapp', why: 'the file name mentions WhatsApp', test: (i) => /whats\s?app/i.test(i.name) },
];

function declaredType(value: unknown): TaskType | null {
  if (typeof value !== 'string') return null;
  for (const [pattern, type] of DECLARED_TYPES) if (pattern.test(value.trim())) return type;
  return null;
}

/**
 * The task type: a file that is not Markdown is always a file drop; otherwise
 * the note's own `type`, then its `source`, then the inference rules, then `manual`.
 */
export function classifyType(input: ClassifierInput): TaskType {
  if (!input.isMarkdown) return 'file_drop';
  const declared = declaredType(input.frontmatter.type) ?? declaredType(input.frontmatter.source);
  if (declared) return declared;
  for (const rule of TYPE_RULES) if (rule.test(input)) return rule.type;
  return 'manual';
}

/**
 * Priority keywords, whole words, case-insensitive. The first row that
 * matches decides, so high wins over low when both appear.
 *
 * | keyword                                               | priority |
 * |-------------------------------------------------------|----------|
 * | urgent, asap, emergency, immediately                  | high     |
 * | invoice(s), payment(s), overdue, help                 | high     |
 * | fyi, newsletter, no rush, whenever, unsubscribe       | low      |
 * | anything else                                         | normal   |
 */
export const PRIORITY_RULES: ReadonlyArray<{ keyword: string; pattern: RegExp; priority: Priority }> = [
  { keyword: 'urgent', pattern: /\burgent(ly)?\b/i, priority: 'high' },
  { keyword: 'asap', pattern: /\ba\.?s\.?a\.?p\b/i, priority: 'high' },
  { keyword: 'emergency', pattern: /\bemergency\b/i, priority: 'high' },
  { keyword: 'immediately', pattern: /\bimmediately\b/i, priority: 'high' },
  { keyword: 'invoice', pattern: /\binvoices?\b/i, priority: 'high' },
  { keyword: 'payment', pattern: /\bpayments?\b/i, priority: 'high' },
  { keyword: 'overdue', pattern: /\boverdue\b/i, priority: 'high' },
  { keyword: 'help', pattern: /\bhelp\b/i, priority: 'high' },
  { keyword: 'fyi', pattern: /\bfyi\b/i, priority: 'low' },
  { keyword: 'newsletter', pattern: /\bnewsletters?\b/i, priority: 'low' },
  { keyword: 'no rush', pattern: /\bno\s+rush\b/i, priority: 'low' },
  { keyword: 'whenever', pattern: /\bwhenever\b/i, priority: 'low' },
  { keyword: 'unsubscribe', pattern: /\bunsubscribe\b/i, priority: 'low' },
];

/** The priority of a text, with the keyword that decided it (null for the default). */
export function classifyPriority(text: string): { priority: Priority; keyword: string | null } {
  for (const rule of PRIORITY_RULES) {
    if (rule.pattern.test(text)) return { priority: rule.priority, keyword: rule.keyword };
  }
  return { priority: 'normal', keyword: null };
}

/** A priority the note set itself wins; otherwise the keyword table decides. */
export function resolvePriority(declared: unknown, text: string): Priority {
  if (typeof declared === 'string') {
    const value = declared.trim().toLowerCase();
    if ((PRIORITIES as readonly string[]).includes(value)) return value as Priority;
  }
  return classifyPriority(text).priority;
}
