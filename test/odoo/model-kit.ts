/**
 * Builds a model definition: the fields every Odoo model has (`id`,
 * `display_name`, `create_date`, `write_date`) and the BaseModel methods,
 * then the model's own fields and methods on top.
 */
import type { FakeOdooMajor } from './fake-odoo-types';
import { baseMethods } from './base-methods';
import type { FieldDef, MethodDef, ModelDef } from './model';

export type ModelSpec = Omit<ModelDef, 'methods'> & { methods?: Record<string, MethodDef> };

export function defineModel(version: FakeOdooMajor, spec: ModelSpec): ModelDef {
  const common: Record<string, FieldDef> = {
    id: { type: 'integer', string: 'ID', readonly: true },
    display_name: { type: 'char', string: 'Display Name', compute: (row, env) => spec.displayName(row, env) },
    create_date: { type: 'datetime', string: 'Created on', readonly: true },
    write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
  };
  return {
    ...spec,
    fields: { ...common, ...spec.fields },
    methods: { ...baseMethods(version), ...(spec.methods ?? {}) },
  };
}

/** Shorthands for field definitions. */
export const f = {
  char: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'char', string, ...extra }),
  text: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'text', string, ...extra }),
  int: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'integer', string, aggregator: 'sum', ...extra }),
  float: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'float', string, aggregator: 'sum', ...extra }),
  money: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'monetary', string, aggregator: 'sum', ...extra }),
  bool: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'boolean', string, ...extra }),
  date: (string: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'date', string, ...extra }),
  select: (string: string, selection: Array<[string, string]>, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'selection', string, selection, ...extra }),
  m2o: (string: string, relation: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'many2one', string, relation, ...extra }),
  o2m: (string: string, relation: string, inverse: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'one2many', string, relation, inverse, ...extra }),
  m2m: (string: string, relation: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'many2many', string, relation, ...extra }),
};
