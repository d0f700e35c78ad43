/**
 * createLlmClient: the client for the provider, and settings that cannot work
 * reported before any request, naming the field and never the key.
 */
import { AnthropicClient } from '../../../src/agent/llm/anthropic-client';
import { createLlmClient } from '../../../src/agent/llm/create-llm-client';
import { LlmConfigError } from '../../../src/agent/llm/llm-config';
import type { LlmConfig } from '../../../src/agent/llm/llm-types';
import { OpenAiClient } from '../../../src/agent/llm/openai-client';
import type { HttpRequest, HttpResponse } from '../../../src/accounting/odoo/transport/http-post';

const KEY = 'sk-config-secret-8c1d2e3f';
const VALID: LlmConfig = { provider: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', model: 'llama-3.1-8b', apiKey: KEY, timeoutMs: 30000, maxTokens: 1024 };

function configError(config: unknown): LlmConfigError {
  try {
    createLlmClient(config as LlmConfig);
  } catch (error) {
    if (error instanceof LlmConfigError) return error;
    throw new Error(`expected an LlmConfigError, got ${String(error)}`);
  }
  throw new Error('expected createLlmClient to throw');
}

describe('createLlmClient', () => {
  it('builds the client of the provider', () => {
    expect(createLlmClient(VALID)).toBeInstanceOf(OpenAiClient);
    const anthropic = createLlmClient({ ...VALID, provider: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'claude-haiku-4-5' });
    expect(anthropic).toBeInstanceOf(AnthropicClient);
    expect(anthropic.provider).toBe('anthropic');
    expect(anthropic.model).toBe('claude-haiku-4-5');
  });

  it('sends through the given http seam, once per request, with the config as it was when created', async () => {
    const sent: HttpRequest[] = [];
    const http = (request: HttpRequest): Promise<HttpResponse> => {
      sent.push(request);
      const body = JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], model: 'm' });
      return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body });
    };
    const config = { ...VALID };
    const client = createLlmClient(config, { http });
    config.model = 'changed-later';
    await expect(client.complete({ system: 's', user: 'u' })).resolves.toMatchObject({ text: 'ok' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: 'http://127.0.0.1:8080/v1/chat/completions', method: 'POST', timeoutMs: 30000 });
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({ model: 'llama-3.1-8b' });
  });

  it('a seam that fails with a plain error is unreachable', async () => {
    const http = () => Promise.reject(new Error('boom'));
    await expect(createLlmClient(VALID, { http }).complete({ system: 's', user: 'u' })).rejects.toMatchObject({ kind: 'unreachable', transient: true });
  });

  it('accepts an empty key (local servers)', () => {
    expect(() => createLlmClient({ ...VALID, apiKey: '' })).not.toThrow();
  });
});

describe('config validation', () => {
  it.each([
    ['provider', { provider: 'gemini' }, 'The LLM setting "provider" must be "anthropic" or "openai", got "gemini".'],
    ['provider', { provider: undefined }, 'The LLM setting "provider" must be "anthropic" or "openai", got nothing.'],
    ['baseUrl', { baseUrl: 'api.openai.com/v1' }, 'The LLM setting "baseUrl" must be an http:// or https:// address such as https://api.openai.com/v1, got "api.openai.com/v1".'],
    ['baseUrl', { baseUrl: 'ftp://files.example.com' }, 'The LLM setting "baseUrl" must be an http:// or https:// address such as https://api.openai.com/v1, got "ftp://files.example.com".'],
    ['baseUrl', { baseUrl: '' }, 'The LLM setting "baseUrl" must be an http:// or https:// address such as https://api.openai.com/v1, got "".'],
    ['baseUrl', { baseUrl: 42 }, 'The LLM setting "baseUrl" must be an http:// or https:// address such as https://api.openai.com/v1, got 42.'],
    ['model', { model: '  ' }, 'The LLM setting "model" is empty: name the model to use, e.g. claude-sonnet-4-5 or gpt-4o-mini.'],
    ['apiKey', { apiKey: null }, 'The LLM API key is not text: set LLM_API_KEY (it may be empty for a local server).'],
    ['timeoutMs', { timeoutMs: 0 }, 'The LLM setting "timeoutMs" must be a number of milliseconds above 0, got 0.'],
    ['timeoutMs', { timeoutMs: Number.NaN }, 'The LLM setting "timeoutMs" must be a number of milliseconds above 0, got NaN.'],
    ['timeoutMs', { timeoutMs: '30000' }, 'The LLM setting "timeoutMs" must be a number of milliseconds above 0, got "30000".'],
    ['maxTokens', { maxTokens: 0 }, 'The LLM setting "maxTokens" must be a whole number of tokens above 0, got 0.'],
    ['maxTokens', { maxTokens: 10.5 }, 'The LLM setting "maxTokens" must be a whole number of tokens above 0, got 10.5.'],
  ])('%s: %j', (field, change, message) => {
    const error = configError({ ...VALID, ...change });
    expect(error.field).toBe(field);
    expect(error.name).toBe('LlmConfigError');
    expect(error.message).toBe(message);
    expect(error.message).not.toContain(KEY);
  });

  it('does not show the password of a base URL', () => {
    const error = configError({ ...VALID, baseUrl: 'ftp://bob:hunter2-secret@files.example.com/v1' });
    expect(error.field).toBe('baseUrl');
    expect(error.message).not.toContain('hunter2-secret');
  });
});
