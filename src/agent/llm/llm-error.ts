/**
 * Every failure an LLM client reports, typed so that the caller can decide
 * whether to try again (`transient`) and tell the user what to fix.
 */
export type LlmErrorKind =
  /** 401: the API key is missing or wrong. */
  | 'bad_credentials'
  /** 403 (or 402 billing): the key may not do this. */
  | 'permission'
  /** 404: unknown model, or a wrong base URL. */
  | 'not_found'
  /** 400, 413, 422 and other 4xx: the request itself is wrong. */
  | 'bad_request'
  /** 429: slow down (or, not transient, the quota is used up). */
  | 'rate_limited'
  /** 529 (Anthropic) or 503: the service is busy for everyone. */
  | 'overloaded'
  /** Other 5xx. */
  | 'server_error'
  | 'timeout'
  /** Refused, reset, DNS failure: nothing answered. */
  | 'unreachable'
  /** An answer that cannot be parsed, or has the wrong shape. */
  | 'bad_response'
  /** The model declined to answer (Anthropic `refusal`, OpenAI `refusal` or `content_filter`). */
  | 'refused'
  /** The answer was cut off at `maxTokens`. */
  | 'truncated';

const TRANSIENT_KINDS: ReadonlySet<LlmErrorKind> = new Set(['rate_limited', 'overloaded', 'server_error', 'timeout', 'unreachable']);

export interface LlmErrorOptions {
  /** Overrides the default for the kind (e.g. a DNS failure or a used-up quota will not pass by retrying). */
  transient?: boolean;
  /** What the user can do about it, in one sentence. */
  hint?: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** From the `retry-after` header: how long the server asks us to wait. */
  retryAfterSeconds?: number;
  /** Debug detail (the server's raw body, clipped); never shown by default. */
  details?: string;
  cause?: unknown;
}

export class LlmError extends Error {
  readonly transient: boolean;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly details: string | undefined;

  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    options: LlmErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmError';
    this.transient = options.transient ?? TRANSIENT_KINDS.has(kind);
    this.hint = options.hint;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  /** The message and the hint, as one line for a person. */
  describe(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}

/**
 * A copy of the error with `secret` masked in its message, hint and details:
 * some servers echo the API key back (OpenAI's "Incorrect API key provided").
 * Secrets shorter than 4 characters are left alone, as masking them would
 * garble every message without hiding anything worth hiding.
 */
export function withoutSecret(error: LlmError, secret: string): LlmError {
  if (secret.length < 4) return error;
  const mask = (text: string | undefined) => (text === undefined ? undefined : text.split(secret).join('[REDACTED]'));
  const message = mask(error.message) ?? '';
  const hint = mask(error.hint);
  const details = mask(error.details);
  if (message === error.message && hint === error.hint && details === error.details) return error;
  // The cause is dropped: it may hold the same text unmasked.
  return new LlmError(error.kind, message, { transient: error.transient, hint, status: error.status, retryAfterSeconds: error.retryAfterSeconds, details });
}
