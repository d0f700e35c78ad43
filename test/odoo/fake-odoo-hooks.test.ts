/**
 * The test hooks of the test Odoo: call recording, injected failures of
 * every kind, record snapshots, and bulk seeding for the bench.
 */
import { agingBucket, daysPastDue } from '../../src/accounting/accounting-port';
import { startFakeOdoo } from './fake-odoo';
import type { FakeOdoo } from './fake-odoo-types';
import { invoiceVals, json2Call, jsonExecute, xmlExecute, xmlrpcCall, xmlValue } from './rpc-test-client';

describe('calls and injections', () => {
  let odoo: FakeOdoo;

  beforeEach(async () => {
    odoo = await startFakeOdoo({ version: 19, today: '2026-03-10' });
  });
  afterEach(async () => {
    await odoo.close();
  });

  test('every request is recorded with its path, protocol and name', async () => {
    await xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'version', []);
    await xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'authenticate', ['odoo', 'admin', odoo.apiKey, {}]);
    await xmlExecute(odoo, 'res.partner', 'search', [[]]);
    await jsonExecute(odoo, 'account.move', 'search_count', [[]]);
    await json2Call(odoo, 'account.move', 'search_read', { domain: [] });
    await fetch(`${odoo.url}/web/version`);
    expect(odoo.calls).toEqual([
      { path: '/xmlrpc/2/common', protocol: 'xmlrpc', name: 'common.version' },
      { path: '/xmlrpc/2/common', protocol: 'xmlrpc', name: 'common.authenticate' },
      { path: '/xmlrpc/2/object', protocol: 'xmlrpc', name: 'res.partner.search' },
      { path: '/jsonrpc', protocol: 'jsonrpc', name: 'account.move.search_count' },
      { path: '/json/2/account.move/search_read', protocol: 'json2', name: 'account.move.search_read' },
      { path: '/web/version', protocol: 'http', name: 'web.version' },
    ]);
    expect(odoo.countCalls()).toBe(6);
    expect(odoo.countCalls('account.move.search_read')).toBe(1);
    expect(odoo.countCalls(/^account\.move\./)).toBe(2);
    odoo.resetCalls();
    expect(odoo.calls).toHaveLength(0);
  });

  test('http-status answers a proxy page (or the given body) without running the call', async () => {
    odoo.inject({ kind: 'http-status', match: { name: 'res.partner.create' } });
    const first = await fetch(`${odoo.url}/json/2/res.partner/create`, { method: 'POST', headers: { Authorization: `bearer ${odoo.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ vals_list: [{ name: 'Never' }] }) });
    expect(first.status).toBe(500);
    expect(await first.text()).toContain('<center>nginx</center>');
    expect(odoo.records('res.partner').some((p) => p.name === 'Never')).toBe(false);
    // used up: the next call runs normally
    const second = await json2Call(odoo, 'res.partner', 'create', { vals_list: [{ name: 'Now' }] });
    expect(second.status).toBe(200);

    odoo.inject({ kind: 'http-status', status: 503, body: 'maintenance', times: 2, match: { protocol: 'json2' } });
    for (let i = 0; i < 2; i++) {
      const answer = await json2Call(odoo, 'res.partner', 'search_count', { domain: [] });
      expect([answer.status, answer.text]).toEqual([503, 'maintenance']);
    }
    expect((await json2Call(odoo, 'res.partner', 'search_count', { domain: [] })).status).toBe(200);
  });

  test('injections match on protocol, name (string or RegExp) and path', async () => {
    odoo.inject({ kind: 'http-status', status: 502, match: { protocol: 'jsonrpc', name: /^account\.move\./ } });
    await expect(xmlValue(xmlExecute(odoo, 'account.move', 'search_count', [[]]))).resolves.toBe(0);
    await expect(jsonExecute(odoo, 'res.partner', 'search_count', [[]])).resolves.toMatchObject({ result: expect.any(Number) as number });
    await expect(jsonExecute(odoo, 'account.move', 'search_count', [[]])).rejects.toThrow('HTTP 502');
    odoo.inject({ kind: 'http-status', status: 500, match: { path: '/web/version' } });
    expect((await fetch(`${odoo.url}/web/version`)).status).toBe(500);
    odoo.inject({ kind: 'http-status', times: Infinity });
    odoo.clearInjections();
    expect((await fetch(`${odoo.url}/web/version`)).status).toBe(200);
  });

  test('malformed answers 200 with a body that is not XML-RPC or JSON', async () => {
    odoo.inject({ kind: 'malformed', match: { protocol: 'xmlrpc' } });
    const outcome = await xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'version', []);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.faultCode).toBeUndefined();
    odoo.inject({ kind: 'malformed' });
    const response = await fetch(`${odoo.url}/json/2/res.partner/search`, { method: 'POST', headers: { Authorization: `bearer ${odoo.apiKey}`, 'Content-Type': 'application/json' }, body: '{"domain": []}' });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  test('reset destroys the connection without an answer', async () => {
    odoo.inject({ kind: 'reset' });
    await expect(fetch(`${odoo.url}/web/version`)).rejects.toThrow();
    const outcome = await xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'version', []);
    expect(outcome.ok).toBe(true);
  });

  test('delay holds the answer; a client that gives up first still sees the call committed', async () => {
    odoo.inject({ kind: 'delay', ms: 300 });
    const answer = await json2Call(odoo, 'res.partner', 'search_count', { domain: [] });
    expect(answer.status).toBe(200);

    odoo.inject({ kind: 'delay', ms: 400, match: { name: 'res.partner.create' } });
    const aborted = fetch(`${odoo.url}/json/2/res.partner/create`, {
      method: 'POST',
      headers: { Authorization: `bearer ${odoo.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ vals_list: [{ name: 'Slow Partner' }] }),
      signal: AbortSignal.timeout(50),
    });
    await expect(aborted).rejects.toThrow();
    // The server finishes the call after the client left: wait for it (bounded), like a later lookup would.
    const created = async (): Promise<boolean> => odoo.records('res.partner').some((p) => p.name === 'Slow Partner');
    for (let i = 0; i < 100 && !(await created()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await created()).toBe(true);
  });

  test('after-commit stores the effect, then fails like http-status or reset', async () => {
    const partner = await xmlValue<number>(xmlExecute(odoo, 'res.partner', 'create', [{ name: 'Acme' }]));
    odoo.inject({ kind: 'after-commit', status: 502, match: { name: 'account.move.create' } });
    const answer = await json2Call(odoo, 'account.move', 'create', { vals_list: [invoiceVals(partner, [10])] });
    expect(answer.status).toBe(502);
    expect(odoo.records('account.move')).toHaveLength(1);

    odoo.inject({ kind: 'after-commit', then: 'reset', match: { name: 'account.move.action_post' } });
    const id = odoo.records('account.move')[0]?.id;
    const outcome = await xmlExecute(odoo, 'account.move', 'action_post', [[id]]);
    expect(outcome.ok).toBe(false);
    expect(odoo.records('account.move')[0]).toMatchObject({ state: 'posted', name: 'INV/2026/00001' });
  });

  test('records() returns copies', async () => {
    await xmlValue(xmlExecute(odoo, 'res.partner', 'create', [{ name: 'Original' }]));
    const copy = odoo.records('res.partner').find((p) => p.name === 'Original');
    expect(copy).toBeDefined();
    if (copy) copy.name = 'Changed';
    expect(odoo.records('res.partner').some((p) => p.name === 'Original')).toBe(true);
    expect(odoo.records('no.such.model')).toEqual([]);
  });
});

describe('seedPostedInvoices', () => {
  test('is deterministic for a seed and mixes unpaid, partial and paid invoices over every aging bucket', async () => {
    const a = await startFakeOdoo({ version: 17, today: '2026-03-10' });
    const b = await startFakeOdoo({ version: 17, today: '2026-03-10' });
    try {
      a.seedPostedInvoices(300, { seed: 42, partners: 12 });
      b.seedPostedInvoices(300, { seed: 42, partners: 12 });
      const summary = (odoo: FakeOdoo) => odoo.records('account.move').filter((m) => m.move_type === 'out_invoice').map((m) => [m.name, m.partner_id, m.amount_total, m.amount_residual, m.payment_state, m.invoice_date_due]);
      expect(summary(a)).toEqual(summary(b));
      const invoices = a.records('account.move').filter((m) => m.move_type === 'out_invoice');
      expect(invoices).toHaveLength(300);
      expect(invoices.every((m) => m.state === 'posted' && /^INV\/\d{4}\/\d{5}$/.test(String(m.name)))).toBe(true);
      expect(new Set(invoices.map((m) => m.partner_id)).size).toBe(12);
      const states = new Set(invoices.map((m) => m.payment_state));
      expect(states).toEqual(new Set(['not_paid', 'partial', 'in_payment']));
      const open = invoices.filter((m) => Number(m.amount_residual) > 0);
      const buckets = new Set(open.map((m) => agingBucket(daysPastDue(String(m.invoice_date_due), '2026-03-10'))));
      expect(buckets).toEqual(new Set(['current', '1-30', '31-60', '61-90', '90+']));
      // Payments are real moves: the receivable residuals match the invoices'.
      const lines = a.records('account.move.line');
      for (const invoice of invoices.slice(0, 50)) {
        const receivable = lines.filter((l) => l.move_id === invoice.id && l.account_type === 'asset_receivable');
        expect(receivable.reduce((s, l) => s + Number(l.amount_residual), 0)).toBeCloseTo(Number(invoice.amount_residual), 2);
      }
      const c = await startFakeOdoo({ version: 17, today: '2026-03-10' });
      c.seedPostedInvoices(300, { seed: 43, partners: 12 });
      expect(summary(c)).not.toEqual(summary(a));
      await c.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('10,000 invoices seed and stay searchable and groupable over RPC', async () => {
    const odoo = await startFakeOdoo({ version: 18, today: '2026-03-10' });
    try {
      odoo.seedPostedInvoices(10_000, { from: '2025-01-01', to: '2026-03-10', partners: 40, seed: 3 });
      const count = await xmlValue(xmlExecute(odoo, 'account.move', 'search_count', [[['move_type', '=', 'out_invoice'], ['state', '=', 'posted']]]));
      expect(count).toBe(10_000);
      const groups = await xmlValue<Array<Record<string, unknown>>>(xmlExecute(odoo, 'account.move.line', 'read_group', [[['parent_state', '=', 'posted'], ['account_type', '=', 'asset_receivable'], ['reconciled', '=', false]], ['amount_residual:sum'], ['partner_id']]));
      expect(groups).toHaveLength(40);
      const open = await xmlValue<Array<{ amount_residual: number }>>(xmlExecute(odoo, 'account.move', 'search_read', [[['move_type', '=', 'out_invoice'], ['payment_state', 'in', ['not_paid', 'partial']]]], { fields: ['amount_residual'] }));
      const total = groups.reduce((s, g) => s + Number(g.amount_residual), 0);
      expect(total).toBeCloseTo(open.reduce((s, m) => s + m.amount_residual, 0), 1);
    } finally {
      await odoo.close();
    }
  });

  test('rejects bad arguments', async () => {
    const odoo = await startFakeOdoo({ version: 16 });
    try {
      expect(() => odoo.seedPostedInvoices(-1)).toThrow('count');
      expect(() => odoo.seedPostedInvoices(5, { from: '2026-05-01', to: '2026-01-01' })).toThrow('date range');
    } finally {
      await odoo.close();
    }
  });
});

describe('startFakeOdoo options', () => {
  test('custom database, login, key and currency', async () => {
    const odoo = await startFakeOdoo({ version: 16, database: 'books', login: 'owner@example.com', apiKey: 'k-123', currency: 'EUR' });
    try {
      expect([odoo.database, odoo.login, odoo.apiKey, odoo.version]).toEqual(['books', 'owner@example.com', 'k-123', 16]);
      expect(odoo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(xmlValue(xmlrpcCall(odoo.url, '/xmlrpc/2/common', 'authenticate', ['books', 'owner@example.com', 'k-123', {}]))).resolves.toBe(2);
      await expect(xmlValue(xmlrpcCall(odoo.url, '/xmlrpc/2/object', 'execute_kw', ['books', 2, 'k-123', 'res.company', 'read', [[1], ['currency_id']]]))).resolves.toEqual([{ id: 1, currency_id: [1, 'EUR'] }]);
    } finally {
      await odoo.close();
    }
  });

  test('rejects an unknown version', async () => {
    await expect(startFakeOdoo({ version: 15 as never })).rejects.toThrow('version');
  });
});
