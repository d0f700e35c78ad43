/**
 * The contract's revenue by client and project: the briefing's "Client |
 * Project | Amount" table. The same revenue as `revenueByClient`, split by
 * project. (The contract kit makes no credit notes, so their subtraction is
 * checked per backend: see `odoo/backend/odoo-revenue-lines.test.ts`.)
 */
import { NO_PROJECT, type RevenueLine } from '../../src/accounting/accounting-port';
import { sumMoney } from '../../src/accounting/money';
import { failure, type ContractKit } from './accounting-port-contract-kit';

const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

export function revenueLineCases(kit: ContractKit): void {
  it('splits revenue by client and project: the clients by revenue, then each one’s lines by amount', async () => {
    // Client A: two projects and invoices without one; Website twice.
    await kit.invoice('Client A', 6000, { issueDate: '2026-10-01', project: 'Website' });
    await kit.invoice('Client A', 3000, { issueDate: '2026-10-02', project: 'SEO' });
    await kit.invoice('Client A', 1500, { issueDate: '2026-10-20', project: 'Website' });
    await kit.invoice('Client A', 500, { issueDate: '2026-10-31' });
    // Client B: one project, and one invoice without, paid (paid or not, a sale is revenue).
    await kit.invoice('Client B', 4000, { issueDate: '2026-10-03', project: 'Website' });
    const paid = await kit.invoice('Client B', 2000, { issueDate: '2026-10-04' });
    await kit.port.registerPayment({ invoice: paid.id, date: '2026-10-10' });
    // Client C: no project at all.
    await kit.invoice('Client C', 2000, { issueDate: '2026-10-05' });
    // Client D: three lines of the same amount, in project order, the one without a project last.
    await kit.invoice('Client D', 1000, { issueDate: '2026-10-06' });
    await kit.invoice('Client D', 1000, { issueDate: '2026-10-07', project: 'Branding' });
    await kit.invoice('Client D', 1000, { issueDate: '2026-10-08', project: 'Apps' });
    // Not revenue of October: a draft, and invoices of other months.
    await kit.invoice('Client C', 9000, { issueDate: '2026-10-09', project: 'SEO', draft: true });
    await kit.invoice('Client E', 7000, { issueDate: '2026-11-01', project: 'Website' });
    await kit.invoice('Client A', 800, { issueDate: '2026-09-30', project: 'SEO' });

    const lines = await kit.port.revenueByClientAndProject(OCTOBER);
    expect(lines).toEqual<RevenueLine[]>([
      { client: 'Client A', project: 'Website', amount: 7500 },
      { client: 'Client A', project: 'SEO', amount: 3000 },
      { client: 'Client A', project: null, amount: 500 },
      { client: 'Client B', project: 'Website', amount: 4000 },
      { client: 'Client B', project: null, amount: 2000 },
      { client: 'Client D', project: 'Apps', amount: 1000 },
      { client: 'Client D', project: 'Branding', amount: 1000 },
      { client: 'Client D', project: null, amount: 1000 },
      { client: 'Client C', project: null, amount: 2000 },
    ]);

    // The same revenue as the other reports: in all, per client and per project.
    const total = sumMoney(lines.map((l) => l.amount));
    expect((await kit.port.profitAndLoss(OCTOBER)).revenue).toBe(total);
    expect(total).toBe(22000);
    const byClient = await kit.port.revenueByClient(OCTOBER);
    expect(byClient).toHaveLength(4);
    for (const { name, amount } of byClient) expect(sumMoney(lines.filter((l) => l.client === name).map((l) => l.amount))).toBe(amount);
    const byProject = await kit.port.revenueByProject(OCTOBER);
    for (const { name, amount } of byProject) {
      expect(sumMoney(lines.filter((l) => (l.project ?? NO_PROJECT) === name).map((l) => l.amount))).toBe(amount);
    }
  });

  it('keeps to the range, both ends included', async () => {
    await kit.invoice('Client A', 800, { issueDate: '2026-09-30', project: 'SEO' });
    await kit.invoice('Client A', 600, { issueDate: '2026-10-01', project: 'SEO' });
    await kit.invoice('Client B', 400, { issueDate: '2026-10-01' });
    await kit.invoice('Client B', 300, { issueDate: '2026-10-02', project: 'Website' });

    expect(await kit.port.revenueByClientAndProject({ from: '2026-10-01', to: '2026-10-01' })).toEqual<RevenueLine[]>([
      { client: 'Client A', project: 'SEO', amount: 600 },
      { client: 'Client B', project: null, amount: 400 },
    ]);
    expect(await kit.port.revenueByClientAndProject({ from: '2026-09-01', to: '2026-10-31' })).toEqual<RevenueLine[]>([
      { client: 'Client A', project: 'SEO', amount: 1400 },
      { client: 'Client B', project: null, amount: 400 },
      { client: 'Client B', project: 'Website', amount: 300 },
    ]);
  });

  it('gives no lines for a range without sales, and refuses a bad range', async () => {
    expect(await kit.port.revenueByClientAndProject(OCTOBER)).toEqual([]);
    await kit.invoice('Client A', 500, { issueDate: '2026-10-03', project: 'Website' });
    await kit.invoice('Client B', 900, { issueDate: '2026-10-04', draft: true });
    expect(await kit.port.revenueByClientAndProject({ from: '2025-01-01', to: '2025-12-31' })).toEqual([]);
    expect(await kit.port.revenueByClientAndProject({ from: '2026-10-04', to: '2026-10-31' })).toEqual([]);

    await failure(kit.port.revenueByClientAndProject({ from: '2026-10-31', to: '2026-10-01' }), 'bad_input', /2026-10-01/);
    await failure(kit.port.revenueByClientAndProject({ from: '2026-02-30', to: '2026-03-31' }), 'bad_input', /from|date/i);
    await failure(kit.port.revenueByClientAndProject({ from: '2026-10-01', to: 'yesterday' }), 'bad_input', /to|date/i);
  });
}
