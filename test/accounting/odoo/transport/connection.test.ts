/**
 * connectOdoo against the test Odoo over real sockets: version detection,
 * protocol choice for 16–19, logging in, and the settings check that comes
 * before any request.
 */
import { connectOdoo } from '../../../../src/accounting/odoo/odoo-connection';
import { startFakeOdoo } from '../../../odoo/fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from '../../../odoo/fake-odoo-types';
import { API_KEY, configFor, PROTOCOL_CASES, recordingDeps, rejection } from './transport-helpers';

const VERSIONS: FakeOdooMajor[] = [16, 17, 18, 19];
const servers = new Map<FakeOdooMajor, FakeOdoo>();

beforeAll(async () => {
  for (const version of VERSIONS) servers.set(version, await startFakeOdoo({ version, apiKey: API_KEY }));
});
afterAll(async () => {
  for (const server of servers.values()) await server.close();
});
beforeEach(() => {
  for (const server of servers.values()) {
    server.clearInjections();
    server.resetCalls();
  }
});

function server(version: FakeOdooMajor): FakeOdoo {
  const found = servers.get(version);
  if (!found) throw new Error(`no server for ${version}`);
  return found;
}

describe('auto protocol', () => {
  it.each([16, 17, 18] as const)('picks XML-RPC on Odoo %i and logs in as the admin', async (version) => {
    const odoo = server(version);
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.protocol).toBe('xmlrpc');
    expect(rpc.version).toEqual({ major: version, minor: 0, label: `${version}.0` });
    expect(rpc.uid).toBe(2);
    expect(odoo.calls.some((c) => c.protocol === 'xmlrpc' && c.name === 'common.authenticate')).toBe(true);
    expect(odoo.calls.some((c) => c.protocol === 'json2' || c.protocol === 'jsonrpc')).toBe(false);
  });

  it('picks JSON-2 on Odoo 19 and finds the uid with context_get', async () => {
    const odoo = server(19);
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.protocol).toBe('json2');
    expect(rpc.version.major).toBe(19);
    expect(rpc.uid).toBe(2);
    expect(odoo.calls.map((c) => c.name)).toContain('res.users.context_get');
    expect(odoo.calls.some((c) => c.protocol === 'xmlrpc' || c.protocol === 'jsonrpc')).toBe(false);
  });

  it('JSON-2 needs no username', async () => {
    const rpc = await connectOdoo(configFor(server(19), { username: '' }), recordingDeps());
    expect(rpc.uid).toBe(2);
  });

  it('JSON-2 works without a database name (the server picks its only one)', async () => {
    const odoo = server(19);
    const rpc = await connectOdoo(configFor(odoo, { database: '' }), recordingDeps());
    expect(rpc.protocol).toBe('json2');
    expect(await rpc.call('res.partner', 'search_count', null, { domain: [] })).toBeGreaterThan(0);
  });

  it('asks for the username only once the version shows that XML-RPC is needed', async () => {
    const error = await rejection(connectOdoo(configFor(server(17), { username: '' }), recordingDeps()));
    expect(error.kind).toBe('not_configured');
    expect(error.message).toContain('username');
    expect(error.message).toContain('XML-RPC (Odoo 17.0)');
  });
});

describe('forced protocols', () => {
  it.each(PROTOCOL_CASES)('Odoo $version over $protocol connects with that protocol', async ({ version, protocol }) => {
    const odoo = server(version);
    const rpc = await connectOdoo(configFor(odoo, { protocol }), recordingDeps());
    expect(rpc.protocol).toBe(protocol);
    expect(rpc.version.major).toBe(version);
    expect(rpc.uid).toBe(2);
    // Every request the server saw was counted, the version probe and the login included.
    expect(rpc.callCount).toBe(odoo.calls.length);
    expect(rpc.callCount).toBeGreaterThanOrEqual(2);
  });

  it.each([16, 17, 18] as const)('refuses JSON-2 on Odoo %i, naming the version', async (version) => {
    const error = await rejection(connectOdoo(configFor(server(version), { protocol: 'json2' }), recordingDeps()));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain(`Odoo ${version}.0`);
    expect(error.message).toContain('JSON-2');
  });

  it('counts every later call and its retries in callCount', async () => {
    const odoo = server(18);
    const rpc = await connectOdoo(configFor(odoo, { protocol: 'jsonrpc' }), recordingDeps());
    const before = rpc.callCount;
    await rpc.call('res.partner', 'search_read', null, { domain: [], fields: ['name'], limit: 1 });
    odoo.inject({ kind: 'http-status', status: 503, match: { name: 'res.partner.search_count' } });
    await rpc.call('res.partner', 'search_count', null, { domain: [] });
    expect(rpc.callCount).toBe(before + 3);
    expect(rpc.callCount).toBe(odoo.calls.length);
  });
});

describe('version detection', () => {
  it.each([16, 17, 18, 19] as const)('asks GET /web/version first on Odoo %i', async (version) => {
    const odoo = server(version);
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.version.major).toBe(version);
    expect(odoo.calls[0]?.path).toBe('/web/version');
    expect(odoo.calls.some((c) => c.name === 'common.version')).toBe(false);
  });

  it.each([16, 19] as const)('falls back to XML-RPC common.version when /web/version is absent (Odoo %i)', async (version) => {
    const odoo = server(version);
    odoo.inject({ kind: 'http-status', status: 404, body: '<h1>Not Found</h1>', match: { path: '/web/version' } });
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.version).toEqual({ major: version, minor: 0, label: `${version}.0` });
    expect(odoo.calls.map((c) => `${c.protocol} ${c.name}`).slice(0, 2)).toEqual(['http web.version', 'xmlrpc common.version']);
  });

  it('falls back to JSON-RPC when neither /web/version nor XML-RPC answers as Odoo', async () => {
    const odoo = server(17);
    odoo.inject({ kind: 'http-status', status: 404, body: '<h1>Not Found</h1>', match: { path: '/web/version' } });
    odoo.inject({ kind: 'http-status', status: 404, body: '<h1>Not Found</h1>', match: { protocol: 'xmlrpc', name: 'common.version' } });
    const rpc = await connectOdoo(configFor(odoo, { protocol: 'jsonrpc' }), recordingDeps());
    expect(rpc.version.major).toBe(17);
    expect(odoo.calls.some((c) => c.protocol === 'jsonrpc' && c.name === 'common.version')).toBe(true);
  });

  it('a /web/version that is not a version is not trusted', async () => {
    const odoo = server(18);
    odoo.inject({ kind: 'http-status', status: 200, body: '{"status":"ok"}', match: { path: '/web/version' } });
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.version.major).toBe(18);
    expect(odoo.countCalls('common.version')).toBe(1);
  });

  function announce(odoo: FakeOdoo, versionInfo: unknown[], label: string) {
    odoo.inject({ kind: 'http-status', status: 200, body: JSON.stringify({ version_info: versionInfo, version: label }), match: { path: '/web/version' } });
  }

  it('reads a SaaS version such as saas~18.2', async () => {
    const odoo = server(18);
    announce(odoo, ['saas~18', 2, 0, 'final', 0, ''], 'saas~18.2');
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.version).toEqual({ major: 18, minor: 2, label: 'saas~18.2' });
    expect(rpc.protocol).toBe('xmlrpc');
  });

  it('accepts a version newer than 19 over JSON-2, and only there', async () => {
    const odoo = server(19);
    announce(odoo, [20, 0, 0, 'final', 0, ''], '20.0');
    const rpc = await connectOdoo(configFor(odoo), recordingDeps());
    expect(rpc.protocol).toBe('json2');
    expect(rpc.version.major).toBe(20);

    announce(odoo, [20, 0, 0, 'final', 0, ''], '20.0');
    const error = await rejection(connectOdoo(configFor(odoo, { protocol: 'xmlrpc' }), recordingDeps()));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain('Odoo 20.0');
  });

  it('refuses a version older than 16, naming it', async () => {
    const odoo = server(16);
    announce(odoo, [15, 0, 0, 'final', 0, ''], '15.0');
    const error = await rejection(connectOdoo(configFor(odoo), recordingDeps()));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain('Odoo 15.0');
    expect(error.message).toContain('16 to 19');
  });

  it('Odoo 19 over XML-RPC that no longer serves it is unsupported, naming the protocol', async () => {
    const odoo = server(19);
    odoo.inject({ kind: 'http-status', status: 404, body: '<h1>Not Found</h1>', times: Infinity, match: { protocol: 'xmlrpc' } });
    const error = await rejection(connectOdoo(configFor(odoo, { protocol: 'xmlrpc' }), recordingDeps()));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain('does not answer XML-RPC');
  });
});

describe('settings checked before any request', () => {
  const base = { url: 'https://mycompany.odoo.com', database: 'odoo', username: 'admin', apiKey: API_KEY, protocol: 'auto' as const, timeoutMs: 1000, maxRetries: 0 };

  it.each([
    [{ url: '' }, 'Odoo URL'],
    [{ url: 'mycompany.odoo.com' }, 'Odoo URL'],
    [{ url: 'ftp://mycompany.odoo.com' }, 'Odoo URL'],
    [{ url: 'https://mycompany.odoo.com/odoo/action-123' }, 'Odoo URL'],
    [{ url: 'https://mycompany.odoo.com/web#id=3' }, 'Odoo URL'],
    [{ apiKey: '' }, 'API key'],
    [{ apiKey: '   ' }, 'API key'],
    [{ protocol: 'xmlrpc' as const, database: '' }, 'database'],
    [{ protocol: 'jsonrpc' as const, username: '' }, 'username'],
    [{ timeoutMs: 0 }, 'timeout'],
    [{ maxRetries: -1 }, 'retries'],
  ])('%j → not_configured naming the %s', async (change, setting) => {
    const error = await rejection(connectOdoo({ ...base, ...change }, recordingDeps()));
    expect(error.kind).toBe('not_configured');
    expect(error.message).toContain(setting);
    expect(error.message).not.toContain(API_KEY);
  });

  it('never shows the password of a URL with credentials', async () => {
    const error = await rejection(connectOdoo({ ...base, url: 'https://bob:hunter2-secret@mycompany.odoo.com/web' }, recordingDeps()));
    expect(error.kind).toBe('not_configured');
    expect(error.message).not.toContain('hunter2-secret');
  });
});
