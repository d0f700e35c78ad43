/**
 * `/jsonrpc` (and `/web/webclient/version_info`): the JSON-RPC 2.0 envelope
 * Odoo uses, errors at HTTP 200 with `error.data` from serialize_exception
 * (`code` 200, 0 on Odoo 19).
 */
import type { Env } from './env';
import { asOdooError, httpException, OdooError, serializeException } from './errors';
import { jsonAnswer, type HttpAnswer, type PreparedRequest } from './http-answer';
import { commonService, objectService, versionInfo } from './services';

function success(id: unknown, result: unknown): HttpAnswer {
  return jsonAnswer(200, { jsonrpc: '2.0', id: id ?? null, result: result ?? null });
}

export function jsonrpcError(env: Env, id: unknown, err: OdooError): HttpAnswer {
  const code = env.version >= 19 ? 0 : 200;
  return jsonAnswer(200, { jsonrpc: '2.0', id: id ?? null, error: { code, message: 'Odoo Server Error', data: serializeException(err) } });
}

const MALFORMED: HttpAnswer = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc": "2.0", "id": 1, "resu' };

export function prepareJsonrpc(env: Env, path: '/jsonrpc' | '/web/webclient/version_info', body: Buffer): PreparedRequest {
  let request: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    request = parsed as Record<string, unknown>;
  } catch {
    return { protocol: 'jsonrpc', name: '', malformed: MALFORMED, run: () => jsonrpcError(env, null, httpException('werkzeug.exceptions.BadRequest', '400 Bad Request: Invalid JSON data')) };
  }
  const id = request.id;
  const params = (request.params ?? {}) as Record<string, unknown>;
  if (path === '/web/webclient/version_info') {
    return { protocol: 'jsonrpc', name: 'common.version', malformed: MALFORMED, run: () => success(id, versionInfo(env)) };
  }
  const service = String(params.service);
  const method = String(params.method);
  const args = Array.isArray(params.args) ? (params.args as unknown[]) : [];
  const name = service === 'object' && (method === 'execute_kw' || method === 'execute') ? `${String(args[3])}.${String(args[4])}` : `${service}.${method}`;
  return {
    protocol: 'jsonrpc',
    name,
    malformed: MALFORMED,
    run: () => {
      try {
        if (service === 'common') return success(id, commonService(env, method, args));
        if (service === 'object') return success(id, objectService(env, method, args, 'jsonrpc'));
        throw new OdooError('builtins.KeyError', `'${service}'`);
      } catch (err) {
        return jsonrpcError(env, id, asOdooError(err));
      }
    },
  };
}
