import { httpRequest } from '../../accounting/odoo/transport/http-post';
import { badResponse, count, modelName, refused, truncated, usage } from './llm-answer-body';
import { llmEndpoint, llmTarget } from './llm-config';
import { callJsonApi, type LlmHttp } from './llm-exchange';
import type { LlmCallContext } from './llm-status-error';
import type { LlmAnswer, LlmClient, LlmConfig, LlmRequest } from './llm-types';

/** The Messages API version this client speaks (the only one Anthropic has published). */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic's Messages API: `POST {baseUrl}/v1/messages`, the key in
 * `x-api-key`. There is no JSON mode, and no prefilled answer: a JSON answer
 * is asked for in the prompt. Build it with `createLlmClient`, which checks
 * the config first.
 */
export class AnthropicClient implements LlmClient {
  readonly provider = 'anthropic';
  readonly model: string;
  private readonly url: string;
  private readonly ctx: LlmCallContext;

  constructor(
    private readonly config: LlmConfig,
    private readonly http: LlmHttp = httpRequest,
  ) {
    this.model = config.model;
    // The base URL may or may not already name the API version.
    const base = config.baseUrl.replace(/\/+$/, '');
    this.url = llmEndpoint(base, base.endsWith('/v1') ? '/messages' : '/v1/messages');
    this.ctx = { target: llmTarget(config.baseUrl), model: config.model, keySent: config.apiKey !== '' };
  }

  complete(request: LlmRequest): Promise<LlmAnswer> {
    const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json' };
    if (this.config.apiKey !== '') headers['x-api-key'] = this.config.apiKey;
    const body = {
      model: this.config.model,
      max_tokens: this.config.maxTokens,
      system: request.system,
      messages: [{ role: 'user', content: request.user }],
    };
    const call = { http: this.http, ctx: this.ctx, apiKey: this.config.apiKey, url: this.url, headers, body, timeoutMs: this.config.timeoutMs };
    return callJsonApi(call, (answer, raw) => this.read(answer, raw));
  }

  /** `{content: [{type: 'text', text}, …], stop_reason, model, usage}` → the joined text blocks. */
  private read(message: Record<string, unknown>, raw: string): LlmAnswer {
    const { content } = message;
    if (!Array.isArray(content)) throw badResponse(this.ctx, content === undefined ? 'no "content"' : '"content" is not a list', raw);
    const parts: string[] = [];
    for (const block of content as unknown[]) {
      if (typeof block !== 'object' || block === null || !('type' in block)) throw badResponse(this.ctx, 'a content block has no type', raw);
      // Other blocks (thinking, tool use) are not part of the answer's text.
      if (block.type !== 'text') continue;
      if (!('text' in block) || typeof block.text !== 'string') throw badResponse(this.ctx, 'a text block has no text', raw);
      parts.push(block.text);
    }
    const text = parts.join('');
    const stopReason = typeof message.stop_reason === 'string' ? message.stop_reason : null;
    if (stopReason === 'refusal') throw refused(this.ctx, 'stop_reason refusal', text || undefined);
    if (stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded') {
      throw truncated(this.ctx, this.config.maxTokens, `stop_reason ${stopReason}`, text);
    }
    const tokens = typeof message.usage === 'object' && message.usage !== null ? (message.usage as Record<string, unknown>) : {};
    return { text, model: modelName(message.model, this.config.model), stopReason, ...usage(count(tokens.input_tokens), count(tokens.output_tokens)) };
  }
}
