/**
 * The state of one test Odoo database: its models, tables, users, sequences
 * and "today". Everything a method needs reaches it through this object.
 */
import type { FakeOdooMajor } from './fake-odoo-types';
import { userError } from './errors';
import type { ModelDef } from './model';
import type { Chart } from './models/accounts';
import { Store, type Row, type Table } from './store';

export interface UserAccount {
  uid: number;
  login: string;
  apiKey: string;
  name: string;
  /** Logs in, but every accounting model answers AccessError. */
  restricted: boolean;
}

export interface EnvOptions {
  version: FakeOdooMajor;
  database: string;
  currency: string;
  hrExpense: boolean;
  today?: string;
}

export class Env {
  readonly store = new Store();
  readonly models = new Map<string, ModelDef>();
  readonly users: UserAccount[] = [];
  private readonly sequences = new Map<string, number>();
  /** The seeded accounts and journals (set once the chart is seeded). */
  chart!: Chart;

  constructor(readonly options: EnvOptions) {}

  get version(): FakeOdooMajor {
    return this.options.version;
  }

  /** `YYYY-MM-DD`: the configured day, else the real (UTC) one. */
  today(): string {
    return this.options.today ?? new Date().toISOString().slice(0, 10);
  }

  /** `YYYY-MM-DD HH:MM:SS`, as Odoo writes datetimes (UTC). */
  now(): string {
    // Cached per second: bulk seeding asks for it for every row.
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.nowSecond) {
      this.nowSecond = second;
      this.nowText = `${this.today()} ${new Date(second * 1000).toISOString().slice(11, 19)}`;
    }
    return this.nowText;
  }

  private nowSecond = -1;
  private nowText = '';

  register(model: ModelDef): void {
    this.models.set(model.name, model);
    this.store.table(model.name, model.indexes ?? []);
  }

  /** The model, or Odoo's `Object x.y doesn't exist` UserError. */
  model(name: string): ModelDef {
    const model = this.models.get(name);
    if (!model) throw userError(`Object ${name} doesn't exist`);
    return model;
  }

  hasModel(name: string): boolean {
    return this.models.has(name);
  }

  table(model: string): Table {
    return this.store.table(model);
  }

  row(model: string, id: number): Row | undefined {
    return this.store.table(model).get(id);
  }

  /** The next number of a sequence (`INV/2026`, `BILL/2026/03`, …), starting at 1. */
  nextSequence(key: string): number {
    const next = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, next);
    return next;
  }

  displayName(model: string, id: number): string {
    const row = this.row(model, id);
    const def = this.models.get(model);
    return row && def ? def.displayName(row, this) : '';
  }
}
