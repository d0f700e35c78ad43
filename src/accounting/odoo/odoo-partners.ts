/**
 * Customers and vendors are `res.partner` records, found by name (ignoring
 * case) and made when missing, so that "Acme" and "ACME" stay one client.
 */
import type { OdooRpc } from './odoo-rpc';
import { createdId, recordId, recordList, text, type OdooDomain, type OdooRecord } from './odoo-records';

export type PartnerRole = 'customer' | 'vendor';

/** Enough candidates that a name with `%` or `_` in it still finds its exact match among them. */
const NAME_CANDIDATES = 50;

/**
 * The oldest record of `model` named `name`, ignoring case. `=ilike` treats
 * `%` and `_` as wildcards, and escaping them is not understood the same way
 * everywhere, so the candidates are narrowed to the exact name here.
 */
export async function findByName(
  rpc: OdooRpc,
  model: string,
  name: string,
  options: { domain?: OdooDomain; order?: string } = {},
): Promise<OdooRecord | null> {
  const found = recordList(
    await rpc.call(model, 'search_read', null, {
      domain: [...(options.domain ?? []), ['name', '=ilike', name]],
      fields: ['id', 'name'],
      limit: NAME_CANDIDATES,
      order: options.order ?? 'id',
    }),
    `the ${model} search`,
  );
  const wanted = name.toLowerCase();
  return found.find((record) => text(record.name)?.toLowerCase() === wanted) ?? null;
}

/**
 * The partner's id, creating it with the rank that puts it in Odoo's customer
 * or vendor lists. The create is a single attempt: the lookup before it is
 * what keeps one partner per name.
 */
export async function ensurePartner(rpc: OdooRpc, name: string, role: PartnerRole): Promise<number> {
  const existing = await findByName(rpc, 'res.partner', name);
  if (existing !== null) return recordId(existing);
  const rank = role === 'customer' ? { customer_rank: 1 } : { supplier_rank: 1 };
  const created = await rpc.call('res.partner', 'create', null, { vals_list: [{ name, ...rank }] }, { retry: 'never' });
  return createdId(created, 'the partner create');
}
