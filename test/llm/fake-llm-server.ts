/**
 * The test LLM server: Anthropic's `POST /v1/messages` and OpenAI's
 * `POST /v1/chat/completions` on 127.0.0.1, answering what the test scripted.
 * See fake-llm-types.ts for the public interface.
 */
import { trackedSleep } from '../support/async';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveOnLoopback } from '../support/loopback-server';
import { flattenHeaders } from '../../src/accounting/odoo/transport/http-post';
import { anthropicWire } from './anthropic-wire';
import type { FakeLlm, FakeLlmAnswer, FakeLlmOptions, FakeLlmRequest } from './fake-llm-types';
import { openaiWire } from './openai-wire';
import { jsonAnswer, type ParsedBody, type WireAnswer, type WireFormat } from './wire-answer';

const ROUTES: Record<string, WireFormat> = { '/v1/messages': anthropicWire, '/v1/chat/completions': openaiWire };

interface ServerState {
  apiKey: string;
  queue: FakeLlmAnswer[];
  fallback: FakeLlmAnswer;
  requests: FakeLlmRequest[];
  /** Delays still waiting, so close() can cancel them. */
  timers: Set<NodeJS.Timeout>;
}

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const state: ServerState = {
    apiKey: options.apiKey ?? 'sk-fake-llm-0123456789abcdef',
    queue: [],
    fallback: options.fallback ?? { kind: 'error', status: 500, type: 'api_error', message: 'fake-llm: no answer was scripted for this request' },
    requests: [],
    timers: new Set(),
  };
  const server = await serveOnLoopback('fake-llm', (req, res) => handle(state, req, res), state.timers);

  return {
    url: server.url,
    apiKey: state.apiKey,
    script: (...answers) => {
      state.queue.push(...answers);
    },
    requests: state.requests,
    close: server.close,
  };
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const headers = flattenHeaders(req.headers);
  const parsed = parseBody(raw);
  state.requests.push({ path, headers, body: parsed.json ? parsed.value : parsed.text });

  const wire = req.method === 'POST' ? ROUTES[path] : undefined;
  if (!wire) return write(res, notFound(req.method ?? 'GET', path));
  const refusal = wire.refuse(headers, parsed, state.apiKey);
  if (refusal) return write(res, refusal);
  // Past the checks, so the body is a JSON object.
  const body = (parsed.json ? parsed.value : {}) as Record<string, unknown>;
  await answer(state, state.queue.shift() ?? state.fallback, wire, body, req, res);
}

async function answer(state: ServerState, scripted: FakeLlmAnswer, wire: WireFormat, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (scripted.kind) {
    case 'text':
      return write(res, wire.text(scripted.text, scripted.stopReason, scripted.model, body));
    case 'error':
      return write(res, wire.error(scripted.status, scripted, body, state.apiKey));
    case 'refusal':
      return write(res, wire.refusal(body));
    case 'raw':
      return write(res, { status: scripted.status, headers: { 'content-type': scripted.contentType ?? 'application/json' }, body: scripted.body });
    case 'reset':
      req.socket.destroy();
      return;
    case 'delay':
      await sleep(state, scripted.ms);
      return answer(state, scripted.then, wire, body, req, res);
  }
}

/** Each API's own 404 for an unknown path (a base URL with `/v1` twice, say). */
function notFound(method: string, path: string): WireAnswer {
  if (path.endsWith('/messages')) return jsonAnswer(404, { type: 'error', error: { type: 'not_found_error', message: 'Not Found' } });
  return jsonAnswer(404, { error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null } });
}

function parseBody(raw: string): ParsedBody {
  try {
    return { json: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { json: false, text: raw };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, wire: WireAnswer): void {
  // The client may have given up (its timeout) while a delay ran.
  if (res.destroyed || res.headersSent) return;
  res.writeHead(wire.status, { ...wire.headers, 'content-length': Buffer.byteLength(wire.body) });
  res.end(wire.body);
}

function sleep(state: ServerState, ms: number): Promise<void> {
  return trackedSleep(state.timers, ms);
}
