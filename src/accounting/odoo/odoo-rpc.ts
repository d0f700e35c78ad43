/**
 * The seam between the Odoo accounting logic and the three wire protocols.
 * Arguments are always named, as JSON-2 requires; the XML-RPC and JSON-RPC
 * transports pass them as `execute_kw` kwargs (and `ids` as `args[0]`), which
 * Odoo's `call_kw` accepts for every method we use.
 */

export type OdooProtocol = 'xmlrpc' | 'jsonrpc' | 'json2';

export const PROTOCOL_LABELS: Record<OdooProtocol, string> = {
  xmlrpc: 'XML-RPC',
  jsonrpc: 'JSON-RPC',
  json2: 'JSON-2',
};

export interface OdooVersion {
  /** 16, 17, 18, 19 … */
  major: number;
  minor: number;
  /** As the server says it, e.g. `17.0` or `saas~18.2`. */
  label: string;
}

export interface OdooConnectionConfig {
  /** Base address, e.g. `https://mycompany.odoo.com` (no trailing path). */
  url: string;
  database: string;
  /** Login; not needed for JSON-2, which identifies the user by the key. */
  username: string;
  apiKey: string;
  protocol: 'auto' | OdooProtocol;
  timeoutMs: number;
  /** Extra attempts for transient failures of read-only calls. */
  maxRetries: number;
}

export interface OdooCallOptions {
  /**
   * `auto` (default) retries transient failures only for read-only methods
   * (`search_read`, `read`, `read_group`, …); `never` makes exactly one
   * attempt, which payments and creates rely on.
   */
  retry?: 'auto' | 'never';
}

export interface OdooRpc {
  readonly protocol: OdooProtocol;
  readonly version: OdooVersion;
  /** The user id (from `authenticate`, or `context_get` for JSON-2). */
  readonly uid: number;
  /**
   * Calls `model.method`. `ids` are the records for record methods
   * (`action_post`, `write`, `read`), null for model methods (`search_read`,
   * `create`). `kwargs` may hold `context`.
   */
  call<T = unknown>(model: string, method: string, ids: number[] | null, kwargs?: Record<string, unknown>, options?: OdooCallOptions): Promise<T>;
  /** Calls made so far (every attempt counts), for the bench and tests. */
  readonly callCount: number;
}

/** Methods that change nothing, so a transient failure may be retried. */
export const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'search',
  'search_read',
  'search_count',
  'read',
  'read_group',
  'formatted_read_group',
  'name_search',
  'fields_get',
  'context_get',
  'check_access_rights',
  'has_access',
]);
