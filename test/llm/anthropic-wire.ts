/**
 * Anthropic's Messages API as the test server speaks it: `x-api-key` and
 * `anthropic-version` checked, the body validated (unknown fields are
 * refused, as the real API does), answers and `{type: 'error', error}`
 * bodies in the real shape.
 */
import { isRecord, jsonAnswer, nextId, promptText, retryHeader, tokens, type ParsedBody, type WireAnswer, type WireFormat } from './wire-answer';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const DEFAULT_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'This request would exceed the rate limit for your organization of 50 requests per minute.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

const KNOWN_FIELDS = new Set(['model', 'messages', 'max_tokens', 'system', 'metadata', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k', 'tools', 'tool_choice', 'thinking', 'service_tier']);

function errorBody(status: number, type: string, message: string, headers: Record<string, string> = {}): WireAnswer {
  const requestId = nextId('req_fake');
  return jsonAnswer(status, { type: 'error', error: { type, message }, request_id: requestId }, { 'request-id': requestId, ...headers });
}

const invalid = (message: string): WireAnswer => errorBody(400, 'invalid_request_error', message);

function validate(body: unknown): WireAnswer | undefined {
  if (!isRecord(body)) return invalid('Input should be a valid dictionary');
  const extra = Object.keys(body).find((key) => !KNOWN_FIELDS.has(key));
  if (extra !== undefined) return invalid(`${extra}: Extra inputs are not permitted`);
  if (body.model === undefined) return invalid('model: Field required');
  if (typeof body.model !== 'string') return invalid('model: Input should be a valid string');
  if (body.max_tokens === undefined) return invalid('max_tokens: Field required');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens)) return invalid('max_tokens: Input should be a valid integer');
  if (body.max_tokens < 1) return invalid('max_tokens: Input should be greater than or equal to 1');
  if (body.messages === undefined) return invalid('messages: Field required');
  if (!Array.isArray(body.messages)) return invalid('messages: Input should be a valid list');
  if (body.messages.length === 0) return invalid('messages: at least one message is required');
  for (const [index, message] of (body.messages as unknown[]).entries()) {
    if (!isRecord(message)) return invalid(`messages.${index}: Input should be a valid dictionary`);
    if (message.role !== 'user' && message.role !== 'assistant') return invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) return invalid(`messages.${index}.content: Input should be a valid list`);
  }
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) return invalid('system: Input should be a valid list');
  return undefined;
}

export const anthropicWire: WireFormat = {
  refuse(headers: Record<string, string>, body: ParsedBody, apiKey: string): WireAnswer | undefined {
    if (apiKey !== '') {
      const given = headers['x-api-key'];
      if (given === undefined || given === '') return errorBody(401, 'authentication_error', 'x-api-key header is required');
      if (given !== apiKey) return errorBody(401, 'authentication_error', 'invalid x-api-key');
    }
    if (!headers['anthropic-version']) return invalid('anthropic-version: header is required');
    if (!body.json) return invalid('There was an issue with the format or content of your request: the body is not valid JSON.');
    return validate(body.value);
  },

  text(text, stopReason, model, body) {
    return jsonAnswer(200, {
      id: nextId('msg_fake'),
      type: 'message',
      role: 'assistant',
      model: model ?? body.model,
      content: [{ type: 'text', text }],
      stop_reason: stopReason ?? 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: tokens(promptText(body)), output_tokens: tokens(text) },
    });
  },

  error(status, overrides, body) {
    const type = overrides.type ?? ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    const message = overrides.message ?? (status === 404 ? `model: ${String(body.model)}` : (DEFAULT_MESSAGES[type] ?? 'Error'));
    return errorBody(status, type, message, retryHeader(overrides.retryAfter));
  },

  refusal(body) {
    return jsonAnswer(200, {
      id: nextId('msg_fake'),
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [],
      stop_reason: 'refusal',
      stop_sequence: null,
      usage: { input_tokens: tokens(promptText(body)), output_tokens: 0 },
    });
  },
};
