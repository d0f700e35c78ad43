/**
 * The methods every model inherits from `BaseModel`, with their Python
 * parameter lists per version (search's `count` is gone after 16, name_search
 * takes `args` up to 18 and `domain` on 19, has_access appears in 18).
 */
import type { Env } from './env';
import type { FakeOdooMajor } from './fake-odoo-types';
import { accessError, typeError, valueError } from './errors';
import { pyRepr } from './domain';
import type { FieldDef, MethodCall, MethodDef, ModelDef } from './model';
import { asIds, createRecord, readRecords, searchRows, unlinkRecords, writeRecords } from './orm';
import type { Row } from './store';
import { groupingMethods } from './grouping';

const p = (name: string, required = false) => ({ name, required });

/** The vals of `create(vals_list)`: one dict or a list of dicts. */
export function valsList(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  for (const vals of list) {
    if (vals === null || typeof vals !== 'object' || Array.isArray(vals)) throw valueError(`Wrong values for create: ${pyRepr(value)}`);
  }
  return list as Record<string, unknown>[];
}

/** Generic create: defaults, then each dict as a record. Returns the ids. */
export function genericCreate(call: MethodCall): number[] {
  return valsList(call.args.vals_list).map((vals) => createRecord(call.env, call.model, vals, call.model.defaults?.(call) ?? {}).id);
}

function searchIds(call: MethodCall, domain: unknown): number[] {
  return searchRows(call.env, call.model, domain, { offset: call.args.offset, limit: call.args.limit, order: call.args.order }).map((r) => r.id);
}

export function nameSearch(env: Env, model: ModelDef, name: unknown, domain: unknown, operator: unknown, limit: unknown): Array<[number, string]> {
  const op = typeof operator === 'string' ? operator : 'ilike';
  const text = typeof name === 'string' ? name : '';
  const extra = Array.isArray(domain) ? (domain as unknown[]) : [];
  const recName = model.fields.name ? 'name' : 'display_name';
  const full = text === '' && (op === 'ilike' || op === 'like') ? extra : ['&', ...(extra.length ? extra : [[1, '=', 1]]), [recName, op, text]];
  const rows = searchRows(env, model, full, { limit: typeof limit === 'number' ? limit : 100 });
  return rows.map((row) => [row.id, model.displayName(row, env)]);
}

function fieldsGet(model: ModelDef, attributes: unknown): Record<string, Record<string, unknown>> {
  const wanted = Array.isArray(attributes) && attributes.length > 0 ? new Set(attributes.map(String)) : undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, field] of Object.entries(model.fields)) {
    const description: Record<string, unknown> = describe(field, name);
    if (wanted) for (const key of Object.keys(description)) if (!wanted.has(key)) delete description[key];
    out[name] = description;
  }
  return out;
}

function describe(field: FieldDef, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: field.type,
    string: field.string,
    required: field.required ?? false,
    readonly: field.readonly ?? Boolean(field.compute),
    store: !field.compute && field.type !== 'one2many',
    name,
  };
  if (field.relation) out.relation = field.relation;
  if (field.selection) out.selection = field.selection;
  return out;
}

const ACCESS_OPERATIONS = ['read', 'write', 'create', 'unlink'];

export function baseMethods(version: FakeOdooMajor): Record<string, MethodDef> {
  const methods: Record<string, MethodDef> = {
    search: {
      qualname: 'BaseModel.search',
      params: version === 16 ? [p('domain', true), p('offset'), p('limit'), p('order'), p('count')] : [p('domain', true), p('offset'), p('limit'), p('order')],
      api: 'model',
      run: (call) => (call.args.count ? searchIds({ ...call, args: { ...call.args, offset: 0, limit: undefined } }, call.args.domain).length : searchIds(call, call.args.domain)),
    },
    search_read: {
      qualname: 'BaseModel.search_read',
      params: [p('domain'), p('fields'), p('offset'), p('limit'), p('order')],
      api: 'model',
      varKw: true,
      run: (call) => {
        // search_read(**read_kwargs) hands its extra keywords to read(), which only knows `load`.
        const unknown = Object.keys(call.extra).find((k) => k !== 'load');
        if (unknown !== undefined) throw typeError(`BaseModel.read() got an unexpected keyword argument '${unknown}'`);
        const ids = searchIds(call, call.args.domain);
        return readRecords(call.env, call.model, ids, call.args.fields, call.uid, call.extra.load ?? '_classic_read');
      },
    },
    search_count: {
      qualname: 'BaseModel.search_count',
      params: [p('domain', true), p('limit')],
      api: 'model',
      run: (call) => {
        const n = searchRows(call.env, call.model, call.args.domain).length;
        return typeof call.args.limit === 'number' ? Math.min(n, call.args.limit) : n;
      },
    },
    read: {
      qualname: 'BaseModel.read',
      params: [p('fields'), p('load')],
      api: 'multi',
      run: (call) => readRecords(call.env, call.model, call.ids, call.args.fields, call.uid, call.args.load ?? '_classic_read'),
    },
    create: { qualname: 'BaseModel.create', params: [p('vals_list', true)], api: 'model_create', run: genericCreate },
    write: {
      qualname: 'BaseModel.write',
      params: [p('vals', true)],
      api: 'multi',
      run: (call) => {
        writeRecords(call.env, call.model, call.ids, call.args.vals, call.uid);
        return true;
      },
    },
    unlink: {
      qualname: 'BaseModel.unlink',
      params: [],
      api: 'multi',
      run: (call) => {
        unlinkRecords(call.env, call.model, call.ids, call.uid);
        return true;
      },
    },
    name_search: {
      qualname: 'BaseModel.name_search',
      params: [p('name'), p(version >= 19 ? 'domain' : 'args'), p('operator'), p('limit')],
      api: 'model',
      run: (call) => nameSearch(call.env, call.model, call.args.name, version >= 19 ? call.args.domain : call.args.args, call.args.operator, call.args.limit),
    },
    fields_get: {
      qualname: 'BaseModel.fields_get',
      params: [p('allfields'), p('attributes')],
      api: 'model',
      run: (call) => fieldsGet(call.model, call.args.attributes),
    },
    exists: {
      qualname: 'BaseModel.exists',
      params: [],
      api: 'multi',
      run: (call) => call.ids.filter((id) => call.env.row(call.model.name, id) !== undefined),
    },
    ...groupingMethods(version),
  };
  if (version === 16) {
    methods.name_get = {
      qualname: 'BaseModel.name_get',
      params: [],
      api: 'multi',
      run: (call) => asIds(call.ids).map((id) => [id, call.env.displayName(call.model.name, id)]),
    };
  }
  if (version <= 18) {
    methods.check_access_rights = {
      qualname: 'BaseModel.check_access_rights',
      params: [p('operation', true), p('raise_exception')],
      api: 'model',
      run: (call) => checkAccess(call, call.args.raise_exception !== false),
    };
  }
  if (version >= 18) {
    methods.has_access = {
      qualname: 'BaseModel.has_access',
      params: [p('operation', true)],
      api: 'multi',
      run: (call) => checkAccess(call, false),
    };
  }
  return methods;
}

function checkAccess(call: MethodCall, raise: boolean): boolean {
  const operation = String(call.args.operation);
  if (!ACCESS_OPERATIONS.includes(operation)) throw valueError(`Invalid access mode: ${operation}`);
  const user = call.env.users.find((u) => u.uid === call.uid);
  const allowed = !(user?.restricted && call.model.accounting);
  if (!allowed && raise) throw accessError(accessMessage(call.model, operation));
  return allowed;
}

const OPERATION_WORDS: Record<string, string> = { read: 'access', write: 'modify', create: 'create', unlink: 'delete' };

/** `You are not allowed to access 'Journal Entry' (account.move) records.` and its advice. */
export function accessMessage(model: ModelDef, operation: string): string {
  return (
    `You are not allowed to ${OPERATION_WORDS[operation] ?? 'access'} '${model.description}' (${model.name}) records.\n\n` +
    'This operation is allowed for the following groups:\n\t- Accounting/Billing\n\t- Accounting/Read-only\n\n' +
    'Contact your administrator to request access if necessary.'
  );
}

export type { Row };
