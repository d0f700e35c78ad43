/**
 * Sums computed by Odoo's database, not by fetching records: one call per
 * grouping, however many invoices there are. Odoo 16–18 offer `read_group`
 * (sums keyed by the field name); 19 replaced it on the RPC surface with
 * `formatted_read_group` (sums keyed `field:sum`). This is the one place
 * that knows the difference.
 */
import type { OdooRpc } from './odoo-rpc';
import { badResponse, type OdooDomain } from './odoo-records';

export interface GroupRow {
  /** The value of each `groupby` field, in order: a many2one as `[id, "name"]`, a selection or char as is, `false` when empty. */
  key: unknown[];
  /** The sum of each requested field; 0 when Odoo has none. */
  sums: Record<string, number>;
}

export interface GroupQuery {
  model: string;
  domain: OdooDomain;
  groupby: string[];
  /** Fields to sum, e.g. `['balance']`. */
  sum: string[];
}

/** `formatted_read_group` is the RPC grouping from 19 on. */
export function usesFormattedReadGroup(rpc: OdooRpc): boolean {
  return rpc.version.major >= 19;
}

export async function groupSums(rpc: OdooRpc, query: GroupQuery): Promise<GroupRow[]> {
  const aggregates = query.sum.map((field) => `${field}:sum`);
  const formatted = usesFormattedReadGroup(rpc);
  const answer = formatted
    ? await rpc.call(query.model, 'formatted_read_group', null, { domain: query.domain, groupby: query.groupby, aggregates })
    : await rpc.call(query.model, 'read_group', null, { domain: query.domain, fields: aggregates, groupby: query.groupby, lazy: false });
  if (!Array.isArray(answer)) throw badResponse(`the ${query.model} grouping`, answer);
  return answer.map((row: unknown) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw badResponse(`the ${query.model} grouping`, answer);
    const record = row as Record<string, unknown>;
    const sums: Record<string, number> = {};
    for (const field of query.sum) {
      const value = formatted ? record[`${field}:sum`] : (record[field] ?? record[`${field}:sum`]);
      sums[field] = typeof value === 'number' && Number.isFinite(value) ? value : 0;
    }
    return { key: query.groupby.map((field) => record[field] ?? false), sums };
  });
}
