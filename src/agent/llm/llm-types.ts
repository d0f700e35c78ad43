/**
 * The shapes shared by every LLM client: its settings, one question, one
 * answer. The agent talks to `LlmClient` and never to a wire format.
 */

export type LlmProvider = 'anthropic' | 'openai';

export interface LlmConfig {
  /** `anthropic` speaks the Messages API; `openai` any OpenAI-compatible chat completions server. */
  provider: LlmProvider;
  /** e.g. https://api.anthropic.com or https://api.openai.com/v1 or http://127.0.0.1:8080/v1 */
  baseUrl: string;
  model: string;
  /** May be empty for local servers that need no key. Never shown in any message. */
  apiKey: string;
  /** Deadline for the whole exchange (connect, wait, read), in milliseconds. */
  timeoutMs: number;
  /** Upper bound on the length of the answer, in tokens. */
  maxTokens: number;
}

export interface LlmRequest {
  system: string;
  user: string;
  /**
   * Ask for a JSON object answer where the API supports it (OpenAI's
   * `response_format`, which needs the word "JSON" somewhere in the prompt).
   * Anthropic has no such switch: the prompt must ask for JSON itself.
   */
  json?: boolean;
}

export interface LlmAnswer {
  /** The answer's text blocks, joined. */
  text: string;
  /** The model that answered, as the server names it (may be a dated version of the one asked for). */
  model: string;
  /** The server's own word for why the answer ended (`end_turn`, `stop`, …). */
  stopReason: string | null;
  inputTokens?: number;
  outputTokens?: number;
}

export interface LlmClient {
  readonly provider: LlmProvider;
  readonly model: string;
  /** One request, one HTTP exchange, no retries: rejects with an `LlmError` (see `transient`). */
  complete(request: LlmRequest): Promise<LlmAnswer>;
}
