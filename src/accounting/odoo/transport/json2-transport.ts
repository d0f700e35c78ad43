import { json2Error } from '../odoo-errors';
import { displayAddress, endpointUrl } from './endpoint';
import { badResponse } from './http-errors';
import { httpRequest, type HttpResponse } from './http-post';
import { parseJsonBody, toJsonBody } from './json-body';
import type { TransportOptions } from './transport-options';

export interface Json2Options extends TransportOptions {
  apiKey: string;
  /** Sent as `X-Odoo-Database` when set; else the server picks (single database or dbfilter). */
  database: string;
}

/**
 * Odoo 19's JSON-2 API: `POST /json/2/<model>/<method>` with the API key as a
 * bearer token and the named arguments as the body (`ids` for record
 * methods). Success is the bare result with 200; errors use the HTTP status
 * (401, 403, 404, 409, 422, 400, 500) and a JSON body naming the exception.
 */
export class Json2Transport {
  readonly target: string;

  constructor(private readonly options: Json2Options) {
    this.target = displayAddress(options.baseUrl);
  }

  async call(model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown> = {}): Promise<unknown> {
    const response = await this.post(model, method, ids, kwargs);
    if (response.status !== 200) throw this.errorFor(response, model, method);
    const parsed = parseJsonBody(response.body);
    if (!parsed.ok) throw badResponse(this.target, `POST ${json2Path(model, method)}`, parsed.problem, response.body);
    return parsed.value;
  }

  /** Sends the call and returns the answer whatever its status (the login reads a 404 its own way). */
  async post(model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown> = {}): Promise<HttpResponse> {
    const body = toJsonBody(ids ? { ...kwargs, ids } : kwargs, `${model}.${method}`);
    const headers: Record<string, string> = {
      Authorization: `bearer ${this.options.apiKey}`,
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
    };
    if (this.options.database) headers['X-Odoo-Database'] = this.options.database;
    this.options.onRequest?.();
    return httpRequest({ url: endpointUrl(this.options.baseUrl, json2Path(model, method)), method: 'POST', headers, body, timeoutMs: this.options.timeoutMs });
  }

  /** The AccountingError for an answer other than 200. */
  errorFor(response: HttpResponse, model: string, method: string) {
    const ctx = { target: this.target, call: `${model}.${method}`, request: `POST ${json2Path(model, method)}`, credentials: 'key' as const };
    return json2Error(response.status, response.body, response.headers, ctx);
  }
}

function json2Path(model: string, method: string): string {
  return `/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
}
