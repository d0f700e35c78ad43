import { parseArgs } from 'node:util';
import type { InvoiceFilter } from '../accounting/accounting-port';
import { isDay } from '../accounting/dates';
import { UsageError } from './usage-error';

export const ACCOUNTING_USAGE = `Usage: ai-employee accounting <command> --vault DIR [--env-file FILE] [--json]

Commands:
  invoice --client NAME --amount N [--description T] [--date YYYY-MM-DD] [--due YYYY-MM-DD]
          [--project P] [--key K] [--post]
                   create a customer invoice (a draft unless --post); --date is the issue day (default today),
                   --due defaults to 30 days later; --key makes re-running the same command safe
  post NUMBER      post a draft invoice (Odoo numbers it then; use the id a draft shows)
  invoices [--unpaid|--overdue|--draft]
                   list customer invoices (all, still to be paid, past their due day, or not posted yet)
  pay NUMBER [--amount N] [--date YYYY-MM-DD]
                   record a payment received for an invoice (default: everything still due, today)
  expense --amount N --category C [--description T] [--date YYYY-MM-DD] [--vendor V] [--key K]
                   log an expense that was paid
  report pnl [--from YYYY-MM-DD --to YYYY-MM-DD]
                   profit and loss (default: the current month to date)
  report cash [--as-of YYYY-MM-DD]
                   the cash position
  report aging [--as-of YYYY-MM-DD]
                   what customers still owe, by days past due

The books are Odoo when ODOO_URL (or the plugin's settings) names a server, else the vault ledger in
Accounting/. Which one is used is said on stderr; --json prints one JSON document on stdout.
Exit codes: 0 success, 1 the books failed (unreachable, timed out, an error in Odoo, …), 2 bad usage or bad
configuration (wrong address, database, user or API key, an amount the books refuse).`;

/** A usage error of `accounting`: shown with the accounting usage rather than the general one. */
export class AccountingUsageError extends UsageError {
  readonly usage = ACCOUNTING_USAGE;
}

export const ACCOUNTING_ACTIONS = ['invoice', 'post', 'invoices', 'pay', 'expense', 'report'] as const;
export const REPORTS = ['pnl', 'cash', 'aging'] as const;
export type ReportName = (typeof REPORTS)[number];

export type AccountingRequest =
  | { action: 'help' }
  | {
      action: 'invoice';
      client: string;
      amount: number;
      description?: string;
      issued?: string;
      due?: string;
      project?: string;
      key?: string;
      post: boolean;
    }
  | { action: 'post'; invoice: string }
  | { action: 'invoices'; filter: InvoiceFilter }
  | { action: 'pay'; invoice: string; amount?: number; date?: string }
  | { action: 'expense'; amount: number; category: string; description?: string; date?: string; vendor?: string; key?: string }
  | { action: 'report'; report: 'pnl'; from?: string; to?: string }
  | { action: 'report'; report: 'cash' | 'aging'; asOf?: string };

export interface AccountingCliArgs {
  request: AccountingRequest;
  vault?: string;
  envFile?: string;
  json: boolean;
  quiet: boolean;
}

const OPTIONS = {
  vault: { type: 'string' },
  'env-file': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  client: { type: 'string' },
  amount: { type: 'string' },
  description: { type: 'string' },
  date: { type: 'string' },
  due: { type: 'string' },
  project: { type: 'string' },
  key: { type: 'string' },
  post: { type: 'boolean' },
  unpaid: { type: 'boolean' },
  overdue: { type: 'boolean' },
  draft: { type: 'boolean' },
  category: { type: 'string' },
  vendor: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = Partial<Record<OptionName, string | boolean>>;

const COMMON: readonly OptionName[] = ['vault', 'env-file', 'json', 'quiet', 'help'];

/** The flags each command accepts besides the common ones; anything else is a mistake worth naming. */
const ALLOWED: Record<(typeof ACCOUNTING_ACTIONS)[number], readonly OptionName[]> = {
  invoice: ['client', 'amount', 'description', 'date', 'due', 'project', 'key', 'post'],
  post: [],
  invoices: ['unpaid', 'overdue', 'draft'],
  pay: ['amount', 'date'],
  expense: ['amount', 'category', 'description', 'date', 'vendor', 'key'],
  report: ['from', 'to', 'as-of'],
};

/** Parses what follows `accounting` (global flags included); every mistake is an {@link AccountingUsageError}. */
export function parseAccountingArgs(argv: string[]): AccountingCliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
  } catch (error) {
    throw new AccountingUsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Values;
  const given = new Set<OptionName>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const name = token.name;
    // parseArgs keeps the last of repeated flags; silently dropping an amount is not acceptable.
    if (given.has(name)) throw new AccountingUsageError(`${token.rawName} is given twice; give it once.`);
    given.add(name);
  }
  const common = {
    vault: str(values.vault),
    envFile: str(values['env-file']),
    json: values.json === true,
    quiet: values.quiet === true,
  };
  const [action, ...rest] = parsed.positionals;
  if (values.help === true || action === 'help') return { ...common, request: { action: 'help' } };
  if (action === undefined) {
    throw new AccountingUsageError(`Which accounting command? One of: ${ACCOUNTING_ACTIONS.join(', ')}.`);
  }
  if (!(ACCOUNTING_ACTIONS as readonly string[]).includes(action)) {
    throw new AccountingUsageError(`Unknown accounting command "${action}". Commands: ${ACCOUNTING_ACTIONS.join(', ')}.`);
  }
  const name = action as (typeof ACCOUNTING_ACTIONS)[number];
  for (const option of given) {
    if (!COMMON.includes(option) && !ALLOWED[name].includes(option)) {
      const takes = ALLOWED[name].length ? `It takes: ${ALLOWED[name].map((o) => `--${o}`).join(', ')}.` : 'It takes no options of its own.';
      throw new AccountingUsageError(`--${option} is not an option of "accounting ${name}". ${takes}`);
    }
  }
  return { ...common, request: parseRequest(name, rest, values) };
}

function parseRequest(action: (typeof ACCOUNTING_ACTIONS)[number], rest: string[], values: Values): AccountingRequest {
  switch (action) {
    case 'invoice': {
      noPositionals(action, rest);
      const issued = day(values, 'date');
      const due = day(values, 'due');
      if (issued && due && due < issued) throw new AccountingUsageError(`--due (${due}) is before the issue day --date (${issued}).`);
      return {
        action,
        client: requiredText(values, 'client', 'NAME', 'who the invoice is for'),
        amount: requiredAmount(values, 'what the invoice is for in total'),
        description: text(values, 'description'),
        issued,
        due,
        project: text(values, 'project'),
        key: key(values),
        post: values.post === true,
      };
    }
    case 'invoices': {
      noPositionals(action, rest);
      if ([values.unpaid, values.overdue, values.draft].filter((v) => v === true).length > 1) {
        throw new AccountingUsageError('--unpaid, --overdue and --draft cannot be used together (every overdue invoice is also unpaid, and a draft is neither); pick one.');
      }
      return { action, filter: values.draft === true ? 'draft' : values.overdue === true ? 'overdue' : values.unpaid === true ? 'unpaid' : 'all' };
    }
    case 'post':
      return { action, invoice: invoiceArgument(action, rest) };
    case 'pay':
      return { action, invoice: invoiceArgument(action, rest), amount: amount(values), date: day(values, 'date') };
    case 'expense': {
      noPositionals(action, rest);
      return {
        action,
        amount: requiredAmount(values, 'what was paid'),
        category: requiredText(values, 'category', 'C', 'what kind of expense, e.g. "Office supplies"'),
        description: text(values, 'description'),
        date: day(values, 'date'),
        vendor: text(values, 'vendor'),
        key: key(values),
      };
    }
    case 'report':
      return parseReport(rest, values);
  }
}

function parseReport(rest: string[], values: Values): AccountingRequest {
  const [report, ...extra] = rest;
  if (report === undefined) throw new AccountingUsageError(`"accounting report" needs which report: ${REPORTS.join(', ')}.`);
  if (!(REPORTS as readonly string[]).includes(report)) {
    throw new AccountingUsageError(`Unknown report "${report}". Reports: ${REPORTS.join(', ')}.`);
  }
  noPositionals(`report ${report}`, extra);
  if (report === 'pnl') {
    if (values['as-of'] !== undefined) throw new AccountingUsageError('--as-of is for "report cash" and "report aging"; "report pnl" takes --from and --to.');
    const from = day(values, 'from');
    const to = day(values, 'to');
    if ((from === undefined) !== (to === undefined)) {
      throw new AccountingUsageError('--from and --to go together: give both, or neither for the current month to date.');
    }
    if (from && to && from > to) throw new AccountingUsageError(`--from (${from}) is after --to (${to}).`);
    return { action: 'report', report, from, to };
  }
  if (values.from !== undefined || values.to !== undefined) {
    throw new AccountingUsageError(`--from and --to are for "report pnl"; "report ${report}" takes --as-of.`);
  }
  return { action: 'report', report: report as 'cash' | 'aging', asOf: day(values, 'as-of') };
}

/** The one positional of `pay` and `post`: an invoice number such as INV/2026/00001, or the backend's id. */
function invoiceArgument(action: string, rest: string[]): string {
  const [invoice, ...extra] = rest;
  if (invoice === undefined || invoice.trim() === '') {
    throw new AccountingUsageError(`"accounting ${action}" needs the invoice number, e.g. accounting ${action} INV/2026/00001`);
  }
  noPositionals(action, extra);
  return invoice.trim();
}

function noPositionals(what: string, extra: string[]): void {
  const [first] = extra;
  if (first !== undefined) throw new AccountingUsageError(`Unexpected argument "${first}" for "accounting ${what}".`);
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Optional free text: trimmed, and not empty when given (an empty value is almost always a shell quoting slip). */
function text(values: Values, name: OptionName): string | undefined {
  const value = str(values[name]);
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) throw new AccountingUsageError(`--${name} must not be empty.`);
  if (trimmed.length > 200) throw new AccountingUsageError(`--${name} is ${trimmed.length} characters long; keep it to 200.`);
  if ([...trimmed].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new AccountingUsageError(`--${name} must be one line of text, without control characters.`);
  return trimmed;
}

function requiredText(values: Values, name: OptionName, placeholder: string, meaning: string): string {
  const value = text(values, name);
  if (value === undefined) throw new AccountingUsageError(`Missing --${name} ${placeholder} (${meaning}).`);
  return value;
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** A positive amount in the company currency, with at most two decimals (cents). */
function amount(values: Values): number | undefined {
  const raw = str(values.amount);
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  const value = Number(trimmed);
  if (!AMOUNT.test(trimmed) || !Number.isFinite(value) || value <= 0) {
    throw new AccountingUsageError(`--amount must be a positive amount like 1500 or 99.95 (no currency sign, no thousands separator), not "${raw}".`);
  }
  if (value >= 1e12) throw new AccountingUsageError(`--amount ${raw} is too large for the books.`);
  return value;
}

function requiredAmount(values: Values, meaning: string): number {
  const value = amount(values);
  if (value === undefined) throw new AccountingUsageError(`Missing --amount N (${meaning}).`);
  return value;
}

function day(values: Values, name: OptionName): string | undefined {
  const raw = str(values[name]);
  if (raw === undefined) return undefined;
  if (!isDay(raw.trim())) throw new AccountingUsageError(`--${name} must be a calendar day written YYYY-MM-DD, like 2026-12-31, not "${raw}".`);
  return raw.trim();
}

/** The idempotency key: written onto the record, so it must be plain and short. */
function key(values: Values): string | undefined {
  const raw = str(values.key);
  if (raw === undefined) return undefined;
  if (!/^[\w.:/@+-]{1,100}$/.test(raw)) {
    throw new AccountingUsageError(`--key must be 1 to 100 letters, digits or . _ - : / @ +, not "${raw}".`);
  }
  return raw;
}
