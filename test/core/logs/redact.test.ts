import { isoWithOffset } from '../../../src/core/clock';
import { MapSecrets } from '../../../src/core/secrets';
import { isSecretKey, redact, redactString, REDACTED, SecretRegistry } from '../../../src/core/logs/redact';

describe('isSecretKey', () => {
  it.each([
    'password', 'PASSWORD', 'passwd', 'secret', 'token', 'api_key', 'apiKey', 'ApiKey', 'API_KEY', 'access_token',
    'accessToken', 'authorization', 'Authorization', 'Proxy-Authorization', 'cookie', 'Set-Cookie', 'private_key',
    'privateKey', 'client_secret', 'clientSecret', 'bearer', 'ODOO_API_KEY', 'TWITTER_ACCESS_SECRET', 'smtp_password',
    'smtpPassword', 'EMAIL_PASSWORD', 'x-api-key', 'X-Auth-Token', 'refresh_token', 'webhookSecret',
  ])('%s is a credential key', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'user', 'username', 'key', 'monkey', 'keyboard', 'tokens', 'token_count', 'author', 'idempotency_key',
    'idempotencyKey', 'public_key', 'publicKey', 'secretary', 'passwordless_enabled', 'sort_key',
  ])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('redactString', () => {
  it.each([
    ['Authorization: Bearer abc.def.ghi', `Authorization: ${REDACTED}`],
    ['headers were\nAuthorization: Basic dXNlcjpwYXNz\nAccept: */*', `headers were\nAuthorization: ${REDACTED}\nAccept: */*`],
    ['proxy-authorization=Negotiate xyz', `proxy-authorization=${REDACTED}`],
    ['retrying with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', `retrying with Bearer ${REDACTED}`],
    ['token was bearer   AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid', `token was bearer ${REDACTED}`],
    ['the bearer of bad news', 'the bearer of bad news'],
    ['Cookie: sid=abc; theme=dark', `Cookie: ${REDACTED}`],
    ['X-Api-Key: 12345', `X-Api-Key: ${REDACTED}`],
    ['connect https://bob:s3cr3t!@odoo.example.com/xmlrpc/2/common', `connect https://bob:${REDACTED}@odoo.example.com/xmlrpc/2/common`],
    ['postgres://admin:p%40ss@db:5432/odoo failed', `postgres://admin:${REDACTED}@db:5432/odoo failed`],
    ['imaps://:onlypass@imap.example.com', `imaps://:${REDACTED}@imap.example.com`],
    ['https://odoo.example.com/web?db=x', 'https://odoo.example.com/web?db=x'],
    ['GET /v2/me?access_token=EAAB123&fields=id', `GET /v2/me?access_token=${REDACTED}&fields=id`],
    ['login with password=hunter2; retry', `login with password=${REDACTED}; retry`],
    ['ODOO_API_KEY = abc123 in .env', `ODOO_API_KEY = ${REDACTED} in .env`],
    ['body {"api_key": "k-123", "name": "ann"}', `body {"api_key": "${REDACTED}", "name": "ann"}`],
    ['{"client_secret":"a\\"b","ok":true}', `{"client_secret":"${REDACTED}","ok":true}`],
    ['Wrong password, please check the settings', 'Wrong password, please check the settings'],
    ['Invoice INV/2026/0001 sent to ann@example.com', 'Invoice INV/2026/0001 sent to ann@example.com'],
  ])('%j', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = redactString('https://bob:pw12@x.org password=abc Authorization: Bearer zzzzzzzzzz');
    expect(redactString(once)).toBe(once);
  });
});

describe('SecretRegistry', () => {
  it('masks registered secrets wherever they appear, including inside error messages', () => {
    const secrets = new SecretRegistry();
    secrets.add('sk-live-9f8e7d6c5b4a');
    expect(redactString('Odoo refused key sk-live-9f8e7d6c5b4a (code 401)', secrets)).toBe(`Odoo refused key ${REDACTED} (code 401)`);
    expect(redactString('sk-live-9f8e7d6c5b4asuffix', secrets)).toBe(`${REDACTED}suffix`);
  });

  it('ignores secrets shorter than 4 characters and empty values', () => {
    const secrets = new SecretRegistry();
    secrets.add('abc');
    secrets.add('');
    secrets.add(undefined);
    expect(secrets.size).toBe(0);
    expect(redactString('abc abc', secrets)).toBe('abc abc');
    secrets.add('abcd');
    expect(redactString('abc abcd', secrets)).toBe(`abc ${REDACTED}`);
  });

  it('masks the longest secret whole when one contains another', () => {
    const secrets = new SecretRegistry();
    secrets.add('tok1');
    secrets.add('tok1-extended-value');
    expect(redactString('a tok1-extended-value b tok1', secrets)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('masks the URL-encoded and JSON-escaped forms of a secret', () => {
    const secrets = new SecretRegistry();
    secrets.add('p@ss w/"q"');
    expect(redactString('url https://x.org/?k=p%40ss%20w%2F%22q%22 end', secrets)).toBe(`url https://x.org/?k=${REDACTED} end`);
    expect(redactString('json {"v":"p@ss w/\\"q\\""}', secrets)).toBe(`json {"v":"${REDACTED}"}`);
  });

  it('loads the credential values from a secrets port', async () => {
    const secrets = new SecretRegistry();
    await secrets.addFrom(new MapSecrets({ ODOO_API_KEY: 'odoo-key-1234', EMAIL_ADDRESS: 'me@example.com', LLM_API_KEY: '' }));
    expect(redactString('odoo-key-1234 from me@example.com', secrets)).toBe(`${REDACTED} from me@example.com`);
  });
});

describe('redact', () => {
  it('replaces values under credential keys at any depth and keeps the rest', () => {
    const input = {
      user: 'ann',
      auth: { password: 'hunter2', apiKey: { nested: 'object' }, list: [{ client_secret: 's' }, { ok: 1 }] },
      ODOO_API_KEY: 'x',
      accessToken: 42,
      'x-api-key': 'v',
      headers: { Authorization: 'Basic abc', Cookie: 'sid=1', Accept: 'json' },
      idempotency_key: 'invoice:acme:2026-02',
      tokens: 1200,
      refresh_token: null,
    };
    expect(redact(input)).toEqual({
      user: 'ann',
      auth: { password: REDACTED, apiKey: REDACTED, list: [{ client_secret: REDACTED }, { ok: 1 }] },
      ODOO_API_KEY: REDACTED,
      accessToken: REDACTED,
      'x-api-key': REDACTED,
      headers: { Authorization: REDACTED, Cookie: REDACTED, Accept: 'json' },
      idempotency_key: 'invoice:acme:2026-02',
      tokens: 1200,
      refresh_token: null,
    });
  });

  it('is a deep copy that leaves the input untouched', () => {
    const input = { a: { password: 'p', list: [1, { b: 2 }] } };
    const out = redact(input) as { a: { list: unknown[] } };
    out.a.list.push(3);
    expect(input).toEqual({ a: { password: 'p', list: [1, { b: 2 }] } });
    expect(out.a).not.toBe(input.a);
  });

  it('masks credentials in string values, with registered secrets', () => {
    const secrets = new SecretRegistry();
    secrets.add('AKIA-SECRET-VALUE');
    const out = redact(
      { note: 'failed at https://u:pw1234@host/x', error: 'Odoo said AKIA-SECRET-VALUE is invalid', tags: ['Bearer abcdefghijkl'] },
      { secrets },
    );
    expect(out).toEqual({
      note: `failed at https://u:${REDACTED}@host/x`,
      error: `Odoo said ${REDACTED} is invalid`,
      tags: [`Bearer ${REDACTED}`],
    });
  });

  it('turns Errors into name and message only, redacted', () => {
    const secrets = new SecretRegistry();
    secrets.add('key-0123456789');
    const error = Object.assign(new TypeError('Login failed for key-0123456789'), {
      config: { headers: { Authorization: 'Bearer key-0123456789' } },
    });
    expect(redact({ error }, { secrets })).toEqual({ error: { name: 'TypeError', message: `Login failed for ${REDACTED}` } });
    expect(JSON.stringify(redact(error, { secrets }))).not.toContain('key-0123456789');
  });

  it('writes Dates as ISO 8601 with offset', () => {
    const d = new Date('2026-02-20T10:30:00Z');
    expect(redact({ at: d, bad: new Date('nope') })).toEqual({ at: isoWithOffset(d), bad: 'Invalid Date' });
  });

  it('cuts cycles but copies a shared object each time it appears', () => {
    const shared = { v: 1 };
    const a: Record<string, unknown> = { name: 'a', left: shared, right: shared };
    a.self = a;
    a.list = [a];
    expect(redact(a)).toEqual({ name: 'a', left: { v: 1 }, right: { v: 1 }, self: '[Circular]', list: ['[Circular]'] });
  });

  it('stops at the depth limit', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { child: deep };
    const out = redact(deep, { maxDepth: 3 });
    expect(out).toEqual({ child: { child: { child: '[Truncated]' } } });
    // Default limit: the output is bounded but still holds the top levels.
    expect(JSON.stringify(redact(deep))).toContain('[Truncated]');
  });

  it('makes other values JSON-safe', () => {
    const out = redact({
      big: BigInt(10),
      fn: () => 1,
      nan: Number.NaN,
      inf: Infinity,
      bytes: new Uint8Array(5),
      map: new Map<string, unknown>([['token', 't'], ['ok', 1]]),
      set: new Set(['a']),
      nil: null,
      undef: undefined,
    });
    expect(out).toEqual({
      big: '10',
      fn: '[Function]',
      nan: 'NaN',
      inf: 'Infinity',
      bytes: '[Binary 5 bytes]',
      map: { token: REDACTED, ok: 1 },
      set: ['a'],
      nil: null,
      undef: undefined,
    });
  });

  it('passes scalars through (strings masked)', () => {
    expect(redact(5)).toBe(5);
    expect(redact(null)).toBeNull();
    expect(redact('password=abc')).toBe(`password=${REDACTED}`);
  });
});
