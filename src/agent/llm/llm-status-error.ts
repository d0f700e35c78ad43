import type { HttpResponse } from '../../accounting/odoo/transport/http-post';
import { LlmError, type LlmErrorKind } from './llm-error';

/**
 * An answer other than 2xx, as an `LlmError`. Both wire formats put the
 * reason in `error.message` and `error.type` (OpenAI adds `error.code`);
 * the status decides the kind, as proxies in front of the API answer the
 * same statuses with bodies of their own.
 */

export interface LlmCallContext {
  /** The server as messages name it (no credentials). */
  target: string;
  model: string;
  /** Whether an API key was sent, to tell "wrong key" from "no key". */
  keySent: boolean;
}

const DETAIL_LIMIT = 2000;

export function statusError(response: HttpResponse, ctx: LlmCallContext): LlmError {
  const { status } = response;
  const server = readServerError(response.body);
  const said = server.message ? `: ${firstLine(server.message)}` : '';
  const common = { status, retryAfterSeconds: retryAfterSeconds(response.headers), details: `HTTP ${status}\n${clip(response.body)}` };
  const at = `The LLM server at ${ctx.target}`;
  const make = (kind: LlmErrorKind, message: string, hint: string, transient?: boolean) =>
    new LlmError(kind, message, { ...common, hint, ...(transient === undefined ? {} : { transient }) });

  if (status === 401) {
    return make('bad_credentials', `${at} refused the API key (HTTP 401${said}).`, ctx.keySent ? 'Check LLM_API_KEY.' : 'No API key was sent: set LLM_API_KEY.');
  }
  if (status === 402) return make('permission', `${at} refused the request for billing reasons (HTTP 402${said}).`, "Check the LLM account's billing and credit.");
  if (status === 403) return make('permission', `${at} does not let this API key use model "${ctx.model}" (HTTP 403${said}).`, "Check the key's permissions and the model name in the LLM settings.");
  if (status === 404) {
    return make('not_found', `${at} knows no model "${ctx.model}" or no such address (HTTP 404${said}).`, 'Check the model name and the LLM base URL (for OpenAI-compatible servers it usually ends in /v1).');
  }
  if (status === 408) return make('timeout', `${at} gave up waiting for the request (HTTP 408${said}).`, 'Try again later.');
  if (status === 429) {
    // OpenAI answers 429 for a used-up quota too, which no amount of waiting fixes.
    if (server.code === 'insufficient_quota' || server.type === 'insufficient_quota') {
      return make('rate_limited', `${at} says the API key's quota is used up (HTTP 429${said}).`, "Check the plan and billing of the LLM account.", false);
    }
    const wait = common.retryAfterSeconds === undefined ? 'Wait a moment' : `Wait ${common.retryAfterSeconds} s`;
    return make('rate_limited', `${at} is limiting the rate of requests for this API key (HTTP 429${said}).`, `${wait} and try again.`);
  }
  if (status === 413) return make('bad_request', `${at} found the request too large (HTTP 413${said}).`, 'Shorten the prompt.');
  if (status >= 400 && status < 500) {
    return make('bad_request', `${at} rejected the request (HTTP ${status}${said}).`, 'Check the model name and the maximum answer length in the LLM settings.');
  }
  if (status === 529 || status === 503) return make('overloaded', `${at} is overloaded right now (HTTP ${status}${said}).`, 'Try again in a few minutes.');
  if (status >= 500) {
    return make('server_error', `${at} failed (HTTP ${status}${said}).`, "Try again later; if it persists, check the provider's status page or the server's log.");
  }
  return make('bad_response', `${at} answered HTTP ${status}, which is not an answer to a completion request.`, 'Check the LLM base URL.', false);
}

/** The reason a server gave in its JSON error body, whichever of the common shapes it uses. */
export function readServerError(body: string): { message?: string; type?: string; code?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  // `{error: {...}}` (Anthropic, OpenAI, llama.cpp), `{error: "text"}` (Ollama), or flat `{message, type}` (vLLM).
  const error = parsed.error;
  if (typeof error === 'string') return { message: error };
  const source = isRecord(error) ? error : parsed;
  return { message: text(source.message), type: text(source.type), code: text(source.code) };
}

/** `retry-after` (seconds or an HTTP date), or OpenAI's `retry-after-ms`, as whole seconds. */
export function retryAfterSeconds(headers: Record<string, string>, now: () => number = Date.now): number | undefined {
  const ms = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] && Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now()) / 1000));
}

export function clip(body: string): string {
  return body.length > DETAIL_LIMIT ? `${body.slice(0, DETAIL_LIMIT)}…` : body;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first line of a server's message, kept short: messages stay one line. */
function firstLine(message: string): string {
  const line = message.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
