import type { IncomingMessage } from 'http';
import xmlrpc from 'xmlrpc';
import { xmlRpcFaultError } from '../odoo-errors';
import { displayAddress, endpointUrl } from './endpoint';
import { executeKwArgs } from './execute-kw-args';
import { flattenHeaders } from './http-post';
import { badResponse, httpStatusError } from './http-errors';
import { networkError } from './network-errors';
import type { TransportOptions } from './transport-options';
import { toXmlRpcValue } from './xmlrpc-values';

/**
 * Odoo's XML-RPC API (`/xmlrpc/2/common`, `/xmlrpc/2/object`) through the
 * `xmlrpc` package. Odoo answers 200 for faults too; the package reports a
 * fault as an error with `faultCode`, an unreadable body as an error carrying
 * the response (`res`, `body`), and a 404 as `Not Found` before reading it.
 */

/** What the xmlrpc package attaches to the errors it reports. */
interface XmlRpcClientError extends Error {
  faultCode?: unknown;
  faultString?: unknown;
  code?: unknown;
  res?: IncomingMessage;
  body?: string;
}

export class XmlRpcTransport {
  readonly target: string;

  constructor(private readonly options: TransportOptions) {
    this.target = displayAddress(options.baseUrl);
  }

  /** `common.version()`: the server's version, without logging in. */
  version(): Promise<unknown> {
    return this.methodCall('common', 'version', []);
  }

  /** `common.authenticate(db, login, key, {})`: the uid, or false. */
  authenticate(database: string, login: string, apiKey: string): Promise<unknown> {
    return this.methodCall('common', 'authenticate', [database, login, apiKey, {}]);
  }

  /** `object.execute_kw(db, uid, key, model, method, ids ? [ids] : [], kwargs)` (see executeKwArgs for create). */
  executeKw(database: string, uid: number, apiKey: string, model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown> = {}): Promise<unknown> {
    const call = executeKwArgs(method, ids, kwargs);
    // Checked before sending, so a null never reaches Odoo as an unreadable fault.
    const args = call.args.map((arg, index) => toXmlRpcValue(arg, ids ? 'ids' : method === 'create' ? 'vals_list' : `args[${index}]`));
    const safeKwargs = toXmlRpcValue(call.kwargs, 'kwargs');
    return this.methodCall('object', 'execute_kw', [database, uid, apiKey, model, method, args, safeKwargs], `${model}.${method}`);
  }

  private methodCall(service: 'common' | 'object', method: string, params: unknown[], call = `${service}.${method}`): Promise<unknown> {
    const path = `/xmlrpc/2/${service}`;
    const url = new URL(endpointUrl(this.options.baseUrl, path));
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const ctx = { target: this.target, call, request: `POST ${path}`, credentials: 'login' as const };
    // A fresh client per call: the package hands its options (and so our signal) to http.request.
    const clientOptions = {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { 'User-Agent': 'ai-employee' },
      signal,
      ...(url.username ? { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } : {}),
    };
    const client = url.protocol === 'https:' ? xmlrpc.createSecureClient(clientOptions) : xmlrpc.createClient(clientOptions);
    this.options.onRequest?.();

    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      // The package does not notice an abort once the body is streaming: our deadline settles it.
      const onAbort = () => settle(() => reject(networkError(signal.reason, url.href, this.options.timeoutMs, true)));
      signal.addEventListener('abort', onAbort);

      client.methodCall(method, params, (error: unknown, value: unknown) => {
        if (settled) return;
        if (!error) return settle(() => resolve(value));
        const failure = error as XmlRpcClientError;
        if (failure.faultCode !== undefined) return settle(() => reject(xmlRpcFaultError(failure.faultCode, failure.faultString, ctx)));
        const response = failure.res;
        if (!response) return settle(() => reject(networkError(error, url.href, this.options.timeoutMs, signal.aborted)));
        // An answer that is not XML-RPC: read all of it, then judge it by its status.
        void restOfBody(response, failure.body ?? '').then((body) => {
          const status = response.statusCode ?? 0;
          const headers = flattenHeaders(response.headers);
          settle(() =>
            reject(status === 200 ? badResponse(this.target, ctx.request, `not XML-RPC: ${failure.message}`, body) : httpStatusError(status, body, headers, ctx)),
          );
        });
      });
    });
  }
}

/** The body after what the package already read (it stops at a parse error or a 404). */
function restOfBody(response: IncomingMessage, seen: string): Promise<string> {
  return new Promise((resolve) => {
    if (response.readableEnded || response.destroyed) return resolve(seen);
    let body = seen;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      body += chunk;
    });
    response.on('end', () => resolve(body));
    response.on('close', () => resolve(body));
    response.on('error', () => resolve(body));
    response.resume();
  });
}
