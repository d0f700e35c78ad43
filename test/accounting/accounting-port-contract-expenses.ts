/** The contract's expense listing: what `logExpense` returned, for the expenses dated in the range. */
import type { Expense } from '../../src/accounting/accounting-port';
import { failure, type ContractKit } from './accounting-port-contract-kit';

const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

export function expenseListCases(kit: ContractKit): void {
  it('lists the expenses of a range as they were logged, by date then number', async () => {
    // Logged out of date order; the two of 2026-10-20 keep the order they were logged in (their numbers).
    const late = await kit.expense(300, 'Software', '2026-10-20', 'Figma — team plan (2 seats)');
    const before = await kit.expense(900, 'Travel', '2026-09-30');
    const first = await kit.port.logExpense({
      amount: 1200,
      category: 'Software',
      description: 'Adobe Creative Cloud, monthly',
      vendor: 'Adobe',
      date: '2026-10-01',
      idempotencyKey: kit.key('listed-adobe'),
    });
    const last = await kit.expense(400, 'Travel', '2026-10-31', 'Train to Lyon');
    const sameDay = await kit.expense(2500, 'Rent', '2026-10-20', 'Office rent, October');
    const after = await kit.expense(150, 'Travel', '2026-11-01');

    const listed = await kit.port.listExpenses(OCTOBER);
    expect(listed).toEqual([first.expense, late.expense, sameDay.expense, last.expense]);
    expect(listed[0]).toMatchObject({ description: 'Adobe Creative Cloud, monthly', vendor: 'Adobe', category: 'Software', amount: 1200 });
    expect(listed[1]).toMatchObject({ description: 'Figma — team plan (2 seats)', idempotencyKey: late.expense.idempotencyKey });
    expect(listed.map((e) => e.id)).not.toContain(before.expense.id);
    expect(listed.map((e) => e.id)).not.toContain(after.expense.id);

    // The list adds up to the range's figures.
    const total = listed.reduce((sum, e) => sum + e.amount, 0);
    expect((await kit.port.profitAndLoss(OCTOBER)).expenses).toBe(total);

    // A range of one day holds both its ends.
    expect(await kit.port.listExpenses({ from: '2026-10-31', to: '2026-10-31' })).toEqual([last.expense]);
    expect(await kit.port.listExpenses({ from: '2026-09-30', to: '2026-10-01' })).toEqual([before.expense, first.expense]);
    expect((await kit.port.listExpenses({ from: '2026-01-01', to: '2026-12-31' })).map(byId)).toEqual(
      [before, first, late, sameDay, last, after].map((r) => r.expense.id),
    );
  });

  it('lists no expenses for a range without any, and refuses a bad range', async () => {
    expect(await kit.port.listExpenses(OCTOBER)).toEqual([]);
    await kit.expense(500, 'Rent', '2026-10-03');
    expect(await kit.port.listExpenses({ from: '2025-01-01', to: '2025-12-31' })).toEqual([]);
    expect(await kit.port.listExpenses({ from: '2026-10-04', to: '2026-10-31' })).toEqual([]);

    await failure(kit.port.listExpenses({ from: '2026-10-31', to: '2026-10-01' }), 'bad_input', /2026-10-01/);
    await failure(kit.port.listExpenses({ from: '2026-02-30', to: '2026-03-31' }), 'bad_input', /from|date/i);
    await failure(kit.port.listExpenses({ from: '2026-10-01', to: 'yesterday' }), 'bad_input', /to|date/i);
  });
}

const byId = (e: Expense) => e.id;
