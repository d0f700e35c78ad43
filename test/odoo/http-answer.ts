/** What a protocol handler answers, before the router writes it (or an injection replaces it). */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A parsed request: its call name (for `calls` and injections) and how to run it. */
export interface PreparedRequest {
  protocol: 'xmlrpc' | 'jsonrpc' | 'json2' | 'http';
  name: string;
  run(): Promise<HttpAnswer> | HttpAnswer;
  /** A 200 body that is not valid for the protocol (the `malformed` injection). */
  malformed: HttpAnswer;
}

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** werkzeug's NotFound page (what Odoo 16–18 answers for `/json/2/…`, or an unknown database). */
export function notFoundPage(): HttpAnswer {
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body:
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
      '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
  };
}

/** The page a reverse proxy shows when the upstream fails (default body of `http-status` injections). */
export function proxyErrorPage(status: number): HttpAnswer {
  const reason: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out', 429: 'Too Many Requests' };
  const title = `${status} ${reason[status] ?? 'Error'}`;
  return {
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}
