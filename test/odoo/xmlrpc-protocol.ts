/**
 * `/xmlrpc/2/common` and `/xmlrpc/2/object`, parsed and answered with the
 * `xmlrpc` package's own codec. Always HTTP 200 text/xml; errors are faults
 * with Odoo's codes, and a result holding None faults like Python's
 * marshaller without allow_none.
 */
import { Readable } from 'node:stream';
import type { Env } from './env';
import { asOdooError, OdooError, traceback, xmlrpcFaultCode, xmlrpcFaultString } from './errors';
import type { HttpAnswer, PreparedRequest } from './http-answer';
import { commonService, objectService } from './services';

interface DeserializerInstance {
  deserializeMethodCall(stream: Readable, callback: (error: Error | null | undefined, method?: string, params?: unknown[]) => void): void;
}
type DeserializerCtor = new (encoding?: string) => DeserializerInstance;
interface SerializerModule {
  serializeMethodResponse(result: unknown): string;
  serializeFault(fault: { faultCode: number | string; faultString: string }): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package ships no typings or ES exports for its codec modules
const Deserializer = require('xmlrpc/lib/deserializer') as DeserializerCtor;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const serializer = require('xmlrpc/lib/serializer') as SerializerModule;

function parseCall(body: Buffer): Promise<{ method: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    new Deserializer().deserializeMethodCall(Readable.from([body]), (error, method, params) => {
      if (error || method === undefined) reject(error ?? new Error('Invalid XML-RPC message'));
      else resolve({ method, params: params ?? [] });
    });
  });
}

const XML_HEADERS = { 'Content-Type': 'text/xml; charset=utf-8' };

function fault(err: OdooError, legacy: boolean): HttpAnswer {
  const body = legacy ? legacyFault(err) : { faultCode: xmlrpcFaultCode(err), faultString: xmlrpcFaultString(err) };
  return { status: 200, headers: XML_HEADERS, body: serializer.serializeFault(body) };
}

/** Legacy `/xmlrpc/<service>` (xmlrpc_handle_exception_string): the class goes in a string faultCode. */
function legacyFault(err: OdooError): { faultCode: string; faultString: string } {
  switch (err.pyName) {
    case 'odoo.exceptions.MissingError':
    case 'odoo.exceptions.AccessError':
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
      return { faultCode: `warning -- ${err.pyName === 'odoo.exceptions.ValidationError' ? 'UserError' : err.shortName}\n\n${err.message}`, faultString: '' };
    case 'odoo.exceptions.AccessDenied':
      return { faultCode: 'AccessDenied', faultString: err.message };
    default:
      return { faultCode: err.message, faultString: traceback(err) };
  }
}

/** Python's xmlrpc.client refuses None (and we must never send undefined). */
function containsNone(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.some(containsNone);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(containsNone);
  return false;
}

/** `legacy`: the pre-`/2/` endpoints, same services, string fault codes. */
export async function prepareXmlrpc(env: Env, service: 'common' | 'object', body: Buffer, legacy = false): Promise<PreparedRequest> {
  const malformed: HttpAnswer = { status: 200, headers: XML_HEADERS, body: "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>" };
  let parsed: { method: string; params: unknown[] };
  try {
    parsed = await parseCall(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { protocol: 'xmlrpc', name: '', malformed, run: () => fault(new OdooError('builtins.ValueError', `ExpatError: ${message}`), legacy) };
  }
  const { method, params } = parsed;
  let name = `${service}.${method}`;
  if (service === 'object' && (method === 'execute_kw' || method === 'execute')) name = `${String(params[3])}.${String(params[4])}`;
  return {
    protocol: 'xmlrpc',
    name,
    malformed,
    run: () => {
      try {
        const result = service === 'common' ? commonService(env, method, params) : objectService(env, method, params, 'xmlrpc');
        if (containsNone(result)) throw new OdooError('builtins.TypeError', 'cannot marshal None unless allow_none is enabled');
        return { status: 200, headers: XML_HEADERS, body: serializer.serializeMethodResponse(result) };
      } catch (err) {
        return fault(asOdooError(err), legacy);
      }
    },
  };
}
