/**
 * Revenue by client and project from Odoo: credit notes subtracted (which the
 * shared contract cannot make), blank origins counted as no project, on every
 * version and protocol; one grouped call whatever the number of invoices.
 */
import type { RevenueLine } from '../../../../src/accounting/accounting-port';
import { sumMoney } from '../../../../src/accounting/money';
import { createdId } from '../../../../src/accounting/odoo/odoo-records';
import { ALL_CASES, ONE_PER_PROTOCOL, openBackend, type Backend, type BackendCase } from './odoo-backend-fixture';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

async function invoice(backend: Backend, key: string, client: string, amount: number, issueDate: string, project?: string): Promise<void> {
  const { invoice: made } = await backend.port.createInvoice({
    client,
    lines: [{ description: `Work for ${client}`, quantity: 1, unitPrice: amount }],
    issueDate,
    idempotencyKey: key,
    ...(project ? { project } : {}),
  });
  await backend.port.postInvoice(made.id);
}

/** A posted customer document made by the accountant in Odoo (a credit note, or an invoice with an odd origin). */
async function handMade(backend: Backend, moveType: 'out_invoice' | 'out_refund', client: string, amount: number, date: string, origin?: string): Promise<number> {
  const partner = backend.odoo.records('res.partner').find((p) => p.name === client);
  if (!partner) throw new Error(`no partner ${client}`);
  const vals: Record<string, unknown> = {
    move_type: moveType,
    partner_id: partner.id,
    invoice_date: date,
    invoice_line_ids: [[0, 0, { name: `Refund to ${client}`, quantity: 1, price_unit: amount, tax_ids: [[6, 0, []]] }]],
    ...(origin === undefined ? {} : { invoice_origin: origin }),
  };
  const id = createdId(await backend.rpc().call('account.move', 'create', null, { vals_list: [vals] }), 'the account.move create');
  await backend.rpc().call('account.move', 'action_post', [id], {});
  return id;
}

describe.each(ALL_CASES)('Odoo backend revenue by client and project, Odoo $version over $protocol', (backendCase) => {
  let backend: Backend;

  beforeEach(async () => {
    backend = await openBackend(backendCase);
  });

  afterEach(async () => {
    await backend.close();
  });

  it('subtracts credit notes from their client and project, and leaves out what nets to zero', async () => {
    await invoice(backend, 'a-web', 'Client A', 1000, '2026-03-02', 'Website');
    await invoice(backend, 'a-seo', 'Client A', 500, '2026-03-03', 'SEO');
    await invoice(backend, 'a-none', 'Client A', 300, '2026-03-04');
    await invoice(backend, 'b-web', 'Client B', 2000, '2026-03-05', 'Website');
    await invoice(backend, 'c-seo', 'Client C', 400, '2026-03-06', 'SEO');
    await invoice(backend, 'c-feb', 'Client C', 900, '2026-02-27', 'SEO');
    await handMade(backend, 'out_refund', 'Client A', 250, '2026-03-07', 'Website');
    // Client C's March invoice is refunded in full: the line and the client are left out.
    await handMade(backend, 'out_refund', 'Client C', 400, '2026-03-08', 'SEO');
    // Without a project: a credit note with no origin and an invoice whose origin is blank.
    await handMade(backend, 'out_refund', 'Client B', 100, '2026-03-09');
    await handMade(backend, 'out_invoice', 'Client B', 150, '2026-03-09', '  ');
    const refunds = backend.odoo.records('account.move').filter((m) => m.move_type === 'out_refund');
    expect(refunds.map((m) => [m.state, m.amount_untaxed_signed])).toEqual([
      ['posted', -250],
      ['posted', -400],
      ['posted', -100],
    ]);

    const lines = await backend.port.revenueByClientAndProject(MARCH);
    expect(lines).toEqual<RevenueLine[]>([
      { client: 'Client B', project: 'Website', amount: 2000 },
      { client: 'Client B', project: null, amount: 50 },
      { client: 'Client A', project: 'Website', amount: 750 },
      { client: 'Client A', project: 'SEO', amount: 500 },
      { client: 'Client A', project: null, amount: 300 },
    ]);

    const total = sumMoney(lines.map((l) => l.amount));
    expect(total).toBe(3600);
    expect((await backend.port.profitAndLoss(MARCH)).revenue).toBe(total);
    expect(await backend.port.revenueByClient(MARCH)).toEqual([
      { name: 'Client B', amount: 2050 },
      { name: 'Client A', amount: 1550 },
    ]);
    // Over the quarter, Client C keeps its February invoice.
    expect((await backend.port.revenueByClientAndProject(Q1)).filter((l) => l.client === 'Client C')).toEqual([{ client: 'Client C', project: 'SEO', amount: 900 }]);
  });

  it('asks Odoo for the lines in one grouped call by commercial partner and origin', async () => {
    await invoice(backend, 'a-web', 'Client A', 1000, '2026-03-02', 'Website');
    const rpc = backend.rpc();
    const call = jest.spyOn(rpc, 'call');
    const server = backend.odoo.calls.length;
    try {
      expect(await backend.port.revenueByClientAndProject(MARCH)).toEqual([{ client: 'Client A', project: 'Website', amount: 1000 }]);
      const grouping = backendCase.version >= 19 ? 'formatted_read_group' : 'read_group';
      expect(backend.odoo.calls.slice(server).map((c) => c.name)).toEqual([`account.move.${grouping}`]);
      expect(call).toHaveBeenCalledTimes(1);
      const [model, method, ids, kwargs] = call.mock.calls[0] ?? [];
      expect([model, method, ids]).toEqual(['account.move', grouping, null]);
      const domain = [
        ['state', '=', 'posted'],
        ['move_type', 'in', ['out_invoice', 'out_refund']],
        ['date', '>=', MARCH.from],
        ['date', '<=', MARCH.to],
      ];
      expect(kwargs).toEqual(
        backendCase.version >= 19
          ? { domain, groupby: ['commercial_partner_id', 'invoice_origin'], aggregates: ['amount_untaxed_signed:sum'] }
          : { domain, groupby: ['commercial_partner_id', 'invoice_origin'], fields: ['amount_untaxed_signed:sum'], lazy: false },
      );
    } finally {
      call.mockRestore();
    }
  });
});

const PROJECTS = ['Website', 'SEO', 'Support', null] as const;

/** The calls one `revenueByClientAndProject` makes over `count` seeded invoices, spread over four projects (one of them none). */
async function callsForLines(backendCase: BackendCase, count: number): Promise<{ names: string[]; lines: RevenueLine[] }> {
  const backend = await openBackend(backendCase);
  try {
    backend.odoo.seedPostedInvoices(count, { seed: 7, from: '2026-01-01', to: '2026-03-09', partners: 12 });
    const { port } = backend;
    // Connect and learn the currency first, so only the report itself is counted.
    const pnl = await port.profitAndLoss(Q1);
    // Set each invoice's project as the accountant would, one write per project.
    const moves = backend.odoo.records('account.move').filter((m) => m.move_type === 'out_invoice');
    for (const [i, project] of PROJECTS.entries()) {
      const ids = moves.filter((_, n) => n % PROJECTS.length === i).map((m) => m.id);
      if (project !== null && ids.length > 0) await backend.rpc().call('account.move', 'write', ids, { vals: { invoice_origin: project } });
    }
    const before = backend.rpc().callCount;
    const server = backend.odoo.calls.length;
    const lines = await port.revenueByClientAndProject(Q1);
    const names = backend.odoo.calls.slice(server).map((c) => c.name);
    expect(names).toHaveLength(backend.rpc().callCount - before);
    // The lines add up to the other reports' figures.
    expect(sumMoney(lines.map((l) => l.amount))).toBe(pnl.revenue);
    for (const { name, amount } of await port.revenueByClient(Q1)) {
      expect(sumMoney(lines.filter((l) => l.client === name).map((l) => l.amount))).toBe(amount);
    }
    return { names, lines };
  } finally {
    await backend.close();
  }
}

describe.each(ONE_PER_PROTOCOL)('Odoo backend revenue lines call count, Odoo $version over $protocol', (backendCase) => {
  it('makes one call for 200 invoices, as for 10', async () => {
    const few = await callsForLines(backendCase, 10);
    const many = await callsForLines(backendCase, 200);
    const grouping = backendCase.version >= 19 ? 'formatted_read_group' : 'read_group';
    expect(few.names).toEqual([`account.move.${grouping}`]);
    expect(many.names).toEqual(few.names);
    // Twelve clients on four projects: many more lines, the same one call.
    expect(few.lines.length).toBeLessThanOrEqual(10);
    expect(many.lines.length).toBeGreaterThan(40);
    expect(new Set(many.lines.map((l) => l.project))).toEqual(new Set(PROJECTS));
  });
});
