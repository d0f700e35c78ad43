/**
 * The behaviour every accounting backend must share: the same calls give the
 * same figures on the vault ledger and on Odoo. A backend's test file calls
 * {@link describeAccountingPort} with a setup that makes fresh, empty books
 * for every case (the cases count invoices and sum whole books).
 *
 * The clock must start at {@link CONTRACT_CLOCK_START} (`contractClock()`),
 * a Monday, local time, so that the fixed dates below mean "in the past" and
 * "in the future"; an Odoo setup should give its server the same "today"
 * ({@link CONTRACT_TODAY}). Figures are round and distinct so each expected
 * value is plain to check.
 *
 * Errors the suite expects (kind): bad input → `bad_input` naming the field
 * (also an overpayment, whose message carries the amount asked, a negative
 * payment, a bad date range); a payment on a draft or on an invoice with
 * nothing left to pay → `validation`; an unknown invoice → `not_found`
 * naming it.
 */
import type { CreateInvoiceInput } from '../../src/accounting/accounting-port';
import { localDay } from '../../src/accounting/dates';
import {
  CONTRACT_TODAY,
  ContractKit,
  INVOICE_NUMBER,
  failure,
  sortedNumbers,
  type AccountingContractContext,
} from './accounting-port-contract-kit';
import { expenseListCases } from './accounting-port-contract-expenses';
import { reportCases } from './accounting-port-contract-reports';
import { revenueLineCases } from './accounting-port-contract-revenue';

export { CONTRACT_CLOCK_START, CONTRACT_TODAY, contractClock, type AccountingContractContext } from './accounting-port-contract-kit';

export function describeAccountingPort(name: string, setup: () => Promise<AccountingContractContext>): void {
  describe(`AccountingPort contract: ${name}`, () => {
    const kit = new ContractKit();
    let teardown: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const context = await setup();
      kit.use(context);
      teardown = context.teardown;
    });

    afterEach(async () => {
      kit.use(undefined);
      await teardown?.();
      teardown = undefined;
    });

    invoiceCases(kit);
    reportCases(kit);
    expenseListCases(kit);
    revenueLineCases(kit);
    errorCases(kit);
  });
}

function invoiceCases(kit: ContractKit): void {
  it('starts on the agreed day with empty, healthy books', async () => {
    expect(localDay(kit.clock.now())).toBe(CONTRACT_TODAY);
    const health = await kit.port.health();
    expect(health.ok).toBe(true);
    expect(health.backend).toBe(kit.port.backend);
    expect(await kit.port.listInvoices({ filter: 'all' })).toEqual([]);
  });

  it('creates a draft, then posts it with an INV/YYYY/NNNNN number', async () => {
    const { invoice: draft, created } = await kit.port.createInvoice({
      client: 'Client ABC',
      project: 'Website redesign',
      lines: [
        { description: 'Design', quantity: 2, unitPrice: 3000 },
        { description: 'Build', quantity: 1, unitPrice: 4000 },
      ],
      idempotencyKey: kit.key('create-1'),
    });
    expect(created).toBe(true);
    expect(draft.status).toBe('draft');
    expect(draft.number === null || INVOICE_NUMBER.test(draft.number)).toBe(true);
    expect(draft).toMatchObject({
      client: 'Client ABC',
      project: 'Website redesign',
      issued: CONTRACT_TODAY,
      due: '2026-12-02',
      amountTotal: 10000,
      amountDue: 10000,
      idempotencyKey: kit.key('create-1'),
    });
    expect(draft.currency).toMatch(/^[A-Z]{3}$/);
    expect(draft.lines).toEqual([
      { description: 'Design', quantity: 2, unitPrice: 3000, amount: 6000 },
      { description: 'Build', quantity: 1, unitPrice: 4000, amount: 4000 },
    ]);

    const posted = await kit.port.postInvoice(draft.id);
    expect(posted.status).toBe('posted');
    expect(posted.number).toMatch(INVOICE_NUMBER);
    expect(posted.number?.slice(4, 8)).toBe('2026');
    expect(posted.id).toBe(draft.id);
    expect(posted.amountDue).toBe(10000);

    const byNumber = await kit.port.getInvoice(posted.number ?? '');
    expect(byNumber.id).toBe(draft.id);
    expect((await kit.port.getInvoice(draft.id)).number).toBe(posted.number);
    // Posting again changes nothing.
    const again = await kit.port.postInvoice(posted.number ?? '');
    expect(again).toMatchObject({ id: posted.id, number: posted.number, status: 'posted', amountDue: 10000 });
  });

  it('gives distinct numbers to successive invoices', async () => {
    const first = await kit.invoice('Client A', 1000);
    const second = await kit.invoice('Client B', 2000);
    expect(first.number).toMatch(INVOICE_NUMBER);
    expect(second.number).toMatch(INVOICE_NUMBER);
    expect(second.number).not.toBe(first.number);
  });

  it('makes one invoice for one idempotency key', async () => {
    const input: CreateInvoiceInput = {
      client: 'Client ABC',
      lines: [{ description: 'Retainer', quantity: 1, unitPrice: 2500 }],
      idempotencyKey: kit.key('same-key'),
    };
    const first = await kit.port.createInvoice(input);
    const second = await kit.port.createInvoice(input);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.invoice.id).toBe(first.invoice.id);
    expect(second.invoice.amountTotal).toBe(2500);
    expect(await kit.port.listInvoices({ filter: 'all' })).toHaveLength(1);
  });

  it('lists all, unpaid and overdue invoices as the days go by', async () => {
    const early = await kit.invoice('Client A', 1000, { issueDate: '2026-10-01', dueDate: '2026-11-10' });
    const late = await kit.invoice('Client B', 2000, { issueDate: '2026-10-21', dueDate: '2026-11-20' });
    const draft = await kit.invoice('Client C', 3000, { draft: true });

    expect(sortedNumbers(await kit.port.listInvoices({ filter: 'all' }))).toEqual(sortedNumbers([early, late, draft]));
    expect(sortedNumbers(await kit.port.listInvoices({ filter: 'unpaid' }))).toEqual(sortedNumbers([early, late]));
    expect(await kit.port.listInvoices({ filter: 'overdue' })).toEqual([]);
    expect((await kit.port.listInvoices({ filter: 'draft' })).map((i) => ({ client: i.client, status: i.status, amountTotal: i.amountTotal }))).toEqual([{ client: 'Client C', status: 'draft', amountTotal: 3000 }]);

    kit.clock.set('2026-11-15T10:00:00');
    const overdue = await kit.port.listInvoices({ filter: 'overdue' });
    expect(overdue.map((i) => i.number)).toEqual([early.number]);
    expect(overdue[0]?.amountDue).toBe(1000);

    kit.clock.set('2026-11-25T10:00:00');
    expect(sortedNumbers(await kit.port.listInvoices({ filter: 'overdue' }))).toEqual(sortedNumbers([early, late]));
    // An explicit day wins over today.
    expect(sortedNumbers(await kit.port.listInvoices({ filter: 'overdue', asOf: '2026-11-12' }))).toEqual([early.number]);

    await kit.port.registerPayment({ invoice: early.number ?? early.id });
    expect((await kit.port.listInvoices({ filter: 'unpaid' })).map((i) => i.number)).toEqual([late.number]);
    expect((await kit.port.listInvoices({ filter: 'overdue' })).map((i) => i.number)).toEqual([late.number]);
    expect(await kit.port.listInvoices({ filter: 'all' })).toHaveLength(3);
  });

  it('records a partial, then a full payment', async () => {
    const posted = await kit.invoice('Client ABC', 10000);
    const partial = await kit.port.registerPayment({ invoice: posted.number ?? posted.id, amount: 4000 });
    expect(partial.amount).toBe(4000);
    expect(partial.date).toBe(CONTRACT_TODAY);
    expect(partial.paymentId).not.toBe('');
    expect(partial.invoice).toMatchObject({ status: 'posted', amountTotal: 10000, amountDue: 6000 });

    kit.clock.set('2026-11-05T10:00:00');
    const rest = await kit.port.registerPayment({ invoice: posted.id });
    expect(rest.amount).toBe(6000);
    expect(rest.date).toBe('2026-11-05');
    expect(rest.paymentId).not.toBe(partial.paymentId);
    expect(rest.invoice).toMatchObject({ status: 'paid', amountDue: 0 });
    expect(await kit.port.getInvoice(posted.id)).toMatchObject({ status: 'paid', amountDue: 0 });
    expect(await kit.port.listInvoices({ filter: 'unpaid' })).toEqual([]);
  });

  it('refuses an overpayment, a payment on a draft and one on a paid invoice', async () => {
    const posted = await kit.invoice('Client ABC', 5000);
    await failure(kit.port.registerPayment({ invoice: posted.id, amount: 6000 }), 'bad_input', /6,?000/);
    expect((await kit.port.getInvoice(posted.id)).amountDue).toBe(5000);

    const draft = await kit.invoice('Client DEF', 3000, { draft: true });
    await failure(kit.port.registerPayment({ invoice: draft.id, amount: 1000 }), 'validation');
    expect(await kit.port.getInvoice(draft.id)).toMatchObject({ status: 'draft', amountDue: 3000 });

    await kit.port.registerPayment({ invoice: posted.id });
    await failure(kit.port.registerPayment({ invoice: posted.id, amount: 100 }), 'validation');
  });

  it('logs an expense once per idempotency key', async () => {
    const input = {
      amount: 1200,
      category: 'Software',
      description: 'Design tools',
      vendor: 'Adobe',
      date: '2026-10-15',
      idempotencyKey: kit.key('expense-key'),
    };
    const first = await kit.port.logExpense(input);
    expect(first.created).toBe(true);
    expect(first.expense).toMatchObject({
      date: '2026-10-15',
      amount: 1200,
      category: 'Software',
      description: 'Design tools',
      vendor: 'Adobe',
      idempotencyKey: kit.key('expense-key'),
    });
    expect(first.expense.currency).toMatch(/^[A-Z]{3}$/);
    const second = await kit.port.logExpense(input);
    expect(second.created).toBe(false);
    expect(second.expense.id).toBe(first.expense.id);
    expect(await kit.port.expensesByCategory({ from: '2026-10-01', to: '2026-10-31' })).toEqual([{ name: 'Software', amount: 1200 }]);
  });
}

function errorCases(kit: ContractKit): void {
  it('refuses bad input with bad_input naming the field, and records nothing', async () => {
    const line = { description: 'Work', quantity: 1, unitPrice: 1000 };
    await failure(kit.port.createInvoice({ client: '  ', lines: [line], idempotencyKey: kit.key('bad-1') }), 'bad_input', /client/i);
    await failure(kit.port.createInvoice({ client: 'Client A', lines: [], idempotencyKey: kit.key('bad-2') }), 'bad_input', /line/i);
    await failure(
      kit.port.createInvoice({ client: 'Client A', lines: [line], issueDate: '2026-02-30', idempotencyKey: kit.key('bad-3') }),
      'bad_input',
      /date/i,
    );
    await failure(
      kit.port.createInvoice({ client: 'Client A', lines: [{ ...line, unitPrice: Number.NaN }], idempotencyKey: kit.key('bad-4') }),
      'bad_input',
      /price/i,
    );
    await failure(
      kit.port.logExpense({ amount: -50, category: 'Travel', description: 'Taxi', idempotencyKey: kit.key('bad-5') }),
      'bad_input',
      /amount/i,
    );
    await failure(
      kit.port.logExpense({ amount: 50, category: 'Travel', description: 'Taxi', date: '2026/10/01', idempotencyKey: kit.key('bad-6') }),
      'bad_input',
      /date/i,
    );
    await failure(kit.port.profitAndLoss({ from: '2026-13-01', to: '2026-12-31' }), 'bad_input', /date|from/i);

    expect(await kit.port.listInvoices({ filter: 'all' })).toEqual([]);
    expect(await kit.port.expensesByCategory({ from: '2000-01-01', to: '2100-12-31' })).toEqual([]);

    const posted = await kit.invoice('Client A', 1000);
    await failure(kit.port.registerPayment({ invoice: posted.id, amount: -10 }), 'bad_input', /amount/i);
    await failure(kit.port.registerPayment({ invoice: posted.id, date: 'yesterday' }), 'bad_input', /date/i);
    expect((await kit.port.getInvoice(posted.id)).amountDue).toBe(1000);
  });

  it('answers not_found for an unknown invoice, naming it', async () => {
    await failure(kit.port.getInvoice('INV/2026/99999'), 'not_found', /INV\/2026\/99999/);
    await failure(kit.port.postInvoice('INV/2026/99998'), 'not_found', /INV\/2026\/99998/);
    await failure(kit.port.registerPayment({ invoice: 'INV/2026/99997', amount: 10 }), 'not_found', /INV\/2026\/99997/);
  });
}
