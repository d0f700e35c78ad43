/** What an endpoint answers, before the server writes it; shared by both wire formats. */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One wire format: the checks the real API makes before the model runs, and how it renders answers. */
export interface WireFormat {
  /** The error the real API answers for these headers and body, or undefined when the request is fine. */
  refuse(headers: Record<string, string>, body: ParsedBody, apiKey: string): WireAnswer | undefined;
  text(text: string, stopReason: string | undefined, model: string | undefined, body: Record<string, unknown>): WireAnswer;
  error(status: number, overrides: { type?: string; message?: string; code?: string; retryAfter?: number }, body: Record<string, unknown>, apiKey: string): WireAnswer;
  refusal(body: Record<string, unknown>): WireAnswer;
}

export type ParsedBody = { json: true; value: unknown } | { json: false; text: string };

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): WireAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A rough token count (4 characters a token): deterministic, and grows with the text like the real one. */
export function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Every text of a request's system prompt and messages, for the input token count. */
export function promptText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isRecord(value)) collect(value.text ?? value.content);
  };
  collect(body.system);
  collect(body.messages);
  return parts.join('\n');
}

let counter = 0;

/** A fresh id such as `msg_fake000001`, like the real ones in form. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${String(counter).padStart(6, '0')}`;
}

/** `retry-after` when the scripted error has one. */
export function retryHeader(retryAfter: number | undefined): Record<string, string> {
  return retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
}
