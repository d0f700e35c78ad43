/**
 * The test Odoo server: a faithful in-memory Odoo (16–19) for the accounting
 * slice, speaking XML-RPC, JSON-RPC, JSON-2 and `/web/version` on 127.0.0.1.
 * See fake-odoo-types.ts for the public interface.
 */
import { serveOnLoopback } from '../support/loopback-server';
import { Env } from './env';
import type { FakeOdoo, FakeOdooCall, FakeOdooInjection, FakeOdooOptions, FakeOdooRecord } from './fake-odoo-types';
import { Injections } from './injections';
import { registerModels, seedDatabase } from './registry';
import { handleRequest, type RouterState } from './router';
import { seedPostedInvoices } from './seeding';

/** The ODOO_* settings that point the app at `fake`, over XML-RPC unless told otherwise. */
export function odooEnv(fake: FakeOdoo, protocol = 'xmlrpc'): Record<string, string> {
  return { ODOO_URL: fake.url, ODOO_DB: fake.database, ODOO_USERNAME: fake.login, ODOO_API_KEY: fake.apiKey, ODOO_PROTOCOL: protocol };
}

export async function startFakeOdoo(options: FakeOdooOptions): Promise<FakeOdoo> {
  const database = options.database ?? 'odoo';
  const login = options.login ?? 'admin';
  const apiKey = options.apiKey ?? 'test-api-key';
  if (![16, 17, 18, 19].includes(options.version)) throw new Error(`startFakeOdoo: version must be 16, 17, 18 or 19, got ${String(options.version)}`);
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new Error(`startFakeOdoo: today must be YYYY-MM-DD, got ${options.today}`);
  const env = new Env({ version: options.version, database, currency: options.currency ?? 'USD', hrExpense: options.hrExpense ?? false, ...(options.today ? { today: options.today } : {}) });
  registerModels(env);
  seedDatabase(env, { login, apiKey }, options.restrictedUser);

  const state: RouterState = { env, calls: [], injections: new Injections(), timers: new Set() };
  const server = await serveOnLoopback('fake-odoo', (req, res) => handleRequest(state, req, res), state.timers);

  const matches = (call: FakeOdooCall, name?: string | RegExp): boolean => (name === undefined ? true : typeof name === 'string' ? call.name === name : name.test(call.name));

  return {
    url: server.url,
    database,
    login,
    apiKey,
    version: options.version,
    calls: state.calls,
    countCalls: (name) => state.calls.filter((c) => matches(c, name)).length,
    resetCalls: () => {
      state.calls.length = 0;
    },
    inject: (injection: FakeOdooInjection) => state.injections.add(injection),
    clearInjections: () => state.injections.clear(),
    records: (model: string): FakeOdooRecord[] => (env.hasModel(model) ? env.table(model).all().map((row) => structuredClone(row)) : []),
    seedPostedInvoices: (count, seedOptions) => seedPostedInvoices(env, count, seedOptions),
    close: server.close,
  };
}
