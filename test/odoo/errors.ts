/**
 * Odoo's exceptions as the test server raises them, and how each protocol
 * shows them: XML-RPC fault codes (odoo/addons/base/controllers/rpc.py),
 * JSON-RPC `error.data` (http.serialize_exception) and JSON-2 statuses
 * (UserError.http_status, werkzeug HTTP exceptions).
 */

/** Python's fully qualified exception names, as `serialize_exception` writes them. */
export type PyExceptionName =
  | 'odoo.exceptions.UserError'
  | 'odoo.exceptions.ValidationError'
  | 'odoo.exceptions.MissingError'
  | 'odoo.exceptions.AccessError'
  | 'odoo.exceptions.AccessDenied'
  | 'builtins.ValueError'
  | 'builtins.TypeError'
  | 'builtins.AttributeError'
  | 'builtins.KeyError'
  | 'builtins.IndexError'
  | 'psycopg2.OperationalError'
  | 'werkzeug.exceptions.BadRequest'
  | 'werkzeug.exceptions.Unauthorized'
  | 'werkzeug.exceptions.NotFound'
  | 'werkzeug.exceptions.UnprocessableEntity';

export class OdooError extends Error {
  constructor(
    readonly pyName: PyExceptionName,
    message: string,
    /** Python's `exc.args`; defaults to `[message]`. */
    readonly pyArgs: unknown[] = [message],
  ) {
    super(message);
    this.name = pyName;
  }

  /** The short class name (`UserError`), as tracebacks end with it. */
  get shortName(): string {
    return this.pyName.slice(this.pyName.lastIndexOf('.') + 1);
  }
}

export const userError = (message: string): OdooError => new OdooError('odoo.exceptions.UserError', message);
export const validationError = (message: string): OdooError => new OdooError('odoo.exceptions.ValidationError', message);
export const accessError = (message: string): OdooError => new OdooError('odoo.exceptions.AccessError', message);
export const accessDenied = (): OdooError => new OdooError('odoo.exceptions.AccessDenied', 'Access Denied');
export const valueError = (message: string): OdooError => new OdooError('builtins.ValueError', message);
export const typeError = (message: string): OdooError => new OdooError('builtins.TypeError', message);
export const attributeError = (message: string): OdooError => new OdooError('builtins.AttributeError', message);

/** `Record does not exist or has been deleted.\n(Record: account.move(999,), User: 2)` */
export function missingError(model: string, ids: number[], uid: number): OdooError {
  const tuple = ids.length === 1 ? `(${ids[0]},)` : `(${ids.join(', ')})`;
  return new OdooError(
    'odoo.exceptions.MissingError',
    `Record does not exist or has been deleted.\n(Record: ${model}${tuple}, User: ${uid})`,
  );
}

export function unknownDatabase(db: string): OdooError {
  return new OdooError('psycopg2.OperationalError', `FATAL:  database "${db}" does not exist\n`);
}

/** `Invalid field 'company_id' on model 'account.account'` (ValueError, like the ORM). */
export function invalidField(model: string, field: string): OdooError {
  return valueError(`Invalid field '${field}' on model '${model}'`);
}

/** Whether Odoo treats it as a UserError (its subclasses included). */
export function isUserErrorFamily(err: OdooError): boolean {
  return (
    err.pyName === 'odoo.exceptions.UserError' ||
    err.pyName === 'odoo.exceptions.ValidationError' ||
    err.pyName === 'odoo.exceptions.MissingError' ||
    err.pyName === 'odoo.exceptions.AccessError'
  );
}

/** Anything thrown while handling a call, as an Odoo exception: a bug in this test server becomes a visible crash (fault 1 / 500). */
export function asOdooError(err: unknown): OdooError {
  if (err instanceof OdooError) return err;
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return new OdooError('builtins.KeyError', `fake-odoo internal error: ${detail}`);
}

/** A plausible Python traceback ending with the exception line, as Odoo sends in faults and `debug`. */
export function traceback(err: OdooError): string {
  const last = err.pyName.startsWith('builtins.') ? err.shortName : err.pyName;
  return [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1584, in _serve_db',
    '    return service_model.retrying(self._serve_ir_http, self.env)',
    '  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 133, in retrying',
    '    result = func()',
    '  File "/usr/lib/python3/dist-packages/odoo/api.py", line 466, in call_kw',
    '    result = _call_kw_multi(method, model, args, kwargs)',
    `${last}: ${err.message}`,
    '',
  ].join('\n');
}

/** XML-RPC fault code on `/xmlrpc/2/*` (RPC_FAULT_CODE_*). */
export function xmlrpcFaultCode(err: OdooError): number {
  if (err.pyName === 'odoo.exceptions.AccessError') return 4;
  if (err.pyName === 'odoo.exceptions.AccessDenied') return 3;
  if (isUserErrorFamily(err)) return 2;
  return 1;
}

/** XML-RPC faultString: the message for Odoo exceptions, a traceback for the rest. */
export function xmlrpcFaultString(err: OdooError): string {
  return xmlrpcFaultCode(err) === 1 ? traceback(err) : err.message;
}

export interface SerializedException {
  name: string;
  message: string;
  arguments: unknown[];
  context: Record<string, unknown>;
  debug: string;
}

/** `odoo.http.serialize_exception`: the JSON-RPC `error.data` and the JSON-2 error body. */
export function serializeException(err: OdooError): SerializedException {
  return { name: err.pyName, message: err.message, arguments: err.pyArgs, context: {}, debug: traceback(err) };
}

/** The JSON-2 status: UserError.http_status, werkzeug codes, 500 for the rest. */
export function json2Status(err: OdooError): number {
  switch (err.pyName) {
    case 'odoo.exceptions.AccessError':
      return 403;
    case 'odoo.exceptions.MissingError':
    case 'werkzeug.exceptions.NotFound':
      return 404;
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
    case 'werkzeug.exceptions.UnprocessableEntity':
      return 422;
    case 'werkzeug.exceptions.BadRequest':
      return 400;
    case 'werkzeug.exceptions.Unauthorized':
    case 'odoo.exceptions.AccessDenied':
      return 401;
    default:
      return 500;
  }
}

/** A werkzeug HTTP exception as JSON-2 serializes it (`arguments: [description, code]`). */
export function httpException(
  name: 'werkzeug.exceptions.BadRequest' | 'werkzeug.exceptions.Unauthorized' | 'werkzeug.exceptions.NotFound' | 'werkzeug.exceptions.UnprocessableEntity',
  description: string,
): OdooError {
  const code = { 'werkzeug.exceptions.BadRequest': 400, 'werkzeug.exceptions.Unauthorized': 401, 'werkzeug.exceptions.NotFound': 404, 'werkzeug.exceptions.UnprocessableEntity': 422 }[name];
  return new OdooError(name, description, [description, code]);
}
