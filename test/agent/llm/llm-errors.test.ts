/**
 * Every way an LLM exchange goes wrong, for both providers: the kind, the
 * transient flag, a message that says what to fix, and never the API key,
 * even when the server echoes it back.
 */
import type { LlmError } from '../../../src/agent/llm/llm-error';
import type { LlmProvider } from '../../../src/agent/llm/llm-types';
import { startFakeLlm } from '../../llm/fake-llm-server';
import type { FakeLlm } from '../../llm/fake-llm-types';
import { closedPort } from '../../support/ports';
import { clientFor, everything, llmFailure, PROVIDERS } from './llm-test-kit';

const QUESTION = { system: 'You are a bookkeeper.', user: 'Summarise the week.' };
const WRONG_KEY = 'sk-wrong-key-5f3e9a71c2';

/** Every error seen in this file, checked for the keys at the end. */
const seen: LlmError[] = [];
let keys: string[] = [WRONG_KEY];

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await llmFailure(promise);
  seen.push(error);
  return error;
}

afterAll(() => {
  expect(seen.length).toBeGreaterThan(50);
  for (const error of seen) {
    for (const key of keys) expect(everything(error)).not.toContain(key);
  }
});

describe.each(PROVIDERS)('%s', (provider: LlmProvider) => {
  let fake: FakeLlm;
  const target = () => (provider === 'anthropic' ? fake.url : `${fake.url}/v1`);

  beforeEach(async () => {
    fake = await startFakeLlm();
    keys = [...keys, fake.apiKey];
  });
  afterEach(async () => {
    await fake.close();
  });

  describe('HTTP errors', () => {
    it.each([
      [400, 'bad_request', false],
      [401, 'bad_credentials', false],
      [402, 'permission', false],
      [403, 'permission', false],
      [404, 'not_found', false],
      [413, 'bad_request', false],
      [422, 'bad_request', false],
      [429, 'rate_limited', true],
      [500, 'server_error', true],
      [502, 'server_error', true],
      [503, 'overloaded', true],
      [504, 'server_error', true],
      [529, 'overloaded', true],
    ])('HTTP %i is %s (transient: %s)', async (status, kind, transient) => {
      fake.script({ kind: 'error', status });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.kind).toBe(kind);
      expect(error.transient).toBe(transient);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`The LLM server at ${target()}`);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.hint).toBeTruthy();
      expect(error.details).toContain(`HTTP ${status}`);
    });

    it("a wrong key is bad_credentials, and the key the server echoes is masked", async () => {
      const error = await failure(clientFor(fake, provider, { apiKey: WRONG_KEY }).complete(QUESTION));
      expect(error.kind).toBe('bad_credentials');
      expect(error.transient).toBe(false);
      expect(error.describe()).toMatch(/^The LLM server at \S+ refused the API key \(HTTP 401: .*\)\. Check LLM_API_KEY\.$/);
      if (provider === 'openai') expect(error.message).toContain('Incorrect API key provided: [REDACTED].');
    });

    it('a scripted 401 that echoes the configured key is masked too', async () => {
      fake.script({ kind: 'error', status: 401, message: `invalid key ${fake.apiKey} (${fake.apiKey})` });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.message).toContain('invalid key [REDACTED] ([REDACTED])');
      expect(error.details).toContain('[REDACTED]');
    });

    it('the server message is quoted, on one line', async () => {
      fake.script({ kind: 'error', status: 400, message: 'max_tokens: 999999 > 64000, which is the maximum\nallowed for this model' });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.message).toBe(`The LLM server at ${target()} rejected the request (HTTP 400: max_tokens: 999999 > 64000, which is the maximum).`);
    });

    it('retry-after is read on 429 and 529', async () => {
      fake.script({ kind: 'error', status: 429, retryAfter: 17 }, { kind: 'error', status: 529, retryAfter: 3 });
      const limited = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(limited.retryAfterSeconds).toBe(17);
      expect(limited.hint).toBe('Wait 17 s and try again.');
      const overloaded = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(overloaded.retryAfterSeconds).toBe(3);
    });

    it('a used-up quota (429 insufficient_quota) is rate_limited but not transient', async () => {
      fake.script({ kind: 'error', status: 429, type: 'insufficient_quota', code: 'insufficient_quota', message: 'You exceeded your current quota.' });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.kind).toBe('rate_limited');
      expect(error.transient).toBe(false);
      expect(error.hint).toContain('billing');
    });

    it("a proxy's HTML error page is classified by its status", async () => {
      fake.script({ kind: 'raw', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error).toMatchObject({ kind: 'server_error', transient: true, status: 502 });
      expect(error.message).toBe(`The LLM server at ${target()} failed (HTTP 502).`);
    });

    it('a redirect is a bad_response pointing at the base URL', async () => {
      fake.script({ kind: 'raw', status: 301, body: '' });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error).toMatchObject({ kind: 'bad_response', transient: false, status: 301 });
      expect(error.hint).toBe('Check the LLM base URL.');
    });
  });

  describe('malformed answers', () => {
    it.each([
      ['a body that is not JSON', '{"id": "msg_1", "content": [', 'application/json', 'not JSON, but application/json'],
      ['an HTML page', '<!doctype html><h1>Welcome</h1>', 'text/html; charset=utf-8', 'not JSON, but text/html'],
      ['a JSON list', '[1, 2]', 'application/json', 'not a JSON object'],
      ['JSON null', 'null', 'application/json', 'not a JSON object'],
    ])('%s is a bad_response', async (_name, body, contentType, problem) => {
      fake.script({ kind: 'raw', status: 200, body, contentType });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.kind).toBe('bad_response');
      expect(error.transient).toBe(false);
      expect(error.message).toBe(`The LLM server at ${target()} sent an answer that cannot be read (${problem}).`);
      expect(error.details).toBe(body);
    });

    it("the other provider's answer is a bad_response", async () => {
      const other = provider === 'anthropic' ? { choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }] } : { type: 'message', content: [{ type: 'text', text: 'hi' }] };
      fake.script({ kind: 'raw', status: 200, body: JSON.stringify(other) });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.kind).toBe('bad_response');
      expect(error.hint).toContain('provider setting');
    });
  });

  describe('network', () => {
    it('no answer within the timeout is a transient timeout, and the test does not wait for the server', async () => {
      fake.script({ kind: 'delay', ms: 2000, then: { kind: 'text', text: 'too late' } });
      const started = Date.now();
      const error = await failure(clientFor(fake, provider, { timeoutMs: 200 }).complete(QUESTION));
      expect(Date.now() - started).toBeLessThan(1500);
      expect(error.kind).toBe('timeout');
      expect(error.transient).toBe(true);
      expect(error.status).toBeUndefined();
      expect(error.message).toBe(`The LLM server at ${target()} did not answer within 200 ms.`);
      expect(error.hint).toContain('raise the LLM timeout');
    });

    it('a reset connection is unreachable and transient', async () => {
      fake.script({ kind: 'reset' });
      const error = await failure(clientFor(fake, provider).complete(QUESTION));
      expect(error.kind).toBe('unreachable');
      expect(error.transient).toBe(true);
      expect(error.message).toBe(`Could not reach the LLM server at ${target()} (connection closed before an answer).`);
    });

    it('a closed port is unreachable: connection refused', async () => {
      const port = await closedPort();
      const error = await failure(clientFor(fake, provider, { baseUrl: `http://127.0.0.1:${port}/v1` }).complete(QUESTION));
      expect(error.kind).toBe('unreachable');
      expect(error.transient).toBe(true);
      expect(error.message).toBe(`Could not reach the LLM server at http://127.0.0.1:${port}/v1 (connection refused).`);
      expect(error.hint).toContain('Check the LLM base URL');
    });

    it('credentials in the base URL are not shown', async () => {
      const port = await closedPort();
      const error = await failure(clientFor(fake, provider, { baseUrl: `http://bob:hunter2-secret@127.0.0.1:${port}/v1` }).complete(QUESTION));
      expect(error.message).toContain(`http://127.0.0.1:${port}/v1`);
      expect(everything(error)).not.toContain('hunter2-secret');
    });
  });
});
