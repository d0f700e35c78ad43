import * as http from 'http';
import * as https from 'https';
import { networkError } from './network-errors';

/**
 * One HTTP(S) exchange with Node's own client. The plugin is desktop-only and
 * Obsidian's requestUrl has neither a timeout nor an abort, which an
 * unresponsive Odoo would turn into a hung sync.
 */

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends the request and reads the whole answer, whatever its status. Only a
 * failure to get an answer rejects: `unreachable` (refused, DNS, reset) or
 * `timeout` (the deadline covers connecting, waiting and reading).
 */
export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const signal = AbortSignal.timeout(request.timeoutMs);
  const headers: Record<string, string> = { 'User-Agent': 'ai-employee', ...request.headers };
  if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body, 'utf8'));

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(networkError(error, request.url, request.timeoutMs, signal.aborted));
    };
    const outgoing = client.request(url, { method: request.method ?? 'POST', headers, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({
          status: response.statusCode ?? 0,
          headers: flattenHeaders(response.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      // A socket closed mid-body ends without 'end' on some Node versions.
      response.on('close', () => {
        if (!response.complete) fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      });
    });
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

export function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
