/**
 * Every way an Odoo connection goes wrong, per protocol and version, as the
 * AccountingError kind and a message that says what to check, and never
 * with the API key in it.
 */
import type { AccountingError } from '../../../../src/accounting/accounting-error';
import { connectOdoo } from '../../../../src/accounting/odoo/odoo-connection';
import type { OdooRpc } from '../../../../src/accounting/odoo/odoo-rpc';
import { startFakeOdoo } from '../../../odoo/fake-odoo';
import type { FakeOdoo } from '../../../odoo/fake-odoo-types';
import { closedPort } from '../../../support/ports';
import { API_KEY, configFor, createdId, everything, plainServer, PROTOCOL_CASES, recordingDeps, rejection, RESTRICTED } from './transport-helpers';

/** Every error seen in this file, checked for the keys at the end. */
const seen: AccountingError[] = [];
async function failure(promise: Promise<unknown>): Promise<AccountingError> {
  const error = await rejection(promise);
  seen.push(error);
  return error;
}

afterAll(() => {
  expect(seen.length).toBeGreaterThan(50);
  for (const error of seen) {
    expect(everything(error)).not.toContain(API_KEY);
    expect(everything(error)).not.toContain(RESTRICTED.apiKey);
    expect(everything(error)).not.toContain('wrong-key-0b9e4d');
  }
});

describe('wrong address', () => {
  it('a closed port is unreachable, retried, and named in the message', async () => {
    const port = await closedPort();
    const deps = recordingDeps();
    const error = await failure(connectOdoo(configFor({ url: `http://127.0.0.1:${port}`, database: 'odoo', login: 'admin', apiKey: API_KEY }, { maxRetries: 2 }), deps));
    expect(error.kind).toBe('unreachable');
    expect(error.transient).toBe(true);
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain('connection refused');
    expect(error.message).toContain('check the Odoo URL');
    expect(deps.sleeps).toEqual([250, 500]);
  });

  it('hides the password of a URL with credentials', async () => {
    const port = await closedPort();
    const error = await failure(connectOdoo(configFor({ url: `http://bob:hunter2-secret@127.0.0.1:${port}`, database: 'odoo', login: 'admin', apiKey: API_KEY }, { maxRetries: 0 }), recordingDeps()));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(everything(error)).not.toContain('hunter2-secret');
  });

  it.each([404, 200])('a web server that is not Odoo (every page HTTP %i) is not_odoo', async (status) => {
    const web = await plainServer(status);
    try {
      const error = await failure(connectOdoo(configFor({ url: web.url, database: 'odoo', login: 'admin', apiKey: API_KEY }), recordingDeps()));
      expect(error.kind).toBe('not_odoo');
      expect(error.message).toBe(`${web.url} answers, but not as Odoo does: is this the Odoo address?`);
      expect(error.details).toContain('/web/version');
    } finally {
      await web.close();
    }
  });

  it('a proxy answering 502 for a stopped Odoo is a transient server error, not "not Odoo"', async () => {
    const proxy = await plainServer(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    try {
      const deps = recordingDeps();
      const error = await failure(connectOdoo(configFor({ url: proxy.url, database: 'odoo', login: 'admin', apiKey: API_KEY }, { maxRetries: 1 }), deps));
      expect(error.kind).toBe('server_error');
      expect(error.transient).toBe(true);
      expect(error.message).toContain('HTTP 502');
      expect(deps.sleeps.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});

describe.each(PROTOCOL_CASES)('Odoo $version over $protocol', ({ version, protocol }) => {
  let odoo: FakeOdoo;
  let rpc: OdooRpc;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version, apiKey: API_KEY, restrictedUser: RESTRICTED });
    rpc = await connectOdoo(configFor(odoo, { protocol }), recordingDeps());
  });
  afterAll(async () => {
    await odoo.close();
  });

  it('a wrong database is bad_database, naming it', async () => {
    const error = await failure(connectOdoo(configFor(odoo, { protocol, database: 'odoo_prod' }), recordingDeps()));
    expect(error.kind).toBe('bad_database');
    expect(error.message).toContain('odoo_prod');
    expect(error.message).toContain('check the database name');
  });

  if (protocol !== 'json2') {
    it('a wrong username is bad_credentials, naming the user and the database', async () => {
      const error = await failure(connectOdoo(configFor(odoo, { protocol, username: 'nobody' }), recordingDeps()));
      expect(error.kind).toBe('bad_credentials');
      expect(error.message).toBe("Odoo refused the login of user 'nobody' on database 'odoo': check the username and the API key.");
    });
  }

  it('a wrong API key is bad_credentials', async () => {
    const error = await failure(connectOdoo(configFor(odoo, { protocol, apiKey: 'wrong-key-0b9e4d' }), recordingDeps()));
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).toContain('API key');
    expect(error.transient).toBe(false);
  });

  it('a user without accounting rights gets access_denied with Odoo’s reason', async () => {
    const clerk = await connectOdoo(configFor(odoo, { protocol, username: RESTRICTED.login, apiKey: RESTRICTED.apiKey }), recordingDeps());
    const error = await failure(clerk.call('account.move', 'search_read', null, { domain: [], fields: ['name'] }));
    expect(error.kind).toBe('access_denied');
    expect(error.message).toMatch(/^Odoo refused account\.move\.search_read: .+/);
    expect(error.odooName).toBe('odoo.exceptions.AccessError');
  });

  it('posting an invoice without lines is a validation error with Odoo’s own message', async () => {
    const partnerId = createdId(await rpc.call('res.partner', 'create', null, { vals_list: [{ name: 'Empty Invoice Co' }] }));
    const moveId = createdId(await rpc.call('account.move', 'create', null, { vals_list: [{ move_type: 'out_invoice', partner_id: partnerId }] }));
    const error = await failure(rpc.call('account.move', 'action_post', [moveId]));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe('You need to add a line before posting.');
    expect(error.transient).toBe(false);
  });

  it('a missing record is not_found with Odoo’s first line, the rest in details', async () => {
    const error = await failure(rpc.call('account.move', 'write', [999999], { vals: { ref: 'x' } }));
    expect(error.kind).toBe('not_found');
    expect(error.message).toBe('Record does not exist or has been deleted.');
    expect(error.details).toContain('account.move(999999,)');
    expect(error.odooName).toBe('odoo.exceptions.MissingError');
  });

  it('an unknown method is not_found, naming it', async () => {
    const error = await failure(rpc.call('account.move', 'frobnicate', [1]));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain('account.move.frobnicate');
    expect(error.transient).toBe(false);
  });

  it('an unknown model is not_found, naming it', async () => {
    const error = await failure(rpc.call('hr.expense', 'search_read', null, { domain: [] }));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain('hr.expense');
  });

  it('an Odoo message that echoes the API key comes back with the key masked', async () => {
    const error = await failure(rpc.call('res.partner', 'search_read', null, { domain: [['name', 'resembles', API_KEY]] }));
    expect(error.kind).toBe('server_error');
    expect(error.message).toContain('Invalid leaf');
    expect(error.message).toContain('[REDACTED]');
  });

  it('a server-side crash is a non-transient server_error with the traceback in details only', async () => {
    const error = await failure(rpc.call('res.partner', 'search_read', null, { domain: [['no_such_field', '=', 1]] }));
    expect(error.kind).toBe('server_error');
    expect(error.transient).toBe(false);
    expect(error.message).toContain('no_such_field');
    expect(error.message).not.toContain('Traceback');
    expect(error.details).toContain('Traceback');
  });
});
