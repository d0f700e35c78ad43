/**
 * `account.move.line`: journal items. Related fields (`parent_state`, `date`,
 * `journal_id`, `move_name`, `ref`) read through the move, as Odoo stores them
 * as related fields; `account_type` is stored from the account.
 */
import type { Env } from '../env';
import type { FakeOdooMajor } from '../fake-odoo-types';
import { defineModel, f } from '../model-kit';
import type { FieldDef, ModelDef } from '../model';
import type { Row } from '../store';
import { ACCOUNT_TYPES } from './accounts';
import { missingError, userError, valueError } from '../errors';
import { valsList } from '../base-methods';
import type { MethodCall, MethodDef } from '../model';
import { applyLineCommands, linesOf, recomputeMove, syncTermLine } from './move-logic';
import { text } from '../domain';

function fromMove(field: string): (row: Row, env: Env) => unknown {
  return (row, env) => (typeof row.move_id === 'number' ? env.row('account.move', row.move_id)?.[field] ?? false : false);
}

const related = (type: FieldDef['type'], string: string, moveField: string, relation?: string): FieldDef => ({
  type,
  string,
  compute: fromMove(moveField),
  ...(relation ? { relation } : {}),
});

/** The draft move a line belongs to; posted entries refuse line changes like Odoo. */
function draftMove(env: Env, moveId: unknown): Row {
  const move = typeof moveId === 'number' ? env.row('account.move', moveId) : undefined;
  if (!move) throw valueError('A journal item needs an existing move_id.');
  if (move.state !== 'draft') throw userError('You cannot modify a posted entry of this journal.');
  return move;
}

function existingLines(call: MethodCall): Row[] {
  const table = call.env.table('account.move.line');
  const missing = call.ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError('account.move.line', missing, call.uid);
  return call.ids.map((id) => table.get(id) as Row);
}

/** Line changes go through the move's one2many commands, so balances and the receivable line follow. */
function lineMethods(): Record<string, MethodDef> {
  const settle = (env: Env, move: Row): void => {
    syncTermLine(env, move);
    recomputeMove(env, move);
  };
  return {
    create: {
      qualname: 'AccountMoveLine.create',
      params: [{ name: 'vals_list', required: true }],
      api: 'model_create',
      run: (call) =>
        valsList(call.args.vals_list).map((vals) => {
          const { move_id: moveId, ...rest } = vals;
          const move = draftMove(call.env, moveId);
          const before = new Set(linesOf(call.env, move.id).map((l) => l.id));
          applyLineCommands(call.env, move, 'line_ids', [[0, 0, rest]]);
          const created = linesOf(call.env, move.id).find((l) => !before.has(l.id)) as Row;
          settle(call.env, move);
          return created.id;
        }),
    },
    write: {
      qualname: 'AccountMoveLine.write',
      params: [{ name: 'vals', required: true }],
      api: 'multi',
      run: (call) => {
        for (const line of existingLines(call)) {
          const move = draftMove(call.env, line.move_id);
          applyLineCommands(call.env, move, 'line_ids', [[1, line.id, call.args.vals]]);
          settle(call.env, move);
        }
        return true;
      },
    },
    unlink: {
      qualname: 'AccountMoveLine.unlink',
      params: [],
      api: 'multi',
      run: (call) => {
        for (const line of existingLines(call)) {
          const move = draftMove(call.env, line.move_id);
          applyLineCommands(call.env, move, 'line_ids', [[2, line.id]]);
          settle(call.env, move);
        }
        return true;
      },
    },
  };
}

export function moveLineModel(version: FakeOdooMajor): ModelDef {
  return defineModel(version, {
    methods: lineMethods(),
    name: 'account.move.line',
    description: 'Journal Item',
    accounting: true,
    order: 'date desc, move_name desc, id',
    indexes: ['move_id'],
    fields: {
      move_id: f.m2o('Journal Entry', 'account.move', { required: true }),
      move_name: related('char', 'Number', 'name'),
      ref: related('char', 'Reference', 'ref'),
      parent_state: related('selection', 'Status', 'state'),
      date: related('date', 'Date', 'date'),
      journal_id: related('many2one', 'Journal', 'journal_id', 'account.journal'),
      company_id: related('many2one', 'Company', 'company_id', 'res.company'),
      currency_id: related('many2one', 'Currency', 'currency_id', 'res.currency'),
      move_type: related('selection', 'Type', 'move_type'),
      name: f.char('Label'),
      account_id: f.m2o('Account', 'account.account'),
      account_type: f.select('Internal Type', ACCOUNT_TYPES, { readonly: true }),
      partner_id: f.m2o('Partner', 'res.partner'),
      date_maturity: f.date('Due Date'),
      debit: f.money('Debit'),
      credit: f.money('Credit'),
      balance: f.money('Balance'),
      amount_currency: f.money('Amount in Currency'),
      amount_residual: f.money('Residual Amount'),
      amount_residual_currency: f.money('Residual Amount in Currency'),
      reconciled: f.bool('Reconciled'),
      matching_number: f.char('Matching #'),
      quantity: f.float('Quantity', { aggregator: undefined }),
      price_unit: f.float('Unit Price', { aggregator: undefined }),
      discount: f.float('Discount (%)', { aggregator: undefined }),
      price_subtotal: f.money('Subtotal'),
      price_total: f.money('Total'),
      tax_ids: f.m2m('Taxes', 'account.tax'),
      display_type: f.select('Display Type', [
        ['product', 'Product'],
        ['cogs', 'Cost of Goods Sold'],
        ['tax', 'Tax'],
        ['discount', 'Discount'],
        ['rounding', 'Rounding'],
        ['payment_term', 'Payment Term'],
        ['line_section', 'Section'],
        ['line_note', 'Note'],
        ['epd', 'Early Payment Discount'],
      ]),
    },
    displayName: (row, env) => {
      const move = typeof row.move_id === 'number' ? env.row('account.move', row.move_id) : undefined;
      const name = move ? String(move.name) : '';
      return row.name ? `${name} ${text(row.name)}` : name;
    },
  });
}
