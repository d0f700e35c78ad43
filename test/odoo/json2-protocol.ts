/**
 * `POST /json/2/<model>/<method>` (Odoo 19): bearer API key, optional
 * `X-Odoo-Database`, named arguments in a JSON object body, bare JSON
 * results, and errors as serialize_exception bodies with HTTP statuses.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Env } from './env';
import { asOdooError, httpException, json2Status, OdooError, serializeException } from './errors';
import { jsonAnswer, notFoundPage, type HttpAnswer, type PreparedRequest } from './http-answer';
import { findUserByKey, json2Call } from './services';

function errorAnswer(err: OdooError): HttpAnswer {
  const headers: Record<string, string> = err.pyName === 'werkzeug.exceptions.Unauthorized' ? { 'WWW-Authenticate': 'bearer' } : {};
  return jsonAnswer(json2Status(err), serializeException(err), headers);
}

const MALFORMED: HttpAnswer = { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '[{"id": 1, "name": "INV/' };

export function prepareJson2(env: Env, path: string, method: string | undefined, headers: IncomingHttpHeaders, body: Buffer): PreparedRequest {
  const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  const name = match ? `${decodeURIComponent(match[1] as string)}.${decodeURIComponent(match[2] as string)}` : '';
  const base = { protocol: 'json2' as const, name, malformed: MALFORMED };
  if (env.version < 19) return { ...base, run: notFoundPage };
  if (!match || method !== 'POST') {
    return { ...base, run: () => errorAnswer(httpException('werkzeug.exceptions.NotFound', 'Did you mean POST /json/2/<model>/<method>?')) };
  }
  const database = headers['x-odoo-database'];
  if (database !== undefined && database !== env.options.database) return { ...base, run: notFoundPage };
  return {
    ...base,
    run: () => {
      try {
        const auth = headers.authorization ?? '';
        const key = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
        const user = key === undefined ? undefined : findUserByKey(env, key);
        if (!user) throw httpException('werkzeug.exceptions.Unauthorized', 'Invalid apikey');
        const text = body.toString('utf8');
        let args: unknown = {};
        if (text.trim() !== '') {
          try {
            args = JSON.parse(text);
          } catch (err) {
            throw httpException('werkzeug.exceptions.BadRequest', `could not parse the body as json: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        if (args === null || typeof args !== 'object' || Array.isArray(args)) {
          throw httpException('werkzeug.exceptions.BadRequest', 'could not parse the body, expecting a json object');
        }
        const result = json2Call(env, user, decodeURIComponent(match[1] as string), decodeURIComponent(match[2] as string), args as Record<string, unknown>);
        return jsonAnswer(200, result ?? null);
      } catch (err) {
        return errorAnswer(asOdooError(err));
      }
    },
  };
}
