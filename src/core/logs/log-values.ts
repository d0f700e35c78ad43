/**
 * Small coercions shared by the logs. Logging must never throw, so every
 * input is turned into something writable instead of being rejected.
 */

/** A non-empty trimmed string, or `fallback`. */
export function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** A non-negative integer: rounded, negatives and non-numbers become 0. */
export function nonNegativeInt(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.min(Math.round(n), Number.MAX_SAFE_INTEGER);
}

/** The readable message of an Error, a string, or an `{ message }` object; undefined when there is none. */
export function describeError(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (value instanceof Error) return value.message !== '' ? value.message : value.name;
  if (typeof value === 'object' && value !== null) {
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message;
  }
  return undefined;
}

/** The kind of an error for the `error` field: its name, or its code when the name says nothing. */
export function errorKind(value: unknown): string {
  if (typeof value === 'string') return value.trim() === '' ? 'UnknownError' : value.trim();
  if (typeof value === 'object' && value !== null) {
    const { name, code } = value as { name?: unknown; code?: unknown };
    if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
    const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof ctor === 'string' && ctor !== '' && ctor !== 'Error' && ctor !== 'Object') return ctor;
    if (typeof code === 'string' && code !== '') return code;
    if (value instanceof Error) return 'Error';
  }
  return 'UnknownError';
}

/** Milliseconds since the epoch of a log line's `timestamp` (audit) or `ts` (error), if it has a readable one. */
export function entryTime(entry: Record<string, unknown>): number | undefined {
  const raw = typeof entry.timestamp === 'string' ? entry.timestamp : typeof entry.ts === 'string' ? entry.ts : undefined;
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}
