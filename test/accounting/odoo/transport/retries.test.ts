/**
 * Transient failures: which calls are tried again, how often, with what
 * pauses, and which never are. Also timeouts, cut connections and answers
 * that cannot be read, for each protocol.
 */
import { connectOdoo } from '../../../../src/accounting/odoo/odoo-connection';
import type { OdooRpc } from '../../../../src/accounting/odoo/odoo-rpc';
import { startFakeOdoo } from '../../../odoo/fake-odoo';
import type { FakeOdoo } from '../../../odoo/fake-odoo-types';
import { API_KEY, configFor, createdId, everything, recordingDeps, rejection } from './transport-helpers';

const CASES = [
  { version: 17, protocol: 'xmlrpc' },
  { version: 18, protocol: 'jsonrpc' },
  { version: 16, protocol: 'jsonrpc' },
  { version: 19, protocol: 'json2' },
  { version: 19, protocol: 'xmlrpc' },
] as const;

const SEARCH = 'res.partner.search_read';
const CREATE = 'res.partner.create';
const searchArgs = { domain: [['is_company', '=', true]], fields: ['name'] };

describe.each(CASES)('Odoo $version over $protocol', ({ version, protocol }) => {
  let odoo: FakeOdoo;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version, apiKey: API_KEY });
  });
  afterAll(async () => {
    await odoo.close();
  });
  beforeEach(() => {
    odoo.clearInjections();
    odoo.resetCalls();
  });

  async function connect(overrides: { maxRetries?: number; timeoutMs?: number } = {}) {
    const deps = recordingDeps();
    const rpc: OdooRpc = await connectOdoo(configFor(odoo, { protocol, ...overrides }), deps);
    odoo.resetCalls();
    deps.sleeps.length = 0;
    return { rpc, sleeps: deps.sleeps };
  }

  it('a read that meets 503 twice succeeds on the third attempt, after 250 and 500 ms', async () => {
    const { rpc, sleeps } = await connect({ maxRetries: 3 });
    odoo.inject({ kind: 'http-status', status: 503, times: 2, match: { name: SEARCH } });
    const rows = await rpc.call<Array<{ name: string }>>('res.partner', 'search_read', null, searchArgs);
    expect(rows.map((r) => r.name)).toContain('My Company');
    expect(odoo.countCalls(SEARCH)).toBe(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('maxRetries 1 gives up after two attempts with the 503 as a transient server_error', async () => {
    const { rpc, sleeps } = await connect({ maxRetries: 1 });
    odoo.inject({ kind: 'http-status', status: 503, times: Infinity, match: { name: SEARCH } });
    const error = await rejection(rpc.call('res.partner', 'search_read', null, searchArgs));
    expect(error.kind).toBe('server_error');
    expect(error.transient).toBe(true);
    expect(error.message).toContain('HTTP 503');
    expect(odoo.countCalls(SEARCH)).toBe(2);
    expect(sleeps).toEqual([250]);
  });

  it('maxRetries 0 makes a single attempt', async () => {
    const { rpc } = await connect({ maxRetries: 0 });
    odoo.inject({ kind: 'http-status', status: 504, times: Infinity, match: { name: SEARCH } });
    expect((await rejection(rpc.call('res.partner', 'search_read', null, searchArgs))).kind).toBe('server_error');
    expect(odoo.countCalls(SEARCH)).toBe(1);
  });

  it("retry: 'never' makes a single attempt even for a read", async () => {
    const { rpc, sleeps } = await connect({ maxRetries: 3 });
    odoo.inject({ kind: 'http-status', status: 503, times: 1, match: { name: SEARCH } });
    const error = await rejection(rpc.call('res.partner', 'search_read', null, searchArgs, { retry: 'never' }));
    expect(error.transient).toBe(true);
    expect(odoo.countCalls(SEARCH)).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('a create that meets a 503 is never retried', async () => {
    const { rpc, sleeps } = await connect({ maxRetries: 3 });
    const before = odoo.records('res.partner').length;
    odoo.inject({ kind: 'http-status', status: 503, times: 1, match: { name: CREATE } });
    const error = await rejection(rpc.call('res.partner', 'create', null, { vals_list: [{ name: 'Once Only' }] }));
    expect(error.kind).toBe('server_error');
    expect(odoo.countCalls(CREATE)).toBe(1);
    expect(sleeps).toEqual([]);
    expect(odoo.records('res.partner').length).toBe(before);
  });

  it('a create whose answer is lost after it was stored is reported, not repeated', async () => {
    const { rpc } = await connect({ maxRetries: 3 });
    const before = odoo.records('res.partner').filter((r) => r.name === 'Stored Once').length;
    odoo.inject({ kind: 'after-commit', then: 'reset', times: 1, match: { name: CREATE } });
    const error = await rejection(rpc.call('res.partner', 'create', null, { vals_list: [{ name: 'Stored Once' }] }));
    expect(error.kind).toBe('unreachable');
    expect(odoo.countCalls(CREATE)).toBe(1);
    expect(odoo.records('res.partner').filter((r) => r.name === 'Stored Once').length).toBe(before + 1);
  });

  it('a socket reset on a read is retried', async () => {
    const { rpc } = await connect({ maxRetries: 2 });
    odoo.inject({ kind: 'reset', times: 1, match: { name: SEARCH } });
    const rows = await rpc.call<unknown[]>('res.partner', 'search_read', null, searchArgs);
    expect(rows.length).toBeGreaterThan(0);
    expect(odoo.countCalls(SEARCH)).toBe(2);
  });

  it('a socket reset with no retries left is unreachable, saying what to check', async () => {
    const { rpc } = await connect({ maxRetries: 0 });
    odoo.inject({ kind: 'reset', times: 1, match: { name: SEARCH } });
    const error = await rejection(rpc.call('res.partner', 'search_read', null, searchArgs));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(odoo.url);
    expect(error.message).toContain('closed before Odoo answered');
  });

  it('a slow answer is a timeout naming the address, and a read is retried after it', async () => {
    const { rpc } = await connect({ maxRetries: 0, timeoutMs: 200 });
    odoo.inject({ kind: 'delay', ms: 1000, times: 1, match: { name: SEARCH } });
    const error = await rejection(rpc.call('res.partner', 'search_read', null, searchArgs));
    expect(error.kind).toBe('timeout');
    expect(error.transient).toBe(true);
    expect(error.message).toContain(odoo.url);
    expect(error.message).toContain('200 ms');

    const retried = await connect({ maxRetries: 1, timeoutMs: 200 });
    odoo.inject({ kind: 'delay', ms: 1000, times: 1, match: { name: SEARCH } });
    await expect(retried.rpc.call('res.partner', 'search_read', null, searchArgs)).resolves.toEqual(expect.any(Array));
    expect(odoo.countCalls(SEARCH)).toBe(2);
  });

  it('a slow create times out once and is not sent again', async () => {
    const { rpc } = await connect({ maxRetries: 3, timeoutMs: 200 });
    odoo.inject({ kind: 'delay', ms: 600, times: 1, match: { name: CREATE } });
    const error = await rejection(rpc.call('res.partner', 'create', null, { vals_list: [{ name: 'Slow Ltd' }] }));
    expect(error.kind).toBe('timeout');
    expect(odoo.countCalls(CREATE)).toBe(1);
  });

  it('an answer that is not valid for the protocol is bad_response, not retried', async () => {
    const { rpc, sleeps } = await connect({ maxRetries: 3 });
    odoo.inject({ kind: 'malformed', times: 1, match: { name: SEARCH } });
    const error = await rejection(rpc.call('res.partner', 'search_read', null, searchArgs));
    expect(error.kind).toBe('bad_response');
    expect(error.transient).toBe(false);
    expect(error.message).toContain(odoo.url);
    expect(odoo.countCalls(SEARCH)).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('a proxy page with HTTP 500 is transient; the key never shows', async () => {
    const { rpc } = await connect({ maxRetries: 0 });
    odoo.inject({ kind: 'http-status', status: 500, times: 1, match: { name: SEARCH } });
    const error = await rejection(rpc.call('res.partner', 'search_read', null, searchArgs));
    expect(error.kind).toBe('server_error');
    expect(error.transient).toBe(true);
    expect(everything(error)).not.toContain(API_KEY);
  });

  it('connecting retries the login through a 503', async () => {
    const deps = recordingDeps();
    odoo.inject({ kind: 'http-status', status: 503, times: 1, match: { name: protocol === 'json2' ? 'res.users.context_get' : 'common.authenticate' } });
    const rpc = await connectOdoo(configFor(odoo, { protocol, maxRetries: 2 }), deps);
    expect(rpc.uid).toBe(2);
    expect(deps.sleeps).toEqual([250]);
  });

  it('a login answer that cannot be read is bad_response', async () => {
    odoo.inject({ kind: 'malformed', times: 1, match: { name: protocol === 'json2' ? 'res.users.context_get' : 'common.authenticate' } });
    const error = await rejection(connectOdoo(configFor(odoo, { protocol }), recordingDeps()));
    expect(error.kind).toBe('bad_response');
  });

  it('a write meeting a transient failure is never retried either', async () => {
    const { rpc } = await connect({ maxRetries: 3 });
    const id = createdId(await rpc.call('res.partner', 'create', null, { vals_list: [{ name: 'Write Once' }] }));
    odoo.inject({ kind: 'reset', times: 1, match: { name: 'res.partner.write' } });
    const error = await rejection(rpc.call('res.partner', 'write', [id], { vals: { ref: 'W' } }));
    expect(error.kind).toBe('unreachable');
    expect(odoo.countCalls('res.partner.write')).toBe(1);
  });
});
