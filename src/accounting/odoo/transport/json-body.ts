import { AccountingError } from '../../accounting-error';

/** JSON.stringify that turns a circular or unserialisable argument into a clear `bad_input`. */
export function toJsonBody(value: unknown, what: string): string {
  try {
    return JSON.stringify(value, (_key, member: unknown) => {
      if (typeof member === 'bigint') throw new TypeError('a bigint cannot be sent as JSON');
      return member;
    });
  } catch (error) {
    throw new AccountingError('bad_input', `The arguments of ${what} cannot be sent to Odoo: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** JSON.parse that reports a failure (with its reason) instead of throwing. */
export function parseJsonBody(body: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
