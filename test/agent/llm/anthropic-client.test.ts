/**
 * The Anthropic Messages client against the fake server over a real socket:
 * the request exactly as the API wants it, the answer read, and the endings
 * that are not a usable answer.
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

describe('a normal answer', () => {
  it('sends the Messages API request, with exactly these headers and body', async () => {
    fake.script({ kind: 'text', text: 'All invoices are paid.' });
    await clientFor(fake, 'anthropic').complete(QUESTION);
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe(fake.apiKey);
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.body).toEqual({ model: MODELS.anthropic, max_tokens: 256, system: QUESTION.system, messages: [{ role: 'user', content: QUESTION.user }] });
  });

  it('reads the text, the model, the stop reason and the token counts', async () => {
    fake.script({ kind: 'text', text: 'All invoices are paid.', model: 'claude-sonnet-4-5-20250929' });
    const client = clientFor(fake, 'anthropic');
    expect(client.provider).toBe('anthropic');
    expect(client.model).toBe(MODELS.anthropic);
    const answer = await client.complete(QUESTION);
    expect(answer).toEqual({ text: 'All invoices are paid.', model: 'claude-sonnet-4-5-20250929', stopReason: 'end_turn', inputTokens: expect.any(Number) as number, outputTokens: expect.any(Number) as number });
    expect(answer.inputTokens).toBeGreaterThan(0);
    expect(answer.outputTokens).toBeGreaterThan(0);
  });

  it('adds nothing Anthropic-specific when JSON is asked for (the prompt asks for it)', async () => {
    fake.script({ kind: 'text', text: '{"ok": true}' });
    const answer = await clientFor(fake, 'anthropic').complete({ ...QUESTION, user: 'Answer as a JSON object.', json: true });
    expect(answer.text).toBe('{"ok": true}');
    expect(fake.requests[0]?.body).toEqual({ model: MODELS.anthropic, max_tokens: 256, system: QUESTION.system, messages: [{ role: 'user', content: 'Answer as a JSON object.' }] });
  });

  it('joins the text blocks, skips other blocks, and does without usage', async () => {
    const content = [
      { type: 'thinking', thinking: 'Let me add them up.', signature: 'sig' },
      { type: 'text', text: 'Paid: 3. ' },
      { type: 'text', text: 'Overdue: 1.' },
    ];
    fake.script({ kind: 'raw', status: 200, body: JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', content, stop_reason: 'end_turn' }) });
    await expect(clientFor(fake, 'anthropic').complete(QUESTION)).resolves.toEqual({ text: 'Paid: 3. Overdue: 1.', model: 'claude-x', stopReason: 'end_turn' });
  });

  it('accepts a stop sequence as a normal end', async () => {
    fake.script({ kind: 'text', text: 'Done', stopReason: 'stop_sequence' });
    await expect(clientFor(fake, 'anthropic').complete(QUESTION)).resolves.toMatchObject({ text: 'Done', stopReason: 'stop_sequence' });
  });

  it.each([['', '/'], ['/v1', '/v1'], ['/v1/', '/v1//']])('base URL %j (or with trailing slashes) posts to /v1/messages', async (suffix, slashed) => {
    fake.script({ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' });
    await clientFor(fake, 'anthropic', { baseUrl: `${fake.url}${suffix}` }).complete(QUESTION);
    await clientFor(fake, 'anthropic', { baseUrl: `${fake.url}${slashed}` }).complete(QUESTION);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);
  });
});

describe('keys', () => {
  it('sends no x-api-key when the key is empty, for a server that needs none', async () => {
    const keyless = await startFakeLlm({ apiKey: '' });
    try {
      keyless.script({ kind: 'text', text: 'hello' });
      await expect(clientFor(keyless, 'anthropic', { apiKey: '' }).complete(QUESTION)).resolves.toMatchObject({ text: 'hello' });
      expect(keyless.requests[0]?.headers['x-api-key']).toBeUndefined();
    } finally {
      await keyless.close();
    }
  });

  it('an empty key against a server that needs one says no key was sent', async () => {
    const error = await llmFailure(clientFor(fake, 'anthropic', { apiKey: '' }).complete(QUESTION));
    expect(error.kind).toBe('bad_credentials');
    expect(error.describe()).toContain('No API key was sent: set LLM_API_KEY.');
  });
});

describe('answers that are not usable', () => {
  it('stop_reason max_tokens is truncated, not transient', async () => {
    fake.script({ kind: 'text', text: '{"rows": [1, 2', stopReason: 'max_tokens' });
    const error = await llmFailure(clientFor(fake, 'anthropic').complete(QUESTION));
    expect(error.kind).toBe('truncated');
    expect(error.transient).toBe(false);
    expect(error.message).toBe(`The answer of model "${MODELS.anthropic}" was cut off at the limit of 256 tokens (stop_reason max_tokens).`);
    expect(error.hint).toContain('Raise the maximum answer length');
    expect(error.details).toBe('{"rows": [1, 2');
  });

  it('stop_reason refusal is refused', async () => {
    fake.script({ kind: 'refusal' });
    const error = await llmFailure(clientFor(fake, 'anthropic').complete(QUESTION));
    expect(error.kind).toBe('refused');
    expect(error.transient).toBe(false);
    expect(error.message).toBe(`Model "${MODELS.anthropic}" declined to answer (stop_reason refusal).`);
  });

  it.each([
    ['no content', { type: 'message', model: 'm', stop_reason: 'end_turn' }, 'no "content"'],
    ['content that is not a list', { type: 'message', model: 'm', content: 'hello', stop_reason: 'end_turn' }, '"content" is not a list'],
    ['a block without a type', { type: 'message', model: 'm', content: [{ text: 'hi' }], stop_reason: 'end_turn' }, 'a content block has no type'],
    ['a text block without text', { type: 'message', model: 'm', content: [{ type: 'text' }], stop_reason: 'end_turn' }, 'a text block has no text'],
  ])('%s is a bad_response', async (_name, body, problem) => {
    fake.script({ kind: 'raw', status: 200, body: JSON.stringify(body) });
    const error = await llmFailure(clientFor(fake, 'anthropic').complete(QUESTION));
    expect(error.kind).toBe('bad_response');
    expect(error.transient).toBe(false);
    expect(error.message).toBe(`The LLM server at ${fake.url} sent an answer that cannot be read (${problem}).`);
  });
});
