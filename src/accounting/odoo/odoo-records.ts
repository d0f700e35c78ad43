/**
 * Reading Odoo's answers safely. Every protocol hands back plain JSON-like
 * values; Odoo writes an empty field as `false`, a many2one as `[id, "name"]`,
 * and `create` answers an id or a list of ids depending on how it was called.
 * A value of the wrong shape is a `bad_response`, never a crash further down.
 */
import { AccountingError } from '../accounting-error';
import { isDay } from '../dates';
import { roundMoney } from '../money';

export type OdooRecord = Record<string, unknown>;

/** A search domain: conditions `[field, operator, value]` and the prefix operators `&`, `|`, `!`. */
export type OdooDomain = (string | [string, string, unknown])[];

export interface Many2one {
  id: number;
  name: string;
}

export function badResponse(what: string, value: unknown): AccountingError {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return new AccountingError('bad_response', `Odoo answered ${what} with an unexpected value.`, { details: shown.slice(0, 500) });
}

/** A list of records (`search_read`, `read`). */
export function recordList(value: unknown, what: string): OdooRecord[] {
  if (!Array.isArray(value)) throw badResponse(what, value);
  for (const item of value) {
    if (!item || typeof item !== 'object' || Array.isArray(item) || typeof (item as OdooRecord).id !== 'number') throw badResponse(what, value);
  }
  return value as OdooRecord[];
}

/** The id `create` made: an int for `create(dict)`, a list for `create([dict])` and JSON-2. */
export function createdId(value: unknown, what: string): number {
  const id = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) throw badResponse(what, value);
  return id;
}

/** `[id, "name"]` → `{id, name}`; `false` → null. */
export function many2one(value: unknown): Many2one | null {
  if (Array.isArray(value) && typeof value[0] === 'number') {
    return { id: value[0], name: typeof value[1] === 'string' ? value[1] : String(value[0]) };
  }
  // Some answers (JSON-2 with a bare id, or a grouped key) carry only the id.
  if (typeof value === 'number') return { id: value, name: String(value) };
  return null;
}

/** A char/text field; Odoo's `false` (and an empty string) → null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A monetary field, rounded to cents; `false` → 0. */
export function money(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? roundMoney(value) : 0;
}

/** A float field (quantities), unrounded; `false` → 0. */
export function float(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A date field (`YYYY-MM-DD`); datetimes are cut to the day; `false` → null. */
export function day(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const head = value.slice(0, 10);
  return isDay(head) ? head : null;
}

/** A one2many/many2many field: a list of ids. */
export function idList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** The id a record carries (validated by {@link recordList}). */
export function recordId(record: OdooRecord): number {
  return record.id as number;
}
