/**
 * Payments: the `account.payment.register` wizard (create with the invoices
 * in the context, then `action_create_payments`) and the `account.payment`
 * records it makes, each with a posted move that reconciles the invoice's
 * receivable (or payable) line through the outstanding account.
 */
import type { Env } from '../env';
import type { FakeOdooMajor } from '../fake-odoo-types';
import { missingError, userError } from '../errors';
import { valsList } from '../base-methods';
import { defineModel, f } from '../model-kit';
import type { MethodCall, ModelDef } from '../model';
import { convertVals } from '../orm';
import type { Row } from '../store';
import { isInvoice, linesOf, postOne, recomputeMove, round2 } from './move-logic';

const isZero = (n: number): boolean => Math.abs(n) < 0.005;

export function paymentModels(version: FakeOdooMajor): ModelDef[] {
  const payment = defineModel(version, {
    name: 'account.payment',
    description: 'Payments',
    accounting: true,
    order: 'date desc, name desc',
    fields: {
      name: f.char('Number'),
      move_id: f.m2o('Journal Entry', 'account.move'),
      date: f.date('Date', { required: true }),
      amount: f.money('Amount'),
      payment_type: f.select('Payment Type', [
        ['outbound', 'Send'],
        ['inbound', 'Receive'],
      ]),
      partner_type: f.select('Partner Type', [
        ['customer', 'Customer'],
        ['supplier', 'Vendor'],
      ]),
      partner_id: f.m2o('Customer/Vendor', 'res.partner'),
      journal_id: f.m2o('Journal', 'account.journal'),
      currency_id: f.m2o('Currency', 'res.currency'),
      payment_method_line_id: f.m2o('Payment Method', 'account.payment.method.line'),
      outstanding_account_id: f.m2o('Outstanding Account', 'account.account'),
      destination_account_id: f.m2o('Destination Account', 'account.account'),
      [version >= 18 ? 'memo' : 'ref']: f.char('Memo'),
      state: version >= 18
        ? f.select('Status', [
            ['draft', 'Draft'],
            ['in_process', 'In Process'],
            ['paid', 'Paid'],
            ['canceled', 'Canceled'],
            ['rejected', 'Rejected'],
          ])
        : f.select('Status', [
            ['draft', 'Draft'],
            ['posted', 'Posted'],
            ['cancel', 'Cancelled'],
          ]),
      is_reconciled: f.bool('Is Reconciled'),
      is_matched: f.bool('Is Matched With a Bank Statement'),
      reconciled_invoice_ids: f.m2m('Reconciled Invoices', 'account.move'),
    },
    displayName: (row) => String(row.name),
  });
  const wizard = defineModel(version, {
    name: 'account.payment.register',
    description: 'Pay',
    accounting: true,
    order: 'id',
    fields: {
      payment_date: f.date('Payment Date', { required: true }),
      amount: f.money('Amount'),
      communication: f.char('Memo'),
      journal_id: f.m2o('Journal', 'account.journal'),
      payment_method_line_id: f.m2o('Payment Method', 'account.payment.method.line'),
      partner_id: f.m2o('Customer/Vendor', 'res.partner'),
      payment_type: f.select('Payment Type', [
        ['outbound', 'Send'],
        ['inbound', 'Receive'],
      ]),
      partner_type: f.select('Partner Type', [
        ['customer', 'Customer'],
        ['supplier', 'Vendor'],
      ]),
      currency_id: f.m2o('Currency', 'res.currency'),
      line_ids: f.m2m('Journal items', 'account.move.line'),
      group_payment: f.bool('Group Payments'),
    },
    displayName: (row) => `account.payment.register,${row.id}`,
    methods: {
      create: { qualname: 'AccountPaymentRegister.create', params: [{ name: 'vals_list', required: true }], api: 'model_create', run: createWizards },
      action_create_payments: { qualname: 'AccountPaymentRegister.action_create_payments', params: [], api: 'multi', run: actionCreatePayments },
    },
  });
  return [payment, wizard];
}

/** The open receivable/payable lines of the invoices in the context, like the wizard's default_get. */
function linesToPay(env: Env, context: Record<string, unknown>): Row[] {
  const activeModel = context.active_model;
  const activeIds = Array.isArray(context.active_ids) ? (context.active_ids as unknown[]).map(Number) : typeof context.active_id === 'number' ? [context.active_id] : [];
  if ((activeModel !== 'account.move' && activeModel !== 'account.move.line') || activeIds.length === 0) {
    throw userError('The register payment wizard should only be called on account.move or account.move.line records.');
  }
  let lines: Row[];
  if (activeModel === 'account.move') {
    const missing = activeIds.filter((id) => !env.row('account.move', id));
    if (missing.length > 0) throw missingError('account.move', missing, 2);
    const moves = activeIds.map((id) => env.row('account.move', id) as Row);
    if (moves.some((m) => m.state !== 'posted')) throw userError('You can only register payment for posted journal entries.');
    lines = moves.flatMap((m) => linesOf(env, m.id));
  } else {
    lines = activeIds.map((id) => env.row('account.move.line', id)).filter((l): l is Row => l !== undefined);
    if (lines.some((l) => env.row('account.move', Number(l.move_id))?.state !== 'posted')) throw userError('You can only register payment for posted journal entries.');
  }
  const open = lines.filter((l) => (l.account_type === 'asset_receivable' || l.account_type === 'liability_payable') && !l.reconciled && !isZero(Number(l.amount_residual)));
  if (open.length === 0) throw userError("You can't register a payment because there is nothing left to pay on the selected journal items.");
  return open;
}

function createWizards(call: MethodCall): number[] {
  const { env } = call;
  return valsList(call.args.vals_list).map((vals) => {
    const lines = linesToPay(env, call.context);
    const converted = convertVals(env, call.model, vals);
    const first = lines[0] as Row;
    const residual = round2(Math.abs(lines.reduce((s, l) => s + Number(l.amount_residual), 0)));
    const inbound = Number(first.amount_residual) > 0;
    const move = env.row('account.move', Number(first.move_id)) as Row;
    const journalId = (converted.journal_id as number | false) || env.chart.bankJournal;
    const methodLine = env.table('account.payment.method.line').all().find((l) => l.journal_id === journalId && l.payment_type === (inbound ? 'inbound' : 'outbound'));
    const now = env.now();
    return env.table('account.payment.register').insert({
      payment_date: env.today(),
      amount: residual,
      communication: move.payment_reference || move.name,
      partner_id: first.partner_id,
      payment_type: inbound ? 'inbound' : 'outbound',
      partner_type: inbound ? 'customer' : 'supplier',
      currency_id: 1,
      group_payment: false,
      payment_method_line_id: methodLine?.id ?? false,
      ...converted,
      journal_id: journalId,
      line_ids: lines.map((l) => l.id),
      create_date: now,
      write_date: now,
    }).id;
  });
}

function actionCreatePayments(call: MethodCall): unknown {
  const { env } = call;
  const table = env.table('account.payment.register');
  const missing = call.ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError('account.payment.register', missing, call.uid);
  const paymentIds: number[] = [];
  for (const id of call.ids) {
    const wizard = table.get(id) as Row;
    if (!(Number(wizard.amount) > 0)) throw userError('The payment amount must be strictly positive.');
    const lines = (wizard.line_ids as number[]).map((l) => env.row('account.move.line', l)).filter((l): l is Row => l !== undefined);
    paymentIds.push(
      registerPayment(env, lines, {
        amount: Number(wizard.amount),
        date: String(wizard.payment_date),
        journalId: Number(wizard.journal_id),
        memo: typeof wizard.communication === 'string' ? wizard.communication : false,
      }),
    );
  }
  const action: Record<string, unknown> = { name: 'Payments', type: 'ir.actions.act_window', res_model: 'account.payment', context: { create: false } };
  if (paymentIds.length === 1) return { ...action, view_mode: 'form', res_id: paymentIds[0] };
  return { ...action, view_mode: env.version >= 17 ? 'list,form' : 'tree,form', domain: [['id', 'in', paymentIds]] };
}

export interface PaymentRequest {
  amount: number;
  date: string;
  journalId?: number;
  memo?: string | false;
}

/**
 * Creates a posted payment and its move for the given open receivable (or
 * payable) lines and reconciles them, oldest first. Returns the payment id.
 */
export function registerPayment(env: Env, lines: Row[], request: PaymentRequest): number {
  const first = lines[0];
  if (!first) throw userError("You can't register a payment because there is nothing left to pay on the selected journal items.");
  const inbound = Number(first.amount_residual) > 0;
  const journalId = request.journalId ?? env.chart.bankJournal;
  const methodLine = env.table('account.payment.method.line').all().find((l) => l.journal_id === journalId && l.payment_type === (inbound ? 'inbound' : 'outbound'));
  const outstanding = Number(methodLine?.payment_account_id ?? (inbound ? env.chart.outstandingReceipts : env.chart.outstandingPayments));
  const counterpart = Number(first.account_id);
  const amount = round2(request.amount);
  const partnerId = first.partner_id ?? false;
  const now = env.now();
  const payment = env.table('account.payment').insert({
    name: '/',
    date: request.date,
    amount,
    payment_type: inbound ? 'inbound' : 'outbound',
    partner_type: inbound ? 'customer' : 'supplier',
    partner_id: partnerId,
    journal_id: journalId,
    currency_id: 1,
    payment_method_line_id: methodLine?.id ?? false,
    outstanding_account_id: outstanding,
    destination_account_id: counterpart,
    [env.version >= 18 ? 'memo' : 'ref']: request.memo ?? false,
    state: env.version >= 18 ? 'in_process' : 'posted',
    is_reconciled: false,
    is_matched: false,
    reconciled_invoice_ids: [],
    create_date: now,
    write_date: now,
  });
  const move = env.table('account.move').insert({
    name: '/',
    move_type: 'entry',
    state: 'draft',
    payment_state: 'not_paid',
    date: request.date,
    journal_id: journalId,
    partner_id: partnerId,
    company_id: 1,
    currency_id: 1,
    ref: request.memo ?? false,
    posted_before: false,
    [env.version >= 18 ? 'origin_payment_id' : 'payment_id']: payment.id,
    create_date: now,
    write_date: now,
  });
  const lineTable = env.table('account.move.line');
  const accountType = (id: number): unknown => env.row('account.account', id)?.account_type;
  const label = `${inbound ? 'Customer Payment' : 'Vendor Payment'} $ ${amount.toFixed(2)} - ${lines.map((l) => String(env.row('account.move', Number(l.move_id))?.name)).join(', ')}`;
  const base = { move_id: move.id, name: label, partner_id: partnerId, date_maturity: request.date, quantity: 1, discount: 0, tax_ids: [], display_type: 'product', reconciled: false, matching_number: false, create_date: now, write_date: now };
  // Inbound: outstanding receipts debit / receivable credit; outbound: payable debit / outstanding payments credit.
  const liquidityBalance = inbound ? amount : -amount;
  lineTable.insert({ ...base, account_id: outstanding, account_type: accountType(outstanding), debit: Math.max(liquidityBalance, 0), credit: Math.max(-liquidityBalance, 0), balance: liquidityBalance, amount_currency: liquidityBalance, amount_residual: liquidityBalance, amount_residual_currency: liquidityBalance, price_unit: liquidityBalance, price_subtotal: liquidityBalance, price_total: liquidityBalance });
  const counter = lineTable.insert({ ...base, account_id: counterpart, account_type: accountType(counterpart), debit: Math.max(-liquidityBalance, 0), credit: Math.max(liquidityBalance, 0), balance: -liquidityBalance, amount_currency: -liquidityBalance, amount_residual: -liquidityBalance, amount_residual_currency: -liquidityBalance, price_unit: -liquidityBalance, price_subtotal: -liquidityBalance, price_total: -liquidityBalance });
  postOne(env, move);
  env.table('account.payment').update(payment.id, { name: move.name, move_id: move.id });
  reconcile(env, payment.id, counter, lines);
  return payment.id;
}

/** Matches the payment's counterpart line with the invoices' lines, oldest due first. */
function reconcile(env: Env, paymentId: number, counter: Row, lines: Row[]): void {
  const lineTable = env.table('account.move.line');
  let available = Math.abs(Number(counter.amount_residual));
  const invoices = new Set<number>();
  const sorted = [...lines].sort((a, b) => String(a.date_maturity).localeCompare(String(b.date_maturity)) || a.id - b.id);
  const matching = `P${String(counter.id).padStart(5, '0')}`;
  for (const line of sorted) {
    if (isZero(available)) break;
    const residual = Number(line.amount_residual);
    const matched = Math.min(Math.abs(residual), available);
    const left = round2(Math.sign(residual) * (Math.abs(residual) - matched));
    available = round2(available - matched);
    lineTable.update(line.id, { amount_residual: left, amount_residual_currency: left, reconciled: isZero(left), matching_number: matching });
    invoices.add(Number(line.move_id));
  }
  const counterLeft = round2(Math.sign(Number(counter.amount_residual)) * available);
  lineTable.update(counter.id, { amount_residual: counterLeft, amount_residual_currency: counterLeft, reconciled: isZero(counterLeft), matching_number: matching });
  for (const moveId of invoices) {
    const move = env.row('account.move', moveId) as Row;
    recomputeMove(env, move);
  }
  const invoiceIds = [...invoices].filter((id) => isInvoice(env.row('account.move', id)?.move_type));
  env.table('account.payment').update(paymentId, { is_reconciled: isZero(counterLeft), reconciled_invoice_ids: invoiceIds });
}
