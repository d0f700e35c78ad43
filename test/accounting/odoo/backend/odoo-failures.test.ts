/**
 * What the backend does when Odoo fails half way: a create that committed but
 * whose answer was lost, a payment that failed (never retried), a key that
 * stopped working, a user without accounting rights.
 */
import { isAccountingError, type AccountingError } from '../../../../src/accounting/accounting-error';
import { ALL_CASES, customerInvoices, ONE_PER_PROTOCOL, openBackend, type Backend } from './odoo-backend-fixture';

async function failure(call: Promise<unknown>): Promise<AccountingError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAccountingError(error)) throw new Error(`expected an AccountingError, got ${String(error)}`);
  return error;
}

const invoiceInput = {
  client: 'Client ABC',
  lines: [{ description: 'Retainer', quantity: 1, unitPrice: 1200 }],
  idempotencyKey: 'crash-key',
};

describe.each(ALL_CASES)('Odoo backend failures, Odoo $version over $protocol', (backendCase) => {
  let backend: Backend;

  beforeEach(async () => {
    backend = await openBackend(backendCase);
  });

  afterEach(async () => {
    await backend.close();
  });

  it('never makes a second invoice when the create committed but its answer was lost', async () => {
    const { port, odoo } = backend;
    odoo.inject({ kind: 'after-commit', match: { name: 'account.move.create' }, then: 'reset' });
    const first = await port.createInvoice(invoiceInput);
    // The lost answer was recovered by looking the key up, not by creating again.
    expect(odoo.countCalls('account.move.create')).toBe(1);
    expect(first.invoice).toMatchObject({ idempotencyKey: 'crash-key', amountTotal: 1200 });
    expect(customerInvoices(odoo)).toHaveLength(1);

    // And a retry of the whole request (as after a crash of the caller) finds it too.
    const retried = await port.createInvoice(invoiceInput);
    expect(retried).toMatchObject({ created: false, invoice: { id: first.invoice.id } });
    expect(customerInvoices(odoo)).toHaveLength(1);
    expect(odoo.countCalls('account.move.create')).toBe(1);
  });

  it('creates again when the first create failed before reaching the books', async () => {
    const { port, odoo } = backend;
    odoo.inject({ kind: 'http-status', status: 503, match: { name: 'account.move.create' } });
    const made = await port.createInvoice(invoiceInput);
    expect(made.created).toBe(true);
    expect(odoo.countCalls('account.move.create')).toBe(2);
    expect(customerInvoices(odoo)).toHaveLength(1);
  });

  it('reports a failed payment and never retries it', async () => {
    const { port, odoo } = backend;
    const { invoice } = await port.createInvoice(invoiceInput);
    await port.postInvoice(invoice.id);
    odoo.inject({ kind: 'http-status', status: 503, match: { name: 'account.payment.register.action_create_payments' }, times: Infinity });
    const error = await failure(port.registerPayment({ invoice: invoice.id }));
    expect(error.kind).toBe('server_error');
    expect(odoo.countCalls('account.payment.register.action_create_payments')).toBe(1);
    expect(odoo.records('account.payment')).toHaveLength(0);
    expect((await port.getInvoice(invoice.id)).amountDue).toBe(1200);
  });
});

describe.each(ONE_PER_PROTOCOL)('Odoo backend connection, Odoo $version over $protocol', (backendCase) => {
  it('says what it is connected to', async () => {
    const backend = await openBackend(backendCase);
    try {
      const health = await backend.port.health();
      const label = { xmlrpc: 'XML-RPC', jsonrpc: 'JSON-RPC', json2: 'JSON-2' }[backendCase.protocol];
      expect(health).toEqual({ ok: true, backend: 'odoo', summary: `Odoo ${backendCase.version}.0 at ${backend.odoo.url} over ${label}, user id 2` });
    } finally {
      await backend.close();
    }
  });

  it('describes a wrong key without throwing, and connects afresh on the next use', async () => {
    const backend = await openBackend({ ...backendCase, apiKey: 'wrong-key' });
    try {
      const health = await backend.port.health();
      expect(health.ok).toBe(false);
      expect(health.backend).toBe('odoo');
      expect(health.summary).not.toContain('wrong-key');
      expect(health.summary.length).toBeGreaterThan(10);
      const error = await failure(backend.port.listInvoices({ filter: 'all' }));
      expect(error.kind).toBe('bad_credentials');
      expect(backend.connects()).toBe(2);
    } finally {
      await backend.close();
    }
  });

  it('reports a user without accounting rights as unhealthy', async () => {
    const backend = await openBackend({ ...backendCase, restricted: true });
    try {
      const health = await backend.port.health();
      expect(health.ok).toBe(false);
      expect(health.summary).toMatch(/not allowed/i);
      const error = await failure(backend.port.listInvoices({ filter: 'all' }));
      expect(error.kind).toBe('access_denied');
    } finally {
      await backend.close();
    }
  });

  it('keeps one connection across calls', async () => {
    const backend = await openBackend(backendCase);
    try {
      await backend.port.listInvoices({ filter: 'all' });
      await backend.port.profitAndLoss({ from: '2026-01-01', to: '2026-12-31' });
      await backend.port.health();
      expect(backend.connects()).toBe(1);
    } finally {
      await backend.close();
    }
  });
});
