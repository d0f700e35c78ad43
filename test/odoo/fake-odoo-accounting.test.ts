/**
 * The accounting slice of the test Odoo, per version: invoices and bills,
 * sequences, posting rules, move lines and balances, the payment wizard and
 * payment_state, domains, and the chart's version-specific fields.
 */
import { startFakeOdoo } from './fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from './fake-odoo-types';
import { invoiceVals, json2Call, json2Value, xmlExecute, xmlValue } from './rpc-test-client';

const VERSIONS: FakeOdooMajor[] = [16, 17, 18, 19];

interface MoveRead {
  id: number;
  name: string;
  state: string;
  payment_state: string;
  amount_total: number;
  amount_residual: number;
  amount_untaxed: number;
  amount_tax: number;
  amount_total_signed: number;
  amount_residual_signed: number;
  partner_id: [number, string] | false;
  journal_id: [number, string];
  currency_id: [number, string];
  invoice_date: string | false;
  invoice_date_due: string | false;
  display_name: string;
  line_ids: number[];
  invoice_line_ids: number[];
}

interface LineRead {
  id: number;
  account_id: [number, string];
  account_type: string;
  parent_state: string;
  date: string;
  date_maturity: string | false;
  debit: number;
  credit: number;
  balance: number;
  amount_residual: number;
  reconciled: boolean;
  partner_id: [number, string] | false;
  move_id: [number, string];
  journal_id: [number, string];
  name: string | false;
}

const MOVE_FIELDS = ['name', 'state', 'payment_state', 'amount_total', 'amount_residual', 'amount_untaxed', 'amount_tax', 'amount_total_signed', 'amount_residual_signed', 'partner_id', 'journal_id', 'currency_id', 'invoice_date', 'invoice_date_due', 'display_name', 'line_ids', 'invoice_line_ids'];
const LINE_FIELDS = ['account_id', 'account_type', 'parent_state', 'date', 'date_maturity', 'debit', 'credit', 'balance', 'amount_residual', 'reconciled', 'partner_id', 'move_id', 'journal_id', 'name'];

describe.each(VERSIONS)('Odoo %i accounting', (version) => {
  let odoo: FakeOdoo;
  let partnerId: number;
  const call = <T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> => xmlValue<T>(xmlExecute(odoo, model, method, args, kwargs));
  const readMove = async (id: number): Promise<MoveRead> => (await call<MoveRead[]>('account.move', 'read', [[id], MOVE_FIELDS]))[0] as MoveRead;
  const linesOf = (id: number): Promise<LineRead[]> => call<LineRead[]>('account.move.line', 'search_read', [[['move_id', '=', id]]], { fields: LINE_FIELDS, order: 'id' });
  const postedInvoice = async (amounts: number[], extra: Record<string, unknown> = {}): Promise<number> => {
    const id = await call<number>('account.move', 'create', [invoiceVals(partnerId, amounts, extra)]);
    await expect(call('account.move', 'action_post', [[id]])).resolves.toBe(false);
    return id;
  };
  const pay = async (moveId: number, values: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const context = { active_model: 'account.move', active_ids: [moveId] };
    const [wizardId] = await call<number[]>('account.payment.register', 'create', [[values]], { context });
    return call<Record<string, unknown>>('account.payment.register', 'action_create_payments', [[wizardId]], { context });
  };

  beforeEach(async () => {
    odoo = await startFakeOdoo({ version, today: '2026-03-10' });
    partnerId = await call<number>('res.partner', 'create', [{ name: 'Acme Corp', email: 'billing@acme.test' }]);
  });
  afterEach(async () => {
    await odoo.close();
  });

  test('a draft invoice is named "/" and reads its amounts, partner and journal', async () => {
    const id = await call<number>('account.move', 'create', [invoiceVals(partnerId, [100, 50.5])]);
    const move = await readMove(id);
    expect(move).toMatchObject({
      name: '/',
      state: 'draft',
      payment_state: 'not_paid',
      amount_untaxed: 150.5,
      amount_tax: 0,
      amount_total: 150.5,
      amount_residual: 150.5,
      partner_id: [partnerId, 'Acme Corp'],
      journal_id: [expect.any(Number), 'Customer Invoices'],
      currency_id: [1, 'USD'],
      invoice_date: '2026-03-01',
      invoice_date_due: '2026-03-31',
      display_name: `Draft Invoice (* ${id})`,
    });
    expect(move.invoice_line_ids).toHaveLength(2);
    expect(move.line_ids).toHaveLength(3);
  });

  test('posting numbers invoices INV/YYYY/NNNNN per year and bills BILL/YYYY/MM/NNNN', async () => {
    const first = await postedInvoice([100]);
    const second = await postedInvoice([200]);
    const nextYear = await postedInvoice([300], { invoice_date: '2027-01-05', invoice_date_due: '2027-02-04' });
    expect((await readMove(first)).name).toBe('INV/2026/00001');
    expect((await readMove(second)).name).toBe('INV/2026/00002');
    expect((await readMove(nextYear)).name).toBe('INV/2027/00001');
    const bill = await call<number>('account.move', 'create', [{ ...invoiceVals(partnerId, [80]), move_type: 'in_invoice', invoice_date: '2026-02-14' }]);
    await call('account.move', 'action_post', [[bill]]);
    const read = await readMove(bill);
    expect(read).toMatchObject({ name: 'BILL/2026/02/0001', state: 'posted', journal_id: [expect.any(Number), 'Vendor Bills'], amount_total: 80, amount_total_signed: -80, amount_residual_signed: -80 });
  });

  test('posting writes the receivable and income lines with balances and maturity', async () => {
    const id = await postedInvoice([100, 20]);
    const move = await readMove(id);
    expect(move).toMatchObject({ state: 'posted', amount_total: 120, amount_total_signed: 120, amount_residual: 120, display_name: 'INV/2026/00001' });
    const lines = await linesOf(id);
    const receivable = lines.filter((l) => l.account_type === 'asset_receivable');
    const income = lines.filter((l) => l.account_type === 'income');
    expect(receivable).toEqual([
      expect.objectContaining({ account_id: [expect.any(Number), '121000 Account Receivable'], debit: 120, credit: 0, balance: 120, amount_residual: 120, reconciled: false, date_maturity: '2026-03-31', partner_id: [partnerId, 'Acme Corp'], parent_state: 'posted', date: '2026-03-01', move_id: [id, 'INV/2026/00001'], name: 'INV/2026/00001' }),
    ]);
    expect(income.map((l) => [l.account_id[1], l.debit, l.credit, l.balance])).toEqual([
      ['400000 Product Sales', 0, 100, -100],
      ['400000 Product Sales', 0, 20, -20],
    ]);
    expect(lines.reduce((sum, l) => sum + l.balance, 0)).toBeCloseTo(0, 6);
    const bill = await call<number>('account.move', 'create', [{ ...invoiceVals(partnerId, [45], { invoice_line_ids: [[0, 0, { name: 'Laptop stand', quantity: 1, price_unit: 45, account_id: await accountId('626000'), tax_ids: [[6, 0, []]] }]] }), move_type: 'in_invoice' }]);
    await call('account.move', 'action_post', [[bill]]);
    const billLines = await linesOf(bill);
    expect(billLines.map((l) => [l.account_id[1], l.account_type, l.balance])).toEqual([
      ['626000 Software', 'expense', 45],
      ['211000 Account Payable', 'liability_payable', -45],
    ]);
  });

  async function accountId(code: string): Promise<number> {
    const [account] = await call<Array<{ id: number }>>('account.account', 'search_read', [[['code', '=', code]]], { fields: ['id'], limit: 1 });
    return (account as { id: number }).id;
  }

  test('action_post refuses empty, posted and missing moves with Odoo messages', async () => {
    const empty = await call<number>('account.move', 'create', [{ move_type: 'out_invoice', partner_id: partnerId }]);
    await expect(xmlExecute(odoo, 'account.move', 'action_post', [[empty]])).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: 'You need to add a line before posting.' });
    const posted = await postedInvoice([10]);
    await expect(xmlExecute(odoo, 'account.move', 'action_post', [[posted]])).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: `The entry INV/2026/00001 (id ${posted}) must be in draft.` });
    await expect(xmlExecute(odoo, 'account.move', 'action_post', [[999]])).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: 'Record does not exist or has been deleted.\n(Record: account.move(999,), User: 2)' });
  });

  test('drafts can be written and unlinked; posted entries cannot be deleted', async () => {
    const draft = await call<number>('account.move', 'create', [invoiceVals(partnerId, [10])]);
    await expect(call('account.move', 'write', [[draft], { ref: 'PO-7', invoice_line_ids: [[0, 0, { name: 'Extra', quantity: 2, price_unit: 5 }]] }])).resolves.toBe(true);
    expect(await readMove(draft)).toMatchObject({ amount_total: 20 });
    await expect(call('account.move', 'unlink', [[draft]])).resolves.toBe(true);
    await expect(call('account.move', 'search_count', [[['id', '=', draft]]])).resolves.toBe(0);
    expect(odoo.records('account.move.line').filter((l) => l.move_id === draft)).toHaveLength(0);
    const posted = await postedInvoice([10]);
    await expect(xmlExecute(odoo, 'account.move', 'unlink', [[posted]])).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: 'You cannot delete an entry which has been posted once.' });
  });

  test('the payment wizard: partial, then full payment, with payment moves and payment_state per version', async () => {
    const invoice = await postedInvoice([100]);
    const action = await pay(invoice, { payment_date: '2026-03-05', amount: 40 });
    expect(action).toEqual({ name: 'Payments', type: 'ir.actions.act_window', res_model: 'account.payment', context: { create: false }, view_mode: 'form', res_id: expect.any(Number) as number });
    expect(await readMove(invoice)).toMatchObject({ payment_state: 'partial', amount_residual: 60, amount_residual_signed: 60 });
    const [payment] = await call<Array<Record<string, unknown>>>('account.payment', 'read', [[action.res_id], ['name', 'amount', 'date', 'partner_id', 'payment_type', 'move_id', 'state']]);
    expect(payment).toMatchObject({ name: 'PBNK1/2026/00001', amount: 40, date: '2026-03-05', partner_id: [partnerId, 'Acme Corp'], payment_type: 'inbound', state: version >= 18 ? 'in_process' : 'posted' });
    const paymentMove = ((payment as { move_id: [number, string] }).move_id)[0];
    const paymentLines = await linesOf(paymentMove);
    expect(paymentLines.map((l) => [l.account_id[1], l.debit, l.credit, l.parent_state])).toEqual([
      ['101402 Outstanding Receipts', 40, 0, 'posted'],
      ['121000 Account Receivable', 0, 40, 'posted'],
    ]);
    const receivable = (await linesOf(invoice)).find((l) => l.account_type === 'asset_receivable');
    expect(receivable).toMatchObject({ amount_residual: 60, reconciled: false });

    await pay(invoice, { payment_date: '2026-03-08' }); // the rest, by default
    expect(await readMove(invoice)).toMatchObject({ payment_state: version <= 17 ? 'in_payment' : 'paid', amount_residual: 0 });
    expect((await linesOf(invoice)).find((l) => l.account_type === 'asset_receivable')).toMatchObject({ amount_residual: 0, reconciled: true });
    expect(odoo.records('account.payment').map((p) => p.name)).toEqual(['PBNK1/2026/00001', 'PBNK1/2026/00002']);
  });

  test('the payment wizard refuses drafts and fully paid invoices', async () => {
    const draft = await call<number>('account.move', 'create', [invoiceVals(partnerId, [100])]);
    const context = { active_model: 'account.move', active_ids: [draft] };
    await expect(xmlExecute(odoo, 'account.payment.register', 'create', [[{}]], { context })).resolves.toMatchObject({ ok: false, faultCode: 2, faultString: 'You can only register payment for posted journal entries.' });
    const invoice = await postedInvoice([30]);
    await pay(invoice, {});
    await expect(xmlExecute(odoo, 'account.payment.register', 'create', [[{}]], { context: { active_model: 'account.move', active_ids: [invoice] } })).resolves.toMatchObject({
      ok: false,
      faultCode: 2,
      faultString: "You can't register a payment because there is nothing left to pay on the selected journal items.",
    });
  });

  test('paying a vendor bill goes out through Outstanding Payments', async () => {
    const bill = await call<number>('account.move', 'create', [{ ...invoiceVals(partnerId, [75]), move_type: 'in_invoice' }]);
    await call('account.move', 'action_post', [[bill]]);
    const action = await pay(bill, { payment_date: '2026-03-09' });
    const [payment] = await call<Array<{ payment_type: string; move_id: [number, string] }>>('account.payment', 'read', [[action.res_id], ['payment_type', 'move_id']]);
    expect(payment?.payment_type).toBe('outbound');
    const lines = await linesOf((payment as { move_id: [number, string] }).move_id[0]);
    expect(lines.map((l) => [l.account_id[1], l.debit, l.credit])).toEqual([
      ['101403 Outstanding Payments', 0, 75],
      ['211000 Account Payable', 75, 0],
    ]);
    expect(await readMove(bill)).toMatchObject({ amount_residual: 0, payment_state: version <= 17 ? 'in_payment' : 'paid' });
  });

  test('search_read supports Odoo domains: prefix operators, many2one by id and name, False, like', async () => {
    const other = await call<number>('res.partner', 'create', [{ name: 'Globex' }]);
    const a = await postedInvoice([100], { ref: 'alpha' });
    const b = await call<number>('account.move', 'create', [invoiceVals(other, [50], { ref: 'Beta' })]);
    await call('account.move', 'action_post', [[b]]);
    const draft = await call<number>('account.move', 'create', [invoiceVals(other, [5])]);
    const ids = async (domain: unknown[]): Promise<number[]> => (await call<Array<{ id: number }>>('account.move', 'search_read', [domain], { fields: ['id'], order: 'id' })).map((r) => r.id);
    expect(await ids([['state', '=', 'posted']])).toEqual([a, b]);
    expect(await ids(['|', ['partner_id', '=', partnerId], ['ref', '=ilike', 'beta']])).toEqual([a, b]);
    expect(await ids(['!', ['state', '=', 'posted']])).toEqual([draft]);
    expect(await ids([['partner_id', '=', 'Globex']])).toEqual([b, draft]);
    expect(await ids([['partner_id.name', 'ilike', 'glob'], ['state', '!=', 'draft']])).toEqual([b]);
    expect(await ids([['ref', '=', false]])).toEqual([draft]);
    expect(await ids([['ref', 'like', 'lph']])).toEqual([a]);
    expect(await ids([['amount_total', '>=', 50], ['amount_total', '<', 100]])).toEqual([b]);
    expect(await ids([['id', 'in', [a, draft]]])).toEqual([a, draft]);
    expect(await ids([['id', 'not in', [a, draft]]])).toEqual([b]);
    await expect(call('account.move', 'search', [[['state', '=', 'posted']]], { order: 'id desc', limit: 1 })).resolves.toEqual([b]);
    await expect(call('account.move', 'search_count', [[['payment_state', 'in', ['not_paid', 'partial']]]])).resolves.toBe(3);
    const bad = await xmlExecute(odoo, 'account.move', 'search_read', [[['nope', '=', 1]]]);
    expect(bad).toMatchObject({ ok: false, faultCode: 1 });
    if (!bad.ok) expect(bad.faultString).toContain("ValueError: Invalid field 'nope' on model 'account.move'");
  });

  test('account.account has company_id up to 17 and company_ids from 18', async () => {
    const right = version >= 18 ? 'company_ids' : 'company_id';
    const wrong = version >= 18 ? 'company_id' : 'company_ids';
    const accounts = await call<Array<Record<string, unknown>>>('account.account', 'search_read', [[[right, '=', 1], ['account_type', '=', 'expense']]], { fields: ['code', 'name', 'account_type', 'reconcile', right], order: 'code' });
    expect(accounts.map((a) => [a.code, a.name])).toEqual([
      ['600000', 'Expenses'],
      ['613000', 'Rent'],
      ['624000', 'Travel'],
      ['625000', 'Office Supplies'],
      ['626000', 'Software'],
    ]);
    expect(accounts[0]?.[right]).toEqual(version >= 18 ? [1] : [1, 'My Company']);
    const inDomain = xmlExecute(odoo, 'account.account', 'search_read', [[[wrong, '=', 1]]], { fields: ['code'] });
    const inFields = xmlExecute(odoo, 'account.account', 'search_read', [[]], { fields: ['code', wrong] });
    for (const outcome of await Promise.all([inDomain, inFields])) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.faultString).toContain(`ValueError: Invalid field '${wrong}' on model 'account.account'`);
    }
    const receivable = await call<Array<Record<string, unknown>>>('account.account', 'search_read', [[['account_type', 'in', ['asset_receivable', 'liability_payable', 'asset_cash', 'asset_current']]]], { fields: ['code', 'reconcile'], order: 'code' });
    expect(receivable.map((a) => [a.code, a.reconcile])).toEqual([
      ['101401', false],
      ['101402', true],
      ['101403', true],
      ['101501', false],
      ['121000', true],
      ['211000', true],
    ]);
    const journals = await call<Array<Record<string, unknown>>>('account.journal', 'search_read', [[]], { fields: ['name', 'code', 'type', 'default_account_id'], order: 'code' });
    expect(journals.map((j) => [j.code, j.type])).toEqual(expect.arrayContaining([['INV', 'sale'], ['BILL', 'purchase'], ['BNK1', 'bank'], ['CSH1', 'cash']]));
    expect(journals.find((j) => j.code === 'BNK1')?.default_account_id).toEqual([expect.any(Number), '101401 Bank']);
  });

  if (version === 19) {
    test('JSON-2 creates, posts and pays an invoice with named arguments', async () => {
      const [id] = await json2Value<number[]>(json2Call(odoo, 'account.move', 'create', { vals_list: [invoiceVals(partnerId, [250])] }));
      await expect(json2Value(json2Call(odoo, 'account.move', 'action_post', { ids: [id] }))).resolves.toBe(false);
      const context = { active_model: 'account.move', active_ids: [id] };
      const [wizard] = await json2Value<number[]>(json2Call(odoo, 'account.payment.register', 'create', { vals_list: [{ payment_date: '2026-03-09' }], context }));
      const action = await json2Value<Record<string, unknown>>(json2Call(odoo, 'account.payment.register', 'action_create_payments', { ids: [wizard], context }));
      expect(action).toMatchObject({ res_model: 'account.payment', res_id: expect.any(Number) as number });
      await expect(json2Value(json2Call(odoo, 'account.move', 'read', { ids: [id], fields: ['name', 'payment_state'] }))).resolves.toEqual([{ id, name: 'INV/2026/00001', payment_state: 'paid' }]);
    });
  }
});
