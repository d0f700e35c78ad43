/**
 * The Handlebars the briefing templates run in: an isolated instance (the
 * global one is shared with every other plugin in the bundle) with the
 * briefing's helpers. Output is Markdown, so Handlebars' HTML escaping is
 * off (`&amp;` would show in the note); the view model and the `cell` and
 * `inline` helpers escape for Markdown instead.
 *
 * What helpers return is Markdown, ready to print: `{{money x}}` gives
 * `\$1,500`, since two bare dollar signs on a line open a math span in
 * Obsidian.
 *
 * Helpers check their arguments and throw a {@link TemplateHelperError} with
 * the template line, so a wrong call is reported to the owner rather than
 * printed as `NaN` or `undefined`.
 */
import Handlebars from 'handlebars';
import { escapeCell } from '../../vault/dashboard-format';
import { days, formatDate, isDateStyle, signedDays } from './format-days';
import { escapeInline, table, type Align, type Cell, type MarkdownTable } from './format-markdown';
import { money, NO_FIGURE, pct, signedMoney } from './format-money';
import { TemplateHelperError } from './template-problem';

/** The money settings helpers fall back on. */
export interface BriefingFormat {
  currency: string;
  locale: string;
}

/** The helpers every briefing template can call, besides Handlebars' own (`if`, `each`, `with`, …). */
export const BRIEFING_HELPERS = [
  'money', 'signedMoney', 'pct', 'days', 'signedDays', 'date', 'table', 'cell', 'inline', 'eq', 'gt', 'add',
] as const;

/**
 * Compile options for briefing templates. `knownHelpersOnly` makes a call of
 * an unknown helper a compile error with its line, even inside a section
 * this week's data skips (e.g. `{{#if finance}}` in a week without books).
 */
export const BRIEFING_COMPILE_OPTIONS = {
  noEscape: true,
  strict: false,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(BRIEFING_HELPERS.map((name) => [name, true])),
};

type HelperOptions = Handlebars.HelperOptions & { loc?: { start?: { line?: number } } };
type Helper = (args: unknown[]) => unknown;

/** A Handlebars instance with the briefing helpers; compile with {@link BRIEFING_COMPILE_OPTIONS}. */
export function createBriefingHandlebars(format: BriefingFormat): typeof Handlebars {
  const hb = Handlebars.create();
  const helpers: Record<(typeof BRIEFING_HELPERS)[number], Helper> = {
    money: (args) => {
      arity(args, 1, 2);
      const amount = figure(args[0]);
      return amount === null ? NO_FIGURE : escapeInline(money(amount, text(args[1] ?? format.currency), format.locale));
    },
    signedMoney: (args) => {
      arity(args, 1, 2);
      const amount = figure(args[0]);
      return amount === null ? NO_FIGURE : escapeInline(signedMoney(amount, text(args[1] ?? format.currency), format.locale));
    },
    pct: (args) => {
      arity(args, 1, 1);
      return pct(figure(args[0]), format.locale);
    },
    days: (args) => {
      arity(args, 1, 1);
      const n = figure(args[0]);
      return n === null ? NO_FIGURE : days(n);
    },
    signedDays: (args) => {
      arity(args, 1, 1);
      const n = figure(args[0]);
      return n === null ? NO_FIGURE : signedDays(n);
    },
    date: (args) => {
      arity(args, 1, 2);
      const style = text(args[1] ?? 'medium');
      if (!isDateStyle(style)) throw new Error(`unknown date style "${style}" (use iso, short, medium, long or month)`);
      return formatDate(text(args[0]), format.locale, style);
    },
    table: (args) => {
      arity(args, 1, 3);
      const t = args.length === 1 ? asTable(args[0]) : { headers: args[0], rows: args[1], align: args[2] };
      if (!Array.isArray(t.headers) || !Array.isArray(t.rows) || !t.rows.every(Array.isArray)) {
        throw new Error('expects a table from the briefing (e.g. finance.revenueTable), or a list of headers and a list of rows');
      }
      return table(t.headers.map(text), t.rows as Cell[][], Array.isArray(t.align) ? (t.align as Align[]) : []);
    },
    cell: (args) => {
      arity(args, 1, 1);
      return escapeCell(printable(args[0]));
    },
    inline: (args) => {
      arity(args, 1, 1);
      return escapeInline(printable(args[0]) ?? '');
    },
    eq: (args) => {
      arity(args, 2, 2);
      return args[0] === args[1];
    },
    gt: (args) => {
      arity(args, 2, 2);
      return (figure(args[0]) ?? 0) > (figure(args[1]) ?? 0);
    },
    add: (args) => {
      arity(args, 2, 2);
      return (figure(args[0]) ?? 0) + (figure(args[1]) ?? 0);
    },
  };
  for (const [name, helper] of Object.entries(helpers)) {
    hb.registerHelper(name, (...params: unknown[]) => {
      const options = params.pop() as HelperOptions;
      try {
        return helper(params);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new TemplateHelperError(name, options.loc?.start?.line, message);
      }
    });
  }
  return hb;
}

function arity(args: unknown[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  const wanted = min === max ? `${min}` : `${min} to ${max}`;
  throw new Error(`takes ${wanted} argument${max === 1 ? '' : 's'}, got ${args.length}`);
}

/** A number, or null for a figure the data leaves empty; anything else is a template bug. */
function figure(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new Error(`expects a number, got ${describe(value)}`);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`expects text, got ${describe(value)}`);
}

function printable(value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`expects text or a number, got ${describe(value)}`);
}

function asTable(value: unknown): Partial<Record<keyof MarkdownTable, unknown>> {
  return typeof value === 'object' && value !== null ? value : {};
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (is the field name right?)';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return `a ${typeof value}`;
  const shown = String(value);
  return `${typeof value} "${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}"`;
}
