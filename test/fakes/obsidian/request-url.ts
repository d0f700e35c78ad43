/** Same shapes as Obsidian's `RequestUrlParam` / `RequestUrlResponse`. */
export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  json: unknown;
  text: string;
}

export interface RequestUrlResponsePromise extends Promise<RequestUrlResponse> {
  arrayBuffer: Promise<ArrayBuffer>;
  json: Promise<unknown>;
  text: Promise<string>;
}

/** What a test's handler answers; `json` is serialized into `text` when `text` is absent. */
export interface FakeHttpReply {
  status?: number;
  headers?: Record<string, string>;
  text?: string;
  json?: unknown;
}

export type RequestUrlHandler = (request: RequestUrlParam) => FakeHttpReply | Promise<FakeHttpReply>;

let handler: RequestUrlHandler | null = null;

/** Fake-only: answers `requestUrl` calls until removed with `null`. */
export function setRequestUrlHandler(next: RequestUrlHandler | null): void {
  handler = next;
}

/** Thrown for error statuses unless `throw: false`, like Obsidian's (which carries `status`). */
export class RequestUrlError extends Error {
  constructor(readonly status: number) {
    super(`Request failed, status ${status}`);
  }
}

/**
 * Obsidian's `requestUrl`, answered by the handler a test installed; without
 * one it rejects, so no test reaches the network by accident.
 */
export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
  const param: RequestUrlParam = typeof request === 'string' ? { url: request } : request;
  const response = (async (): Promise<RequestUrlResponse> => {
    if (!handler) throw new Error(`requestUrl is not available in tests (no handler installed): ${param.method ?? 'GET'} ${param.url}`);
    const reply = await handler(param);
    const status = reply.status ?? 200;
    const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    if (status >= 400 && param.throw !== false) throw new RequestUrlError(status);
    const bytes = new TextEncoder().encode(text);
    return {
      status,
      headers: reply.headers ?? {},
      arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      get json(): unknown {
        return JSON.parse(text) as unknown;
      },
      text,
    };
  })();
  // Getters, so a caller that only awaits the response gets no stray unhandled rejections.
  return Object.defineProperties(response, {
    arrayBuffer: { get: () => response.then((r) => r.arrayBuffer) },
    json: { get: () => response.then((r) => r.json) },
    text: { get: () => response.then((r) => r.text) },
  }) as RequestUrlResponsePromise;
}

/** Obsidian's `request`: the body as text. */
export async function request(req: RequestUrlParam | string): Promise<string> {
  return (await requestUrl(req)).text;
}
