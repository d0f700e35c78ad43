/**
 * Grouped reads: `read_group` (16–18; lazy `<field>_count` / `__count`,
 * `__domain`, `__context`, `__range`) and `formatted_read_group` (19;
 * `__extra_domain`, aggregates keyed by their spec like `balance:sum`).
 * Many2one groups read `[id, "name"]`; dates group by day/week/month/quarter/year.
 */
import type { Env } from './env';
import type { FakeOdooMajor } from './fake-odoo-types';
import { compileDomain, fieldValue, pyRepr } from './domain';
import { invalidField, valueError } from './errors';
import type { FieldDef, MethodCall, MethodDef, ModelDef } from './model';
import { comparator, searchRows } from './orm';
import { GRANULARITIES, periodEnd, periodLabel, periodStart } from './periods';
import type { Row } from './store';


interface GroupSpec {
  spec: string;
  name: string;
  field: FieldDef;
  granularity?: string;
}

interface AggregateSpec {
  key: string;
  name: string;
  func: string;
}

function parseGroupSpec(model: ModelDef, spec: unknown, defaultGranularity: string | undefined): GroupSpec {
  if (typeof spec !== 'string') throw valueError(`Invalid groupby ${pyRepr(spec)}`);
  const [name = '', granularity] = spec.split(':');
  const field = model.fields[name];
  if (!field) throw invalidField(model.name, name);
  if (field.type === 'date' || field.type === 'datetime') {
    const g = granularity ?? defaultGranularity;
    if (g === undefined) throw valueError('Granularity is missing');
    if (!GRANULARITIES.includes(g)) throw valueError(`'${g}' isn't a valid granularity`);
    return { spec, name, field, granularity: g };
  }
  if (granularity !== undefined) throw valueError(`Granularity set on a no-datetime field or property: ${pyRepr(spec)}`);
  if (field.type === 'one2many' || field.type === 'text') throw valueError(`Field ${pyRepr(name)} of type ${field.type} cannot be grouped on`);
  return { spec, name, field };
}

function parseAggregate(model: ModelDef, spec: unknown): AggregateSpec {
  if (typeof spec !== 'string') throw valueError(`Invalid field specification ${pyRepr(spec)}.`);
  if (spec === '__count') return { key: '__count', name: 'id', func: 'count' };
  const match = /^(\w+)(?::(\w+)(?:\((\w+)\))?)?$/.exec(spec);
  if (!match) throw valueError(`Invalid field specification ${pyRepr(spec)}.`);
  const [, key = '', func, inner] = match;
  const name = inner ?? key;
  const field = model.fields[name];
  if (!field) throw invalidField(model.name, name);
  const fn = func ?? field.aggregator;
  if (!fn) return { key, name, func: '' };
  if (!['sum', 'min', 'max', 'avg', 'count', 'count_distinct', 'bool_and', 'bool_or', 'array_agg'].includes(fn)) {
    throw valueError(`Invalid aggregation function ${pyRepr(fn)}.`);
  }
  return { key, name, func: fn };
}

interface Group {
  keys: unknown[];
  rows: Row[];
}

function groupRows(env: Env, model: ModelDef, rows: Row[], specs: GroupSpec[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const keys = specs.map((spec) => {
      const raw = fieldValue(env, model, row, spec.name);
      if (spec.granularity) return typeof raw === 'string' && raw !== '' ? periodStart(raw, spec.granularity) : false;
      return raw === null || raw === undefined || raw === '' ? false : raw;
    });
    const id = JSON.stringify(keys);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { keys, rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()];
}

function aggregate(env: Env, model: ModelDef, rows: Row[], agg: AggregateSpec): unknown {
  if (agg.key === '__count' || agg.func === 'count') return rows.length;
  const values = rows.map((row) => fieldValue(env, model, row, agg.name));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  switch (agg.func) {
    case 'sum':
      return Math.round(numbers.reduce((s, n) => s + n, 0) * 100) / 100;
    case 'avg':
      return numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : 0;
    case 'min':
      return values.length ? values.reduce((a, b) => ((a as number) < (b as number) ? a : b)) : false;
    case 'max':
      return values.length ? values.reduce((a, b) => ((a as number) > (b as number) ? a : b)) : false;
    case 'count_distinct':
      return new Set(values.map((v) => JSON.stringify(v))).size;
    case 'bool_and':
      return values.every(Boolean);
    case 'bool_or':
      return values.some(Boolean);
    case 'array_agg':
      return values;
    default:
      return false;
  }
}

/** Orders groups by the groupby values (many2one by the related model's order), or by an explicit order. */
function sortGroups(env: Env, model: ModelDef, groups: Group[], specs: GroupSpec[], order: unknown, valueOf: (g: Group, key: string) => unknown): void {
  const terms: Array<{ index: number; key: string; sign: number }> = [];
  if (typeof order === 'string' && order.trim() !== '') {
    for (const part of order.split(',')) {
      const [key = '', direction = 'asc'] = part.trim().split(/\s+/);
      terms.push({ index: specs.findIndex((s) => s.spec === key || s.name === key), key, sign: direction.toLowerCase() === 'desc' ? -1 : 1 });
    }
  } else {
    specs.forEach((s, index) => terms.push({ index, key: s.spec, sign: 1 }));
  }
  const relatedRank = new Map<string, Map<number, number>>();
  const rank = (relation: string, id: number): number => {
    let ranks = relatedRank.get(relation);
    if (!ranks) {
      const relModel = env.model(relation);
      const sorted = env.table(relation).all().sort(comparator(env, relModel, relModel.order));
      relatedRank.set(relation, (ranks = new Map(sorted.map((r, i) => [r.id, i]))));
    }
    return ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
  };
  const keyOf = (g: Group, term: { index: number; key: string }): unknown => {
    if (term.index < 0) return valueOf(g, term.key);
    const spec = specs[term.index] as GroupSpec;
    const raw = g.keys[term.index];
    if (spec.field.type === 'many2one' && typeof raw === 'number') return rank(spec.field.relation as string, raw);
    return raw;
  };
  groups.sort((a, b) => {
    for (const term of terms) {
      const va = keyOf(a, term);
      const vb = keyOf(b, term);
      if (va === vb) continue;
      if (va === false || va === null || va === undefined) return 1; // NULLS LAST
      if (vb === false || vb === null || vb === undefined) return -1;
      return ((va as number) < (vb as number) ? -1 : 1) * term.sign;
    }
    return 0;
  });
}

/** A group's value and domain for one groupby spec (both APIs agree on these). */
function groupValue(env: Env, spec: GroupSpec, raw: unknown, formatted: boolean): { value: unknown; domain: unknown[]; range?: { from: string; to: string } } {
  if (spec.granularity) {
    if (raw === false) return { value: false, domain: [[spec.name, '=', false]] };
    const start = raw as string;
    const end = periodEnd(start, spec.granularity);
    const label = periodLabel(start, spec.granularity);
    return { value: formatted ? [start, label] : label, domain: ['&', [spec.name, '>=', start], [spec.name, '<', end]], range: { from: start, to: end } };
  }
  if (spec.field.type === 'many2one' || spec.field.type === 'many2many') {
    if (typeof raw !== 'number') return { value: false, domain: [[spec.name, '=', false]] };
    return { value: [raw, env.displayName(spec.field.relation as string, raw)], domain: [[spec.name, '=', raw]] };
  }
  return { value: raw, domain: [[spec.name, '=', raw]] };
}

/** `expression.AND`: drops empty domains and joins the rest with `&`. */
function andDomains(domains: unknown[][]): unknown[] {
  const parts = domains.filter((d) => d.length > 0).map(normalize);
  if (parts.length === 0) return [];
  return [...Array<string>(parts.length - 1).fill('&'), ...parts.flat()];
}

/** Adds the implicit `&` operators of a domain. */
function normalize(domain: unknown[]): unknown[] {
  let expected = 1;
  const out: unknown[] = [];
  for (const item of domain) {
    if (expected === 0) {
      out.unshift('&');
      expected = 1;
    }
    if (item === '&' || item === '|') expected += 1;
    else if (item !== '!') expected -= 1;
    out.push(item);
  }
  return out;
}

function readGroup(call: MethodCall): Record<string, unknown>[] {
  const { env, model, args } = call;
  const groupby = typeof args.groupby === 'string' ? [args.groupby] : ((args.groupby ?? []) as unknown[]);
  if (!Array.isArray(groupby)) throw valueError(`Invalid groupby ${pyRepr(args.groupby)}`);
  const lazy = args.lazy !== false;
  const lazyGroupby = lazy ? groupby.slice(0, 1) : groupby;
  const specs = lazyGroupby.map((g) => parseGroupSpec(model, g, 'month'));
  const countKey = lazy && specs.length === 1 ? `${(specs[0] as GroupSpec).name}_count` : '__count';
  const fields = Array.isArray(args.fields) ? (args.fields as unknown[]) : [];
  const aggregates = fields
    .filter((f) => f !== '__count')
    .map((f) => parseAggregate(model, f))
    .filter((a) => a.func !== '' && !specs.some((s) => s.name === a.key));
  const domain = (Array.isArray(args.domain) ? args.domain : []) as unknown[];
  const rows = searchRows(env, model, domain, { order: 'id' });
  const groups = specs.length === 0 ? [{ keys: [], rows }] : groupRows(env, model, rows, specs);
  sortGroups(env, model, groups, specs, args.orderby, (g, key) => (key === '__count' || key === countKey ? g.rows.length : aggregate(env, model, g.rows, parseAggregate(model, key))));
  const sliced = slice(groups, args.offset, args.limit);
  return sliced.map((group) => {
    const result: Record<string, unknown> = {};
    const domains: unknown[][] = [domain];
    const ranges: Record<string, { from: string; to: string }> = {};
    specs.forEach((spec, i) => {
      const { value, domain: extra, range } = groupValue(env, spec, group.keys[i], false);
      result[spec.spec] = value;
      domains.push(extra);
      if (range) ranges[spec.spec] = range;
    });
    result[countKey] = group.rows.length;
    for (const agg of aggregates) result[agg.key] = aggregate(env, model, group.rows, agg);
    if (Object.keys(ranges).length > 0) result.__range = ranges;
    result.__domain = andDomains(domains);
    if (lazy && groupby.length > 1) result.__context = { group_by: groupby.slice(1) };
    return result;
  });
}

function slice<T>(items: T[], offset: unknown, limit: unknown): T[] {
  const start = typeof offset === 'number' ? offset : 0;
  const end = typeof limit === 'number' && limit > 0 ? start + limit : undefined;
  return items.slice(start, end);
}

function formattedReadGroup(call: MethodCall): Record<string, unknown>[] {
  const { env, model, args } = call;
  const groupby = (args.groupby ?? []) as unknown[];
  const aggregateSpecs = (args.aggregates ?? []) as unknown[];
  if (!Array.isArray(groupby) || !Array.isArray(aggregateSpecs)) throw valueError('groupby and aggregates must be lists');
  const specs = groupby.map((g) => parseGroupSpec(model, g, undefined));
  const aggregates = aggregateSpecs.map((a) => {
    const parsed = parseAggregate(model, a);
    if (parsed.key !== '__count' && !/:/.test(String(a))) throw valueError(`Invalid aggregate specification ${pyRepr(a)}: an aggregate function is required`);
    return { ...parsed, key: String(a) };
  });
  const rows = searchRows(env, model, args.domain ?? [], { order: 'id' });
  let groups = specs.length === 0 ? [{ keys: [], rows }] : groupRows(env, model, rows, specs);
  const having = args.having;
  if (Array.isArray(having) && having.length > 0) groups = groups.filter((g) => matchesHaving(env, model, g, having as unknown[]));
  sortGroups(env, model, groups, specs, args.order, (g, key) => aggregate(env, model, g.rows, key === '__count' ? { key, name: 'id', func: 'count' } : { ...parseAggregate(model, key), key }));
  return slice(groups, args.offset, args.limit).map((group) => {
    const result: Record<string, unknown> = {};
    const domains: unknown[][] = [];
    specs.forEach((spec, i) => {
      const { value, domain } = groupValue(env, spec, group.keys[i], true);
      result[spec.spec] = value;
      domains.push(domain);
    });
    result.__extra_domain = andDomains(domains);
    for (const agg of aggregates) result[agg.key] = aggregate(env, model, group.rows, agg);
    return result;
  });
}

/** `having` is a domain on aggregate specs, e.g. `[('balance:sum', '>', 0)]`. */
function matchesHaving(env: Env, model: ModelDef, group: Group, having: unknown[]): boolean {
  return having.every((leaf) => {
    if (!Array.isArray(leaf) || leaf.length !== 3) return true;
    const [spec, op, value] = leaf as [string, string, unknown];
    const actual = aggregate(env, model, group.rows, spec === '__count' ? { key: spec, name: 'id', func: 'count' } : { ...parseAggregate(model, spec), key: spec });
    const fake: ModelDef = { ...model, fields: { v: { type: 'float', string: 'v' } } };
    return compileDomain(env, fake, [['v', op, value]])({ id: 0, v: actual });
  });
}

export function groupingMethods(version: FakeOdooMajor): Record<string, MethodDef> {
  const p = (name: string, required = false) => ({ name, required });
  if (version >= 19) {
    return {
      formatted_read_group: {
        qualname: 'BaseModel.formatted_read_group',
        params: [p('domain', true), p('groupby'), p('aggregates'), p('having'), p('offset'), p('limit'), p('order')],
        api: 'model',
        run: formattedReadGroup,
      },
    };
  }
  return {
    read_group: {
      qualname: 'BaseModel.read_group',
      params: [p('domain', true), p('fields', true), p('groupby', true), p('offset'), p('limit'), p('orderby'), p('lazy')],
      api: 'model',
      run: readGroup,
    },
  };
}
