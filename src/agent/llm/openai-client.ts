import { httpRequest } from '../../accounting/odoo/transport/http-post';
import { badResponse, count, modelName, refused, truncated, usage } from './llm-answer-body';
import { llmEndpoint, llmTarget } from './llm-config';
import { callJsonApi, type LlmHttp } from './llm-exchange';
import { isRecord, type LlmCallContext } from './llm-status-error';
import type { LlmAnswer, LlmClient, LlmConfig, LlmRequest } from './llm-types';

/**
 * OpenAI's chat completions, as OpenAI and the OpenAI-compatible servers
 * (vLLM, llama.cpp, Ollama, LM Studio, gateways) speak it:
 * `POST {baseUrl}/chat/completions`, where the base URL includes `/v1`.
 * The key goes as a bearer token, and not at all when it is empty: local
 * servers often need none. Build it with `createLlmClient`.
 */
export class OpenAiClient implements LlmClient {
  readonly provider = 'openai';
  readonly model: string;
  private readonly url: string;
  private readonly ctx: LlmCallContext;

  constructor(
    private readonly config: LlmConfig,
    private readonly http: LlmHttp = httpRequest,
  ) {
    this.model = config.model;
    this.url = llmEndpoint(config.baseUrl, '/chat/completions');
    this.ctx = { target: llmTarget(config.baseUrl), model: config.model, keySent: config.apiKey !== '' };
  }

  complete(request: LlmRequest): Promise<LlmAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.config.apiKey !== '') headers.authorization = `Bearer ${this.config.apiKey}`;
    const body = {
      model: this.config.model,
      max_tokens: this.config.maxTokens,
      // The agent wants the same answer to the same question, not variety.
      temperature: 0,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.user },
      ],
      // JSON mode needs the word "JSON" in the messages, else OpenAI answers 400.
      ...(request.json ? { response_format: { type: 'json_object' } } : {}),
    };
    const call = { http: this.http, ctx: this.ctx, apiKey: this.config.apiKey, url: this.url, headers, body, timeoutMs: this.config.timeoutMs };
    return callJsonApi(call, (answer, raw) => this.read(answer, raw));
  }

  /** `{choices: [{message: {content, refusal}, finish_reason}], model, usage}` → the first choice's text. */
  private read(completion: Record<string, unknown>, raw: string): LlmAnswer {
    const { choices } = completion;
    if (!Array.isArray(choices)) throw badResponse(this.ctx, choices === undefined ? 'no "choices"' : '"choices" is not a list', raw);
    const choice: unknown = choices[0];
    if (choice === undefined) throw badResponse(this.ctx, '"choices" is empty', raw);
    if (!isRecord(choice) || !isRecord(choice.message)) throw badResponse(this.ctx, 'the first choice has no message', raw);
    const { message } = choice;
    const stopReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
    const content = typeof message.content === 'string' ? message.content : undefined;
    if (typeof message.refusal === 'string' && message.refusal !== '') throw refused(this.ctx, 'refusal', message.refusal);
    if (stopReason === 'content_filter') throw refused(this.ctx, 'finish_reason content_filter', content);
    if (stopReason === 'length') throw truncated(this.ctx, this.config.maxTokens, 'finish_reason length', content ?? '');
    if (content === undefined) {
      throw badResponse(this.ctx, message.content === null || message.content === undefined ? 'the message has no content' : 'the message content is not text', raw);
    }
    const tokens = isRecord(completion.usage) ? completion.usage : {};
    return { text: content, model: modelName(completion.model, this.config.model), stopReason, ...usage(count(tokens.prompt_tokens), count(tokens.completion_tokens)) };
  }
}
