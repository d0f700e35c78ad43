import { isAccountingError } from '../../accounting/accounting-error';
import { httpRequest, type HttpResponse } from '../../accounting/odoo/transport/http-post';
import { answerObject } from './llm-answer-body';
import { isLlmError, LlmError, withoutSecret } from './llm-error';
import { statusError, type LlmCallContext } from './llm-status-error';

/** The HTTP seam the clients send through (a fake in some tests). */
export type LlmHttp = typeof httpRequest;

export interface LlmPost {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  /** The server as messages name it (no credentials). */
  target: string;
}

/**
 * One POST of a JSON body. Resolves with the answer whatever its status;
 * rejects with an `LlmError` (`timeout` or `unreachable`) only when no answer
 * came. The shared transport speaks of Odoo, so its errors are re-worded here.
 */
export async function postJson(http: LlmHttp, post: LlmPost): Promise<HttpResponse> {
  try {
    return await http({ url: post.url, method: 'POST', headers: post.headers, body: JSON.stringify(post.body), timeoutMs: post.timeoutMs });
  } catch (error) {
    throw networkFailure(error, post);
  }
}

/** One call of a JSON API, as both clients make it. */
export interface LlmCall extends Omit<LlmPost, 'target'> {
  http: LlmHttp;
  ctx: LlmCallContext;
  /** Scrubbed from every error, whatever the server echoed back. */
  apiKey: string;
}

/**
 * Posts, refuses a non-2xx answer with the error its status and body say,
 * parses the JSON object and hands it to `read`; every LlmError, from here
 * or from `read`, comes out without the key.
 */
export async function callJsonApi<T>(call: LlmCall, read: (answer: Record<string, unknown>, raw: string) => T): Promise<T> {
  try {
    const response = await postJson(call.http, { url: call.url, headers: call.headers, body: call.body, timeoutMs: call.timeoutMs, target: call.ctx.target });
    if (response.status < 200 || response.status >= 300) throw statusError(response, call.ctx);
    return read(answerObject(response, call.ctx), response.body);
  } catch (error) {
    throw isLlmError(error) ? withoutSecret(error, call.apiKey) : error;
  }
}

function networkFailure(error: unknown, post: LlmPost): LlmError {
  const details = isAccountingError(error) ? error.details : error instanceof Error ? error.message : String(error);
  if (isAccountingError(error) && error.kind === 'timeout') {
    return new LlmError('timeout', `The LLM server at ${post.target} did not answer within ${seconds(post.timeoutMs)}.`, {
      hint: 'Check that it is up and reachable, or raise the LLM timeout (long answers take longer).',
      details,
      cause: error,
    });
  }
  const reason = reasonOf(error, details);
  return new LlmError('unreachable', `Could not reach the LLM server at ${post.target}${reason ? ` (${reason})` : ''}.`, {
    hint: 'Check the LLM base URL, that the server is running, and the network.',
    // The transport knows which failures will not pass by waiting (DNS typo, TLS mismatch).
    transient: isAccountingError(error) ? error.transient : true,
    details,
    cause: error,
  });
}

/**
 * The socket error code behind a failure (`ECONNREFUSED`, `ECONNRESET`, …),
 * from the cause or else from the transport's details: a cause from another
 * realm (a test sandbox) is not an `Error` to the transport, which then keeps
 * only its text.
 */
function reasonOf(error: unknown, details: string | undefined): string | undefined {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  let code: string | undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') code = cause.code;
  code ??= /\b(E[A-Z]{2,}[A-Z_]*)\b/.exec(details ?? '')?.[1] ?? (/socket hang up/i.test(details ?? '') ? 'ECONNRESET' : undefined);
  return code === undefined ? undefined : (REASONS[code] ?? code);
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection closed before an answer',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
};

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
