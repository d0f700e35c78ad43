/**
 * Journal entries and journal items edited directly, cancelling and resetting
 * moves, and the legacy `/xmlrpc/<service>` endpoints with string fault codes.
 */
import { startFakeOdoo } from './fake-odoo';
import type { FakeOdoo } from './fake-odoo-types';
import { invoiceVals, xmlExecute, xmlrpcCall, xmlValue } from './rpc-test-client';

describe('entries, items and legacy XML-RPC', () => {
  let odoo: FakeOdoo;
  const call = <T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> => xmlValue<T>(xmlExecute(odoo, model, method, args, kwargs));
  const account = async (code: string): Promise<number> => (await call<number[]>('account.account', 'search', [[['code', '=', code]]]))[0] as number;

  beforeEach(async () => {
    odoo = await startFakeOdoo({ version: 17, today: '2026-03-10' });
  });
  afterEach(async () => {
    await odoo.close();
  });

  test('a miscellaneous entry posts only when balanced, as MISC/YYYY/MM/NNNN', async () => {
    const [rent, bank] = [await account('613000'), await account('101401')];
    const entry = await call<number>('account.move', 'create', [{ move_type: 'entry', date: '2026-03-03', ref: 'March rent', line_ids: [[0, 0, { account_id: rent, name: 'Rent', debit: 900 }], [0, 0, { account_id: bank, name: 'Rent', credit: 800 }]] }]);
    const unbalanced = await xmlExecute(odoo, 'account.move', 'action_post', [[entry]]);
    expect(unbalanced).toMatchObject({ ok: false, faultCode: 2 });
    if (!unbalanced.ok) expect(unbalanced.faultString).toContain('is not balanced');

    const [bankLine] = await call<number[]>('account.move.line', 'search', [[['move_id', '=', entry], ['account_id', '=', bank]]]);
    await expect(call('account.move.line', 'write', [[bankLine], { credit: 900 }])).resolves.toBe(true);
    await expect(call('account.move', 'action_post', [[entry]])).resolves.toBe(false);
    const [move] = await call<Array<Record<string, unknown>>>('account.move', 'read', [[entry], ['name', 'state', 'amount_total', 'journal_id']]);
    expect(move).toMatchObject({ name: 'MISC/2026/03/0001', state: 'posted', amount_total: 900, journal_id: [expect.any(Number) as number, 'Miscellaneous Operations'] });
    const lines = await call<Array<Record<string, unknown>>>('account.move.line', 'search_read', [[['move_id', '=', entry]]], { fields: ['account_type', 'balance', 'parent_state'], order: 'id' });
    expect(lines.map((l) => [l.account_type, l.balance, l.parent_state])).toEqual([
      ['expense', 900, 'posted'],
      ['asset_cash', -900, 'posted'],
    ]);
    await expect(xmlExecute(odoo, 'account.move.line', 'write', [[bankLine], { credit: 5 }])).resolves.toMatchObject({ ok: false, faultCode: 2 });
  });

  test('journal items created on a draft invoice keep the receivable line in step', async () => {
    const partner = await call<number>('res.partner', 'create', [{ name: 'Initech' }]);
    const invoice = await call<number>('account.move', 'create', [invoiceVals(partner, [100])]);
    const lineId = await call<number>('account.move.line', 'create', [{ move_id: invoice, name: 'Setup fee', quantity: 1, price_unit: 25 }]);
    expect(typeof lineId).toBe('number');
    const [move] = await call<Array<{ amount_total: number; invoice_line_ids: number[] }>>('account.move', 'read', [[invoice], ['amount_total', 'invoice_line_ids']]);
    expect(move).toMatchObject({ amount_total: 125, invoice_line_ids: expect.arrayContaining([lineId]) as number[] });
    const receivable = await call<Array<{ debit: number }>>('account.move.line', 'search_read', [[['move_id', '=', invoice], ['account_type', '=', 'asset_receivable']]], { fields: ['debit'] });
    expect(receivable).toEqual([{ id: expect.any(Number) as number, debit: 125 }]);
    await expect(call('account.move.line', 'unlink', [[lineId]])).resolves.toBe(true);
    const [after] = await call<Array<{ amount_total: number }>>('account.move', 'read', [[invoice], ['amount_total']]);
    expect(after?.amount_total).toBe(100);
  });

  test('button_cancel cancels (posted moves go through draft); both return None', async () => {
    const partner = await call<number>('res.partner', 'create', [{ name: 'Hooli' }]);
    const invoice = await call<number>('account.move', 'create', [invoiceVals(partner, [40])]);
    await call('account.move', 'action_post', [[invoice]]);
    const cancelled = await xmlExecute(odoo, 'account.move', 'button_cancel', [[invoice]]);
    expect(cancelled.ok).toBe(false); // None cannot be marshalled, but the cancel happened
    const [move] = await call<Array<Record<string, unknown>>>('account.move', 'read', [[invoice], ['state', 'name', 'payment_state']]);
    expect(move).toMatchObject({ state: 'cancel', name: 'INV/2026/00001', payment_state: 'not_paid' });
    await expect(xmlExecute(odoo, 'account.move', 'action_post', [[invoice]])).resolves.toMatchObject({ ok: false, faultString: `The entry INV/2026/00001 (id ${invoice}) must be in draft.` });
  });

  test('legacy /xmlrpc/<service> puts the class in a string faultCode', async () => {
    await expect(xmlValue(xmlrpcCall(odoo.url, '/xmlrpc/common', 'authenticate', ['odoo', 'admin', odoo.apiKey, {}]))).resolves.toBe(2);
    const userError = await xmlrpcCall(odoo.url, '/xmlrpc/object', 'execute_kw', ['odoo', 2, odoo.apiKey, 'x.y', 'search', [[]]]);
    expect(userError).toMatchObject({ ok: false, faultCode: "warning -- UserError\n\nObject x.y doesn't exist", faultString: '' });
    const missing = await xmlrpcCall(odoo.url, '/xmlrpc/object', 'execute_kw', ['odoo', 2, odoo.apiKey, 'account.move', 'action_post', [[999]]]);
    expect(missing).toMatchObject({ ok: false, faultCode: 'warning -- MissingError\n\nRecord does not exist or has been deleted.\n(Record: account.move(999,), User: 2)' });
    const denied = await xmlrpcCall(odoo.url, '/xmlrpc/object', 'execute_kw', ['odoo', 2, 'wrong', 'res.partner', 'search', [[]]]);
    expect(denied).toMatchObject({ ok: false, faultCode: 'AccessDenied', faultString: 'Access Denied' });
  });
});
