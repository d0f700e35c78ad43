/**
 * Listing expenses from Odoo: vendor bills on every version and protocol (the
 * category is the expense account's name), `hr.expense` records with 16's and
 * 17+'s amount fields, and a number of calls that does not grow with the
 * number of expenses.
 */
import type { Expense, LogExpenseInput } from '../../../../src/accounting/accounting-port';
import { createdId } from '../../../../src/accounting/odoo/odoo-records';
import { jsonExecute, jsonValue } from '../../../odoo/rpc-test-client';
import { ALL_CASES, ONE_PER_PROTOCOL, openBackend, type Backend, type BackendCase } from './odoo-backend-fixture';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** What the server holds, as the admin would make it by hand (through the backend's own connection). */
async function create(backend: Backend, model: string, vals: Record<string, unknown>): Promise<number> {
  if (backend.connects() === 0) await backend.port.health();
  return createdId(await backend.rpc().call(model, 'create', null, { vals_list: [vals] }), `the ${model} create`);
}

async function accountId(backend: Backend, name: string): Promise<number> {
  const account = backend.odoo.records('account.account').find((a) => a.name === name);
  if (!account) throw new Error(`no account ${name}`);
  return account.id;
}

/** A vendor bill of one line per `[label, amount, account]`, posted unless `draft`. */
async function handMadeBill(backend: Backend, partnerId: number, date: string, lines: Array<[string, number, string]>, draft = false): Promise<number> {
  const invoiceLines: unknown[] = [];
  for (const [name, price, account] of lines) {
    invoiceLines.push([0, 0, { name, quantity: 1, price_unit: price, account_id: await accountId(backend, account), tax_ids: [[6, 0, []]] }]);
  }
  const id = await create(backend, 'account.move', { move_type: 'in_invoice', partner_id: partnerId, invoice_date: date, invoice_date_due: date, invoice_line_ids: invoiceLines });
  if (!draft) await backend.rpc().call('account.move', 'action_post', [id], {});
  return id;
}

describe.each(ALL_CASES)('Odoo backend expense list from vendor bills, Odoo $version over $protocol', (backendCase) => {
  let backend: Backend;

  beforeEach(async () => {
    backend = await openBackend(backendCase);
  });

  afterEach(async () => {
    await backend.close();
  });

  it('lists posted bills with their line, vendor and key, named by expense account', async () => {
    const { port } = backend;
    const adobe = await port.logExpense({ amount: 89.9, category: 'Software', description: 'Creative Cloud', vendor: 'Adobe', date: '2026-03-05', idempotencyKey: 'k-adobe' });
    // Booked on the account named like the category, ignoring case; an unknown one on the first expense account.
    const lower = await port.logExpense({ amount: 20, category: 'software', description: 'Fonts', date: '2026-03-06', idempotencyKey: 'k-fonts' });
    const parking = await port.logExpense({ amount: 15, category: 'Parking', description: 'City centre', date: '2026-03-06', idempotencyKey: 'k-parking' });

    const listed = await port.listExpenses(MARCH);
    expect(listed).toEqual([
      adobe.expense,
      { ...lower.expense, category: 'Software' },
      { ...parking.expense, category: 'Expenses' },
    ]);
    expect(listed[0]).toMatchObject({ id: adobe.expense.id, currency: 'USD', vendor: 'Adobe', idempotencyKey: 'k-adobe', description: 'Creative Cloud' });
    expect(listed[0]?.number).toMatch(/^BILL\/2026\/03\/\d{4}$/);
    // The same names as the report by category.
    expect((await port.expensesByCategory(MARCH)).map((c) => c.name).sort()).toEqual(['Expenses', 'Software']);
  });

  it('leaves out drafts, cancelled bills, customer invoices and other days', async () => {
    const { port } = backend;
    const logged = await port.logExpense({ amount: 50, category: 'Travel', description: 'Taxi', date: '2026-03-02', idempotencyKey: 'k-taxi' });
    const vendor = await create(backend, 'res.partner', { name: 'Office Depot', supplier_rank: 1 });
    const cancelled = await handMadeBill(backend, vendor, '2026-03-03', [['Paper', 30, 'Office Supplies']]);
    // Over JSON-RPC: button_cancel returns None, which XML-RPC cannot marshal (a real Odoo quirk).
    await jsonValue(jsonExecute(backend.odoo, 'account.move', 'button_cancel', [[cancelled]]));
    await handMadeBill(backend, vendor, '2026-03-04', [['Toner', 80, 'Office Supplies']], true);
    await handMadeBill(backend, vendor, '2026-04-01', [['Chairs', 400, 'Office Supplies']]);
    const invoice = await port.createInvoice({ client: 'Client A', lines: [{ description: 'Work', quantity: 1, unitPrice: 1000 }], issueDate: '2026-03-05', idempotencyKey: 'inv' });
    await port.postInvoice(invoice.invoice.id);

    expect(backend.odoo.records('account.move').find((m) => m.id === cancelled)?.state).toBe('cancel');
    expect(await port.listExpenses(MARCH)).toEqual([logged.expense]);
  });

  it('gives a bill made by hand with several lines the labels together and the first line’s account', async () => {
    const vendor = await create(backend, 'res.partner', { name: 'Hetzner', supplier_rank: 1 });
    const id = await handMadeBill(backend, vendor, '2026-03-09', [
      ['Dedicated server', 60, 'Software'],
      ['Backup space', 12.5, 'Office Supplies'],
    ]);
    const [listed] = await backend.port.listExpenses(MARCH);
    expect(listed).toEqual<Expense>({
      id: String(id),
      number: expect.stringMatching(/^BILL\/2026\/03\/\d{4}$/) as string,
      date: '2026-03-09',
      amount: 72.5,
      currency: 'USD',
      category: 'Software',
      description: 'Dedicated server; Backup space',
      vendor: 'Hetzner',
      idempotencyKey: null,
    });
  });
});

describe.each([16, 17, 18, 19] as const)('Odoo backend expense list from the Expenses app, Odoo %i', (version) => {
  const protocol = version === 19 ? 'json2' : 'xmlrpc';

  it('lists the company-paid expenses with the version’s amount field, and the vendor bills', async () => {
    const backend = await openBackend({ version, protocol, hrExpense: true, expenseRecord: 'hr_expense' });
    try {
      const { port, odoo } = backend;
      const train = await port.logExpense({ amount: 120.4, category: 'Travel', description: 'Train to Lyon', date: '2026-03-05', idempotencyKey: 'k-train' });
      const rent = await port.logExpense({ amount: 900, category: 'Rent', description: 'March rent', date: '2026-03-01', idempotencyKey: 'k-rent' });
      const software = await port.logExpense({ amount: 30, category: 'software', description: 'Figma', date: '2026-03-05', idempotencyKey: 'k-figma' });
      await port.logExpense({ amount: 75, category: 'Travel', description: 'Hotel', date: '2026-02-27', idempotencyKey: 'k-hotel' });
      // An employee's own expense is counted once its report is posted, as a bill; not before.
      const employee = odoo.records('hr.employee')[0]?.id ?? 0;
      const amount = version === 16 ? { unit_amount: 44 } : { price_unit: 44, total_amount_currency: 44 };
      await create(backend, 'hr.expense', { name: 'Lunch', date: '2026-03-06', employee_id: employee, payment_mode: 'own_account', quantity: 1, ...amount });
      // A bill the accountant entered by hand.
      const vendor = await create(backend, 'res.partner', { name: 'Hetzner', supplier_rank: 1 });
      const bill = await handMadeBill(backend, vendor, '2026-03-05', [['Server', 60, 'Software']]);

      const listed = await port.listExpenses(MARCH);
      // hr.expense keeps no vendor; the category is the expense product, else the account.
      // On the same day, the bill's number sorts after the expenses' ids.
      expect(listed).toEqual([
        { ...rent.expense, vendor: null },
        { ...train.expense, vendor: null },
        { ...software.expense, category: 'Software', vendor: null },
        expect.objectContaining({ id: String(bill), number: expect.stringMatching(/^BILL\//) as string, category: 'Software', description: 'Server', vendor: 'Hetzner' }) as Expense,
      ]);
      expect(listed[0]).toMatchObject({ number: null, amount: 900, category: 'Rent', description: 'March rent', idempotencyKey: 'k-rent' });
      expect(listed[1]).toMatchObject({ amount: 120.4, currency: 'USD', category: 'Travel', idempotencyKey: 'k-train' });
      // The amount is read from this version's total field (the other version's name is an Invalid field error).
      const total = version === 16 ? 'total_amount' : 'total_amount_currency';
      expect(odoo.records('hr.expense').find((e) => String(e.id) === train.expense.id)?.[total]).toBe(listed[1]?.amount);
    } finally {
      await backend.close();
    }
  });

  it('says plainly when the Expenses app is not installed', async () => {
    const backend = await openBackend({ version, protocol, hrExpense: false, expenseRecord: 'hr_expense' });
    try {
      const error = await backend.port.listExpenses(MARCH).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'unsupported' });
    } finally {
      await backend.close();
    }
  });
});

/** The calls one listing makes, after `count` expenses were logged (plus, with the Expenses app, one bill by hand). */
async function callsToList(backendCase: BackendCase, expenseRecord: 'vendor_bill' | 'hr_expense', count: number): Promise<{ calls: number; listed: number; names: string[] }> {
  const backend = await openBackend({ ...backendCase, hrExpense: expenseRecord === 'hr_expense', expenseRecord });
  try {
    const categories = ['Software', 'Rent', 'Travel', 'Parking'];
    for (let i = 0; i < count; i++) {
      const input: LogExpenseInput = {
        amount: 10 + i,
        category: categories[i % categories.length] ?? 'Software',
        description: `Expense ${i}`,
        vendor: `Vendor ${i % 7}`,
        date: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
        idempotencyKey: `k-${i}`,
      };
      await backend.port.logExpense(input);
    }
    if (expenseRecord === 'hr_expense') {
      const vendor = await create(backend, 'res.partner', { name: 'Hetzner', supplier_rank: 1 });
      await handMadeBill(backend, vendor, '2026-03-05', [['Server', 60, 'Software']]);
    }
    const before = backend.rpc().callCount;
    const server = backend.odoo.calls.length;
    const listed = await backend.port.listExpenses(MARCH);
    const calls = backend.rpc().callCount - before;
    const names = backend.odoo.calls.slice(server).map((c) => c.name);
    expect(names).toHaveLength(calls);
    return { calls, listed: listed.length, names };
  } finally {
    await backend.close();
  }
}

describe.each(ONE_PER_PROTOCOL)('Odoo backend expense list call counts, Odoo $version over $protocol', (backendCase) => {
  it('makes as many calls for 50 vendor bills as for 10', async () => {
    const few = await callsToList(backendCase, 'vendor_bill', 10);
    const many = await callsToList(backendCase, 'vendor_bill', 50);
    expect([few.listed, many.listed]).toEqual([10, 50]);
    expect(many.names).toEqual(few.names);
    expect(few.names).toEqual(['account.move.search_read', 'account.move.line.read', 'account.account.read']);
  });

  it('makes as many calls for 50 expenses in the Expenses app as for 10', async () => {
    const few = await callsToList(backendCase, 'hr_expense', 10);
    const many = await callsToList(backendCase, 'hr_expense', 50);
    expect([few.listed, many.listed]).toEqual([11, 51]);
    expect(many.names).toEqual(few.names);
    expect(few.names).toEqual([
      'ir.module.module.search_read',
      'account.move.search_read',
      'hr.expense.search_read',
      'account.move.line.read',
      'product.product.read',
      'account.account.read',
    ]);
  });
});
