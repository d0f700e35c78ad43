import { AccountingError } from '../../../../src/accounting/accounting-error';
import { checkCreateInvoice, checkLogExpense, checkRange, checkRegisterPayment, checkFilter } from '../../../../src/accounting/odoo/odoo-input';

const TODAY = '2026-03-10';
const line = { description: 'Design work', quantity: 2, unitPrice: 150 };

function badInput(run: () => unknown): AccountingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AccountingError);
    expect((error as AccountingError).kind).toBe('bad_input');
    return error as AccountingError;
  }
  throw new Error('expected a bad_input error');
}

describe('Odoo backend input checks', () => {
  it('fills the defaults: issued today, due 30 days later', () => {
    const checked = checkCreateInvoice({ client: ' Acme ', lines: [line], idempotencyKey: 'k1' }, TODAY);
    expect(checked).toEqual({
      client: 'Acme',
      lines: [{ description: 'Design work', quantity: 2, unitPrice: 150 }],
      issueDate: TODAY,
      dueDate: '2026-04-09',
      project: null,
      key: 'k1',
    });
  });

  it('names the field that is wrong', () => {
    expect(badInput(() => checkCreateInvoice({ client: '  ', lines: [line], idempotencyKey: 'k' }, TODAY)).message).toMatch(/^client/);
    expect(badInput(() => checkCreateInvoice({ client: 'A', lines: [], idempotencyKey: 'k' }, TODAY)).message).toMatch(/^lines/);
    expect(badInput(() => checkCreateInvoice({ client: 'A', lines: [line, { ...line, quantity: 0 }], idempotencyKey: 'k' }, TODAY)).message).toMatch(
      /^lines\[1\]\.quantity/,
    );
    expect(badInput(() => checkCreateInvoice({ client: 'A', lines: [{ ...line, unitPrice: Number.NaN }], idempotencyKey: 'k' }, TODAY)).message).toMatch(
      /unitPrice/,
    );
    expect(badInput(() => checkCreateInvoice({ client: 'A', lines: [line], idempotencyKey: 'k', issueDate: '2026-02-30' }, TODAY)).message).toMatch(
      /^issueDate/,
    );
    expect(
      badInput(() => checkCreateInvoice({ client: 'A', lines: [line], idempotencyKey: 'k', issueDate: '2026-03-10', dueDate: '2026-03-01' }, TODAY))
        .message,
    ).toMatch(/dueDate/);
    expect(badInput(() => checkCreateInvoice({ client: 'A', lines: [line], idempotencyKey: '' }, TODAY)).message).toMatch(/idempotencyKey/);
  });

  it('checks payments: positive amount, a real day', () => {
    expect(checkRegisterPayment({ invoice: 'INV/2026/00001' }, TODAY)).toEqual({ invoice: 'INV/2026/00001', amount: null, date: TODAY });
    expect(checkRegisterPayment({ invoice: '7', amount: 10.005, date: '2026-03-01' }, TODAY).amount).toBe(10.01);
    expect(badInput(() => checkRegisterPayment({ invoice: '7', amount: -1 }, TODAY)).message).toMatch(/^amount/);
    expect(badInput(() => checkRegisterPayment({ invoice: '7', amount: Infinity }, TODAY)).message).toMatch(/^amount/);
    expect(badInput(() => checkRegisterPayment({ invoice: '7', date: 'yesterday' }, TODAY)).message).toMatch(/^date/);
  });

  it('checks expenses and defaults the vendor and description to the category', () => {
    expect(checkLogExpense({ amount: 42.5, category: 'Software', description: '', idempotencyKey: 'e1' }, TODAY)).toEqual({
      amount: 42.5,
      category: 'Software',
      description: 'Software',
      date: TODAY,
      vendor: 'Software',
      key: 'e1',
    });
    expect(badInput(() => checkLogExpense({ amount: 0, category: 'Software', description: 'x', idempotencyKey: 'e1' }, TODAY)).message).toMatch(/^amount/);
    expect(badInput(() => checkLogExpense({ amount: 5, category: '', description: 'x', idempotencyKey: 'e1' }, TODAY)).message).toMatch(/^category/);
  });

  it('checks ranges and filters', () => {
    expect(checkRange({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(badInput(() => checkRange({ from: '2026-02-01', to: '2026-01-31' })).message).toMatch(/before/);
    expect(badInput(() => checkRange({ from: '2026-13-01', to: '2026-12-31' })).message).toMatch(/^from/);
    expect(checkFilter('overdue')).toBe('overdue');
    expect(badInput(() => checkFilter('late')).message).toMatch(/^filter/);
  });
});
