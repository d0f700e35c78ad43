/**
 * Version differences of the test Odoo outside posting: read_group (16–18)
 * vs formatted_read_group (19), name_search's `args` vs `domain`, hr.expense
 * field names, installed modules, and partners/users basics.
 */
import { startFakeOdoo } from './fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from './fake-odoo-types';
import { invoiceVals, json2Call, json2Value, xmlExecute, xmlValue } from './rpc-test-client';

const VERSIONS: FakeOdooMajor[] = [16, 17, 18, 19];

describe.each(VERSIONS)('Odoo %i models', (version) => {
  let odoo: FakeOdoo;
  let acme: number;
  let globex: number;
  const call = <T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> => xmlValue<T>(xmlExecute(odoo, model, method, args, kwargs));

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version, today: '2026-03-10', hrExpense: true });
    acme = await call<number>('res.partner', 'create', [{ name: 'Acme Corp' }]);
    globex = await call<number>('res.partner', 'create', [{ name: 'Globex' }]);
    for (const [partner, amounts, date] of [
      [acme, [100, 50], '2026-01-15'],
      [acme, [30], '2026-02-10'],
      [globex, [200], '2026-02-20'],
    ] as const) {
      const id = await call<number>('account.move', 'create', [invoiceVals(partner, [...amounts], { invoice_date: date, invoice_date_due: date })]);
      await call('account.move', 'action_post', [[id]]);
    }
    await call('account.move', 'create', [invoiceVals(globex, [999])]); // a draft, outside posted reports
  });
  afterAll(async () => {
    await odoo.close();
  });

  const posted = [['parent_state', '=', 'posted']];

  if (version <= 18) {
    test('read_group lazy: <field>_count, aggregates, __domain, __context', async () => {
      const groups = await call<Array<Record<string, unknown>>>('account.move.line', 'read_group', [posted, ['balance:sum'], ['account_type', 'partner_id']]);
      expect(groups).toEqual([
        { account_type: 'asset_receivable', account_type_count: 3, balance: 380, __domain: ['&', ['parent_state', '=', 'posted'], ['account_type', '=', 'asset_receivable']], __context: { group_by: ['partner_id'] } },
        { account_type: 'income', account_type_count: 4, balance: -380, __domain: ['&', ['parent_state', '=', 'posted'], ['account_type', '=', 'income']], __context: { group_by: ['partner_id'] } },
      ]);
    });

    test('read_group not lazy: __count and many2one groups as [id, name]', async () => {
      const groups = await call<Array<Record<string, unknown>>>('account.move.line', 'read_group', [[...posted, ['account_type', '=', 'asset_receivable']], ['amount_residual:sum', 'debit'], ['partner_id']], { lazy: false });
      expect(groups).toEqual([
        { partner_id: [acme, 'Acme Corp'], __count: 2, amount_residual: 180, debit: 180, __domain: ['&', '&', ['parent_state', '=', 'posted'], ['account_type', '=', 'asset_receivable'], ['partner_id', '=', acme]] },
        { partner_id: [globex, 'Globex'], __count: 1, amount_residual: 200, debit: 200, __domain: ['&', '&', ['parent_state', '=', 'posted'], ['account_type', '=', 'asset_receivable'], ['partner_id', '=', globex]] },
      ]);
    });

    test('read_group with no groupby is one group; dates group by month with __range', async () => {
      await expect(call('account.move.line', 'read_group', [posted, ['balance:sum', 'debit:sum'], []])).resolves.toEqual([{ __count: 7, balance: 0, debit: 380, __domain: posted }]);
      const byMonth = await call<Array<Record<string, unknown>>>('account.move', 'read_group', [[['state', '=', 'posted']], ['amount_total:sum'], ['invoice_date:month']], { lazy: false });
      expect(byMonth).toEqual([
        { 'invoice_date:month': 'January 2026', __count: 1, amount_total: 150, __range: { 'invoice_date:month': { from: '2026-01-01', to: '2026-02-01' } }, __domain: ['&', ['state', '=', 'posted'], '&', ['invoice_date', '>=', '2026-01-01'], ['invoice_date', '<', '2026-02-01']] },
        { 'invoice_date:month': 'February 2026', __count: 2, amount_total: 230, __range: { 'invoice_date:month': { from: '2026-02-01', to: '2026-03-01' } }, __domain: ['&', ['state', '=', 'posted'], '&', ['invoice_date', '>=', '2026-02-01'], ['invoice_date', '<', '2026-03-01']] },
      ]);
    });

    test('formatted_read_group does not exist before 19', async () => {
      const outcome = await xmlExecute(odoo, 'account.move.line', 'formatted_read_group', [posted, ['account_type'], ['balance:sum']]);
      expect(outcome).toMatchObject({ ok: false, faultCode: 1 });
      if (!outcome.ok) expect(outcome.faultString).toContain('AttributeError');
    });
  } else {
    test('formatted_read_group: aggregates keyed by spec, __extra_domain, __count on request', async () => {
      const groups = await call<Array<Record<string, unknown>>>('account.move.line', 'formatted_read_group', [posted, ['account_type'], ['balance:sum', '__count']]);
      expect(groups).toEqual([
        { account_type: 'asset_receivable', __extra_domain: [['account_type', '=', 'asset_receivable']], 'balance:sum': 380, __count: 3 },
        { account_type: 'income', __extra_domain: [['account_type', '=', 'income']], 'balance:sum': -380, __count: 4 },
      ]);
      const byPartner = await json2Value(json2Call(odoo, 'account.move.line', 'formatted_read_group', { domain: [...posted, ['account_type', '=', 'asset_receivable']], groupby: ['partner_id'], aggregates: ['amount_residual:sum'], order: 'amount_residual:sum desc' }));
      expect(byPartner).toEqual([
        { partner_id: [globex, 'Globex'], __extra_domain: [['partner_id', '=', globex]], 'amount_residual:sum': 200 },
        { partner_id: [acme, 'Acme Corp'], __extra_domain: [['partner_id', '=', acme]], 'amount_residual:sum': 180 },
      ]);
      await expect(json2Value(json2Call(odoo, 'account.move.line', 'formatted_read_group', { domain: posted, aggregates: ['debit:sum'] }))).resolves.toEqual([{ __extra_domain: [], 'debit:sum': 380 }]);
      const byMonth = await call('account.move', 'formatted_read_group', [[['state', '=', 'posted']], ['invoice_date:month'], ['amount_total:sum']]);
      expect(byMonth).toEqual([
        { 'invoice_date:month': ['2026-01-01', 'January 2026'], __extra_domain: ['&', ['invoice_date', '>=', '2026-01-01'], ['invoice_date', '<', '2026-02-01']], 'amount_total:sum': 150 },
        { 'invoice_date:month': ['2026-02-01', 'February 2026'], __extra_domain: ['&', ['invoice_date', '>=', '2026-02-01'], ['invoice_date', '<', '2026-03-01']], 'amount_total:sum': 230 },
      ]);
    });

    test('read_group is gone on 19 (AttributeError, JSON-2 404)', async () => {
      const outcome = await xmlExecute(odoo, 'account.move.line', 'read_group', [posted, ['balance:sum'], ['account_type']]);
      expect(outcome).toMatchObject({ ok: false, faultCode: 1 });
      const answer = await json2Call(odoo, 'account.move.line', 'read_group', { domain: posted, fields: ['balance:sum'], groupby: ['account_type'] });
      expect(answer.status).toBe(404);
    });
  }

  test(`name_search takes ${version >= 19 ? 'domain' : 'args'}`, async () => {
    const right = version >= 19 ? 'domain' : 'args';
    const wrong = version >= 19 ? 'args' : 'domain';
    await expect(call('res.partner', 'name_search', [], { name: 'acme', [right]: [['id', '!=', 0]], limit: 5 })).resolves.toEqual([[acme, 'Acme Corp']]);
    await expect(call('res.partner', 'name_search', ['glob'])).resolves.toEqual([[globex, 'Globex']]);
    const outcome = await xmlExecute(odoo, 'res.partner', 'name_search', [], { name: 'acme', [wrong]: [] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.faultString).toContain(`TypeError: BaseModel.name_search() got an unexpected keyword argument '${wrong}'`);
  });

  test('partners: =ilike lookup, ranks grow on posting', async () => {
    await expect(call('res.partner', 'search_read', [[['name', '=ilike', 'acme corp']]], { fields: ['id', 'name'], limit: 1 })).resolves.toEqual([{ id: acme, name: 'Acme Corp' }]);
    const [row] = await call<Array<{ customer_rank: number }>>('res.partner', 'read', [[acme], ['customer_rank']]);
    expect(row?.customer_rank).toBe(2);
  });

  test('res.users.context_get and res.company currency', async () => {
    await expect(call('res.users', 'context_get', [])).resolves.toMatchObject({ uid: 2, lang: 'en_US' });
    await expect(call('res.company', 'search_read', [[]], { fields: ['name', 'currency_id'] })).resolves.toEqual([{ id: 1, name: 'My Company', currency_id: [1, 'USD'] }]);
  });

  test('ir.module.module reports hr_expense installed', async () => {
    await expect(call('ir.module.module', 'search_read', [[['name', '=', 'hr_expense'], ['state', '=', 'installed']]], { fields: ['name', 'state'] })).resolves.toEqual([{ id: expect.any(Number) as number, name: 'hr_expense', state: 'installed' }]);
  });

  test(`hr.expense uses ${version === 16 ? 'unit_amount/total_amount' : 'price_unit/total_amount_currency'}`, async () => {
    const unit = version === 16 ? 'unit_amount' : 'price_unit';
    const total = version === 16 ? 'total_amount' : 'total_amount_currency';
    const wrongUnit = version === 16 ? 'price_unit' : 'unit_amount';
    const [travel] = await call<Array<{ id: number }>>('account.account', 'search_read', [[['code', '=', '624000']]], { fields: ['id'] });
    const id = await call<number>('hr.expense', 'create', [{ name: 'Train to Lyon', date: '2026-03-02', [unit]: 42.5, quantity: 2, account_id: travel?.id, description: 'Client visit' }]);
    const [expense] = await call<Array<Record<string, unknown>>>('hr.expense', 'read', [[id], ['name', 'date', 'employee_id', 'account_id', unit, 'quantity', total, 'description', 'state']]);
    expect(expense).toEqual({ id, name: 'Train to Lyon', date: '2026-03-02', employee_id: [1, 'Mitchell Admin'], account_id: [travel?.id, '624000 Travel'], [unit]: 42.5, quantity: 2, [total]: 85, description: 'Client visit', state: 'draft' });
    const created = await xmlExecute(odoo, 'hr.expense', 'create', [{ name: 'Wrong field', [wrongUnit]: 10 }]);
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.faultString).toContain(`ValueError: Invalid field '${wrongUnit}' on model 'hr.expense'`);
    const read = await xmlExecute(odoo, 'hr.expense', 'search_read', [[]], { fields: [wrongUnit] });
    expect(read.ok).toBe(false);
    const wrongTotal = version === 16 ? 'total_amount_currency' : 'unit_amount';
    const searched = await xmlExecute(odoo, 'hr.expense', 'search_read', [[[wrongTotal, '>', 0]]]);
    expect(searched.ok).toBe(false);
  });
});

describe('without the hr_expense app', () => {
  test('hr.expense does not exist and the module is not installed', async () => {
    const odoo = await startFakeOdoo({ version: 17 });
    try {
      await expect(xmlExecute(odoo, 'hr.expense', 'search_read', [[]])).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: "Object hr.expense doesn't exist" });
      await expect(xmlValue(xmlExecute(odoo, 'ir.module.module', 'search_read', [[['name', '=', 'hr_expense']]], { fields: ['state'] }))).resolves.toEqual([{ id: expect.any(Number) as number, state: 'uninstalled' }]);
    } finally {
      await odoo.close();
    }
  });
});
