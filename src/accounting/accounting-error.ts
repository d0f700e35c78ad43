/**
 * Every failure the accounting backends report, typed so that callers (the
 * CLI, the settings tab, the agent) can tell the user what to do.
 */
export type AccountingErrorKind =
  /** No backend settings where some are needed (e.g. Odoo URL without a database). */
  | 'not_configured'
  /** The address answers, but not as Odoo does (wrong URL or path). */
  | 'not_odoo'
  /** Refused, reset, DNS failure: nothing answered. */
  | 'unreachable'
  | 'timeout'
  /** The database named in the settings does not exist on that server. */
  | 'bad_database'
  /** `authenticate` answered False, or JSON-2 answered 401. */
  | 'bad_credentials'
  /** Logged in, but the user may not do this (AccessError). */
  | 'access_denied'
  /** Odoo's UserError / ValidationError; the message is Odoo's own. */
  | 'validation'
  /** The record does not exist (MissingError, unknown invoice number). */
  | 'not_found'
  /** A concurrent update held a lock (JSON-2 409); safe to try again later. */
  | 'conflict'
  /** Any other server-side failure (Odoo's traceback is kept in `details`, not shown). */
  | 'server_error'
  /** An answer that cannot be parsed, or has the wrong shape. */
  | 'bad_response'
  /** The caller's input (amount, date, client) is wrong. */
  | 'bad_input'
  /** A ledger note in the vault is broken (hand edit); the path is in the message. */
  | 'ledger_invalid'
  /** The Odoo version is outside 16–19, or the protocol is not offered by it. */
  | 'unsupported';

const TRANSIENT_KINDS: ReadonlySet<AccountingErrorKind> = new Set(['unreachable', 'timeout', 'conflict']);

export interface AccountingErrorOptions {
  /** Overrides the default for the kind (e.g. an HTTP 503 is a transient `server_error`). */
  transient?: boolean;
  /** What the user can do about it, in one sentence. */
  hint?: string;
  /** Odoo's exception name, e.g. `odoo.exceptions.AccessDenied`. */
  odooName?: string;
  /** Debug detail (tracebacks, raw bodies); never shown by default, always redacted in logs. */
  details?: string;
  cause?: unknown;
}

export class AccountingError extends Error {
  readonly transient: boolean;
  readonly hint: string | undefined;
  readonly odooName: string | undefined;
  readonly details: string | undefined;

  constructor(
    readonly kind: AccountingErrorKind,
    message: string,
    options: AccountingErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AccountingError';
    this.transient = options.transient ?? TRANSIENT_KINDS.has(kind);
    this.hint = options.hint;
    this.odooName = options.odooName;
    this.details = options.details;
  }

  /** The message and the hint, as one line for a person. */
  describe(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export function isAccountingError(error: unknown): error is AccountingError {
  return error instanceof AccountingError;
}
