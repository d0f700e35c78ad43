import { jsonRpcError } from '../odoo-errors';
import { displayAddress, endpointUrl } from './endpoint';
import { executeKwArgs } from './execute-kw-args';
import { badResponse, httpStatusError } from './http-errors';
import { httpRequest } from './http-post';
import { parseJsonBody, toJsonBody } from './json-body';
import type { TransportOptions } from './transport-options';

/**
 * Odoo's JSON-RPC API: `POST /jsonrpc` with `{service, method, args}`. Odoo
 * answers 200 with either `result` or `error`; the error's kind is in
 * `error.data.name` (its `code` is 200 before 19 and may be 0 after).
 */
export class JsonRpcTransport {
  readonly target: string;
  private nextId = 1;

  constructor(private readonly options: TransportOptions) {
    this.target = displayAddress(options.baseUrl);
  }

  version(): Promise<unknown> {
    return this.send('common', 'version', []);
  }

  authenticate(database: string, login: string, apiKey: string): Promise<unknown> {
    return this.send('common', 'authenticate', [database, login, apiKey, {}]);
  }

  executeKw(database: string, uid: number, apiKey: string, model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown> = {}): Promise<unknown> {
    const call = executeKwArgs(method, ids, kwargs);
    return this.send('object', 'execute_kw', [database, uid, apiKey, model, method, call.args, call.kwargs], `${model}.${method}`);
  }

  private async send(service: 'common' | 'object', method: string, args: unknown[], call = `${service}.${method}`): Promise<unknown> {
    const id = this.nextId++;
    const ctx = { target: this.target, call, request: 'POST /jsonrpc', credentials: 'login' as const };
    const body = toJsonBody({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id }, call);
    this.options.onRequest?.();
    const response = await httpRequest({
      url: endpointUrl(this.options.baseUrl, '/jsonrpc'),
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
      timeoutMs: this.options.timeoutMs,
    });
    if (response.status !== 200) throw httpStatusError(response.status, response.body, response.headers, ctx);
    const parsed = parseJsonBody(response.body);
    if (!parsed.ok) throw badResponse(this.target, ctx.request, parsed.problem, response.body);
    const envelope = parsed.value;
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      throw badResponse(this.target, ctx.request, 'not a JSON-RPC envelope', response.body);
    }
    const members = envelope as Record<string, unknown>;
    if (members.error !== undefined && members.error !== null) throw jsonRpcError(members.error, ctx);
    if (!('result' in members)) throw badResponse(this.target, ctx.request, 'a JSON-RPC envelope without result or error', response.body);
    return members.result;
  }
}
