/**
 * Runs the Odoo backend the way the product does: the real `connectOdoo`
 * over a real socket to the test Odoo server, on a chosen version and
 * protocol, with a ManualClock whose "today" matches the server's.
 */
import { OdooAccounting } from '../../../../src/accounting/odoo/odoo-accounting';
import { connectOdoo } from '../../../../src/accounting/odoo/odoo-connection';
import type { OdooProtocol, OdooRpc } from '../../../../src/accounting/odoo/odoo-rpc';
import { ManualClock } from '../../../../src/core/clock';
import { startFakeOdoo } from '../../../odoo/fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from '../../../odoo/fake-odoo-types';

export interface BackendCase {
  version: FakeOdooMajor;
  protocol: OdooProtocol;
}

/** Every version on XML-RPC and JSON-RPC, and JSON-2 where it exists (19). */
export const ALL_CASES: BackendCase[] = [
  ...([16, 17, 18, 19] as const).flatMap((version) => (['xmlrpc', 'jsonrpc'] as const).map((protocol) => ({ version, protocol }))),
  { version: 19, protocol: 'json2' },
];

/** One version per protocol, for the longer suites. */
export const ONE_PER_PROTOCOL: BackendCase[] = [
  { version: 16, protocol: 'xmlrpc' },
  { version: 18, protocol: 'jsonrpc' },
  { version: 19, protocol: 'json2' },
];

export const caseName = (c: BackendCase) => `Odoo ${c.version} over ${c.protocol}`;

export interface Backend {
  odoo: FakeOdoo;
  port: OdooAccounting;
  clock: ManualClock;
  /** The connection the backend opened (after its first call). */
  rpc(): OdooRpc;
  /** How many times the backend connected. */
  connects(): number;
  close(): Promise<void>;
}

export interface BackendOptions extends BackendCase {
  today?: string;
  hrExpense?: boolean;
  expenseRecord?: 'vendor_bill' | 'hr_expense';
  apiKey?: string;
  /** Log in as a user who may not touch accounting (AccessError). */
  restricted?: boolean;
}

const RESTRICTED = { login: 'clerk', apiKey: 'clerk-key' };

export async function openBackend(options: BackendOptions): Promise<Backend> {
  const today = options.today ?? '2026-03-10';
  const odoo = await startFakeOdoo({ version: options.version, today, hrExpense: options.hrExpense ?? false, restrictedUser: RESTRICTED });
  const clock = new ManualClock(`${today}T10:00:00`);
  let rpc: OdooRpc | undefined;
  let connects = 0;
  const port = new OdooAccounting({
    connect: async () => {
      connects += 1;
      rpc = await connectOdoo(
        {
          url: odoo.url,
          database: odoo.database,
          username: options.restricted ? RESTRICTED.login : odoo.login,
          apiKey: options.apiKey ?? (options.restricted ? RESTRICTED.apiKey : odoo.apiKey),
          protocol: options.protocol,
          timeoutMs: 5000,
          maxRetries: 2,
        },
        { sleep: () => Promise.resolve() },
      );
      return rpc;
    },
    clock,
    expenseRecord: options.expenseRecord ?? 'vendor_bill',
    target: odoo.url,
  });
  return {
    odoo,
    port,
    clock,
    rpc: () => {
      if (!rpc) throw new Error('the backend has not connected yet');
      return rpc;
    },
    connects: () => connects,
    close: () => odoo.close(),
  };
}

/** Customer invoices the server holds (what really exists, not what the backend says). */
export function customerInvoices(odoo: FakeOdoo) {
  return odoo.records('account.move').filter((m) => m.move_type === 'out_invoice');
}
