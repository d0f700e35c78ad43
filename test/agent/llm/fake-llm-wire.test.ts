/**
 * The test LLM server itself, over plain fetch: it checks headers and bodies
 * the way the real APIs do and answers in their shapes, so the client tests
 * prove something about the real services.
 */
import { startFakeLlm } from '../../llm/fake-llm-server';
import type { FakeLlm } from '../../llm/fake-llm-types';

let fake: FakeLlm;

beforeEach(async () => {
  fake = await startFakeLlm();
});
afterEach(async () => {
  await fake.close();
});

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe('Anthropic /v1/messages', () => {
  const headers = () => ({ 'x-api-key': fake.apiKey, 'anthropic-version': '2023-06-01' });
  const valid = { model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };
  const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: expect.stringMatching(/^req_/) as string });

  it.each([
    ['no key', { 'anthropic-version': '2023-06-01' }, 401, 'authentication_error', 'x-api-key header is required'],
    ['a wrong key', { 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' }, 401, 'authentication_error', 'invalid x-api-key'],
  ])('%s is a 401', async (_name, sent, status, type, message) => {
    const answer = await post('/v1/messages', sent, valid);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual(anthropicError(type, message));
  });

  it.each([
    ['no anthropic-version', 'anthropic-version: header is required', null],
    ['no model', 'model: Field required', { max_tokens: 10, messages: [] }],
    ['no max_tokens', 'max_tokens: Field required', { model: 'm', messages: [] }],
    ['no messages', 'messages: Field required', { model: 'm', max_tokens: 10 }],
    ['empty messages', 'messages: at least one message is required', { model: 'm', max_tokens: 10, messages: [] }],
    ['a system message in messages', "messages.0.role: Input should be 'user' or 'assistant'", { model: 'm', max_tokens: 10, messages: [{ role: 'system', content: 'x' }] }],
    ['an OpenAI-only field', 'response_format: Extra inputs are not permitted', { ...valid, response_format: { type: 'json_object' } }],
  ])('%s is a 400 invalid_request_error', async (name, message, body) => {
    const sent: Record<string, string> = name === 'no anthropic-version' ? { 'x-api-key': fake.apiKey } : headers();
    const answer = await post('/v1/messages', sent, body ?? valid);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(anthropicError('invalid_request_error', message));
  });

  it('refused requests use up no scripted answer; an empty script answers 500', async () => {
    fake.script({ kind: 'text', text: 'Hello' });
    await post('/v1/messages', {}, valid);
    const ok = await post('/v1/messages', headers(), valid);
    expect(ok.json).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-x', content: [{ type: 'text', text: 'Hello' }], stop_reason: 'end_turn', stop_sequence: null });
    const empty = await post('/v1/messages', headers(), valid);
    expect(empty.status).toBe(500);
    expect(empty.json).toEqual(anthropicError('api_error', 'fake-llm: no answer was scripted for this request'));
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages', '/v1/messages']);
  });

  it('scripted errors carry the status, the type and retry-after', async () => {
    fake.script({ kind: 'error', status: 529, retryAfter: 5 });
    const answer = await post('/v1/messages', headers(), valid);
    expect(answer.status).toBe(529);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.json).toEqual(anthropicError('overloaded_error', 'Overloaded'));
  });
});

describe('OpenAI /v1/chat/completions', () => {
  const headers = () => ({ authorization: `Bearer ${fake.apiKey}` });
  const valid = { model: 'gpt-x', messages: [{ role: 'user', content: 'Hi' }] };

  it('no key and a wrong key are 401s; a wrong key is echoed back', async () => {
    const none = await post('/v1/chat/completions', {}, valid);
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: { type: 'invalid_request_error', code: null, message: expect.stringContaining("You didn't provide an API key") as string } });
    const wrong = await post('/v1/chat/completions', { authorization: 'Bearer sk-wrong-1234' }, valid);
    expect(wrong.json).toEqual({ error: { message: expect.stringContaining('Incorrect API key provided: sk-wrong-1234.') as string, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
  });

  it.each([
    ['no model', { messages: [] }, 'you must provide a model parameter', null, null],
    ['no messages', { model: 'm' }, "Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter'],
    ['empty messages', { model: 'm', messages: [] }, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array'],
    ['JSON mode without the word', { ...valid, response_format: { type: 'json_object' } }, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages', null],
    ['an Anthropic-only field', { ...valid, system: 'x' }, 'Unrecognized request argument supplied: system', null, null],
  ])('%s is a 400', async (_name, body, message, param, code) => {
    const answer = await post('/v1/chat/completions', headers(), body);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { message, type: 'invalid_request_error', param, code } });
  });

  it('a body that is not JSON is a 400', async () => {
    const answer = await post('/v1/chat/completions', headers(), '{"model":');
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { message: expect.stringContaining('We could not parse the JSON body') as string } });
  });

  it('answers in the chat.completion shape, and refusals with message.refusal', async () => {
    fake.script({ kind: 'text', text: 'Hello' }, { kind: 'refusal' });
    const ok = await post('/v1/chat/completions', headers(), valid);
    expect(ok.json).toMatchObject({ object: 'chat.completion', model: 'gpt-x', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, finish_reason: 'stop' }] });
    const refusal = await post('/v1/chat/completions', headers(), valid);
    expect(refusal.json).toMatchObject({ choices: [{ message: { content: null, refusal: expect.any(String) as string }, finish_reason: 'stop' }] });
  });

  it('an unknown path is a 404 in OpenAI shape', async () => {
    const answer = await post('/v1/completions', headers(), valid);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { message: 'Invalid URL (POST /v1/completions)', type: 'invalid_request_error', param: null, code: null } });
  });
});

it('close() does not wait for a scripted delay', async () => {
  fake.script({ kind: 'delay', ms: 60_000, then: { kind: 'text', text: 'late' } });
  const pending = fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${fake.apiKey}` }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) });
  while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const started = Date.now();
  await fake.close();
  await expect(pending).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(1000);
  fake = await startFakeLlm();
});
