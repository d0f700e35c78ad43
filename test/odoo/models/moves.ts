/**
 * `account.move`: invoices, bills and entries with Odoo's create/write/unlink
 * rules, `action_post` (returns False), `button_draft` and `button_cancel`.
 */
import type { Env } from '../env';
import type { FakeOdooMajor } from '../fake-odoo-types';
import { missingError, userError } from '../errors';
import { valsList } from '../base-methods';
import { defineModel, f } from '../model-kit';
import type { MethodCall, ModelDef } from '../model';
import { convertVals, foreignKeyError } from '../orm';
import type { Row } from '../store';
import { text } from '../domain';
import { applyLineCommands, isInvoice, linesOf, postMoves, recomputeMove, syncTermLine } from './move-logic';

const MOVE_TYPES: Array<[string, string]> = [
  ['entry', 'Journal Entry'],
  ['out_invoice', 'Customer Invoice'],
  ['out_refund', 'Customer Credit Note'],
  ['in_invoice', 'Vendor Bill'],
  ['in_refund', 'Vendor Credit Note'],
  ['out_receipt', 'Sales Receipt'],
  ['in_receipt', 'Purchase Receipt'],
];

const DRAFT_LABEL: Record<string, string> = {
  entry: 'Entry',
  out_invoice: 'Invoice',
  out_refund: 'Credit Note',
  in_invoice: 'Vendor Bill',
  in_refund: 'Vendor Credit Note',
  out_receipt: 'Sales Receipt',
  in_receipt: 'Purchase Receipt',
};

/** Fields a posted entry keeps (changing them needs a reset to draft). */
const LOCKED_WHEN_POSTED = new Set(['partner_id', 'invoice_line_ids', 'line_ids', 'date', 'invoice_date', 'journal_id', 'currency_id', 'move_type']);

function moveFields(version: FakeOdooMajor): ModelDef['fields'] {
  return {
    name: f.char('Number'),
    move_type: f.select('Type', MOVE_TYPES, { required: true }),
    state: f.select('Status', [
      ['draft', 'Draft'],
      ['posted', 'Posted'],
      ['cancel', 'Cancelled'],
    ]),
    payment_state: f.select('Payment Status', [
      ['not_paid', 'Not Paid'],
      ['in_payment', 'In Payment'],
      ['paid', 'Paid'],
      ['partial', 'Partially Paid'],
      ['reversed', 'Reversed'],
      ...(version >= 18 ? ([['blocked', 'Blocked']] as Array<[string, string]>) : []),
      ['invoicing_legacy', 'Invoicing App Legacy'],
    ]),
    partner_id: f.m2o('Partner', 'res.partner'),
    // Stored in Odoo (the partner's company, or the partner itself), so it can be grouped on;
    // the test Odoo's partners have no parent company, so it is always the partner.
    commercial_partner_id: { type: 'many2one', string: 'Commercial Entity', relation: 'res.partner', compute: (row: Row) => row.partner_id ?? false },
    date: f.date('Date', { required: true }),
    invoice_date: f.date('Invoice/Bill Date'),
    invoice_date_due: f.date('Due Date'),
    ref: f.char('Reference'),
    invoice_origin: f.char('Origin'),
    payment_reference: f.char('Payment Reference'),
    narration: f.text('Terms and Conditions'),
    journal_id: f.m2o('Journal', 'account.journal', { required: true }),
    company_id: f.m2o('Company', 'res.company'),
    currency_id: f.m2o('Currency', 'res.currency', { required: true }),
    company_currency_id: { type: 'many2one', string: 'Company Currency', relation: 'res.currency', compute: () => 1 },
    amount_untaxed: f.money('Untaxed Amount', { readonly: true }),
    amount_tax: f.money('Tax', { readonly: true }),
    amount_total: f.money('Total', { readonly: true }),
    amount_residual: f.money('Amount Due', { readonly: true }),
    amount_untaxed_signed: f.money('Untaxed Amount Signed', { readonly: true }),
    amount_tax_signed: f.money('Tax Signed', { readonly: true }),
    amount_total_signed: f.money('Total Signed', { readonly: true }),
    amount_total_in_currency_signed: f.money('Total in Currency Signed', { readonly: true }),
    amount_residual_signed: f.money('Amount Due Signed', { readonly: true }),
    invoice_line_ids: f.o2m('Invoice lines', 'account.move.line', 'move_id', { keep: (row) => ['product', 'line_section', 'line_note'].includes(String(row.display_type)) }),
    line_ids: f.o2m('Journal Items', 'account.move.line', 'move_id'),
    posted_before: f.bool('Posted Before'),
    invoice_payment_term_id: { type: 'many2one', string: 'Payment Terms', relation: 'account.payment.term', compute: () => false },
    [version >= 18 ? 'origin_payment_id' : 'payment_id']: f.m2o('Payment', 'account.payment'),
  };
}

const TOTALS = ['amount_untaxed', 'amount_tax', 'amount_total', 'amount_residual', 'amount_untaxed_signed', 'amount_tax_signed', 'amount_total_signed', 'amount_total_in_currency_signed', 'amount_residual_signed'];

/** Creates a draft move with its lines (used by RPC create and the seeding). */
export function createMove(env: Env, vals: Record<string, unknown>, context: Record<string, unknown> = {}): Row {
  const model = env.model('account.move');
  const { invoice_line_ids: invoiceLines, line_ids: lineIds, ...rest } = vals;
  for (const field of TOTALS) delete rest[field];
  const moveType = text(rest.move_type ?? context.default_move_type ?? 'entry');
  const converted = convertVals(env, model, { ...rest, move_type: moveType });
  const journalId = converted.journal_id || defaultJournal(env, moveType);
  const invoiceDate = converted.invoice_date || false;
  const row: Record<string, unknown> = {
    name: '/',
    state: 'draft',
    payment_state: 'not_paid',
    company_id: 1,
    currency_id: 1,
    posted_before: false,
    ...converted,
    journal_id: journalId,
    date: converted.date || invoiceDate || env.today(),
  };
  if (isInvoice(moveType) && !row.invoice_date_due && invoiceDate) row.invoice_date_due = invoiceDate;
  const now = env.now();
  const move = env.table('account.move').insert({ ...row, create_date: now, write_date: now });
  if (invoiceLines !== undefined) applyLineCommands(env, move, 'invoice_line_ids', invoiceLines);
  if (lineIds !== undefined) applyLineCommands(env, move, 'line_ids', lineIds);
  syncTermLine(env, move);
  recomputeMove(env, move);
  return move;
}

function defaultJournal(env: Env, moveType: string): number {
  if (moveType.startsWith('out_')) return env.chart.saleJournal;
  if (moveType.startsWith('in_')) return env.chart.purchaseJournal;
  return env.chart.miscJournal;
}

/** Back to draft; this test server refuses when payments are reconciled (Odoo would unreconcile them). */
function resetToDraft(env: Env, move: Row): void {
  if (['partial', 'in_payment', 'paid'].includes(String(move.payment_state))) {
    throw userError('You cannot reset to draft an entry having reconciled payments in this test server; unreconcile them first.');
  }
  env.table('account.move').update(move.id, { state: 'draft', write_date: env.now() });
  recomputeMove(env, move);
}

function existing(call: MethodCall): Row[] {
  const table = call.env.table('account.move');
  const missing = call.ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError('account.move', missing, call.uid);
  return call.ids.map((id) => table.get(id) as Row);
}

function writeMoves(call: MethodCall): true {
  const { env } = call;
  const moves = existing(call);
  const vals = (call.args.vals ?? {}) as Record<string, unknown>;
  const model = call.model;
  for (const field of Object.keys(vals)) if (!model.fields[field]) convertVals(env, model, { [field]: vals[field] });
  for (const move of moves) {
    if (move.state === 'posted' && Object.keys(vals).some((k) => LOCKED_WHEN_POSTED.has(k))) {
      throw userError('You cannot modify a posted entry of this journal.\nFirst you should set the journal to allow cancelling entries.');
    }
  }
  const { invoice_line_ids: invoiceLines, line_ids: lineIds, ...rest } = vals;
  for (const field of TOTALS) delete rest[field];
  const converted = convertVals(env, model, rest);
  for (const [name, value] of Object.entries(converted)) {
    if (model.fields[name]?.required && (value === false || value === '')) throw foreignKeyError(env, model, name);
  }
  for (const move of moves) {
    env.table('account.move').update(move.id, { ...converted, write_date: env.now() });
    if (converted.invoice_date && !vals.date && isInvoice(move.move_type)) env.table('account.move').update(move.id, { date: converted.invoice_date });
    if (invoiceLines !== undefined) applyLineCommands(env, move, 'invoice_line_ids', invoiceLines);
    if (lineIds !== undefined) applyLineCommands(env, move, 'line_ids', lineIds);
    if (move.state === 'draft') syncTermLine(env, move);
    recomputeMove(env, move);
  }
  return true;
}

export function moveModel(version: FakeOdooMajor): ModelDef {
  return defineModel(version, {
    name: 'account.move',
    description: 'Journal Entry',
    accounting: true,
    order: 'date desc, name desc, invoice_date desc, id desc',
    fields: moveFields(version),
    displayName: (row) => {
      if (row.state === 'draft' && (!row.name || row.name === '/')) return `Draft ${DRAFT_LABEL[String(row.move_type)] ?? 'Entry'} (* ${row.id})`;
      return String(row.name);
    },
    methods: {
      create: {
        qualname: 'AccountMove.create',
        params: [{ name: 'vals_list', required: true }],
        api: 'model_create',
        run: (call) => valsList(call.args.vals_list).map((vals) => createMove(call.env, vals, call.context).id),
      },
      write: { qualname: 'AccountMove.write', params: [{ name: 'vals', required: true }], api: 'multi', run: writeMoves },
      unlink: {
        qualname: 'AccountMove.unlink',
        params: [],
        api: 'multi',
        run: (call) => {
          const moves = existing(call);
          for (const move of moves) {
            if (move.state === 'posted' || move.posted_before) throw userError('You cannot delete an entry which has been posted once.');
          }
          for (const move of moves) {
            for (const line of linesOf(call.env, move.id)) call.env.table('account.move.line').delete(line.id);
            call.env.table('account.move').delete(move.id);
          }
          return true;
        },
      },
      action_post: {
        qualname: 'AccountMove.action_post',
        params: [],
        api: 'multi',
        run: (call) => {
          postMoves(call.env, call.ids, call.uid);
          return false;
        },
      },
      // Both return None in Odoo, which XML-RPC cannot marshal (a real quirk clients meet).
      button_draft: {
        qualname: 'AccountMove.button_draft',
        params: [],
        api: 'multi',
        run: (call) => {
          const moves = existing(call);
          if (moves.some((m) => m.state !== 'cancel' && m.state !== 'posted')) throw userError('Only posted/cancelled journal entries can be reset to draft.');
          for (const move of moves) resetToDraft(call.env, move);
          return null;
        },
      },
      button_cancel: {
        qualname: 'AccountMove.button_cancel',
        params: [],
        api: 'multi',
        run: (call) => {
          const moves = existing(call);
          for (const move of moves) if (move.state === 'posted') resetToDraft(call.env, move);
          if (moves.some((m) => m.state !== 'draft')) throw userError('Only draft journal entries can be cancelled.');
          for (const move of moves) {
            call.env.table('account.move').update(move.id, { state: 'cancel', write_date: call.env.now() });
            recomputeMove(call.env, move);
          }
          return null;
        },
      },
    },
  });
}
