import { isAccountingError } from '../accounting-error';

/**
 * Retries of calls that change nothing. A transient failure (refused, reset,
 * timeout, a proxy's 502/503/504, a lock) of a read is tried again after an
 * exponential pause with jitter, so that several clients do not hammer a
 * restarting server in step. Writes are never retried here: a create that
 * timed out may well have been stored.
 */

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1), like Math.random. */
  random: () => number;
}

export const BASE_DELAY_MS = 250;
export const MAX_DELAY_MS = 8000;

export const realRetryDeps: RetryDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The pause before retry number `retry` (0-based): 250 ms × 2^retry, ±50 %, at most 8 s. */
export function backoffMs(retry: number, random: () => number): number {
  const base = BASE_DELAY_MS * 2 ** retry;
  return Math.min(MAX_DELAY_MS, Math.round(base * (0.5 + random())));
}

/** Runs `attempt`, and again up to `maxRetries` times while it fails transiently. */
export async function withRetries<T>(attempt: () => Promise<T>, maxRetries: number, deps: RetryDeps): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= maxRetries || !isAccountingError(error) || !error.transient) throw error;
      await deps.sleep(backoffMs(retry, deps.random));
    }
  }
}
