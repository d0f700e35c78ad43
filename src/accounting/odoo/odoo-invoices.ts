/**
 * Customer invoices as `account.move` records (`move_type = out_invoice`):
 * reading them into the port's `Invoice`, finding them by number, id or
 * idempotency key (`ref`), and listing them with a fixed number of calls.
 */
import { AccountingError } from '../accounting-error';
import type { Invoice, InvoiceFilter, InvoiceLine, InvoiceStatus } from '../accounting-port';
import { roundMoney } from '../money';
import type { OdooRpc } from './odoo-rpc';
import { day, float, idList, many2one, money, recordId, recordList, text, type OdooDomain, type OdooRecord } from './odoo-records';

export const MOVE_FIELDS = [
  'id',
  'name',
  'move_type',
  'state',
  'payment_state',
  'partner_id',
  'invoice_origin',
  'invoice_date',
  'invoice_date_due',
  'date',
  'ref',
  'currency_id',
  'amount_total',
  'amount_residual',
  'invoice_line_ids',
];

const LINE_FIELDS = ['id', 'move_id', 'name', 'quantity', 'price_unit', 'display_type'];

/** Section and note lines carry no amount; 16+ marks real lines `product` (older data: false). */
const AMOUNT_LINE_TYPES: ReadonlySet<unknown> = new Set(['product', false, undefined, null]);

export type MoveType = 'out_invoice' | 'in_invoice';

/** Odoo numbers drafts `/` (or leaves the name empty) until they are posted. */
export function moveNumber(record: OdooRecord): string | null {
  const name = text(record.name);
  return name === null || name === '/' ? null : name;
}

export function invoiceStatus(record: OdooRecord): InvoiceStatus {
  switch (record.state) {
    case 'draft':
      return 'draft';
    case 'cancel':
      return 'cancelled';
    default:
      break;
  }
  switch (record.payment_state) {
    case 'paid':
    case 'in_payment':
      return 'paid';
    // A reversed invoice is cancelled by its credit note: nothing is owed on it.
    case 'reversed':
      return 'cancelled';
    default:
      return 'posted';
  }
}

/** What is still owed: `amount_residual`, except that a payment on its way (`in_payment`) settles it. */
export function amountDue(record: OdooRecord, status: InvoiceStatus): number {
  if (status === 'paid' || status === 'cancelled') return 0;
  if (status === 'draft') return money(record.amount_total);
  return money(record.amount_residual);
}

export function toInvoice(record: OdooRecord, lines: OdooRecord[]): Invoice {
  const status = invoiceStatus(record);
  const issued = day(record.invoice_date) ?? day(record.date) ?? '';
  return {
    id: String(recordId(record)),
    number: moveNumber(record),
    client: many2one(record.partner_id)?.name ?? '',
    project: text(record.invoice_origin),
    issued,
    due: day(record.invoice_date_due) ?? issued,
    currency: many2one(record.currency_id)?.name ?? '',
    amountTotal: money(record.amount_total),
    amountDue: amountDue(record, status),
    status,
    idempotencyKey: text(record.ref),
    lines: lines.map(toLine),
  };
}

function toLine(line: OdooRecord): InvoiceLine {
  const quantity = float(line.quantity);
  const unitPrice = money(line.price_unit);
  return { description: text(line.name) ?? '', quantity, unitPrice, amount: roundMoney(quantity * unitPrice) };
}

/** Reads the moves' invoice lines in one call and hands each move its own, in order. */
export async function readInvoices(rpc: OdooRpc, moves: OdooRecord[]): Promise<Invoice[]> {
  const lineIds = moves.flatMap((move) => idList(move.invoice_line_ids));
  const lines = lineIds.length
    ? recordList(await rpc.call('account.move.line', 'read', lineIds, { fields: LINE_FIELDS }), 'the invoice lines read')
    : [];
  const byId = new Map(lines.map((line) => [recordId(line), line]));
  return moves.map((move) => {
    const own = idList(move.invoice_line_ids)
      .map((id) => byId.get(id))
      .filter((line): line is OdooRecord => line !== undefined && AMOUNT_LINE_TYPES.has(line.display_type));
    return toInvoice(move, own);
  });
}

export async function searchMoves(rpc: OdooRpc, domain: OdooDomain, limit?: number, order = 'id'): Promise<OdooRecord[]> {
  const kwargs: Record<string, unknown> = { domain, fields: MOVE_FIELDS, order };
  if (limit !== undefined) kwargs.limit = limit;
  return recordList(await rpc.call('account.move', 'search_read', null, kwargs), 'the account.move search');
}

/** The move carrying this idempotency key, or null. */
export async function findMoveByRef(rpc: OdooRpc, key: string, moveType: MoveType): Promise<OdooRecord | null> {
  const [found] = await searchMoves(rpc, [['ref', '=', key], ['move_type', '=', moveType]], 1);
  return found ?? null;
}

/** A customer invoice by its number (`INV/2026/00001`) or its numeric id; `not_found` names it. */
export async function findInvoice(rpc: OdooRpc, reference: string): Promise<OdooRecord> {
  const ref = reference.trim();
  const byId = /^\d+$/.test(ref);
  const [found] = await searchMoves(rpc, [[byId ? 'id' : 'name', '=', byId ? Number(ref) : ref], ['move_type', '=', 'out_invoice']], 1);
  if (!found) {
    throw new AccountingError('not_found', `There is no customer invoice ${byId ? `with id ${ref}` : ref} in Odoo.`, {
      hint: 'Check the invoice number (e.g. INV/2026/00001) or list the invoices.',
    });
  }
  return found;
}

export async function getInvoiceById(rpc: OdooRpc, id: number): Promise<Invoice> {
  const [move] = await searchMoves(rpc, [['id', '=', id]], 1);
  if (!move) throw new AccountingError('not_found', `Odoo has no invoice with id ${id}.`);
  const [invoice] = await readInvoices(rpc, [move]);
  return invoice as Invoice;
}

export function listDomain(filter: InvoiceFilter, asOf: string): OdooDomain {
  const domain: OdooDomain = [['move_type', '=', 'out_invoice']];
  if (filter === 'all') return domain;
  if (filter === 'draft') return [...domain, ['state', '=', 'draft']];
  domain.push(['state', '=', 'posted'], ['payment_state', 'in', ['not_paid', 'partial']]);
  if (filter === 'overdue') domain.push(['invoice_date_due', '<', asOf]);
  return domain;
}

/** One search and one read of the lines, however many invoices match. */
export async function listInvoices(rpc: OdooRpc, filter: InvoiceFilter, asOf: string): Promise<Invoice[]> {
  const order = filter === 'all' ? 'invoice_date, id' : 'invoice_date_due, id';
  return readInvoices(rpc, await searchMoves(rpc, listDomain(filter, asOf), undefined, order));
}

export interface NewInvoice {
  partnerId: number;
  issueDate: string;
  dueDate: string;
  key: string;
  project: string | null;
  lines: { description: string; quantity: number; unitPrice: number }[];
}

/** The `account.move` values of a customer invoice: untaxed lines, the key in `ref`. */
export function invoiceVals(invoice: NewInvoice): Record<string, unknown> {
  const vals: Record<string, unknown> = {
    move_type: 'out_invoice',
    partner_id: invoice.partnerId,
    invoice_date: invoice.issueDate,
    invoice_date_due: invoice.dueDate,
    ref: invoice.key,
    invoice_line_ids: invoice.lines.map((line) => [
      0,
      0,
      { name: line.description, quantity: line.quantity, price_unit: line.unitPrice, tax_ids: [[6, 0, []]] },
    ]),
  };
  if (invoice.project) vals.invoice_origin = invoice.project;
  return vals;
}
