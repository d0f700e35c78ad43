/**
 * OpenAI's chat completions as the test server speaks it: the bearer key
 * checked (and echoed back in full on a wrong one, which the real API does in
 * part, so the client's scrubbing is really tested), the body validated with
 * the real messages and codes, answers and `{error: {...}}` bodies in the real shape.
 */
import { isRecord, jsonAnswer, nextId, promptText, retryHeader, tokens, type ParsedBody, type WireAnswer, type WireFormat } from './wire-answer';

interface OpenAiError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

function errorBody(status: number, error: Partial<OpenAiError> & { message: string }, headers: Record<string, string> = {}): WireAnswer {
  const full: OpenAiError = { type: 'invalid_request_error', param: null, code: null, ...error };
  return jsonAnswer(status, { error: full }, { 'x-request-id': nextId('req_fake'), ...headers });
}

const invalid = (message: string, param: string | null = null, code: string | null = null): WireAnswer => errorBody(400, { message, param, code });

const wrongKey = (key: string): string => `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`;

const NO_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.";

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const KNOWN_FIELDS = new Set(['model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'n', 'stop', 'stream', 'response_format', 'seed', 'user', 'tools', 'tool_choice', 'presence_penalty', 'frequency_penalty', 'logprobs']);

function validate(body: unknown): WireAnswer | undefined {
  if (!isRecord(body)) return invalid("Invalid type for 'body': expected an object.", null, 'invalid_type');
  const extra = Object.keys(body).find((key) => !KNOWN_FIELDS.has(key));
  if (extra !== undefined) return invalid(`Unrecognized request argument supplied: ${extra}`);
  if (typeof body.model !== 'string' || body.model === '') return invalid('you must provide a model parameter');
  if (body.messages === undefined) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(body.messages)) return invalid("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (body.messages.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  for (const [index, message] of (body.messages as unknown[]).entries()) {
    if (!isRecord(message)) return invalid(`Invalid type for 'messages[${index}]': expected an object.`, `messages[${index}]`, 'invalid_type');
    if (typeof message.role !== 'string' || !ROLES.includes(message.role)) {
      return invalid(`Invalid value: '${String(message.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, `messages[${index}].role`, 'invalid_value');
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      return invalid(`Invalid type for 'messages[${index}].content': expected one of a string or array of objects.`, `messages[${index}].content`, 'invalid_type');
    }
  }
  if (body.max_tokens !== undefined) {
    if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens)) return invalid("Invalid type for 'max_tokens': expected an integer.", 'max_tokens', 'invalid_type');
    if (body.max_tokens < 1) return invalid(`Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got ${body.max_tokens} instead.`, 'max_tokens', 'integer_below_min_value');
  }
  if (body.temperature !== undefined && (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 2)) {
    return invalid("Invalid 'temperature': expected a number between 0 and 2.", 'temperature', 'invalid_value');
  }
  if (body.response_format !== undefined) {
    const type = isRecord(body.response_format) ? body.response_format.type : undefined;
    if (type !== 'text' && type !== 'json_object' && type !== 'json_schema') {
      return invalid(`Invalid value: '${String(type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, 'response_format.type', 'invalid_value');
    }
    if (type === 'json_object' && !/json/i.test(promptText(body))) {
      return invalid("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
    }
  }
  return undefined;
}

const DEFAULTS: Record<number, Omit<OpenAiError, 'param'>> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  403: { message: 'You are not allowed to sample from this model', type: 'invalid_request_error', code: null },
  429: { message: 'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later', type: 'server_error', code: null },
};

export const openaiWire: WireFormat = {
  refuse(headers: Record<string, string>, body: ParsedBody, apiKey: string): WireAnswer | undefined {
    if (apiKey !== '') {
      const match = /^Bearer\s+(.*)$/i.exec(headers.authorization ?? '');
      if (!match) return errorBody(401, { message: NO_KEY });
      if (match[1] !== apiKey) return errorBody(401, { message: wrongKey(match[1] ?? ''), code: 'invalid_api_key' });
    }
    if (!body.json) {
      return invalid("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
    }
    return validate(body.value);
  },

  text(text, stopReason, model, body) {
    const promptTokens = tokens(promptText(body));
    const completionTokens = tokens(text);
    return jsonAnswer(200, {
      id: nextId('chatcmpl-fake'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: model ?? body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: stopReason ?? 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      system_fingerprint: null,
    });
  },

  error(status, overrides, body, apiKey) {
    const fallback =
      status === 401
        ? { message: wrongKey(apiKey), type: 'invalid_request_error', code: 'invalid_api_key' }
        : status === 404
          ? { message: `The model \`${String(body.model)}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' }
          : (DEFAULTS[status] ?? { message: `HTTP ${status}`, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null });
    const error = { message: overrides.message ?? fallback.message, type: overrides.type ?? fallback.type, code: overrides.code ?? fallback.code };
    return errorBody(status, error, retryHeader(overrides.retryAfter));
  },

  refusal(body) {
    return jsonAnswer(200, {
      id: nextId('chatcmpl-fake'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that.", annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: tokens(promptText(body)), completion_tokens: 9, total_tokens: tokens(promptText(body)) + 9 },
      system_fingerprint: null,
    });
  },
};
