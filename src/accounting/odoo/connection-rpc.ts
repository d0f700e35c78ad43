import { AccountingError, isAccountingError } from '../accounting-error';
import { scrubSecrets } from './odoo-errors';
import { READ_ONLY_METHODS, type OdooCallOptions, type OdooProtocol, type OdooRpc, type OdooVersion } from './odoo-rpc';
import { withRetries, type RetryDeps } from './retry-policy';

/** One call over whichever transport the connection chose. */
export type Invoke = (model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown>) => Promise<unknown>;

export interface ConnectedOdooOptions {
  protocol: OdooProtocol;
  version: OdooVersion;
  uid: number;
  invoke: Invoke;
  /** Requests sent so far, shared with the transports (they count each attempt). */
  requests: { count: number };
  maxRetries: number;
  retry: RetryDeps;
  /** Values no error may carry: the API key, a password in the URL. */
  secrets: ReadonlyArray<string | undefined>;
}

/** A logged-in Odoo: calls with retries for reads, and errors without secrets. */
export class ConnectedOdoo implements OdooRpc {
  readonly protocol: OdooProtocol;
  readonly version: OdooVersion;
  readonly uid: number;

  constructor(private readonly options: ConnectedOdooOptions) {
    this.protocol = options.protocol;
    this.version = options.version;
    this.uid = options.uid;
  }

  get callCount(): number {
    return this.options.requests.count;
  }

  async call<T = unknown>(model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown> = {}, options: OdooCallOptions = {}): Promise<T> {
    checkCall(model, method, ids, kwargs);
    // Only a read may be sent twice: a create or a payment that timed out may already be stored.
    const retries = options.retry !== 'never' && READ_ONLY_METHODS.has(method) ? this.options.maxRetries : 0;
    try {
      return (await withRetries(() => this.options.invoke(model, method, ids, kwargs), retries, this.options.retry)) as T;
    } catch (error) {
      throw isAccountingError(error) ? scrubSecrets(error, this.options.secrets) : error;
    }
  }
}

const NAME = /^[a-z_][a-z0-9_.]*$/i;

function checkCall(model: string, method: string, ids: number[] | null, kwargs: unknown): void {
  if (typeof model !== 'string' || !NAME.test(model)) throw new AccountingError('bad_input', `The Odoo model name ${JSON.stringify(model)} is not valid (like account.move).`);
  if (typeof method !== 'string' || !NAME.test(method)) throw new AccountingError('bad_input', `The Odoo method name ${JSON.stringify(method)} is not valid (like search_read).`);
  if (ids !== null && (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id) && id > 0))) {
    throw new AccountingError('bad_input', `The record ids for ${model}.${method} must be positive whole numbers, not ${JSON.stringify(ids)}.`);
  }
  if (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs)) {
    throw new AccountingError('bad_input', `The arguments of ${model}.${method} must be named (an object), not ${JSON.stringify(kwargs)}.`);
  }
}
