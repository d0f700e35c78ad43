/**
 * Grouping by two fields at once, as the revenue-by-client-and-project report
 * asks: `read_group(..., lazy=False)` (16–18) and `formatted_read_group`
 * (19) give one row per combination; a lazy `read_group` groups by the first
 * field only. Many2one keys read `[id, name]`, an unset char `false` (sorted
 * last), and a credit note's `amount_untaxed_signed` is negative.
 */
import { startFakeOdoo } from './fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from './fake-odoo-types';
import { invoiceVals, json2Call, json2Value, xmlExecute, xmlValue } from './rpc-test-client';

const VERSIONS: FakeOdooMajor[] = [16, 17, 18, 19];

describe.each(VERSIONS)('Odoo %i grouping by two fields', (version) => {
  let odoo: FakeOdoo;
  let acme: number;
  let globex: number;
  const call = <T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> => xmlValue<T>(xmlExecute(odoo, model, method, args, kwargs));

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version, today: '2026-03-10' });
    acme = await call<number>('res.partner', 'create', [{ name: 'Acme Corp' }]);
    globex = await call<number>('res.partner', 'create', [{ name: 'Globex' }]);
    for (const [partner, amount, extra] of [
      [globex, 200, { invoice_origin: 'SEO' }],
      [acme, 100, { invoice_origin: 'Website' }],
      [acme, 30, {}],
      [acme, 50, { invoice_origin: 'Website' }],
      [acme, 20, { invoice_origin: 'Website', move_type: 'out_refund' }],
      [globex, 70, { invoice_origin: 'Apps' }],
    ] as const) {
      const id = await call<number>('account.move', 'create', [invoiceVals(partner, [amount], extra)]);
      await call('account.move', 'action_post', [[id]]);
    }
    await call('account.move', 'create', [invoiceVals(globex, [999], { invoice_origin: 'SEO' })]); // a draft, filtered out
  });
  afterAll(async () => {
    await odoo.close();
  });

  const domain = [
    ['state', '=', 'posted'],
    ['move_type', 'in', ['out_invoice', 'out_refund']],
  ];
  const state = ['state', '=', 'posted'];
  const moveType = ['move_type', 'in', ['out_invoice', 'out_refund']];

  if (version <= 18) {
    test('read_group lazy=False: one row per partner and origin, with __count and the full __domain', async () => {
      const groups = await call('account.move', 'read_group', [domain, ['amount_untaxed_signed:sum'], ['partner_id', 'invoice_origin']], { lazy: false });
      const row = (partner: number, name: string, origin: string | false, count: number, sum: number) => ({
        partner_id: [partner, name],
        invoice_origin: origin,
        __count: count,
        amount_untaxed_signed: sum,
        __domain: ['&', '&', '&', state, moveType, ['partner_id', '=', partner], ['invoice_origin', '=', origin]],
      });
      expect(groups).toEqual([
        row(acme, 'Acme Corp', 'Website', 3, 130),
        row(acme, 'Acme Corp', false, 1, 30),
        row(globex, 'Globex', 'Apps', 1, 70),
        row(globex, 'Globex', 'SEO', 1, 200),
      ]);
    });

    test('read_group lazy (the default) groups by the first field only and leaves the rest to __context', async () => {
      const groups = await call('account.move', 'read_group', [domain, ['amount_untaxed_signed:sum'], ['partner_id', 'invoice_origin']]);
      expect(groups).toEqual([
        { partner_id: [acme, 'Acme Corp'], partner_id_count: 4, amount_untaxed_signed: 160, __domain: ['&', '&', state, moveType, ['partner_id', '=', acme]], __context: { group_by: ['invoice_origin'] } },
        { partner_id: [globex, 'Globex'], partner_id_count: 2, amount_untaxed_signed: 270, __domain: ['&', '&', state, moveType, ['partner_id', '=', globex]], __context: { group_by: ['invoice_origin'] } },
      ]);
    });

    test('read_group groups by the commercial partner like by the partner (no contacts here)', async () => {
      const groups = await call<Array<Record<string, unknown>>>('account.move', 'read_group', [domain, ['amount_untaxed_signed:sum'], ['commercial_partner_id', 'invoice_origin']], { lazy: false });
      expect(groups.map((g) => [g.commercial_partner_id, g.invoice_origin, g.amount_untaxed_signed])).toEqual([
        [[acme, 'Acme Corp'], 'Website', 130],
        [[acme, 'Acme Corp'], false, 30],
        [[globex, 'Globex'], 'Apps', 70],
        [[globex, 'Globex'], 'SEO', 200],
      ]);
    });
  } else {
    test('formatted_read_group: one row per partner and origin, with __extra_domain', async () => {
      const groups = await json2Value(
        json2Call(odoo, 'account.move', 'formatted_read_group', { domain, groupby: ['partner_id', 'invoice_origin'], aggregates: ['amount_untaxed_signed:sum', '__count'] }),
      );
      const row = (partner: number, name: string, origin: string | false, count: number, sum: number) => ({
        partner_id: [partner, name],
        invoice_origin: origin,
        __extra_domain: ['&', ['partner_id', '=', partner], ['invoice_origin', '=', origin]],
        'amount_untaxed_signed:sum': sum,
        __count: count,
      });
      expect(groups).toEqual([
        row(acme, 'Acme Corp', 'Website', 3, 130),
        row(acme, 'Acme Corp', false, 1, 30),
        row(globex, 'Globex', 'Apps', 1, 70),
        row(globex, 'Globex', 'SEO', 1, 200),
      ]);
    });

    test('formatted_read_group groups by the commercial partner like by the partner (no contacts here)', async () => {
      const groups = await call<Array<Record<string, unknown>>>('account.move', 'formatted_read_group', [domain, ['commercial_partner_id', 'invoice_origin'], ['amount_untaxed_signed:sum']]);
      expect(groups.map((g) => [g.commercial_partner_id, g.invoice_origin, g['amount_untaxed_signed:sum']])).toEqual([
        [[acme, 'Acme Corp'], 'Website', 130],
        [[acme, 'Acme Corp'], false, 30],
        [[globex, 'Globex'], 'Apps', 70],
        [[globex, 'Globex'], 'SEO', 200],
      ]);
    });
  }
});
