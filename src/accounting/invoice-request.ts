/**
 * An invoice request is a note whose frontmatter says who to bill and for
 * what. The accounting sync and the "Create invoice from current note"
 * command read it with the same parser, so a note means the same thing
 * whichever way it reaches the books.
 *
 * ```yaml
 * tags: [accounting]
 * client: Client ABC
 * amount: 1500            # or lines: [{description, quantity, unit_price}]
 * description: Website design
 * due: 2026-03-15         # optional, default 30 days after today
 * project: Website        # optional
 * post: true              # optional: post it at once (Odoo gives it its number)
 * ```
 */
import { z } from 'zod';
import type { CreateInvoiceInput, InvoiceLineInput } from './accounting-port';
import { isDay } from './dates';
import { roundMoney } from './money';

export interface InvoiceRequest {
  client: string;
  lines: InvoiceLineInput[];
  dueDate?: string;
  project?: string;
  /** Post the invoice right after creating it. */
  post: boolean;
}

export interface FieldProblem {
  /** The frontmatter field, e.g. `client` or `lines 2 unit_price`. */
  field: string;
  /** What is wrong, completing "<field> …", e.g. "must be a number, like 1500". */
  problem: string;
}

export type InvoiceRequestParse =
  | { ok: true; request: InvoiceRequest }
  | { ok: false; problems: FieldProblem[]; /** One plain sentence for the note and the notice. */ message: string };

export interface ParseOptions {
  /** Today as `YYYY-MM-DD`: a due date before it is refused. */
  today: string;
  /** The line description when the note gives only an amount and no description (e.g. the note's heading). */
  fallbackDescription?: string;
}

/** Tag that marks a note for the books, in `tags` or as `#accounting` in the text. */
export const ACCOUNTING_TAG = 'accounting';
/** A note of this `type` is an invoice request even without the tag. */
export const INVOICE_REQUEST_TYPE = 'invoice_request';

const REQUEST_KEYS = ['client', 'amount', 'lines', 'description', 'due', 'project', 'post'] as const;

/** `1500`, `"1,500.00"`, `"$1500"`, `"1500 USD"` → 1500; anything else is left for zod to refuse. */
function toNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const cleaned = value
    .trim()
    .replace(/^[A-Za-z]{3}\s+|\s+[A-Za-z]{3}$/, '')
    .replace(/[$€£\s]/g, '')
    .replace(/,(?=\d{3}(?:\D|$))/g, '');
  return /^-?\d+(?:\.\d+)?$/.test(cleaned) ? Number(cleaned) : value;
}

/** `[[Client ABC]]` (quoted, or unquoted YAML that reads as nested lists) → `Client ABC`; an alias wins. */
function toClient(value: unknown): unknown {
  let v = value;
  let depth = 0;
  for (; Array.isArray(v) && v.length === 1; depth++) v = v[0];
  if (typeof v !== 'string') return v;
  const text = depth === 2 ? `[[${v.trim()}]]` : v.trim();
  const link = /^\[\[([^\]|]+)(?:\|([^\]]+))?\]\]$/.exec(text);
  if (!link) return text;
  const target = (link[1] ?? '').split('/').pop() ?? '';
  return (link[2] ?? target).trim();
}

/** YAML parsers differ: a date may arrive as a string or as a Date at UTC midnight. */
function toDay(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value.trim() : value;
}

function toBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return value;
}

const money = (example: string) =>
  z.preprocess(
    toNumber,
    z
      .number({ error: `must be a number, like ${example}` })
      .positive({ error: 'must be more than zero', abort: true })
      // Amounts are kept in cents: less than half a cent would become an invoice of 0.00.
      .refine((n) => Math.round(n * 100) > 0, 'must be at least 0.01')
      .max(1e12, 'is too large'),
  );

const text = (what: string) => z.string({ error: `must be text (${what})` }).trim().min(1, `is empty (${what})`);

const lineSchema = z.preprocess(
  // `price` is what people write; `unit_price` is the documented name.
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && !('unit_price' in v) && 'price' in v ? { ...v, unit_price: v.price } : v),
  z.object(
    {
      description: text('what was done, like "Website design"'),
      quantity: z.preprocess(toNumber, z.number({ error: 'must be a number, like 2' }).positive('must be more than zero')).default(1),
      unit_price: money('750'),
    },
    { error: 'must be a line with description, quantity and unit_price' },
  ),
);

const requestSchema = z.object({
  client: z.preprocess(toClient, z.string({ error: 'is missing: say who the invoice is for, like "client: Client ABC"' }).min(1, 'is empty: say who the invoice is for')),
  amount: money('1500').optional(),
  lines: z.array(lineSchema, { error: 'must be a list of lines, each with description, quantity and unit_price' }).min(1, 'is an empty list').optional(),
  description: text('what the invoice is for').optional(),
  due: z.preprocess(toDay, z.string({ error: 'must be a date like 2026-03-15' }).refine(isDay, 'must be a real date like 2026-03-15')).optional(),
  project: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text('the project name')).optional(),
  post: z.preprocess(toBoolean, z.boolean({ error: 'must be true or false' })).optional(),
});

function fieldName(path: PropertyKey[]): string {
  // `lines.1.unit_price` reads better to a person as "lines 2 unit_price".
  return path.map((part) => (typeof part === 'number' ? String(part + 1) : String(part))).join(' ') || 'the note';
}

function sentence(problems: FieldProblem[]): string {
  const parts = problems.map((p) => `${p.field} ${p.problem}`);
  return `The invoice request cannot be sent: ${parts.join('; ')}. Fix the note's properties and it is tried again.`;
}

/**
 * Reads an invoice request from a note's frontmatter. Every field that is
 * wrong is named, so one edit can fix them all. Unknown properties are the
 * owner's business and are ignored.
 */
export function parseInvoiceRequest(frontmatter: Record<string, unknown>, options: ParseOptions): InvoiceRequestParse {
  const input: Record<string, unknown> = {};
  // An empty property (`amount:`) counts as not given.
  for (const key of REQUEST_KEYS) {
    const value = frontmatter[key];
    if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')) input[key] = value;
  }
  const parsed = requestSchema.safeParse(input);
  const problems: FieldProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: fieldName(issue.path), problem: issue.message }));
  const data = parsed.success ? parsed.data : null;
  if (data) {
    if (data.amount === undefined && data.lines === undefined) {
      problems.push({ field: 'amount', problem: 'is missing: give an amount (like "amount: 1500") or a list of lines' });
    } else if (data.amount !== undefined && data.lines !== undefined) {
      problems.push({ field: 'amount', problem: 'and lines are both given: keep one of them, so the total is not ambiguous' });
    }
    if (data.due !== undefined && data.due < options.today) {
      problems.push({ field: 'due', problem: `is ${data.due}, before today (${options.today}): an invoice cannot be due before it is issued` });
    }
  }
  if (!data || problems.length > 0) return { ok: false, problems, message: sentence(problems) };

  const description = data.description ?? options.fallbackDescription?.trim() ?? '';
  const lines: InvoiceLineInput[] = data.lines
    ? data.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: roundMoney(l.unit_price) }))
    : [{ description: description || 'Services', quantity: 1, unitPrice: roundMoney(data.amount ?? 0) }];
  const request: InvoiceRequest = { client: data.client, lines, post: data.post ?? false };
  if (data.due !== undefined) request.dueDate = data.due;
  if (data.project !== undefined) request.project = data.project;
  return { ok: true, request };
}

/** The port's input for a parsed request. */
export function createInvoiceInput(request: InvoiceRequest, idempotencyKey: string): CreateInvoiceInput {
  const input: CreateInvoiceInput = { client: request.client, lines: request.lines, idempotencyKey };
  if (request.dueDate !== undefined) input.dueDate = request.dueDate;
  if (request.project !== undefined) input.project = request.project;
  return input;
}

/** Tags as Obsidian reads them: a list or a comma/space separated string, with or without `#`. */
function tagsOf(frontmatter: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['tags', 'tag']) {
    const value = frontmatter[key];
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\s]+/) : [];
    for (const item of items) if (typeof item === 'string' && item.trim() !== '') out.push(item.trim().replace(/^#/, '').toLowerCase());
  }
  return out;
}

/** `#accounting` as a whole tag in the text (not `#accounting-notes`, not inside a word or a link anchor). */
const BODY_TAG = /(?:^|[\s(])#accounting(?![\w/-])/im;

/** Whether a note asks to be sent to the books: tagged `accounting`, or `type: invoice_request`. */
export function isInvoiceRequestNote(frontmatter: Record<string, unknown>, body: string): boolean {
  if (frontmatter.type === INVOICE_REQUEST_TYPE) return true;
  if (tagsOf(frontmatter).includes(ACCOUNTING_TAG)) return true;
  return BODY_TAG.test(body);
}

/** The note's first `# Heading`, the natural description of an amount-only request. */
export function firstHeading(body: string): string | undefined {
  const match = /^#\s+(.+)$/m.exec(body);
  // Tags in a heading are for Obsidian, not for the client's invoice.
  const heading = match?.[1]?.replace(/(^|\s)#[\w/-]+/g, '$1').replace(/\s+/g, ' ').trim();
  return heading || undefined;
}
