/**
 * Expenses as vendor bills (posted and paid in full) on every version and
 * protocol, and as `hr.expense` records with 16's and 17+'s amount fields.
 */
import { isAccountingError } from '../../../../src/accounting/accounting-error';
import { ALL_CASES, openBackend, type Backend } from './odoo-backend-fixture';

const input = {
  amount: 89.9,
  category: 'software',
  description: 'Design tool subscription',
  vendor: 'Adobe',
  date: '2026-03-05',
  idempotencyKey: 'exp-key-1',
};

function accountName(backend: Backend, id: unknown): string {
  return String(backend.odoo.records('account.account').find((a) => a.id === id)?.name);
}

describe.each(ALL_CASES)('Odoo backend expenses as vendor bills, Odoo $version over $protocol', (backendCase) => {
  let backend: Backend;

  beforeEach(async () => {
    backend = await openBackend(backendCase);
  });

  afterEach(async () => {
    await backend.close();
  });

  it('books a paid vendor bill on the account named like the category, once per key', async () => {
    const { port, odoo } = backend;
    const first = await port.logExpense(input);
    expect(first.created).toBe(true);
    expect(first.expense).toMatchObject({
      date: '2026-03-05',
      amount: 89.9,
      currency: 'USD',
      category: 'software',
      description: 'Design tool subscription',
      vendor: 'Adobe',
      idempotencyKey: 'exp-key-1',
    });
    expect(first.expense.number).toMatch(/^BILL\/2026\/03\/\d{4}$/);

    const bills = odoo.records('account.move').filter((m) => m.move_type === 'in_invoice');
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ state: 'posted', ref: 'exp-key-1', invoice_date: '2026-03-05' });
    expect(['paid', 'in_payment']).toContain(bills[0]?.payment_state);
    const line = odoo.records('account.move.line').find((l) => l.move_id === bills[0]?.id && l.display_type === 'product');
    expect(accountName(backend, line?.account_id)).toBe('Software');
    // Made a vendor (rank 1); Odoo adds one more when the bill is posted.
    expect(Number(odoo.records('res.partner').find((p) => p.name === 'Adobe')?.supplier_rank)).toBeGreaterThanOrEqual(1);
    expect(odoo.records('account.payment')).toHaveLength(1);

    const again = await port.logExpense(input);
    expect(again).toMatchObject({ created: false, expense: { id: first.expense.id, amount: 89.9 } });
    expect(odoo.records('account.move').filter((m) => m.move_type === 'in_invoice')).toHaveLength(1);
    expect(odoo.records('account.payment')).toHaveLength(1);
  });

  it('uses the first expense account by code for an unknown category, and the category as vendor', async () => {
    const { port, odoo } = backend;
    const { expense } = await port.logExpense({ amount: 15, category: 'Parking', description: 'City centre', idempotencyKey: 'exp-2' });
    expect(expense).toMatchObject({ date: '2026-03-10', vendor: 'Parking', category: 'Parking' });
    const line = odoo.records('account.move.line').find((l) => String(l.move_id) === expense.id && l.display_type === 'product');
    expect(accountName(backend, line?.account_id)).toBe('Expenses');
    expect(await port.expensesByCategory({ from: '2026-03-01', to: '2026-03-31' })).toEqual([{ name: 'Expenses', amount: 15 }]);
  });

  it('finishes a bill whose payment failed when the expense is logged again', async () => {
    const { port, odoo } = backend;
    odoo.inject({ kind: 'http-status', status: 503, match: { name: 'account.payment.register.action_create_payments' } });
    const error = await port.logExpense(input).catch((e: unknown) => e);
    expect(isAccountingError(error) && error.kind).toBe('server_error');
    const bill = () => odoo.records('account.move').filter((m) => m.move_type === 'in_invoice');
    expect(bill()).toHaveLength(1);
    expect(bill()[0]).toMatchObject({ state: 'posted', payment_state: 'not_paid' });

    const retried = await port.logExpense(input);
    expect(retried.created).toBe(false);
    expect(bill()).toHaveLength(1);
    expect(['paid', 'in_payment']).toContain(bill()[0]?.payment_state);
    expect(odoo.records('account.payment')).toHaveLength(1);
  });
});

describe.each([16, 17, 18, 19] as const)('Odoo backend expenses in the Expenses app, Odoo %i', (version) => {
  const protocol = version === 19 ? 'json2' : 'xmlrpc';

  it('records an hr.expense with the version’s amount fields, once per key', async () => {
    const backend = await openBackend({ version, protocol, hrExpense: true, expenseRecord: 'hr_expense' });
    try {
      const { port, odoo } = backend;
      const first = await port.logExpense({ ...input, category: 'Travel', description: 'Train to Lyon', amount: 120.4 });
      expect(first.created).toBe(true);
      expect(first.expense).toMatchObject({ number: null, date: '2026-03-05', amount: 120.4, currency: 'USD', category: 'Travel', description: 'Train to Lyon' });
      const stored = odoo.records('hr.expense');
      expect(stored).toHaveLength(1);
      const record = stored[0] ?? { id: 0 };
      if (version === 16) expect(record).toMatchObject({ unit_amount: 120.4, total_amount: 120.4 });
      else expect(record).toMatchObject({ price_unit: 120.4, total_amount_currency: 120.4 });
      expect(record).toMatchObject({ name: 'Train to Lyon', date: '2026-03-05', payment_mode: 'company_account', quantity: 1 });
      const product = odoo.records('product.product').find((p) => p.id === record.product_id);
      expect(product?.name).toBe('Travel');

      const again = await port.logExpense({ ...input, category: 'Travel', description: 'Train to Lyon', amount: 120.4 });
      expect(again).toMatchObject({ created: false, expense: { id: first.expense.id } });
      expect(odoo.records('hr.expense')).toHaveLength(1);

      // A category without an expense product is booked on the expense account of that name.
      const rent = await port.logExpense({ amount: 900, category: 'Rent', description: 'March rent', idempotencyKey: 'exp-rent' });
      const rentRecord = odoo.records('hr.expense').find((e) => String(e.id) === rent.expense.id);
      expect(rentRecord?.product_id).toBeFalsy();
      expect(accountName(backend, rentRecord?.account_id)).toBe('Rent');
      expect(rent.expense).toMatchObject({ amount: 900, date: '2026-03-10', category: 'Rent' });
    } finally {
      await backend.close();
    }
  });

  it('says plainly when the Expenses app is not installed', async () => {
    const backend = await openBackend({ version, protocol, hrExpense: false, expenseRecord: 'hr_expense' });
    try {
      const error = await backend.port.logExpense(input).catch((e: unknown) => e);
      expect(isAccountingError(error) && error.kind).toBe('unsupported');
      expect((error as Error).message).toMatch(/Expenses app \(hr_expense\) is not installed/);
      expect(backend.odoo.records('account.move')).toHaveLength(0);
    } finally {
      await backend.close();
    }
  });
});
