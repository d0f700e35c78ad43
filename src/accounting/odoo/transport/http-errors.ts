import { AccountingError } from '../../accounting-error';
import { displayAddress } from './endpoint';

/**
 * Answers that did not come from Odoo's RPC layer: a proxy's 502/503/504 while
 * Odoo restarts, a bare 500, a web server's 404 page, a redirect. They decide
 * between "try again later" (transient) and "this is not the Odoo address".
 */

export interface HttpAnswerContext {
  /** Display address of the server (no credentials). */
  target: string;
  /** `POST /xmlrpc/2/object`, `GET /web/version`, … */
  request: string;
}

const DETAIL_LIMIT = 2000;

export function httpStatusError(status: number, body: string, headers: Record<string, string>, ctx: HttpAnswerContext): AccountingError {
  const details = `${ctx.request} → HTTP ${status}${contentType(headers)}\n${clip(body)}`;
  if (status === 502 || status === 503 || status === 504 || status === 429) {
    return new AccountingError(
      'server_error',
      `Odoo at ${ctx.target} is not available right now (HTTP ${status}): it may be restarting or under maintenance; try again later.`,
      { transient: true, details },
    );
  }
  if (status === 500) {
    // Odoo's own failures carry a JSON error or an XML-RPC fault; a bare 500 page
    // comes from something in front of it, and usually passes.
    return new AccountingError(
      'server_error',
      `Odoo at ${ctx.target} failed with HTTP 500 and no Odoo error: check the Odoo server's log; try again later.`,
      { transient: true, details },
    );
  }
  const location = headers.location;
  if (status >= 300 && status < 400 && location) {
    return notOdoo(ctx.target, details, `it redirects to ${displayAddress(location)}: use that address as the Odoo URL.`);
  }
  return notOdoo(ctx.target, details, undefined, status);
}

/** `… answers, but not as Odoo does: is this the Odoo address?` */
export function notOdoo(target: string, details?: string, hint?: string, status?: number): AccountingError {
  const seen = status === undefined ? '' : ` (HTTP ${status})`;
  return new AccountingError('not_odoo', `${target} answers${seen}, but not as Odoo does: is this the Odoo address?`, { hint, details });
}

/** An answer we cannot read, or of the wrong shape. */
export function badResponse(target: string, request: string, problem: string, body?: string): AccountingError {
  return new AccountingError(
    'bad_response',
    `Odoo at ${target} sent an answer that cannot be read (${problem}): check that the Odoo URL points to Odoo itself and not to a proxy page.`,
    { details: body === undefined ? request : `${request}\n${clip(body)}` },
  );
}

export function clip(text: string): string {
  return text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT)}…` : text;
}

function contentType(headers: Record<string, string>): string {
  const type = headers['content-type'];
  return type ? ` (${type})` : '';
}
