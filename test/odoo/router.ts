/**
 * The HTTP side of the test Odoo: routes each request to its protocol,
 * records it, applies injected failures, and writes the answer.
 */
import { trackedSleep } from '../support/async';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Env } from './env';
import type { FakeOdooCall } from './fake-odoo-types';
import { jsonAnswer, notFoundPage, proxyErrorPage, type HttpAnswer, type PreparedRequest } from './http-answer';
import type { Injections } from './injections';
import { prepareJson2 } from './json2-protocol';
import { prepareJsonrpc } from './jsonrpc-protocol';
import { prepareXmlrpc } from './xmlrpc-protocol';

export interface RouterState {
  env: Env;
  calls: FakeOdooCall[];
  injections: Injections;
  /** Delays still waiting, so close() can cancel them. */
  timers: Set<NodeJS.Timeout>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function prepare(state: RouterState, req: IncomingMessage, path: string, body: Buffer): Promise<PreparedRequest> {
  const { env } = state;
  const post = req.method === 'POST';
  const xmlrpc = /^\/xmlrpc\/(2\/)?(common|object)$/.exec(path);
  if (post && xmlrpc) return prepareXmlrpc(env, xmlrpc[2] === 'common' ? 'common' : 'object', body, xmlrpc[1] === undefined);
  if (post && (path === '/jsonrpc' || path === '/web/webclient/version_info')) return prepareJsonrpc(env, path, body);
  if (path === '/json/2' || path.startsWith('/json/2/')) return prepareJson2(env, path, req.method, req.headers, body);
  const plain: Omit<PreparedRequest, 'run'> = { protocol: 'http', name: '', malformed: { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"version_info": [' } };
  if (req.method === 'GET' && path === '/web/version') {
    return { ...plain, name: 'web.version', run: () => jsonAnswer(200, { version_info: [env.version, 0, 0, 'final', 0, ''], version: `${env.version}.0` }) };
  }
  return { ...plain, run: notFoundPage };
}

function write(res: ServerResponse, answer: HttpAnswer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

function sleep(state: RouterState, ms: number): Promise<void> {
  return trackedSleep(state.timers, ms);
}

export async function handleRequest(state: RouterState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const prepared = await prepare(state, req, path, body);
  const call: FakeOdooCall = { path, protocol: prepared.protocol, name: prepared.name };
  state.calls.push(call);
  const injection = state.injections.take(call);
  if (!injection) return write(res, await prepared.run());
  const failWith = (kind: 'http-status' | 'reset'): void => {
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const status = injection.status ?? 500;
    const page = proxyErrorPage(status);
    write(res, injection.body === undefined ? page : { status, headers: { 'Content-Type': 'text/html' }, body: injection.body });
  };
  switch (injection.kind) {
    case 'http-status':
      return failWith('http-status');
    case 'reset':
      return failWith('reset');
    case 'malformed':
      return write(res, prepared.malformed);
    case 'delay':
      await sleep(state, injection.ms ?? 1000);
      return write(res, await prepared.run());
    case 'after-commit':
      await prepared.run();
      return failWith(injection.then ?? 'http-status');
  }
}
