/**
 * The test Odoo's wire protocols, for every version: XML-RPC faults and codes,
 * JSON-RPC error objects, JSON-2 statuses and bodies, authentication, access
 * rights, argument binding and Python's None marshalling.
 */
import { startFakeOdoo } from './fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from './fake-odoo-types';
import { invoiceVals, json2Call, json2Value, jsonExecute, jsonrpcCall, jsonValue, xmlExecute, xmlrpcCall, xmlValue } from './rpc-test-client';

const VERSIONS: FakeOdooMajor[] = [16, 17, 18, 19];

describe.each(VERSIONS)('Odoo %i wire protocols', (version) => {
  let odoo: FakeOdoo;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version, today: '2026-03-10', restrictedUser: { login: 'clerk', apiKey: 'clerk-key' } });
  });
  afterAll(async () => {
    await odoo.close();
  });

  test('common.version over XML-RPC, JSON-RPC and /web/webclient/version_info', async () => {
    const expected = { server_version: `${version}.0`, server_version_info: [version, 0, 0, 'final', 0, ''], server_serie: `${version}.0`, protocol_version: 1 };
    await expect(xmlValue(xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'version', []))).resolves.toEqual(expected);
    await expect(jsonrpcCall(odoo.url, 'common', 'version', [])).resolves.toEqual({ jsonrpc: '2.0', id: 7, result: expected });
    await expect(jsonValue(jsonrpcCall(odoo.url, 'common', 'version', [], '/web/webclient/version_info'))).resolves.toEqual(expected);
  });

  test('GET /web/version answers JSON on every version', async () => {
    const response = await fetch(`${odoo.url}/web/version`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ version_info: [version, 0, 0, 'final', 0, ''], version: `${version}.0` });
  });

  test('authenticate: uid, False for bad credentials, OperationalError for an unknown database', async () => {
    const auth = (db: string, login: string, key: string) => xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'authenticate', [db, login, key, {}]);
    await expect(xmlValue(auth('odoo', 'admin', 'test-api-key'))).resolves.toBe(2);
    await expect(xmlValue(auth('odoo', 'admin', 'wrong'))).resolves.toBe(false);
    await expect(xmlValue(auth('odoo', 'nobody', 'test-api-key'))).resolves.toBe(false);
    await expect(xmlValue(xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'login', ['odoo', 'admin', 'test-api-key']))).resolves.toBe(2);
    const unknown = await auth('nope', 'admin', 'test-api-key');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.faultCode).toBe(1);
      expect(unknown.faultString).toContain('Traceback (most recent call last)');
      expect(unknown.faultString).toContain('FATAL:  database "nope" does not exist');
    }
    const viaJson = await jsonrpcCall(odoo.url, 'common', 'authenticate', ['nope', 'admin', 'test-api-key', {}]);
    expect(viaJson.error?.data.name).toBe('psycopg2.OperationalError');
    expect(viaJson.error?.data.message).toContain('FATAL:  database "nope" does not exist');
    await expect(jsonValue(jsonrpcCall(odoo.url, 'common', 'authenticate', ['odoo', 'admin', 'test-api-key', {}]))).resolves.toBe(2);
  });

  test('execute_kw with a wrong password or uid is Access Denied (fault 3)', async () => {
    for (const [uid, key] of [[2, 'wrong'], [99, 'test-api-key']] as const) {
      const outcome = await xmlrpcCall(odoo.url, '/xmlrpc/2/object', 'execute_kw', ['odoo', uid, key, 'res.partner', 'search', [[]]]);
      expect(outcome).toMatchObject({ ok: false, faultCode: 3, faultString: 'Access Denied' });
    }
    const answer = await jsonrpcCall(odoo.url, 'object', 'execute_kw', ['odoo', 2, 'wrong', 'res.partner', 'search', [[]]]);
    expect(answer).toMatchObject({
      jsonrpc: '2.0',
      id: 7,
      error: { code: version >= 19 ? 0 : 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {} } },
    });
    expect(answer.error?.data.debug).toContain('Traceback');
  });

  test('faults are HTTP 200 text/xml', async () => {
    const body = "<?xml version='1.0'?><methodCall><methodName>execute_kw</methodName><params><param><value><string>odoo</string></value></param><param><value><int>2</int></value></param><param><value><string>wrong</string></value></param><param><value><string>res.partner</string></value></param><param><value><string>search</string></value></param><param><value><array><data/></array></value></param></params></methodCall>";
    const response = await fetch(`${odoo.url}/xmlrpc/2/object`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const text = await response.text();
    expect(text).toContain('<fault>');
    expect(text).toContain('<name>faultCode</name><value><int>3</int></value>');
  });

  test('unknown model is a UserError (fault 2); unknown method an AttributeError (fault 1)', async () => {
    await expect(xmlExecute(odoo, 'x.y', 'search', [[]])).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: "Object x.y doesn't exist" });
    const unknown = await xmlExecute(odoo, 'account.move', 'frobnicate', [[]]);
    expect(unknown).toMatchObject({ ok: false, faultCode: 1 });
    const expected =
      version >= 19 ? "AttributeError: The method 'account.move.frobnicate' does not exist" : version >= 17 ? "AttributeError: The method 'frobnicate' does not exist on the model 'account.move'" : "AttributeError: type object 'account.move' has no attribute 'frobnicate'";
    if (!unknown.ok) expect(unknown.faultString).toContain(expected);
    const viaJson = await jsonExecute(odoo, 'x.y', 'search', [[]]);
    expect(viaJson.error?.data).toMatchObject({ name: 'odoo.exceptions.UserError', message: "Object x.y doesn't exist" });
  });

  test('private methods are an AccessError (fault 4)', async () => {
    const outcome = await xmlExecute(odoo, 'account.move', '_post', [[1]]);
    const message = version >= 19 ? "Private methods (such as 'account.move._post') cannot be called remotely." : 'Private methods (such as _post) cannot be called remotely.';
    expect(outcome).toMatchObject({ ok: false, faultCode: 4, faultString: message });
  });

  test('the restricted user logs in but gets AccessError on accounting models', async () => {
    const uid = await xmlValue<number>(xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'authenticate', ['odoo', 'clerk', 'clerk-key', {}]));
    expect(uid).toBeGreaterThan(2);
    const denied = await xmlrpcCall(odoo.url, '/xmlrpc/2/object', 'execute_kw', ['odoo', uid, 'clerk-key', 'account.move', 'search_read', [[]], { fields: ['name'] }]);
    expect(denied.ok).toBe(false);
    if (!denied.ok) {
      expect(denied.faultCode).toBe(4);
      expect(denied.faultString).toMatch(/^You are not allowed to access 'Journal Entry' \(account\.move\) records\./);
    }
    const partners = await xmlrpcCall(odoo.url, '/xmlrpc/2/object', 'execute_kw', ['odoo', uid, 'clerk-key', 'res.partner', 'search_count', [[]]]);
    expect(partners.ok).toBe(true);
    const json = await jsonrpcCall(odoo.url, 'object', 'execute_kw', ['odoo', uid, 'clerk-key', 'account.account', 'search', [[]]]);
    expect(json.error?.data.name).toBe('odoo.exceptions.AccessError');
  });

  test('arguments bind like Python: positional, keyword, context, and TypeErrors', async () => {
    const partnerId = await xmlValue<number>(xmlExecute(odoo, 'res.partner', 'create', [{ name: 'Binding Test' }]));
    await expect(xmlValue(xmlExecute(odoo, 'res.partner', 'search_count', [[['id', '=', partnerId]]]))).resolves.toBe(1);
    await expect(xmlValue(xmlExecute(odoo, 'res.partner', 'search_count', [], { domain: [['id', '=', partnerId]], context: { lang: 'en_US' } }))).resolves.toBe(1);
    await expect(xmlValue(xmlExecute(odoo, 'res.partner', 'read', [[partnerId], ['name']]))).resolves.toEqual([{ id: partnerId, name: 'Binding Test' }]);
    await expect(xmlValue(xmlExecute(odoo, 'res.partner', 'read', [[partnerId]], { fields: ['name'] }))).resolves.toEqual([{ id: partnerId, name: 'Binding Test' }]);
    const cases: Array<[unknown[], Record<string, unknown>, string]> = [
      [[[]], { foo: 1 }, "BaseModel.search_count() got an unexpected keyword argument 'foo'"],
      [[[]], { domain: [] }, "BaseModel.search_count() got multiple values for argument 'domain'"],
      [[], {}, "BaseModel.search_count() missing 1 required positional argument: 'domain'"],
      [[[], 1, 2], {}, 'BaseModel.search_count() takes from 2 to 3 positional arguments but 4 were given'],
    ];
    for (const [args, kwargs, message] of cases) {
      const outcome = await xmlExecute(odoo, 'res.partner', 'search_count', args, kwargs);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.faultCode).toBe(1);
        expect(outcome.faultString).toContain(`TypeError: ${message}`);
      }
    }
    const viaRead = await xmlExecute(odoo, 'res.partner', 'search_read', [[]], { fields: ['name'], bogus: true });
    if (!viaRead.ok) expect(viaRead.faultString).toContain("BaseModel.read() got an unexpected keyword argument 'bogus'");
    expect(viaRead.ok).toBe(false);
    const viaJson = await jsonExecute(odoo, 'res.partner', 'search_count', [[]], { foo: 1 });
    expect(viaJson.error?.data).toMatchObject({ name: 'builtins.TypeError', message: "BaseModel.search_count() got an unexpected keyword argument 'foo'" });
  });

  test('record methods need the ids as args[0]', async () => {
    const outcome = await xmlExecute(odoo, 'res.partner', 'read', [], { fields: ['name'] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.faultString).toContain('IndexError: list index out of range');
  });

  test('create: a dict gives an id, a list gives ids, vals_list by keyword fails like call_kw and stores nothing', async () => {
    const single = await xmlValue(xmlExecute(odoo, 'res.partner', 'create', [{ name: 'One' }]));
    expect(typeof single).toBe('number');
    const many = await xmlValue(xmlExecute(odoo, 'res.partner', 'create', [[{ name: 'Two' }, { name: 'Three' }]]));
    expect(many).toEqual([expect.any(Number), expect.any(Number)]);
    const before = odoo.records('res.partner').length;
    const byKeyword = await xmlExecute(odoo, 'res.partner', 'create', [], { vals_list: [{ name: 'Four' }] });
    expect(byKeyword.ok).toBe(false);
    if (!byKeyword.ok) expect(byKeyword.faultString).toContain('IndexError: list index out of range');
    expect(odoo.records('res.partner')).toHaveLength(before);
    const viaJson = await jsonValue(jsonExecute(odoo, 'res.partner', 'create', [{ name: 'Five' }]));
    expect(typeof viaJson).toBe('number');
  });

  test('a result holding None faults like Python without allow_none; JSON-RPC sends null', async () => {
    const partnerId = await xmlValue<number>(xmlExecute(odoo, 'res.partner', 'create', [{ name: 'Null Test' }]));
    const moveId = await xmlValue<number>(xmlExecute(odoo, 'account.move', 'create', [invoiceVals(partnerId, [10])]));
    await xmlValue(xmlExecute(odoo, 'account.move', 'action_post', [[moveId]]));
    const outcome = await xmlExecute(odoo, 'account.move', 'button_draft', [[moveId]]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.faultCode).toBe(1);
      expect(outcome.faultString).toContain('TypeError: cannot marshal None unless allow_none is enabled');
    }
    // The call itself ran (Odoo marshals after committing).
    expect(odoo.records('account.move').find((m) => m.id === moveId)?.state).toBe('draft');
    await xmlValue(xmlExecute(odoo, 'account.move', 'action_post', [[moveId]]));
    await expect(jsonrpcCall(odoo.url, 'object', 'execute_kw', ['odoo', 2, odoo.apiKey, 'account.move', 'button_draft', [[moveId]]])).resolves.toEqual({ jsonrpc: '2.0', id: 7, result: null });
  });

  test('legacy execute takes positional arguments', async () => {
    await expect(xmlValue(xmlrpcCall(odoo.url, '/xmlrpc/2/object', 'execute', ['odoo', 2, odoo.apiKey, 'res.company', 'read', [1], ['name', 'currency_id']]))).resolves.toEqual([
      { id: 1, name: 'My Company', currency_id: [1, 'USD'] },
    ]);
  });

  if (version < 19) {
    test('JSON-2 does not exist before 19: a 404 HTML page', async () => {
      const answer = await json2Call(odoo, 'res.partner', 'search', { domain: [] });
      expect(answer.status).toBe(404);
      expect(answer.contentType).toContain('text/html');
      expect(answer.text).toContain('<title>404 Not Found</title>');
    });
  }
});

describe('Odoo 19 JSON-2', () => {
  let odoo: FakeOdoo;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 19, today: '2026-03-10', restrictedUser: { login: 'clerk', apiKey: 'clerk-key' } });
  });
  afterAll(async () => {
    await odoo.close();
  });

  test('named arguments in, bare JSON out; create returns a list', async () => {
    const ids = await json2Value<number[]>(json2Call(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Acme' }] }));
    expect(ids).toEqual([expect.any(Number)]);
    const single = await json2Value<number[]>(json2Call(odoo, 'res.partner', 'create', { vals_list: { name: 'Solo' } }));
    expect(single).toEqual([expect.any(Number)]);
    const rows = await json2Value(json2Call(odoo, 'res.partner', 'search_read', { domain: [['name', '=', 'Acme']], fields: ['name', 'customer_rank'], context: { lang: 'en_US' } }));
    expect(rows).toEqual([{ id: ids[0], name: 'Acme', customer_rank: 0 }]);
    await expect(json2Value(json2Call(odoo, 'res.partner', 'write', { ids, vals: { email: 'a@acme.test' } }))).resolves.toBe(true);
    await expect(json2Value(json2Call(odoo, 'res.partner', 'read', { ids, fields: ['email'] }))).resolves.toEqual([{ id: ids[0], email: 'a@acme.test' }]);
    await expect(json2Value(json2Call(odoo, 'res.users', 'context_get', {}))).resolves.toMatchObject({ uid: 2, lang: 'en_US' });
  });

  test('401 for a missing or wrong key', async () => {
    for (const headers of [{ Authorization: 'bearer nope' }, { Authorization: '' }]) {
      const answer = await json2Call(odoo, 'res.partner', 'search', { domain: [] }, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: ['Invalid apikey', 401], context: {} });
    }
  });

  test('X-Odoo-Database: the right one works, an unknown one is a 404 HTML page', async () => {
    await expect(json2Value(json2Call(odoo, 'res.partner', 'search_count', { domain: [] }, { 'X-Odoo-Database': 'odoo' }))).resolves.toEqual(expect.any(Number));
    const answer = await json2Call(odoo, 'res.partner', 'search_count', { domain: [] }, { 'X-Odoo-Database': 'other' });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain('text/html');
  });

  test('error statuses: 400, 403, 404, 422, 500', async () => {
    const bad = await json2Call(odoo, 'res.partner', 'search', 'not json');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ name: 'werkzeug.exceptions.BadRequest' });
    expect((bad.body as { message: string }).message).toMatch(/^could not parse the body as json/);

    const model = await json2Call(odoo, 'x.y', 'search', { domain: [] });
    expect(model.status).toBe(404);
    expect(model.body).toMatchObject({ name: 'werkzeug.exceptions.NotFound', message: "the model 'x.y' does not exist" });

    const method = await json2Call(odoo, 'account.move', 'frobnicate', {});
    expect(method.status).toBe(404);
    expect(method.body).toMatchObject({ message: "The method 'account.move.frobnicate' does not exist" });

    const privateMethod = await json2Call(odoo, 'account.move', '_post', { ids: [1] });
    expect(privateMethod.status).toBe(403);
    expect(privateMethod.body).toMatchObject({ name: 'odoo.exceptions.AccessError', message: "Private methods (such as 'account.move._post') cannot be called remotely." });

    const restricted = await json2Call(odoo, 'account.move', 'search', { domain: [] }, { Authorization: 'bearer clerk-key' });
    expect(restricted.status).toBe(403);
    expect(restricted.body).toMatchObject({ name: 'odoo.exceptions.AccessError' });

    const missing = await json2Call(odoo, 'account.move', 'action_post', { ids: [999] });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.\n(Record: account.move(999,), User: 2)' });

    const [draft] = await json2Value<number[]>(json2Call(odoo, 'account.move', 'create', { vals_list: [{ move_type: 'out_invoice', partner_id: 3 }] }));
    const noLines = await json2Call(odoo, 'account.move', 'action_post', { ids: [draft] });
    expect(noLines.status).toBe(422);
    expect(noLines.body).toMatchObject({ name: 'odoo.exceptions.UserError', message: 'You need to add a line before posting.', arguments: ['You need to add a line before posting.'], context: {} });
    expect((noLines.body as { debug: string }).debug).toContain('Traceback');

    const unknownArg = await json2Call(odoo, 'res.partner', 'search', { domain: [], bogus: 1 });
    expect(unknownArg.status).toBe(422);
    expect(unknownArg.body).toMatchObject({ name: 'werkzeug.exceptions.UnprocessableEntity', message: "got an unexpected keyword argument 'bogus'" });

    const missingArg = await json2Call(odoo, 'res.partner', 'write', { ids: [3] });
    expect(missingArg.status).toBe(422);
    expect(missingArg.body).toMatchObject({ message: "missing a required argument: 'vals'" });

    const idsOnModelMethod = await json2Call(odoo, 'res.partner', 'search', { ids: [3], domain: [] });
    expect(idsOnModelMethod.status).toBe(422);
    expect(idsOnModelMethod.body).toMatchObject({ message: 'cannot call res.partner.search with ids' });

    const invalidField = await json2Call(odoo, 'account.account', 'search_read', { domain: [['company_id', '=', 1]], fields: ['code'] });
    expect(invalidField.status).toBe(500);
    expect(invalidField.body).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field 'company_id' on model 'account.account'" });
  });

  test('XML-RPC and JSON-RPC still work on 19, with JSON-RPC error code 0', async () => {
    await expect(xmlValue(xmlExecute(odoo, 'res.company', 'search_count', [[]]))).resolves.toBe(1);
    const answer = await jsonExecute(odoo, 'account.move', 'action_post', [[999]]);
    expect(answer.error).toMatchObject({ code: 0, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.MissingError' } });
  });
});
