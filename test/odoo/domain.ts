/**
 * Odoo domains (prefix `&`, `|`, `!` with implicit `&`) compiled to a row
 * predicate. Many2one fields compare by id (or by name for string values and
 * `like` operators), `False` matches empty values, and a field the model does
 * not have fails like the ORM: `ValueError: Invalid field 'x' on model 'y'`.
 */
import type { Env } from './env';
import { invalidField, valueError } from './errors';
import type { FieldDef, ModelDef } from './model';
import type { Row } from './store';

export type Predicate = (row: Row) => boolean;

const OPERATORS = new Set([
  '=', '!=', '<>', '<', '<=', '>', '>=', 'in', 'not in', 'like', 'ilike', 'not like', 'not ilike', '=like', '=ilike', 'child_of', 'parent_of',
]);

export function compileDomain(env: Env, model: ModelDef, domain: unknown): Predicate {
  if (domain === undefined || domain === null || domain === false) return () => true;
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
  const items = domain as unknown[];
  let pos = 0;
  const parseOne = (): Predicate => {
    if (pos >= items.length) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
    const item = items[pos++];
    if (item === '&' || item === '|') {
      const left = parseOne();
      const right = parseOne();
      return item === '&' ? (row) => left(row) && right(row) : (row) => left(row) || right(row);
    }
    if (item === '!') {
      const inner = parseOne();
      return (row) => !inner(row);
    }
    return compileLeaf(env, model, item);
  };
  const parts: Predicate[] = [];
  while (pos < items.length) parts.push(parseOne());
  if (parts.length === 0) return () => true;
  return (row) => parts.every((p) => p(row));
}

function compileLeaf(env: Env, model: ModelDef, leaf: unknown): Predicate {
  if (!Array.isArray(leaf) || leaf.length !== 3) throw valueError(`Invalid leaf ${pyRepr(leaf)}`);
  const [left, rawOp, value] = leaf as [unknown, unknown, unknown];
  if (left === 1 || left === 0) {
    // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1)
    const result = left === value;
    return () => result;
  }
  const op = typeof rawOp === 'string' ? rawOp.toLowerCase() : '';
  if (typeof left !== 'string' || !OPERATORS.has(op)) throw valueError(`Invalid leaf ${pyRepr(leaf)}`);
  const path = left.split('.');
  validatePath(env, model, path);
  return (row) => matchPath(env, model, row, path, op, value);
}

function validatePath(env: Env, model: ModelDef, path: string[]): void {
  let current = model;
  for (let i = 0; i < path.length; i++) {
    const name = path[i] as string;
    const field = current.fields[name];
    if (!field) throw invalidField(current.name, name);
    if (i < path.length - 1) {
      if (!field.relation) throw invalidField(current.name, path.slice(i).join('.'));
      current = env.model(field.relation);
    }
  }
}

function matchPath(env: Env, model: ModelDef, row: Row, path: string[], op: string, value: unknown): boolean {
  const [name, ...rest] = path as [string, ...string[]];
  const field = model.fields[name] as FieldDef;
  const raw = fieldValue(env, model, row, name);
  if (rest.length === 0) return matchValue(env, field, raw, op, value);
  const relModel = env.model(field.relation as string);
  const ids = idsOf(raw);
  const negative = op === '!=' || op === 'not in' || op.startsWith('not ');
  if (ids.length === 0) return negative;
  const related = ids.map((id) => env.row(relModel.name, id)).filter((r): r is Row => r !== undefined);
  return related.some((r) => matchPath(env, relModel, r, rest, op, value));
}

/** A field's raw value: stored, computed, or derived (one2many). */
export function fieldValue(env: Env, model: ModelDef, row: Row, name: string): unknown {
  const field = model.fields[name];
  if (!field) return undefined;
  if (name === 'id') return row.id;
  if (field.compute) return field.compute(row, env);
  if (field.type === 'one2many') {
    const relation = field.relation as string;
    const ids = env.table(relation).lookup(field.inverse as string, row.id) ?? [];
    if (!field.keep) return ids;
    return ids.filter((id) => {
      const related = env.row(relation, id);
      return related !== undefined && (field.keep as (r: Row) => boolean)(related);
    });
  }
  const stored = row[name];
  if (stored === undefined || stored === null) return emptyValue(field);
  return stored;
}

export function emptyValue(field: FieldDef): unknown {
  switch (field.type) {
    case 'integer':
    case 'float':
    case 'monetary':
      return 0;
    case 'boolean':
      return false;
    case 'one2many':
    case 'many2many':
      return [];
    default:
      return false;
  }
}

function idsOf(raw: unknown): number[] {
  if (Array.isArray(raw)) return raw as number[];
  return typeof raw === 'number' ? [raw] : [];
}

function isEmpty(raw: unknown): boolean {
  return raw === false || raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0);
}

function matchValue(env: Env, field: FieldDef, raw: unknown, op: string, value: unknown): boolean {
  const relational = field.type === 'many2one' || field.type === 'one2many' || field.type === 'many2many';
  switch (op) {
    case '=':
      return equals(env, field, raw, value);
    case '!=':
    case '<>':
      return !equals(env, field, raw, value);
    case 'in':
    case 'child_of':
    case 'parent_of':
      return asList(value).some((v) => equals(env, field, raw, v));
    case 'not in':
      return !asList(value).some((v) => equals(env, field, raw, v));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(raw, op, value);
    default: {
      // like family
      const negative = op.startsWith('not ');
      const base = negative ? op.slice(4) : op;
      if (value === false || value === null) return negative ? !isEmpty(raw) : isEmpty(raw);
      const texts = relational ? idsOf(raw).map((id) => env.displayName(field.relation as string, id)) : isEmpty(raw) ? [] : [String(raw)];
      const pattern = typeof value === 'string' ? value : pyRepr(value);
      const hit = texts.some((text) => likeMatch(text, base, pattern));
      return negative ? !hit : hit;
    }
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function equals(env: Env, field: FieldDef, raw: unknown, value: unknown): boolean {
  if (value === false || value === null) return isEmpty(raw);
  if (field.type === 'many2one' || field.type === 'one2many' || field.type === 'many2many') {
    const ids = idsOf(raw);
    if (typeof value === 'string') return ids.some((id) => env.displayName(field.relation as string, id) === value);
    return ids.includes(Number(value));
  }
  if (field.type === 'boolean') return Boolean(raw) === Boolean(value);
  if (typeof raw === 'number' && typeof value === 'number') return Math.abs(raw - value) < 1e-9;
  return raw === value;
}

function compare(raw: unknown, op: string, value: unknown): boolean {
  if (isEmpty(raw) && raw !== 0) return false;
  if (value === false || value === null) return false;
  const a = raw as number | string;
  const b = value as number | string;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** SQL LIKE: `like`/`ilike` wrap the value in `%…%`; `=like`/`=ilike` use it as the pattern. */
const likeCache = new Map<string, RegExp>();

function likeMatch(text: string, op: string, value: string): boolean {
  const cacheKey = `${op}\u0000${value}`;
  let regex = likeCache.get(cacheKey);
  if (!regex) {
    const pattern = op === 'like' || op === 'ilike' ? `%${value}%` : value;
    const insensitive = op === 'ilike' || op === '=ilike';
    let source = '';
    for (const ch of pattern) {
      if (ch === '%') source += '.*';
      else if (ch === '_') source += '.';
      else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    regex = new RegExp(`^${source}$`, insensitive ? 'is' : 's');
    if (likeCache.size > 1000) likeCache.clear();
    likeCache.set(cacheKey, regex);
  }
  return regex.test(text);
}

/** Python's repr of JSON-like values, for error messages. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return typeof value === 'bigint' || typeof value === 'symbol' ? value.toString() : 'None';
}

/** A stored value as text (for names and labels): strings as they are, anything else as Python would print it. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}
