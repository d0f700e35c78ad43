/**
 * The accounting behaviour of journal entries, shared by the RPC methods, the
 * payment wizard and the bench seeding: invoice lines and the receivable or
 * payable line, amounts and payment_state, and posting with sequence numbers.
 */
import type { Env } from '../env';
import { missingError, userError, valueError } from '../errors';
import { pyRepr, text } from '../domain';
import { applyX2manyCommands, convertValue } from '../orm';
import type { Row } from '../store';

export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
const isZero = (n: number): boolean => Math.abs(n) < 0.005;

export const isInvoice = (moveType: unknown): boolean => moveType === 'out_invoice' || moveType === 'in_invoice' || moveType === 'out_refund' || moveType === 'in_refund';
/** +1 for customer documents (receivable debit), -1 for vendor ones. */
export const direction = (moveType: unknown): number => (moveType === 'in_invoice' || moveType === 'out_refund' ? -1 : 1);
const isOutbound = (moveType: unknown): boolean => moveType === 'out_invoice' || moveType === 'out_refund';

export function linesOf(env: Env, moveId: number): Row[] {
  const table = env.table('account.move.line');
  return (table.lookup('move_id', moveId) ?? []).map((id) => table.get(id) as Row);
}

const LINE_MODEL = 'account.move.line';

/** Builds a line's stored values from what a client sends in `[0, 0, vals]`. */
function lineValues(env: Env, move: Row, vals: Record<string, unknown>, previous?: Row): Record<string, unknown> {
  const model = env.model(LINE_MODEL);
  const allowed = new Set(['name', 'quantity', 'price_unit', 'discount', 'account_id', 'tax_ids', 'partner_id', 'debit', 'credit', 'balance', 'amount_currency', 'date_maturity', 'display_type']);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vals)) {
    if (!model.fields[key]) throw valueError(`Invalid field '${key}' on model '${LINE_MODEL}'`);
    if (!allowed.has(key)) continue;
    out[key] = key === 'tax_ids' ? applyX2manyCommands(env, model, key, (previous?.tax_ids as number[]) ?? [], value) : convertValue(env, model, key, value);
  }
  const merged = { ...previous, ...out };
  const invoice = isInvoice(move.move_type);
  const journal = env.row('account.journal', Number(move.journal_id));
  const accountId = typeof merged.account_id === 'number' ? merged.account_id : (journal?.default_account_id as number | undefined);
  if (typeof accountId !== 'number') throw userError('The journal has no default account; set account_id on the line.');
  const account = env.row('account.account', accountId) as Row;
  let debit: number;
  let credit: number;
  const quantity = typeof merged.quantity === 'number' ? merged.quantity : 1;
  const priceUnit = typeof merged.price_unit === 'number' ? merged.price_unit : 0;
  const discount = typeof merged.discount === 'number' ? merged.discount : 0;
  const subtotal = round2(quantity * priceUnit * (1 - discount / 100));
  if (invoice) {
    // Income lines of customer invoices are credits; expense lines of bills are debits.
    const balance = round2(-direction(move.move_type) * subtotal);
    debit = balance > 0 ? balance : 0;
    credit = balance < 0 ? -balance : 0;
  } else {
    debit = typeof merged.debit === 'number' ? merged.debit : 0;
    credit = typeof merged.credit === 'number' ? merged.credit : 0;
    if (typeof out.balance === 'number') {
      debit = out.balance > 0 ? out.balance : 0;
      credit = out.balance < 0 ? -out.balance : 0;
    }
  }
  const balance = round2(debit - credit);
  return {
    ...out,
    name: merged.name ?? false,
    quantity,
    price_unit: priceUnit,
    discount,
    account_id: accountId,
    account_type: account.account_type,
    tax_ids: merged.tax_ids ?? [],
    partner_id: merged.partner_id ?? move.partner_id ?? false,
    price_subtotal: invoice ? subtotal : balance,
    price_total: invoice ? subtotal : balance,
    debit: round2(debit),
    credit: round2(credit),
    balance,
    amount_currency: balance,
    amount_residual: account.reconcile ? balance : 0,
    amount_residual_currency: account.reconcile ? balance : 0,
    reconciled: false,
    display_type: merged.display_type ?? 'product',
    date_maturity: merged.date_maturity ?? false,
    matching_number: false,
  };
}

/** Applies one2many commands (`[0,0,vals]`, `[1,id,vals]`, `[2,id]`, `[3,id]`, `[5]`, `[6,0,ids]`) to a move's lines. */
export function applyLineCommands(env: Env, move: Row, field: string, commands: unknown): void {
  if (!Array.isArray(commands)) throw valueError(`Wrong value for account.move.${field}: ${pyRepr(commands)}`);
  const table = env.table(LINE_MODEL);
  const own = (): Row[] => linesOf(env, move.id).filter((l) => l.display_type !== 'payment_term');
  for (const command of commands as unknown[]) {
    if (!Array.isArray(command)) throw valueError(`Wrong value for account.move.${field}: ${pyRepr(command)}`);
    const [code, id, vals] = command as [unknown, unknown, unknown];
    const line = typeof id === 'number' ? table.get(id) : undefined;
    if ((code === 1 || code === 2 || code === 3) && (!line || line.move_id !== move.id)) throw missingError(LINE_MODEL, [Number(id)], 2);
    if (code === 0) {
      if (vals === null || typeof vals !== 'object') throw valueError(`Wrong value for account.move.${field}: ${pyRepr(command)}`);
      const now = env.now();
      table.insert({ move_id: move.id, ...lineValues(env, move, vals as Record<string, unknown>), create_date: now, write_date: now });
    } else if (code === 1) {
      table.update(Number(id), { ...lineValues(env, move, (vals ?? {}) as Record<string, unknown>, line), write_date: env.now() });
    } else if (code === 2 || code === 3) {
      table.delete(Number(id));
    } else if (code === 5) {
      for (const l of own()) table.delete(l.id);
    } else if (code === 6) {
      const keep = new Set(Array.isArray(vals) ? (vals as number[]) : []);
      for (const l of own()) if (!keep.has(l.id)) table.delete(l.id);
    } else if (code !== 4) {
      throw valueError(`Wrong value for account.move.${field}: ${pyRepr(command)}`);
    }
  }
}

/** Keeps an invoice's receivable/payable line equal to the opposite of its other lines. */
export function syncTermLine(env: Env, move: Row): void {
  if (!isInvoice(move.move_type)) return;
  const table = env.table(LINE_MODEL);
  const lines = linesOf(env, move.id);
  const term = lines.find((l) => l.display_type === 'payment_term');
  const others = lines.filter((l) => l.display_type !== 'payment_term');
  if (others.length === 0) {
    if (term) table.delete(term.id);
    return;
  }
  const balance = round2(-others.reduce((sum, l) => sum + Number(l.balance), 0));
  const accountId = isOutbound(move.move_type) ? env.chart.receivable : env.chart.payable;
  const account = env.row('account.account', accountId) as Row;
  const values = {
    move_id: move.id,
    name: move.payment_reference || false,
    account_id: accountId,
    account_type: account.account_type,
    partner_id: move.partner_id ?? false,
    date_maturity: move.invoice_date_due || move.invoice_date || move.date,
    debit: balance > 0 ? balance : 0,
    credit: balance < 0 ? -balance : 0,
    balance,
    amount_currency: balance,
    amount_residual: balance,
    amount_residual_currency: balance,
    reconciled: false,
    display_type: 'payment_term',
    quantity: 1,
    price_unit: -balance,
    discount: 0,
    price_subtotal: -balance,
    price_total: -balance,
    tax_ids: [],
    matching_number: false,
  };
  if (term) table.update(term.id, values);
  else table.insert({ ...values, create_date: env.now(), write_date: env.now() });
}

/** Recomputes the stored amounts and payment_state of a move from its lines. */
export function recomputeMove(env: Env, move: Row): void {
  const lines = linesOf(env, move.id);
  const invoice = isInvoice(move.move_type);
  const patch: Record<string, unknown> = {};
  if (invoice) {
    const sign = direction(move.move_type);
    const untaxed = round2(lines.filter((l) => l.display_type === 'product').reduce((s, l) => s + Number(l.price_subtotal), 0));
    const residual = round2(Math.abs(lines.filter((l) => l.display_type === 'payment_term').reduce((s, l) => s + Number(l.amount_residual), 0)));
    Object.assign(patch, {
      amount_untaxed: untaxed,
      amount_tax: 0,
      amount_total: untaxed,
      amount_residual: residual,
      amount_untaxed_signed: round2(sign * untaxed),
      amount_tax_signed: 0,
      amount_total_signed: round2(sign * untaxed),
      amount_total_in_currency_signed: round2(sign * untaxed),
      amount_residual_signed: round2(sign * residual),
      payment_state: paymentState(env, move.state, untaxed, residual),
    });
  } else {
    const total = round2(lines.reduce((s, l) => s + Number(l.debit), 0));
    Object.assign(patch, {
      amount_untaxed: total,
      amount_tax: 0,
      amount_total: total,
      amount_residual: 0,
      amount_untaxed_signed: total,
      amount_tax_signed: 0,
      amount_total_signed: total,
      amount_total_in_currency_signed: total,
      amount_residual_signed: 0,
      payment_state: 'not_paid',
    });
  }
  env.table('account.move').update(move.id, patch);
}

function paymentState(env: Env, state: unknown, total: number, residual: number): string {
  if (state !== 'posted') return 'not_paid';
  if (isZero(residual)) {
    if (isZero(total)) return 'paid';
    // Reconciled with payments still on the outstanding accounts: 16–17 say in_payment, 18+ paid.
    return env.version <= 17 ? 'in_payment' : 'paid';
  }
  if (isZero(residual - total)) return 'not_paid';
  return 'partial';
}

/** The next name in the journal's sequence for the move's date (INV/2026/00001, BILL/2026/03/0001, PBNK1/2026/00001). */
export function nextMoveName(env: Env, move: Row, payment = false): string {
  const journal = env.row('account.journal', Number(move.journal_id)) as Row;
  const date = String(move.date);
  const year = date.slice(0, 4);
  const month = date.slice(5, 7);
  const code = `${payment ? 'P' : ''}${String(journal.code)}`;
  const monthly = journal.type === 'purchase' || journal.type === 'general';
  const key = `${code}/${year}${monthly ? `/${month}` : ''}`;
  const n = env.nextSequence(key);
  return monthly ? `${key}/${String(n).padStart(4, '0')}` : `${key}/${String(n).padStart(5, '0')}`;
}

/** `action_post`: checks every move first (nothing changes when one fails), then posts them. */
export function postMoves(env: Env, ids: number[], uid: number): void {
  const table = env.table('account.move');
  const missing = ids.filter((id) => !table.get(id));
  if (missing.length > 0) throw missingError('account.move', missing, uid);
  const moves = ids.map((id) => table.get(id) as Row);
  for (const move of moves) {
    if (move.state !== 'draft') throw userError(`The entry ${String(move.name)} (id ${move.id}) must be in draft.`);
    const lines = linesOf(env, move.id);
    if (lines.length === 0) throw userError('You need to add a line before posting.');
    if (!move.partner_id && isInvoice(move.move_type)) {
      throw userError(move.move_type === 'out_invoice' ? 'The field \'Customer\' is required, please complete it to validate the Customer Invoice.' : 'The field \'Vendor\' is required, please complete it to validate the Vendor Bill.');
    }
    if ((move.move_type === 'in_invoice' || move.move_type === 'in_refund') && !move.invoice_date) {
      throw userError('The Bill/Refund date is required to validate this document.');
    }
    if (!isInvoice(move.move_type)) {
      const debit = round2(lines.reduce((s, l) => s + Number(l.debit), 0));
      const credit = round2(lines.reduce((s, l) => s + Number(l.credit), 0));
      if (!isZero(debit - credit)) {
        throw userError(`The move (${text(move.name)}) is not balanced.\nThe total of debits equals ${debit.toFixed(2)} and the total of credits equals ${credit.toFixed(2)}.`);
      }
    }
  }
  for (const move of moves) postOne(env, move);
}

export function postOne(env: Env, move: Row): void {
  const table = env.table('account.move');
  const patch: Record<string, unknown> = {};
  if (isInvoice(move.move_type)) {
    const invoiceDate = (move.invoice_date as string | false) || env.today();
    patch.invoice_date = invoiceDate;
    patch.date = invoiceDate;
    patch.invoice_date_due = move.invoice_date_due || invoiceDate;
  }
  table.update(move.id, patch);
  const name = move.name && move.name !== '/' ? text(move.name) : nextMoveName(env, move, Boolean(move.payment_id || move.origin_payment_id));
  const paymentReference = move.move_type === 'out_invoice' ? move.payment_reference || name : move.payment_reference;
  table.update(move.id, { name, state: 'posted', posted_before: true, payment_reference: paymentReference, write_date: env.now() });
  syncTermLine(env, move);
  recomputeMove(env, move);
  if (isInvoice(move.move_type) && typeof move.partner_id === 'number') {
    const partner = env.row('res.partner', move.partner_id);
    const rank = isOutbound(move.move_type) ? 'customer_rank' : 'supplier_rank';
    if (partner) env.table('res.partner').update(partner.id, { [rank]: Number(partner[rank] ?? 0) + 1 });
  }
}
