/**
 * The OpenAI-compatible chat completions client against the fake server over
 * a real socket: the request exactly as the API wants it, JSON mode, keyless
 * local servers, and the endings that are not a usable answer.
 */
import { startFakeLlm } from '../../llm/fake-llm-server';
import type { FakeLlm } from '../../llm/fake-llm-types';
import { clientFor, llmFailure, MODELS } from './llm-test-kit';

let fake: FakeLlm;

beforeEach(async () => {
  fake = await startFakeLlm();
});
afterEach(async () => {
  await fake.close();
});

const QUESTION = { system: 'You are a bookkeeper.', user: 'Summarise the week.' };
const MESSAGES = [
  { role: 'system', content: QUESTION.system },
  { role: 'user', content: QUESTION.user },
];

describe('a normal answer', () => {
  it('sends the chat completions request, with exactly these headers and body', async () => {
    fake.script({ kind: 'text', text: 'All invoices are paid.' });
    await clientFor(fake, 'openai').complete(QUESTION);
    const [sent] = fake.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['x-api-key']).toBeUndefined();
    expect(sent?.body).toEqual({ model: MODELS.openai, max_tokens: 256, temperature: 0, messages: MESSAGES });
    expect(sent?.body).not.toHaveProperty('response_format');
  });

  it('reads the text, the model, the finish reason and the token counts', async () => {
    fake.script({ kind: 'text', text: 'All invoices are paid.', model: 'gpt-4o-mini-2024-07-18' });
    const client = clientFor(fake, 'openai');
    expect(client.provider).toBe('openai');
    expect(client.model).toBe(MODELS.openai);
    const answer = await client.complete(QUESTION);
    expect(answer).toEqual({ text: 'All invoices are paid.', model: 'gpt-4o-mini-2024-07-18', stopReason: 'stop', inputTokens: expect.any(Number) as number, outputTokens: expect.any(Number) as number });
    expect(answer.inputTokens).toBeGreaterThan(0);
  });

  it('asks for a JSON object with response_format only when json is set', async () => {
    fake.script({ kind: 'text', text: '{"ok": true}' });
    const question = { system: 'Answer in JSON.', user: 'Is all paid?', json: true };
    await expect(clientFor(fake, 'openai').complete(question)).resolves.toMatchObject({ text: '{"ok": true}' });
    expect(fake.requests[0]?.body).toEqual({
      model: MODELS.openai,
      max_tokens: 256,
      temperature: 0,
      messages: [
        { role: 'system', content: 'Answer in JSON.' },
        { role: 'user', content: 'Is all paid?' },
      ],
      response_format: { type: 'json_object' },
    });
  });

  it('JSON mode without the word JSON in the prompt is refused by the server as a bad_request', async () => {
    const error = await llmFailure(clientFor(fake, 'openai').complete({ ...QUESTION, json: true }));
    expect(error.kind).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.message).toContain("'messages' must contain the word 'json' in some form");
  });

  it('a compatible server that leaves out model, usage and finish_reason still answers', async () => {
    fake.script({ kind: 'raw', status: 200, body: JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: null }] }) });
    await expect(clientFor(fake, 'openai').complete(QUESTION)).resolves.toEqual({ text: 'hi', model: MODELS.openai, stopReason: null });
  });

  it.each(['/v1/', '/v1//'])('base URL ending in %j posts to /v1/chat/completions', async (suffix) => {
    fake.script({ kind: 'text', text: 'a' });
    await clientFor(fake, 'openai', { baseUrl: `${fake.url}${suffix}` }).complete(QUESTION);
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('a base URL without /v1 misses the endpoint: not_found, with a hint about /v1', async () => {
    const error = await llmFailure(clientFor(fake, 'openai', { baseUrl: fake.url }).complete(QUESTION));
    expect(fake.requests[0]?.path).toBe('/chat/completions');
    expect(error.kind).toBe('not_found');
    expect(error.hint).toContain('usually ends in /v1');
  });
});

describe('keys', () => {
  it('sends no Authorization header when the key is empty, for a local server', async () => {
    const keyless = await startFakeLlm({ apiKey: '' });
    try {
      keyless.script({ kind: 'text', text: 'hello' });
      await expect(clientFor(keyless, 'openai', { apiKey: '' }).complete(QUESTION)).resolves.toMatchObject({ text: 'hello' });
      expect(keyless.requests[0]?.headers).not.toHaveProperty('authorization');
    } finally {
      await keyless.close();
    }
  });

  it('an empty key against a server that needs one says no key was sent', async () => {
    const error = await llmFailure(clientFor(fake, 'openai', { apiKey: '' }).complete(QUESTION));
    expect(error.kind).toBe('bad_credentials');
    expect(error.hint).toBe('No API key was sent: set LLM_API_KEY.');
  });
});

describe('answers that are not usable', () => {
  it('finish_reason length is truncated', async () => {
    fake.script({ kind: 'text', text: 'The week was', stopReason: 'length' });
    const error = await llmFailure(clientFor(fake, 'openai', { maxTokens: 3 }).complete(QUESTION));
    expect(error.kind).toBe('truncated');
    expect(error.transient).toBe(false);
    expect(error.message).toBe(`The answer of model "${MODELS.openai}" was cut off at the limit of 3 tokens (finish_reason length).`);
  });

  it('message.refusal is refused, with the refusal kept in the details', async () => {
    fake.script({ kind: 'refusal' });
    const error = await llmFailure(clientFor(fake, 'openai').complete(QUESTION));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(`Model "${MODELS.openai}" declined to answer (refusal).`);
    expect(error.details).toBe("I'm sorry, I can't help with that.");
  });

  it('finish_reason content_filter is refused', async () => {
    fake.script({ kind: 'text', text: '', stopReason: 'content_filter' });
    const error = await llmFailure(clientFor(fake, 'openai').complete(QUESTION));
    expect(error.kind).toBe('refused');
    expect(error.message).toContain('finish_reason content_filter');
  });

  it.each([
    ['no choices', { object: 'chat.completion', model: 'm' }, 'no "choices"'],
    ['choices that are not a list', { object: 'chat.completion', choices: {} }, '"choices" is not a list'],
    ['empty choices', { object: 'chat.completion', choices: [] }, '"choices" is empty'],
    ['a choice without a message', { choices: [{ index: 0, finish_reason: 'stop' }] }, 'the first choice has no message'],
    ['null content', { choices: [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'stop' }] }, 'the message has no content'],
    ['content that is not text', { choices: [{ index: 0, message: { role: 'assistant', content: 42 }, finish_reason: 'stop' }] }, 'the message content is not text'],
  ])('%s is a bad_response', async (_name, body, problem) => {
    fake.script({ kind: 'raw', status: 200, body: JSON.stringify(body) });
    const error = await llmFailure(clientFor(fake, 'openai').complete(QUESTION));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toBe(`The LLM server at ${fake.url}/v1 sent an answer that cannot be read (${problem}).`);
  });
});
