/** The contract's report cases: each figure is worked out in the comments or is plain from the inputs. */
import { NO_PROJECT } from '../../src/accounting/accounting-port';
import { CONTRACT_TODAY, type ContractKit } from './accounting-port-contract-kit';

export function reportCases(kit: ContractKit): void {
  it('computes profit and loss over a range', async () => {
    await kit.invoice('Client Old', 2000, { issueDate: '2026-09-28' });
    await kit.invoice('Client A', 10000, { issueDate: '2026-10-05' });
    await kit.invoice('Client Draft', 7000, { issueDate: '2026-10-10', draft: true });
    const paid = await kit.invoice('Client B', 4000, { issueDate: '2026-10-20' });
    await kit.port.registerPayment({ invoice: paid.id, date: '2026-10-25' });
    await kit.expense(1500, 'Rent', '2026-10-01');
    await kit.expense(500, 'Travel', '2026-10-31');
    await kit.expense(300, 'Travel', '2026-11-01');

    const october = await kit.port.profitAndLoss({ from: '2026-10-01', to: '2026-10-31' });
    expect(october).toMatchObject({ from: '2026-10-01', to: '2026-10-31', revenue: 14000, expenses: 2000, profit: 12000 });
    expect(october.currency).toMatch(/^[A-Z]{3}$/);

    const autumn = await kit.port.profitAndLoss({ from: '2026-09-01', to: CONTRACT_TODAY });
    expect(autumn).toMatchObject({ revenue: 16000, expenses: 2300, profit: 13700 });

    const empty = await kit.port.profitAndLoss({ from: '2025-01-01', to: '2025-12-31' });
    expect(empty).toMatchObject({ revenue: 0, expenses: 0, profit: 0 });
  });

  it('reports the cash position: payments received less expenses', async () => {
    const a = await kit.invoice('Client A', 10000, { issueDate: '2026-10-01' });
    const b = await kit.invoice('Client B', 3000, { issueDate: '2026-10-02' });
    await kit.port.registerPayment({ invoice: a.id, amount: 4000, date: '2026-10-20' });
    await kit.port.registerPayment({ invoice: b.id, date: '2026-10-25' });
    await kit.expense(1500, 'Rent', '2026-10-03');
    await kit.expense(500, 'Travel', '2026-10-28');

    const now = await kit.port.cashPosition();
    expect(now.asOf).toBe(CONTRACT_TODAY);
    expect(now.balance).toBe(5000);
    expect(now.accounts.reduce((sum, account) => sum + account.amount, 0)).toBe(5000);

    const earlier = await kit.port.cashPosition('2026-10-22');
    expect(earlier).toMatchObject({ asOf: '2026-10-22', balance: 2500 });
  });

  it('ages receivables into every bucket', async () => {
    // Created in order of issue date; each is due 30 days after it is issued.
    await kit.invoice('Client 90+', 8000, { issueDate: '2026-06-01', dueDate: '2026-07-01' });
    await kit.invoice('Client 61-90', 5000, { issueDate: '2026-07-21', dueDate: '2026-08-20' });
    const partly = await kit.invoice('Client 31-60', 4000, { issueDate: '2026-08-21', dueDate: '2026-09-20' });
    const settled = await kit.invoice('Client Paid', 6000, { issueDate: '2026-09-01', dueDate: '2026-10-01' });
    await kit.invoice('Client 1-30', 2000, { issueDate: '2026-09-20', dueDate: '2026-10-20' });
    await kit.invoice('Client Draft', 9000, { issueDate: '2026-10-01', dueDate: '2026-10-31', draft: true });
    await kit.invoice('Client Current', 1000, { issueDate: '2026-10-31', dueDate: '2026-11-30' });
    await kit.port.registerPayment({ invoice: partly.id, amount: 1000, date: '2026-10-01' });
    await kit.port.registerPayment({ invoice: settled.id, date: '2026-10-01' });

    const aging = await kit.port.receivablesAging();
    expect(aging.asOf).toBe(CONTRACT_TODAY);
    expect(aging.buckets).toEqual({ current: 1000, '1-30': 2000, '31-60': 3000, '61-90': 5000, '90+': 8000 });
    expect(aging.total).toBe(19000);
  });

  it('splits revenue by client and by project, largest first', async () => {
    await kit.invoice('Client A', 6000, { issueDate: '2026-10-02', project: 'Website' });
    await kit.invoice('Client A', 3000, { issueDate: '2026-10-03', project: 'SEO' });
    await kit.invoice('Client B', 4000, { issueDate: '2026-10-04', project: 'Website' });
    await kit.invoice('Client C', 2000, { issueDate: '2026-10-05' });
    await kit.invoice('Client D', 9000, { issueDate: '2026-10-06', project: 'SEO', draft: true });
    await kit.invoice('Client E', 7000, { issueDate: '2026-11-01', project: 'Website' });

    const range = { from: '2026-10-01', to: '2026-10-31' };
    expect(await kit.port.revenueByClient(range)).toEqual([
      { name: 'Client A', amount: 9000 },
      { name: 'Client B', amount: 4000 },
      { name: 'Client C', amount: 2000 },
    ]);
    expect(await kit.port.revenueByProject(range)).toEqual([
      { name: 'Website', amount: 10000 },
      { name: 'SEO', amount: 3000 },
      { name: NO_PROJECT, amount: 2000 },
    ]);
  });

  it('splits expenses by category, largest first', async () => {
    await kit.expense(1200, 'Software', '2026-10-02');
    await kit.expense(2500, 'Rent', '2026-10-03');
    await kit.expense(300, 'Software', '2026-10-20');
    await kit.expense(400, 'Travel', '2026-10-31');
    await kit.expense(900, 'Travel', '2026-09-30');
    expect(await kit.port.expensesByCategory({ from: '2026-10-01', to: '2026-10-31' })).toEqual([
      { name: 'Rent', amount: 2500 },
      { name: 'Software', amount: 1500 },
      { name: 'Travel', amount: 400 },
    ]);
  });
}
