/**
 * The in-memory tables behind the test Odoo. Rows hold raw values the way
 * PostgreSQL would (many2one = id or false, many2many = id lists); one2many
 * fields are derived from the inverse many2one through an index, so a move's
 * lines are found without scanning every line (the bench seeds 10,000 moves).
 */

export interface Row {
  id: number;
  [field: string]: unknown;
}

export class Table {
  readonly rows = new Map<number, Row>();
  private nextId = 1;
  /** field → value → ids, for the fields one2many relations look up. */
  private readonly indexes = new Map<string, Map<unknown, Set<number>>>();

  constructor(
    readonly model: string,
    indexedFields: readonly string[] = [],
  ) {
    for (const field of indexedFields) this.indexes.set(field, new Map());
  }

  insert(values: Omit<Row, 'id'> & { id?: number }): Row {
    const id = values.id ?? this.nextId;
    if (this.rows.has(id)) throw new Error(`${this.model}: id ${id} already exists`);
    this.nextId = Math.max(this.nextId, id + 1);
    const row: Row = { ...values, id };
    this.rows.set(id, row);
    for (const [field, index] of this.indexes) addToIndex(index, row[field], id);
    return row;
  }

  get(id: number): Row | undefined {
    return this.rows.get(id);
  }

  update(id: number, patch: Record<string, unknown>): Row {
    const row = this.rows.get(id);
    if (!row) throw new Error(`${this.model}: no row ${id}`);
    for (const [field, value] of Object.entries(patch)) {
      if (field === 'id') continue;
      const index = this.indexes.get(field);
      if (index) {
        removeFromIndex(index, row[field], id);
        addToIndex(index, value, id);
      }
      row[field] = value;
    }
    return row;
  }

  delete(id: number): void {
    const row = this.rows.get(id);
    if (!row) return;
    for (const [field, index] of this.indexes) removeFromIndex(index, row[field], id);
    this.rows.delete(id);
  }

  /** Ids whose indexed `field` equals `value`, or undefined when the field has no index. */
  lookup(field: string, value: unknown): number[] | undefined {
    const index = this.indexes.get(field);
    if (!index) return undefined;
    return [...(index.get(value) ?? [])].sort((a, b) => a - b);
  }

  all(): Row[] {
    return [...this.rows.values()];
  }
}

function addToIndex(index: Map<unknown, Set<number>>, value: unknown, id: number): void {
  let ids = index.get(value);
  if (!ids) index.set(value, (ids = new Set()));
  ids.add(id);
}

function removeFromIndex(index: Map<unknown, Set<number>>, value: unknown, id: number): void {
  index.get(value)?.delete(id);
}

export class Store {
  private readonly tables = new Map<string, Table>();

  table(model: string, indexedFields: readonly string[] = []): Table {
    let table = this.tables.get(model);
    if (!table) this.tables.set(model, (table = new Table(model, indexedFields)));
    return table;
  }
}
