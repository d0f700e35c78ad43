import { isAccountingError } from '../../../../src/accounting/accounting-error';
import { ALL_CASES, customerInvoices, openBackend, type Backend } from './odoo-backend-fixture';

describe.each(ALL_CASES)('Odoo backend invoices, Odoo $version over $protocol', (backendCase) => {
  let backend: Backend;

  beforeEach(async () => {
    backend = await openBackend(backendCase);
  });

  afterEach(async () => {
    await backend.close();
  });

  it(`creates once per key, posts with a number, lists and pays`, async () => {
    const { port, odoo, clock } = backend;
    const input = {
      client: 'Client ABC',
      project: 'Website',
      lines: [
        { description: 'Design', quantity: 2, unitPrice: 1500 },
        { description: 'Hosting', quantity: 1, unitPrice: 250.5 },
      ],
      idempotencyKey: 'inv-key-1',
    };
    const first = await port.createInvoice(input);
    expect(first.created).toBe(true);
    expect(first.invoice).toMatchObject({
      number: null,
      client: 'Client ABC',
      project: 'Website',
      issued: '2026-03-10',
      due: '2026-04-09',
      currency: 'USD',
      amountTotal: 3250.5,
      amountDue: 3250.5,
      status: 'draft',
      idempotencyKey: 'inv-key-1',
    });
    expect(first.invoice.lines).toEqual([
      { description: 'Design', quantity: 2, unitPrice: 1500, amount: 3000 },
      { description: 'Hosting', quantity: 1, unitPrice: 250.5, amount: 250.5 },
    ]);
    const second = await port.createInvoice(input);
    expect(second).toMatchObject({ created: false, invoice: { id: first.invoice.id } });
    expect(customerInvoices(odoo)).toHaveLength(1);
    // The client became one customer partner, found again by name whatever its case.
    await port.createInvoice({ ...input, client: 'client abc', idempotencyKey: 'inv-key-2' });
    expect(odoo.records('res.partner').filter((p) => String(p.name).toLowerCase() === 'client abc')).toHaveLength(1);
    expect(odoo.records('res.partner').find((p) => p.name === 'Client ABC')?.customer_rank).toBe(1);

    const posted = await port.postInvoice(first.invoice.id);
    expect(posted.number).toBe('INV/2026/00001');
    expect(posted.status).toBe('posted');
    expect(await port.postInvoice('INV/2026/00001')).toMatchObject({ id: first.invoice.id, status: 'posted' });
    expect((await port.getInvoice('INV/2026/00001')).id).toBe(first.invoice.id);

    expect((await port.listInvoices({ filter: 'all' })).map((i) => i.id).sort()).toHaveLength(2);
    expect((await port.listInvoices({ filter: 'unpaid' })).map((i) => i.number)).toEqual(['INV/2026/00001']);
    expect(await port.listInvoices({ filter: 'overdue' })).toEqual([]);
    clock.set('2026-04-10T09:00:00');
    expect((await port.listInvoices({ filter: 'overdue' })).map((i) => i.number)).toEqual(['INV/2026/00001']);

    const partial = await port.registerPayment({ invoice: 'INV/2026/00001', amount: 1000, date: '2026-04-10' });
    expect(partial).toMatchObject({ amount: 1000, date: '2026-04-10', invoice: { status: 'posted', amountDue: 2250.5 } });
    expect(Number(partial.paymentId)).toBeGreaterThan(0);
    const stored = odoo.records('account.move').find((m) => String(m.id) === first.invoice.id);
    expect(stored?.payment_state).toBe('partial');

    const rest = await port.registerPayment({ invoice: first.invoice.id });
    expect(rest.amount).toBe(2250.5);
    expect(rest.invoice).toMatchObject({ status: 'paid', amountDue: 0 });
    const paidState = odoo.records('account.move').find((m) => String(m.id) === first.invoice.id)?.payment_state;
    // 16 and 17 wait for the bank statement (in_payment); 18+ Community marks it paid at once.
    expect(paidState).toBe(backendCase.version >= 18 ? 'paid' : 'in_payment');
    expect(await port.listInvoices({ filter: 'unpaid' })).toEqual([]);
    expect(odoo.records('account.payment')).toHaveLength(2);
  });

  it(`keeps clients apart whose names differ only where =ilike sees wildcards`, async () => {
    const { port, odoo } = backend;
    const line = [{ description: 'Work', quantity: 1, unitPrice: 100 }];
    // The plain names first, so the wildcard names would match them if taken as patterns.
    const a = await port.createInvoice({ client: 'AxB Ltd', lines: line, idempotencyKey: 'w1' });
    const b = await port.createInvoice({ client: 'A_B Ltd', lines: line, idempotencyKey: 'w2' });
    const c = await port.createInvoice({ client: '100 Design', lines: line, idempotencyKey: 'w3' });
    const d = await port.createInvoice({ client: '100% Design', lines: line, idempotencyKey: 'w4' });
    expect([a, b, c, d].map((r) => r.invoice.client)).toEqual(['AxB Ltd', 'A_B Ltd', '100 Design', '100% Design']);
    expect(new Set(customerInvoices(odoo).map((m) => m.partner_id)).size).toBe(4);
  });

  it(`answers not_found naming an unknown invoice`, async () => {
    const error = await backend.port.getInvoice('INV/2026/00077').catch((e: unknown) => e);
    expect(isAccountingError(error) && error.kind).toBe('not_found');
    expect((error as Error).message).toContain('INV/2026/00077');
    const byId = await backend.port.getInvoice('999').catch((e: unknown) => e);
    expect(isAccountingError(byId) && byId.kind).toBe('not_found');
  });
});
