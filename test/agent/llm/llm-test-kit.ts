/** Shared by the LLM client tests: configs pointing at the fake server, and error helpers. */
import { rejectionOf } from '../../support/async';
import { createLlmClient } from '../../../src/agent/llm/create-llm-client';
import { LlmError } from '../../../src/agent/llm/llm-error';
import type { LlmClient, LlmConfig, LlmProvider } from '../../../src/agent/llm/llm-types';
import type { FakeLlm } from '../../llm/fake-llm-types';

export const PROVIDERS: LlmProvider[] = ['anthropic', 'openai'];

export const MODELS: Record<LlmProvider, string> = { anthropic: 'claude-sonnet-4-5', openai: 'gpt-4o-mini' };

/** A config for the fake: Anthropic's base URL is the server, OpenAI's ends in `/v1`, as the real ones do. */
export function configFor(fake: FakeLlm, provider: LlmProvider, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    provider,
    baseUrl: provider === 'anthropic' ? fake.url : `${fake.url}/v1`,
    model: MODELS[provider],
    apiKey: fake.apiKey,
    timeoutMs: 5000,
    maxTokens: 256,
    ...overrides,
  };
}

export function clientFor(fake: FakeLlm, provider: LlmProvider, overrides: Partial<LlmConfig> = {}): LlmClient {
  return createLlmClient(configFor(fake, provider, overrides));
}

/** The LlmError a promise rejects with; fails the test on anything else. */
export function llmFailure(promise: Promise<unknown>): Promise<LlmError> {
  return rejectionOf(promise, LlmError);
}

/** Every text of an error a person or a log could see, to look for leaked secrets. */
export function everything(error: LlmError): string {
  return [error.message, error.hint ?? '', error.details ?? '', error.describe(), JSON.stringify(error), String(error), error.stack ?? ''].join('\n');
}
