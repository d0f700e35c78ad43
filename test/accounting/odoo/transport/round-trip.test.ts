/**
 * Real work through each transport, for every version that serves it:
 * create a customer and an invoice, post it, change it, read it back.
 */
import { AccountingError } from '../../../../src/accounting/accounting-error';
import { connectOdoo } from '../../../../src/accounting/odoo/odoo-connection';
import type { OdooRpc } from '../../../../src/accounting/odoo/odoo-rpc';
import { startFakeOdoo } from '../../../odoo/fake-odoo';
import type { FakeOdoo } from '../../../odoo/fake-odoo-types';
import { API_KEY, configFor, createdId, PROTOCOL_CASES, recordingDeps } from './transport-helpers';

describe.each(PROTOCOL_CASES)('Odoo $version over $protocol', ({ version, protocol }) => {
  let odoo: FakeOdoo;
  let rpc: OdooRpc;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version, apiKey: API_KEY, today: '2026-03-10' });
    rpc = await connectOdoo(configFor(odoo, { protocol }), recordingDeps());
  });
  afterAll(async () => {
    await odoo.close();
  });

  it('creates, posts, writes and reads back an invoice', async () => {
    const partnerId = createdId(await rpc.call('res.partner', 'create', null, { vals_list: [{ name: `Client ${protocol} ${version}`, email: 'ap@client.example' }] }));
    const found = await rpc.call<Array<{ id: number; name: string }>>('res.partner', 'search_read', null, {
      domain: [['name', '=ilike', `client ${protocol} ${version}`]],
      fields: ['id', 'name'],
      limit: 1,
    });
    expect(found).toEqual([{ id: partnerId, name: `Client ${protocol} ${version}` }]);

    const moveId = createdId(
      await rpc.call('account.move', 'create', null, {
        vals_list: [
          {
            move_type: 'out_invoice',
            partner_id: partnerId,
            invoice_date: '2026-03-10',
            invoice_date_due: '2026-04-09',
            ref: 'PO-1',
            invoice_line_ids: [[0, 0, { name: 'Consulting', quantity: 3, price_unit: 150.5, tax_ids: [[6, 0, []]] }]],
          },
        ],
      }),
    );
    expect(odoo.records('account.move').map((r) => r.id)).toContain(moveId);

    await rpc.call('account.move', 'action_post', [moveId]);
    expect(await rpc.call('account.move', 'write', [moveId], { vals: { ref: 'PO-42' } })).toBe(true);

    const [invoice] = await rpc.call<Array<Record<string, unknown>>>('account.move', 'read', [moveId], {
      fields: ['name', 'state', 'payment_state', 'amount_total', 'amount_residual', 'partner_id', 'ref', 'invoice_date_due'],
    });
    expect(invoice).toMatchObject({
      id: moveId,
      state: 'posted',
      payment_state: 'not_paid',
      amount_total: 451.5,
      amount_residual: 451.5,
      partner_id: [partnerId, `Client ${protocol} ${version}`],
      ref: 'PO-42',
      invoice_date_due: '2026-04-09',
    });
    expect(invoice?.name).toMatch(/^INV\/2026\/\d{5}$/);
  });

  it('passes a context through kwargs', async () => {
    const [partnerId] = await rpc.call<number[]>('res.partner', 'search', null, { domain: [['name', '=', 'My Company']], limit: 1 });
    const moveId = createdId(
      await rpc.call('account.move', 'create', null, { vals_list: [{ partner_id: partnerId }], context: { default_move_type: 'out_invoice' } }),
    );
    const [move] = await rpc.call<Array<{ move_type: string }>>('account.move', 'read', [moveId], { fields: ['move_type'] });
    expect(move?.move_type).toBe('out_invoice');
  });

  it('returns empty results as empty lists, not errors', async () => {
    const none = await rpc.call('account.move', 'search_read', null, { domain: [['ref', '=', 'no such reference']], fields: ['id'] });
    expect(none).toEqual([]);
  });

  if (protocol === 'xmlrpc') {
    it('refuses a null before sending it (Odoo has no allow_none), naming where it is', async () => {
      const before = odoo.calls.length;
      const error = await rpc.call('res.partner', 'write', [1], { vals: { email: null } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccountingError);
      expect((error as AccountingError).kind).toBe('bad_input');
      expect((error as AccountingError).message).toContain('kwargs.vals.email is null');
      expect(odoo.calls.length).toBe(before);
    });

    it('leaves undefined members out instead of sending them', async () => {
      const partnerId = createdId(await rpc.call('res.partner', 'create', null, { vals_list: [{ name: 'Undefined Ltd', email: undefined }] }));
      const rows = await rpc.call<Array<{ email: unknown }>>('res.partner', 'read', [partnerId], { fields: ['email'] });
      expect(rows[0]?.email).toBe(false);
    });
  }
});
