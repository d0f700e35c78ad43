/**
 * The generic ORM operations every model shares: search with domain, order,
 * offset and limit; read with Odoo's value formatting (many2one as
 * `[id, "name"]`, empty as `false`); create/write with type checks; unlink.
 */
import type { Env } from './env';
import { compileDomain, emptyValue, fieldValue, pyRepr } from './domain';
import { invalidField, missingError, valueError, validationError } from './errors';
import type { FieldDef, ModelDef } from './model';
import type { Row } from './store';

export interface SearchOptions {
  offset?: unknown;
  limit?: unknown;
  order?: unknown;
}

export function searchRows(env: Env, model: ModelDef, domain: unknown, options: SearchOptions = {}): Row[] {
  const predicate = compileDomain(env, model, domain);
  const rows = env.table(model.name).all().filter(predicate);
  const order = typeof options.order === 'string' && options.order.trim() !== '' ? options.order : model.order;
  sortRows(env, model, rows, order);
  const offset = typeof options.offset === 'number' ? options.offset : 0;
  const limit = typeof options.limit === 'number' && options.limit > 0 ? options.limit : undefined;
  return rows.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** Sorts in place, computing each row's sort keys once (10,000-row searches stay fast). */
export function sortRows(env: Env, model: ModelDef, rows: Row[], order: string): void {
  const terms = orderTerms(model, order);
  const keyed = rows.map((row) => ({ row, keys: terms.map((t) => sortKey(env, model, t.field, row, t.name)) }));
  keyed.sort((a, b) => compareKeys(terms, a.keys, b.keys));
  keyed.forEach((k, i) => {
    rows[i] = k.row;
  });
}

function orderTerms(model: ModelDef, order: string): Array<{ name: string; field: FieldDef; sign: number }> {
  return order.split(',').map((part) => {
    const [name = '', direction = 'asc'] = part.trim().split(/\s+/);
    const field = model.fields[name];
    if (!field || !['asc', 'desc'].includes(direction.toLowerCase())) {
      throw valueError(`Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`);
    }
    return { name, field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
}

/** NULLs last ascending (first descending), like PostgreSQL. */
function compareKeys(terms: Array<{ sign: number }>, a: Array<string | number | null>, b: Array<string | number | null>): number {
  for (let i = 0; i < terms.length; i++) {
    const va = a[i] ?? null;
    const vb = b[i] ?? null;
    const sign = (terms[i] as { sign: number }).sign;
    if (va === vb) continue;
    if (va === null) return sign;
    if (vb === null) return -sign;
    return (va < vb ? -1 : 1) * sign;
  }
  return 0;
}

/** Sorts like `ORDER BY`: NULLs last ascending, many2one by the related name. */
export function comparator(env: Env, model: ModelDef, order: string): (a: Row, b: Row) => number {
  const terms = orderTerms(model, order);
  return (a, b) =>
    compareKeys(
      terms,
      terms.map((t) => sortKey(env, model, t.field, a, t.name)),
      terms.map((t) => sortKey(env, model, t.field, b, t.name)),
    );
}

function sortKey(env: Env, model: ModelDef, field: FieldDef, row: Row, name: string): string | number | null {
  const raw = fieldValue(env, model, row, name);
  if (field.type === 'many2one') return typeof raw === 'number' ? env.displayName(field.relation as string, raw) : null;
  if (raw === false || raw === null || raw === undefined) return field.type === 'boolean' ? 0 : null;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  return null;
}

/** The field names to read: all (without the heavy binary ones) when none are given. */
export function fieldNames(model: ModelDef, fields: unknown): string[] {
  if (fields === undefined || fields === null || fields === false || (Array.isArray(fields) && fields.length === 0)) {
    return Object.keys(model.fields);
  }
  if (!Array.isArray(fields)) throw valueError(`Invalid fields ${pyRepr(fields)}`);
  const names = fields.map(String);
  for (const name of names) if (!model.fields[name]) throw invalidField(model.name, name);
  return names.includes('id') ? names : ['id', ...names];
}

/** `read()`: in the order of `ids`; missing ids are a MissingError. */
export function readRecords(env: Env, model: ModelDef, ids: number[], fields: unknown, uid: number, load: unknown = '_classic_read'): Record<string, unknown>[] {
  const names = fieldNames(model, fields);
  const table = env.table(model.name);
  const missing = ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError(model.name, missing, uid);
  return ids.map((id) => formatRow(env, model, table.get(id) as Row, names, load));
}

export function formatRow(env: Env, model: ModelDef, row: Row, names: string[], load: unknown = '_classic_read'): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const name of names) result[name] = formatValue(env, model.fields[name] as FieldDef, fieldValue(env, model, row, name), load);
  return result;
}

export function formatValue(env: Env, field: FieldDef, raw: unknown, load: unknown = '_classic_read'): unknown {
  if (field.type === 'many2one') {
    if (typeof raw !== 'number') return false;
    return load === '_classic_read' ? [raw, env.displayName(field.relation as string, raw)] : raw;
  }
  if (field.type === 'one2many' || field.type === 'many2many') return Array.isArray(raw) ? [...(raw as number[])] : [];
  if (raw === undefined || raw === null) return emptyValue(field);
  if ((field.type === 'char' || field.type === 'text') && raw === '') return false;
  return raw;
}

/** Checks and converts a value written to a stored field, like the ORM's `convert_to_cache`. */
export function convertValue(env: Env, model: ModelDef, name: string, value: unknown): unknown {
  const field = model.fields[name];
  if (!field) throw invalidField(model.name, name);
  if (value === null || value === undefined) value = false;
  switch (field.type) {
    case 'integer':
    case 'float':
    case 'monetary':
      if (value === false) return 0;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
      return field.type === 'integer' ? Math.trunc(value) : value;
    case 'boolean':
      return Boolean(value);
    case 'char':
    case 'text':
      if (value === false) return false;
      if (typeof value !== 'string' && typeof value !== 'number') throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
      return String(value);
    case 'date':
      if (value === false || value === '') return false;
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.slice(0, 10)) || Number.isNaN(Date.parse(value.slice(0, 10)))) {
        throw valueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d'`);
      }
      return value.slice(0, 10);
    case 'datetime':
      if (value === false || value === '') return false;
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value.replace(' ', 'T')))) {
        throw valueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d %H:%M:%S'`);
      }
      return value.length === 10 ? `${value} 00:00:00` : value;
    case 'selection':
      if (value === false) return false;
      if (!field.selection?.some(([key]) => key === value)) throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
      return value;
    case 'many2one': {
      if (value === false || value === 0) return false;
      if (typeof value !== 'number' || !Number.isInteger(value)) throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
      if (!env.row(field.relation as string, value)) throw foreignKeyError(env, model, name);
      return value;
    }
    case 'many2many':
      return applyX2manyCommands(env, model, name, [], value);
    case 'one2many':
      throw valueError(`${model.name}.${name} is written by its model`);
  }
}

/** many2many commands: `[6,0,ids]`, `[4,id]`, `[3,id]`, `[5]`, or a plain id list. */
export function applyX2manyCommands(env: Env, model: ModelDef, name: string, current: number[], value: unknown): number[] {
  if (value === false) return [];
  if (!Array.isArray(value)) throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
  let ids = [...current];
  for (const command of value as unknown[]) {
    if (typeof command === 'number') {
      if (!ids.includes(command)) ids.push(command);
      continue;
    }
    if (!Array.isArray(command)) throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
    const [code, id, arg] = command as [number, number, unknown];
    if (code === 6) ids = Array.isArray(arg) ? (arg as number[]).map(Number) : [];
    else if (code === 4 && !ids.includes(id)) ids.push(id);
    else if (code === 3 || code === 2) ids = ids.filter((x) => x !== id);
    else if (code === 5) ids = [];
    else if (code !== 4) throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(command)}`);
  }
  return ids;
}

/** What Odoo answers for NOT NULL / foreign-key violations (rpc converts the IntegrityError). */
export function foreignKeyError(env: Env, model: ModelDef, name: string): ReturnType<typeof validationError> {
  const field = model.fields[name] as FieldDef;
  return validationError(
    'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.description} (${model.name})\nField: ${field.string} (${name})`,
  );
}

/** Converts `vals` for storage; unknown fields fail like the ORM. */
export function convertVals(env: Env, model: ModelDef, vals: unknown): Record<string, unknown> {
  if (vals === null || typeof vals !== 'object' || Array.isArray(vals)) throw valueError(`Wrong values ${pyRepr(vals)} for ${model.name}`);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(vals as Record<string, unknown>)) {
    const field = model.fields[name];
    if (!field) throw invalidField(model.name, name);
    if (field.compute || name === 'id') continue; // Odoo ignores writes to non-stored computed fields
    out[name] = convertValue(env, model, name, value);
  }
  return out;
}

export function createRecord(env: Env, model: ModelDef, vals: Record<string, unknown>, defaults: Record<string, unknown> = {}): Row {
  const converted = convertVals(env, model, vals);
  const row: Record<string, unknown> = { ...defaults, ...converted };
  for (const [name, field] of Object.entries(model.fields)) {
    if (field.required && !field.compute && field.type !== 'one2many' && (row[name] === undefined || row[name] === false || row[name] === '')) {
      throw foreignKeyError(env, model, name);
    }
  }
  const now = env.now();
  return env.table(model.name).insert({ ...row, create_date: now, write_date: now });
}

export function writeRecords(env: Env, model: ModelDef, ids: number[], vals: unknown, uid: number): void {
  const converted = convertVals(env, model, vals);
  const table = env.table(model.name);
  const missing = ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError(model.name, missing, uid);
  for (const [name, value] of Object.entries(converted)) {
    const field = model.fields[name] as FieldDef;
    if (field.required && (value === false || value === '')) throw foreignKeyError(env, model, name);
  }
  for (const id of ids) table.update(id, { ...converted, write_date: env.now() });
}

export function unlinkRecords(env: Env, model: ModelDef, ids: number[], uid: number): void {
  const table = env.table(model.name);
  const missing = ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError(model.name, missing, uid);
  for (const id of ids) table.delete(id);
}

/** Ids from a JSON/XML value (`ids` argument): a list of ints or one int. */
export function asIds(value: unknown): number[] {
  if (value === undefined || value === null || value === false) return [];
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isInteger(v))) return value as number[];
  throw valueError(`Invalid ids ${pyRepr(value)}`);
}
