/**
 * The public face of the test LLM server (`fake-llm-server.ts`): one server
 * on 127.0.0.1 that speaks both Anthropic's Messages API
 * (`POST /v1/messages`) and OpenAI's chat completions
 * (`POST /v1/chat/completions`), with their real headers, request checks,
 * answers and error shapes. What the "model" says is scripted by the test.
 */

export interface FakeLlmOptions {
  /** The key both endpoints accept; default `sk-fake-llm-0123456789abcdef`. Empty: no key is checked (a local server). */
  apiKey?: string;
  /** What a request gets when the script is empty; default a 500 saying no answer was scripted. */
  fallback?: FakeLlmAnswer;
}

/**
 * What the next request that reaches the "model" gets. Requests refused
 * before that (wrong key, invalid body, unknown path) do not use up an answer.
 */
export type FakeLlmAnswer =
  /** A normal answer, in the format of the endpoint hit; `model` overrides the echoed model name. */
  | { kind: 'text'; text: string; stopReason?: string; model?: string }
  /** An error in the endpoint's error shape; `type` and `message` default to what the real API says for `status`. */
  | { kind: 'error'; status: number; type?: string; message?: string; code?: string; retryAfter?: number }
  /** Exactly this body (malformed answers); `contentType` defaults to `application/json`. */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /** Wait, then answer `then` (for timeouts); cancelled by `close()`. */
  | { kind: 'delay'; ms: number; then: FakeLlmAnswer }
  /** Destroy the socket without answering. */
  | { kind: 'reset' }
  /** Anthropic `stop_reason: 'refusal'` / OpenAI `message.refusal`. */
  | { kind: 'refusal' };

export interface FakeLlmRequest {
  /** `/v1/messages`, `/v1/chat/completions`, … */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export interface FakeLlm {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly apiKey: string;
  /** Queue answers; each request takes the next one; when the queue is empty, `fallback` is used. */
  script(...answers: FakeLlmAnswer[]): void;
  /** Every request received, in order (refused ones too). */
  readonly requests: FakeLlmRequest[];
  /** Stops listening, destroys open sockets and cancels pending delays. */
  close(): Promise<void>;
}
