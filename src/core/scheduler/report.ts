import type { ErrorInput, ErrorLogger } from '../logs/log-types';

/**
 * Sends an error to the error log when there is one. The log itself failing
 * (disk full, vault gone) must never take the scheduler down with it, so that
 * failure is swallowed: there is nowhere left to report it.
 */
export async function reportError(errors: ErrorLogger | undefined, input: ErrorInput): Promise<void> {
  if (!errors) return;
  try {
    await errors.log(input);
  } catch {
    // Nothing left to tell; the caller must carry on.
  }
}

/** The message of anything thrown, kept short enough for a ledger entry or a log line. */
export function errorMessage(error: unknown, max = 500): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : String(error);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
