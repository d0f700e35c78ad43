import { displayAddress } from '../../accounting/odoo/transport/endpoint';
import type { LlmConfig } from './llm-types';

/**
 * Settings that cannot work, found before any request is sent: the message
 * names the field so the user knows which setting to fix.
 */
export class LlmConfigError extends Error {
  constructor(
    readonly field: keyof LlmConfig,
    message: string,
  ) {
    super(message);
    this.name = 'LlmConfigError';
  }
}

const PROVIDERS: readonly string[] = ['anthropic', 'openai'];

/** Throws an `LlmConfigError` for the first unusable field; the API key is never quoted. */
export function validateLlmConfig(config: LlmConfig): void {
  // The config may come from hand-edited settings: check types too.
  const raw = config as unknown as Record<string, unknown>;
  if (typeof raw.provider !== 'string' || !PROVIDERS.includes(raw.provider)) {
    throw new LlmConfigError('provider', `The LLM setting "provider" must be "anthropic" or "openai", got ${quote(raw.provider)}.`);
  }
  if (typeof raw.baseUrl !== 'string' || !isHttpUrl(raw.baseUrl)) {
    const shown = typeof raw.baseUrl === 'string' ? quote(displayAddress(raw.baseUrl)) : quote(raw.baseUrl);
    throw new LlmConfigError('baseUrl', `The LLM setting "baseUrl" must be an http:// or https:// address such as https://api.openai.com/v1, got ${shown}.`);
  }
  if (typeof raw.model !== 'string' || raw.model.trim() === '') {
    throw new LlmConfigError('model', 'The LLM setting "model" is empty: name the model to use, e.g. claude-sonnet-4-5 or gpt-4o-mini.');
  }
  if (typeof raw.apiKey !== 'string') {
    throw new LlmConfigError('apiKey', 'The LLM API key is not text: set LLM_API_KEY (it may be empty for a local server).');
  }
  if (typeof raw.timeoutMs !== 'number' || !Number.isFinite(raw.timeoutMs) || raw.timeoutMs <= 0) {
    throw new LlmConfigError('timeoutMs', `The LLM setting "timeoutMs" must be a number of milliseconds above 0, got ${quote(raw.timeoutMs)}.`);
  }
  if (typeof raw.maxTokens !== 'number' || !Number.isInteger(raw.maxTokens) || raw.maxTokens < 1) {
    throw new LlmConfigError('maxTokens', `The LLM setting "maxTokens" must be a whole number of tokens above 0, got ${quote(raw.maxTokens)}.`);
  }
}

/** The base URL without trailing slashes, joined with `path` (which starts with `/`). */
export function llmEndpoint(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** How messages name the server: its address without credentials, query or trailing slash. */
export function llmTarget(baseUrl: string): string {
  return displayAddress(baseUrl);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeof value;
}
