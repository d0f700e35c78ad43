/**
 * The error shapes the test server does not produce: the legacy string
 * faults of `/xmlrpc/<service>`, JSON-2 lock and bad-request bodies, proxy
 * redirects, DNS failures, and the backoff schedule.
 */
import { AccountingError } from '../../../../src/accounting/accounting-error';
import { json2Error, jsonRpcError, scrubSecrets, xmlRpcFaultError, type OdooErrorContext } from '../../../../src/accounting/odoo/odoo-errors';
import { backoffMs, withRetries } from '../../../../src/accounting/odoo/retry-policy';
import { httpStatusError } from '../../../../src/accounting/odoo/transport/http-errors';
import { networkError } from '../../../../src/accounting/odoo/transport/network-errors';

const ctx: OdooErrorContext = { target: 'https://acme.odoo.com', call: 'account.move.action_post', request: 'POST /xmlrpc/object', credentials: 'login' };
const TRACEBACK = 'Traceback (most recent call last):\n  File "odoo/http.py", line 1584, in _serve_db\n    return service_model.retrying(self._serve_ir_http, self.env)\n';

describe('legacy XML-RPC faults (string faultCode)', () => {
  it('warning -- UserError is a validation error with Odoo’s message', () => {
    const error = xmlRpcFaultError('warning -- UserError\n\nYou need to add a line before posting.\nAnd more text.', '', ctx);
    expect(error.kind).toBe('validation');
    expect(error.message).toBe('You need to add a line before posting.');
    expect(error.details).toContain('And more text.');
  });

  it('warning -- MissingError is not_found', () => {
    const error = xmlRpcFaultError('warning -- MissingError\n\nRecord does not exist or has been deleted.\n(Record: account.move(999,), User: 2)', '', ctx);
    expect(error.kind).toBe('not_found');
    expect(error.message).toBe('Record does not exist or has been deleted.');
  });

  it('warning -- AccessError is access_denied', () => {
    const error = xmlRpcFaultError('warning -- AccessError\n\nYou are not allowed to modify Journal Entry (account.move) records.', '', ctx);
    expect(error.kind).toBe('access_denied');
    expect(error.message).toContain('You are not allowed to modify Journal Entry');
  });

  it('AccessDenied is bad_credentials', () => {
    expect(xmlRpcFaultError('AccessDenied', 'Access Denied', ctx).kind).toBe('bad_credentials');
  });

  it('any other exception keeps its message and puts the traceback in details', () => {
    const error = xmlRpcFaultError("'NoneType' object has no attribute 'id'", `${TRACEBACK}AttributeError: 'NoneType' object has no attribute 'id'\n`, ctx);
    expect(error.kind).toBe('server_error');
    expect(error.transient).toBe(false);
    expect(error.message).toContain("'NoneType' object has no attribute 'id'");
    expect(error.details).toContain('Traceback');
  });
});

describe('numeric XML-RPC faults', () => {
  it('code 1 with a database that does not exist is bad_database', () => {
    const error = xmlRpcFaultError(1, `${TRACEBACK}psycopg2.OperationalError: connection to server failed: FATAL:  database "acme_prod" does not exist\n`, ctx);
    expect(error.kind).toBe('bad_database');
    expect(error.message).toBe('Odoo at https://acme.odoo.com has no database "acme_prod": check the database name in the Odoo settings.');
  });

  it('code 1 ending in a ValidationError still shows Odoo’s message', () => {
    const error = xmlRpcFaultError(1, `${TRACEBACK}odoo.exceptions.ValidationError: The due date cannot be before the invoice date.\n`, ctx);
    expect(error.kind).toBe('validation');
    expect(error.message).toBe('The due date cannot be before the invoice date.');
  });
});

describe('JSON-RPC and JSON-2 bodies', () => {
  it('JSON-RPC branches on data.name whatever the code', () => {
    const error = jsonRpcError({ code: 0, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', debug: 'Traceback…' } }, ctx);
    expect(error.kind).toBe('bad_credentials');
  });

  it('JSON-2 409 with a lock error is a transient conflict', () => {
    const body = JSON.stringify({ name: 'odoo.exceptions.ConcurrencyError', message: 'could not serialize access due to concurrent update', arguments: [], context: {}, debug: 'Traceback' });
    const error = json2Error(409, body, { 'content-type': 'application/json' }, { ...ctx, credentials: 'key' });
    expect(error.kind).toBe('conflict');
    expect(error.transient).toBe(true);
  });

  it('JSON-2 400 for a body Odoo could not read is bad_input', () => {
    const body = JSON.stringify({ name: 'werkzeug.exceptions.BadRequest', message: 'could not parse the body as json: Expecting value', arguments: [], context: {}, debug: '' });
    const error = json2Error(400, body, {}, { ...ctx, credentials: 'key' });
    expect(error.kind).toBe('bad_input');
    expect(error.message).toContain('could not parse the body as json');
  });

  it('JSON-2 401 is about the API key alone', () => {
    const body = JSON.stringify({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: [], context: {}, debug: '' });
    const error = json2Error(401, body, {}, { ...ctx, credentials: 'key' });
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).toContain('check the API key');
    expect(error.message).not.toContain('username');
  });

  it('a JSON-2 500 with Odoo’s traceback is not transient; a bare 500 page is', () => {
    const odoo = json2Error(500, JSON.stringify({ name: 'builtins.KeyError', message: "'partner_id'", arguments: [], context: {}, debug: 'Traceback' }), {}, ctx);
    expect(odoo.kind).toBe('server_error');
    expect(odoo.transient).toBe(false);
    const proxy = json2Error(500, '<html><body>Internal Server Error</body></html>', { 'content-type': 'text/html' }, ctx);
    expect(proxy.kind).toBe('server_error');
    expect(proxy.transient).toBe(true);
  });
});

describe('answers that are not Odoo’s', () => {
  it('a redirect names where to point the URL instead', () => {
    const error = httpStatusError(301, '', { location: 'https://acme.odoo.com/xmlrpc/2/common' }, { target: 'http://acme.odoo.com', request: 'POST /xmlrpc/2/common' });
    expect(error.kind).toBe('not_odoo');
    expect(error.hint).toContain('https://acme.odoo.com');
  });

  it.each([502, 503, 504])('HTTP %i is transient', (status) => {
    const error = httpStatusError(status, '<html>busy</html>', {}, { target: 'https://acme.odoo.com', request: 'POST /jsonrpc' });
    expect(error).toMatchObject({ kind: 'server_error', transient: true });
  });

  it('an unknown host is unreachable but not worth retrying; a DNS hiccup is', () => {
    const unknown = networkError(Object.assign(new Error('getaddrinfo ENOTFOUND acme.odoo.con'), { code: 'ENOTFOUND' }), 'https://acme.odoo.con', 1000, false);
    expect(unknown).toMatchObject({ kind: 'unreachable', transient: false });
    expect(unknown.message).toContain('check the Odoo URL for typos');
    const hiccup = networkError(Object.assign(new Error('getaddrinfo EAI_AGAIN acme.odoo.com'), { code: 'EAI_AGAIN' }), 'https://acme.odoo.com', 1000, false);
    expect(hiccup).toMatchObject({ kind: 'unreachable', transient: true });
  });
});

describe('secrets and backoff', () => {
  it('scrubSecrets masks the key in message, hint and details', () => {
    const error = new AccountingError('server_error', 'failed with key s3cr3t-key', { hint: 'not s3cr3t-key', details: 'args: s3cr3t-key' });
    const clean = scrubSecrets(error, ['s3cr3t-key']);
    expect([clean.message, clean.hint, clean.details].join(' ')).not.toContain('s3cr3t-key');
    expect(clean.kind).toBe('server_error');
  });

  it('backs off 250 ms × 2^n with ±50 % jitter, at most 8 s', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, () => 0.5))).toEqual([250, 500, 1000, 2000]);
    expect(backoffMs(0, () => 0)).toBe(125);
    expect(backoffMs(1, () => 0.999)).toBe(750);
    expect(backoffMs(10, () => 0.5)).toBe(8000);
  });

  it('withRetries stops at the first failure that is not transient', async () => {
    let attempts = 0;
    const error = await withRetries(
      () => {
        attempts++;
        return Promise.reject(new AccountingError(attempts === 1 ? 'timeout' : 'validation', 'x'));
      },
      5,
      { sleep: () => Promise.resolve(), random: () => 0.5 },
    ).catch((e: unknown) => e);
    expect((error as AccountingError).kind).toBe('validation');
    expect(attempts).toBe(2);
  });
});
