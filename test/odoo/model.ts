/**
 * How the test Odoo describes a model: its fields (with the types the ORM
 * formats and searches by) and its public methods with Python-like parameter
 * lists, so RPC arguments bind the way `call_kw` binds them.
 */
import type { Env } from './env';
import type { Row } from './store';

export type FieldType =
  | 'integer'
  | 'float'
  | 'monetary'
  | 'char'
  | 'text'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many';

export interface FieldDef {
  type: FieldType;
  string: string;
  relation?: string;
  /** one2many: the many2one on `relation` pointing back. */
  inverse?: string;
  /** one2many: only the related rows it keeps (invoice_line_ids vs line_ids). */
  keep?: (row: Row) => boolean;
  selection?: Array<[string, string]>;
  required?: boolean;
  readonly?: boolean;
  /** Not stored: computed when read or searched. */
  compute?: (row: Row, env: Env) => unknown;
  /** read_group's default aggregate (`group_operator` / `aggregator`). */
  aggregator?: 'sum' | 'max' | 'min' | 'avg' | 'count';
}

/** A positional-or-keyword parameter; `required` ones have no default. */
export interface ParamDef {
  name: string;
  required?: boolean;
}

export interface MethodCall {
  env: Env;
  model: ModelDef;
  uid: number;
  context: Record<string, unknown>;
  /** The recordset ids (empty for `@api.model` methods). */
  ids: number[];
  /** Bound arguments by parameter name (absent = default). */
  args: Record<string, unknown>;
  /** Extra keyword arguments for methods with `**kwargs`. */
  extra: Record<string, unknown>;
  /** Which protocol called: create's single-dict form differs. */
  protocol: 'xmlrpc' | 'jsonrpc' | 'json2';
}

export interface MethodDef {
  /** Python's `__qualname__`, as TypeErrors name it (`BaseModel.search_read`). */
  qualname: string;
  params: ParamDef[];
  /** `@api.model` (no ids) or a record method. `create` is `model_create`. */
  api: 'model' | 'model_create' | 'multi';
  /** Accepts `**kwargs` (search_read passes them to read). */
  varKw?: boolean;
  run(call: MethodCall): unknown;
}

export interface ModelDef {
  name: string;
  /** `_description`, as AccessError messages show it (`Journal Entry`). */
  description: string;
  fields: Record<string, FieldDef>;
  methods: Record<string, MethodDef>;
  /** `_order`, e.g. `date desc, name desc, id desc`. */
  order: string;
  /** Accounting models the restricted user may not touch. */
  accounting?: boolean;
  /** Fields indexed in the store (the inverse side of one2many relations). */
  indexes?: string[];
  displayName(row: Row, env: Env): string;
  /** Default values for create, computed per call. */
  defaults?(call: MethodCall): Record<string, unknown>;
}
