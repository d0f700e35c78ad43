import type { HttpResponse } from '../../accounting/odoo/transport/http-post';
import { LlmError } from './llm-error';
import { clip, isRecord, type LlmCallContext } from './llm-status-error';

/**
 * Reading a 2xx answer: JSON or not, and the small checks both wire formats
 * need. A wrong shape usually means the base URL or the provider setting
 * points at something else (a web page, the other API).
 */

/** The answer's body as a JSON object, or a `bad_response` saying why not. */
export function answerObject(response: HttpResponse, ctx: LlmCallContext): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    const type = response.headers['content-type'];
    throw badResponse(ctx, `not JSON${type ? `, but ${type.split(';')[0] ?? type}` : ''}`, response.body);
  }
  if (!isRecord(parsed)) throw badResponse(ctx, 'not a JSON object', response.body);
  return parsed;
}

export function badResponse(ctx: LlmCallContext, problem: string, body?: string): LlmError {
  return new LlmError('bad_response', `The LLM server at ${ctx.target} sent an answer that cannot be read (${problem}).`, {
    hint: 'Check that the LLM base URL points to the API itself and that the provider setting matches it.',
    details: body === undefined ? undefined : clip(body),
  });
}

/** A token count, if the server gave one. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The answer's own model name, else the one asked for (some compatible servers leave it out). */
export function modelName(value: unknown, asked: string): string {
  return typeof value === 'string' && value !== '' ? value : asked;
}

/** `{inputTokens, outputTokens}` without the keys the server did not report. */
export function usage(input: number | undefined, output: number | undefined): { inputTokens?: number; outputTokens?: number } {
  return { ...(input === undefined ? {} : { inputTokens: input }), ...(output === undefined ? {} : { outputTokens: output }) };
}

/** The answer hit `maxTokens`: a cut-off JSON or sentence is worse than none. */
export function truncated(ctx: LlmCallContext, maxTokens: number, reason: string, partial: string): LlmError {
  return new LlmError('truncated', `The answer of model "${ctx.model}" was cut off at the limit of ${maxTokens} tokens (${reason}).`, {
    hint: 'Raise the maximum answer length in the LLM settings, or ask for a shorter answer.',
    details: clip(partial),
  });
}

/** The model (or a content filter in front of it) declined to answer. */
export function refused(ctx: LlmCallContext, reason: string, explanation?: string): LlmError {
  return new LlmError('refused', `Model "${ctx.model}" declined to answer (${reason}).`, {
    hint: 'Rephrase the request or check its input.',
    details: explanation === undefined ? undefined : clip(explanation),
  });
}
