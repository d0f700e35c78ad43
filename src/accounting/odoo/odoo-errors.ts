import { AccountingError, type AccountingErrorKind } from '../accounting-error';
import { httpStatusError } from './transport/http-errors';

/**
 * Odoo's error shapes, one per protocol, mapped onto AccountingError kinds.
 * The user sees Odoo's own message (first line); tracebacks go to `details`.
 *
 * - XML-RPC `/xmlrpc/2`: fault code 2 UserError/ValidationError/MissingError,
 *   3 AccessDenied, 4 AccessError, 1 anything else (a traceback). The legacy
 *   `/xmlrpc` endpoints put strings in faultCode (`warning -- UserError\n\n<msg>`).
 * - JSON-RPC: `error.data.name` is the exception (`code` is 200, or 0 on 19).
 * - JSON-2: the HTTP status plus `{name, message, arguments, context, debug}`.
 */

export interface OdooErrorContext {
  /** Display address of the server (no credentials). */
  target: string;
  /** What was called: `account.move.search_read`, `common.authenticate`. */
  call: string;
  /** HTTP request line for details: `POST /jsonrpc`. */
  request: string;
  /** What identifies the user: a login and key (XML-RPC, JSON-RPC) or the key alone (JSON-2). */
  credentials: 'login' | 'key';
}

const KIND_BY_NAME: Readonly<Record<string, AccountingErrorKind>> = {
  AccessDenied: 'bad_credentials',
  Unauthorized: 'bad_credentials',
  SessionExpiredException: 'bad_credentials',
  AccessError: 'access_denied',
  Forbidden: 'access_denied',
  MissingError: 'not_found',
  NotFound: 'not_found',
  UserError: 'validation',
  ValidationError: 'validation',
  RedirectWarning: 'validation',
  Warning: 'validation',
  except_orm: 'validation',
  UnprocessableEntity: 'validation',
  ConcurrencyError: 'conflict',
  LockError: 'conflict',
  Conflict: 'conflict',
  SerializationFailure: 'conflict',
  LockNotAvailable: 'conflict',
  TransactionRollbackError: 'conflict',
  BadRequest: 'bad_input',
};

const KIND_BY_JSON2_STATUS: Readonly<Record<number, AccountingErrorKind>> = {
  400: 'bad_input',
  401: 'bad_credentials',
  403: 'access_denied',
  404: 'not_found',
  409: 'conflict',
  422: 'validation',
};

const MISSING_DATABASE = /database "([^"]+)" does not exist/;
const MISSING_RECORD = /does not exist or has been deleted/;
const UNKNOWN_MODEL = /^Object \S+ doesn't exist/;

/** An Odoo exception (full or short name), its message and traceback, as an AccountingError. */
export function odooException(name: string | undefined, message: string, debug: string | undefined, ctx: OdooErrorContext, fallback: AccountingErrorKind = 'server_error'): AccountingError {
  const shortName = name?.split('.').pop() ?? '';
  const details = [message, debug].filter((part) => part && part.trim()).join('\n\n') || undefined;
  const odooName = name || undefined;
  const line = firstLine(message) || shortName || 'no message';
  const database = MISSING_DATABASE.exec(`${message}\n${debug ?? ''}`)?.[1];
  if (database !== undefined) {
    return new AccountingError('bad_database', `Odoo at ${ctx.target} has no database "${database}": check the database name in the Odoo settings.`, { odooName, details });
  }
  let kind = KIND_BY_NAME[shortName] ?? fallback;
  // Unknown models and methods surface as a UserError (`Object x.y doesn't exist`),
  // a KeyError or an AttributeError on XML-RPC and JSON-RPC.
  if (
    (shortName === 'AttributeError' && (message.includes(`'${methodOf(ctx.call)}'`) || message.includes(`.${methodOf(ctx.call)}'`))) ||
    (shortName === 'KeyError' && message.includes(`'${modelOf(ctx.call)}'`)) ||
    UNKNOWN_MODEL.test(message)
  ) {
    kind = 'not_found';
  }
  switch (kind) {
    case 'validation':
      return new AccountingError('validation', line, { odooName, details });
    case 'not_found':
      if (shortName === 'MissingError' || MISSING_RECORD.test(message)) return new AccountingError('not_found', line, { odooName, details });
      return new AccountingError('not_found', `Odoo at ${ctx.target} does not know ${ctx.call} (${line}): check that the Odoo app it needs is installed.`, { odooName, details });
    case 'access_denied':
      return new AccountingError('access_denied', `Odoo refused ${ctx.call}: ${line}`, {
        odooName,
        details,
        hint: 'Check the access rights of the Odoo user (Invoicing / Accounting).',
      });
    case 'bad_credentials':
      return new AccountingError('bad_credentials', `Odoo at ${ctx.target} refused the ${ctx.credentials === 'key' ? 'API key' : 'credentials'} (${line}): check ${ctx.credentials === 'key' ? 'the API key' : 'the username and the API key'}; a key can be revoked or expire.`, { odooName, details });
    case 'conflict':
      return new AccountingError('conflict', `Odoo was busy updating the same records (${line}): try again in a moment.`, { odooName, details });
    case 'bad_input':
      return new AccountingError('bad_input', `Odoo rejected the request for ${ctx.call}: ${line}`, { odooName, details });
    default:
      // An Odoo traceback is a bug or a data problem on the server: retrying will not help.
      return new AccountingError(kind, `Odoo failed on ${ctx.call}: ${shortName && !line.startsWith(shortName) ? `${shortName}: ` : ''}${line}`, { odooName, details });
  }
}

/** An XML-RPC fault (numeric codes of `/xmlrpc/2`, or the legacy string form). */
export function xmlRpcFaultError(faultCode: unknown, faultString: unknown, ctx: OdooErrorContext): AccountingError {
  const text = typeof faultString === 'string' ? faultString : '';
  if (typeof faultCode === 'string') return legacyFault(faultCode, text, ctx);
  switch (faultCode) {
    case 2:
      return odooException(MISSING_RECORD.test(text) ? 'odoo.exceptions.MissingError' : 'odoo.exceptions.UserError', text, undefined, ctx);
    case 3:
      return odooException('odoo.exceptions.AccessDenied', text, undefined, ctx);
    case 4:
      return odooException('odoo.exceptions.AccessError', text, undefined, ctx);
    default: {
      const raised = lastException(text);
      return odooException(raised?.name, raised?.message ?? text, text, ctx);
    }
  }
}

function legacyFault(faultCode: string, faultString: string, ctx: OdooErrorContext): AccountingError {
  const warning = /^warning -- (\w+)\s*\n\n?([\s\S]*)$/.exec(faultCode);
  if (warning) return odooException(warning[1], warning[2] ?? '', faultString || undefined, ctx, 'validation');
  if (faultCode === 'AccessDenied') return odooException('AccessDenied', faultString || 'Access Denied', undefined, ctx);
  const raised = lastException(faultString);
  return odooException(raised?.name, faultCode, faultString || undefined, ctx);
}

/** A JSON-RPC `error` member. */
export function jsonRpcError(error: unknown, ctx: OdooErrorContext): AccountingError {
  const outer = asRecord(error);
  const data = asRecord(outer?.data);
  const name = stringOf(data?.name);
  const message = stringOf(data?.message) ?? stringOf(outer?.message) ?? 'Odoo Server Error';
  return odooException(name, message, stringOf(data?.debug), ctx);
}

/** A JSON-2 answer other than 200: Odoo's JSON error body, or someone else's page. */
export function json2Error(status: number, body: string, headers: Record<string, string>, ctx: OdooErrorContext): AccountingError {
  const parsed = parseJson(body);
  const name = stringOf(parsed?.name);
  const message = stringOf(parsed?.message);
  if (parsed === undefined || name === undefined || message === undefined) return httpStatusError(status, body, headers, ctx);
  const statusKind = KIND_BY_JSON2_STATUS[status];
  const nameKind = KIND_BY_NAME[name.split('.').pop() ?? ''];
  // The status is Odoo's own classification; the name refines it (a 404 MissingError vs an unknown method).
  return odooException(name, message, stringOf(parsed.debug), ctx, nameKind ?? statusKind ?? 'server_error');
}

/** Copies an error with every secret value masked in its message, hint and details. */
export function scrubSecrets(error: AccountingError, secrets: ReadonlyArray<string | undefined>): AccountingError {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const mask = (text: string | undefined) => (text === undefined ? undefined : values.reduce((out, secret) => out.split(secret).join('[REDACTED]'), text));
  const message = mask(error.message) ?? '';
  const hint = mask(error.hint);
  const details = mask(error.details);
  if (message === error.message && hint === error.hint && details === error.details) return error;
  // The cause may hold the request (and so the key): it is dropped with the rest.
  return new AccountingError(error.kind, message, { transient: error.transient, hint, odooName: error.odooName, details });
}

/** The first non-empty line, trimmed and kept short: Odoo's message without its explanation. */
export function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The exception a Python traceback ends with: `odoo.exceptions.UserError: msg` → name and msg. */
function lastException(traceback: string): { name: string; message: string } | undefined {
  const lines = traceback.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/.exec(lines[i] ?? '');
    if (match && /(Error|Exception|Warning|Denied|NotFound|Failure|Interrupt)$/.test(match[1] ?? '')) {
      return { name: match[1] ?? '', message: [match[2] ?? '', ...lines.slice(i + 1)].join('\n').trim() };
    }
  }
  return undefined;
}

function methodOf(call: string): string {
  return call.slice(call.lastIndexOf('.') + 1);
}

function modelOf(call: string): string {
  return call.includes('.') ? call.slice(0, call.lastIndexOf('.')) : call;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(body));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
