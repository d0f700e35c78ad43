import { httpRequest } from '../../accounting/odoo/transport/http-post';
import { AnthropicClient } from './anthropic-client';
import { validateLlmConfig } from './llm-config';
import { OpenAiClient } from './openai-client';
import type { LlmClient, LlmConfig } from './llm-types';

export interface LlmClientDeps {
  /** The HTTP seam; tests may pass a recording or failing one. */
  http?: typeof httpRequest;
}

/**
 * The client for the configured provider. Throws an `LlmConfigError` naming
 * the field when the config cannot work, so a typo is reported before any
 * request (and never as a network failure).
 */
export function createLlmClient(config: LlmConfig, deps: LlmClientDeps = {}): LlmClient {
  validateLlmConfig(config);
  const http = deps.http ?? httpRequest;
  // A copy: later edits of the settings object must not change a client in use.
  const settled: LlmConfig = { ...config };
  return config.provider === 'anthropic' ? new AnthropicClient(settled, http) : new OpenAiClient(settled, http);
}
