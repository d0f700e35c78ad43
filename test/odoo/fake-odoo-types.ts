/**
 * The public face of the test Odoo server (`fake-odoo.ts`): what tests and the
 * bench may rely on. The server speaks the real wire protocols on 127.0.0.1
 * (XML-RPC `/xmlrpc/2/common|object`, JSON-RPC `/jsonrpc`, JSON-2
 * `/json/2/<model>/<method>`, `GET /web/version`) with Odoo's real answers and
 * error shapes, for versions 16 to 19.
 */

export type FakeOdooMajor = 16 | 17 | 18 | 19;

export interface FakeOdooOptions {
  version: FakeOdooMajor;
  /** Default `odoo`. */
  database?: string;
  /** Default `admin`. */
  login?: string;
  /** Default `test-api-key`; also accepted as the password on XML-RPC/JSON-RPC. */
  apiKey?: string;
  /** Whether the `hr_expense` app is installed (adds `hr.expense`). Default false. */
  hrExpense?: boolean;
  /** Company currency, default `USD`. */
  currency?: string;
  /** "Today" for default dates and sequence years, `YYYY-MM-DD`; default the real date. */
  today?: string;
  /** A second user that can log in but gets AccessError on accounting models. */
  restrictedUser?: { login: string; apiKey: string };
}

/** What a call looked like, for tests that count or inspect calls. */
export interface FakeOdooCall {
  /** `/xmlrpc/2/object`, `/jsonrpc`, `/json/2/account.move/search_read`, … */
  path: string;
  protocol: 'xmlrpc' | 'jsonrpc' | 'json2' | 'http';
  /** `common.version`, `common.authenticate`, or `<model>.<method>` for object calls. */
  name: string;
}

export interface FakeOdooInjection {
  /** Which requests it hits; every given field must match. Omitted = any request. */
  match?: { protocol?: FakeOdooCall['protocol']; name?: string | RegExp; path?: string | RegExp };
  /** How many matching requests it hits (default 1); Infinity for all. */
  times?: number;
  /**
   * - `http-status`: answer `status` (default 500) with `body` (default an nginx-like HTML page), without running the call;
   * - `delay`: wait `ms` before handling the call normally (for timeouts);
   * - `malformed`: answer 200 with a body that is not valid XML/JSON for the protocol;
   * - `reset`: destroy the socket without answering;
   * - `after-commit`: run the call (so its effects are stored), then answer like `http-status` or `reset` (`then`),
   *   which is the crash between "created in Odoo" and "recorded in the vault".
   */
  kind: 'http-status' | 'delay' | 'malformed' | 'reset' | 'after-commit';
  status?: number;
  body?: string;
  ms?: number;
  then?: 'http-status' | 'reset';
}

export interface FakeOdooRecord {
  id: number;
  [field: string]: unknown;
}

export interface FakeOdoo {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly database: string;
  readonly login: string;
  readonly apiKey: string;
  readonly version: FakeOdooMajor;
  /** Every request handled, in order. */
  readonly calls: FakeOdooCall[];
  /** Calls whose name matches (exact string or RegExp). */
  countCalls(name?: string | RegExp): number;
  resetCalls(): void;
  inject(injection: FakeOdooInjection): void;
  clearInjections(): void;
  /** Stored records of a model (copies), e.g. `records('account.move')`. */
  records(model: string): FakeOdooRecord[];
  /**
   * Adds `count` posted customer invoices quickly (no RPC), spread over dates
   * and partners, for the bench; some paid, some partly paid, some overdue.
   */
  seedPostedInvoices(count: number, options?: { from?: string; to?: string; partners?: number; seed?: number }): void;
  close(): Promise<void>;
}
