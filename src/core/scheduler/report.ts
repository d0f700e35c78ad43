import type { ErrorInput, ErrorLogger } from '../logs/log-types';

/** Sends an error to the error log when the scheduler has one (an ErrorLogger never throws). */
export async function reportError(errors: ErrorLogger | undefined, input: ErrorInput): Promise<void> {
  await errors?.log(input);
}

/** The message of anything thrown, kept short enough for a ledger entry or a log line. */
export function errorMessage(error: unknown, max = 500): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : String(error);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
