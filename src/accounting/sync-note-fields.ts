/**
 * The properties the accounting sync reads from and writes onto a note, in
 * one place, so the scheduled sync and the plugin command leave the same
 * trace and a person can filter on them (Dataview, Bases).
 */
import { sha256Hex } from '../vault/content-hash';
import type { Frontmatter, VaultFileStat } from '../vault/vault-port';
import type { Invoice } from './accounting-port';

export const SYNC_FIELDS = {
  status: 'accounting_status',
  problem: 'accounting_problem',
  synced: 'accounting_synced',
  key: 'accounting_key',
  invoice: 'invoice',
  invoiceId: 'invoice_id',
  invoiceStatus: 'invoice_status',
  /** Set on the notes the sync pulls in for overdue invoices; never pushed back. */
  overdueId: 'overdue_invoice_id',
  /** When the more-than-30-days alert went out for an overdue note that was pulled earlier. */
  escalated: 'overdue_escalated',
} as const;

export type AccountingStatus = 'pushed' | 'needs_info';

/** The request was sent: the note now names its invoice. */
export function markPushed(fm: Frontmatter, invoice: Invoice, syncedIso: string, problem?: string): void {
  fm[SYNC_FIELDS.status] = 'pushed';
  fm[SYNC_FIELDS.invoice] = invoice.number ?? invoice.id;
  fm[SYNC_FIELDS.invoiceId] = invoice.id;
  fm[SYNC_FIELDS.invoiceStatus] = invoice.status;
  fm[SYNC_FIELDS.synced] = syncedIso;
  if (problem) fm[SYNC_FIELDS.problem] = problem;
  else delete fm[SYNC_FIELDS.problem];
}

/** The request cannot be sent as it is; the note says why in one sentence. */
export function markNeedsInfo(fm: Frontmatter, problem: string): void {
  fm[SYNC_FIELDS.status] = 'needs_info';
  fm[SYNC_FIELDS.problem] = problem;
}

/**
 * Where a note stands with the books: not yet sent (`new`), waiting for the
 * owner to fix it, or done with (`pushed`, or a status someone else set).
 */
export function syncStatusOf(fm: Frontmatter): 'new' | 'needs_info' | 'handled' {
  const status = fm[SYNC_FIELDS.status];
  if (status === undefined || status === null || status === '') return 'new';
  return status === 'needs_info' ? 'needs_info' : 'handled';
}

/**
 * The idempotency key of a note's invoice: the key it already carries, else
 * `sync:<trigger_id>` (triage gives every task one), else a hash of the path
 * and the creation time. `record` says the key must be written onto the note
 * before the books are called, so a later move or rename cannot change it.
 */
export async function idempotencyKeyFor(fm: Frontmatter, stat: VaultFileStat): Promise<{ key: string; record: boolean }> {
  const own = fm[SYNC_FIELDS.key];
  if (typeof own === 'string' && own.trim() !== '') return { key: own.trim(), record: false };
  const trigger = fm.trigger_id;
  if (typeof trigger === 'string' && trigger.trim() !== '') return { key: `sync:${trigger.trim()}`, record: false };
  const hash = await sha256Hex(`${stat.path}\n${new Date(stat.ctime).toISOString()}`);
  return { key: `sync:note-${hash.slice(0, 16)}`, record: true };
}

/**
 * A digest of what the owner wrote (everything but the sync's own fields), so
 * a note marked `needs_info` is looked at again only once it was edited.
 */
export async function requestFingerprint(fm: Frontmatter, body: string): Promise<string> {
  const own = new Set<string>([SYNC_FIELDS.status, SYNC_FIELDS.problem, SYNC_FIELDS.synced, SYNC_FIELDS.key]);
  const kept = Object.keys(fm)
    .filter((k) => !own.has(k))
    .sort()
    .map((k) => [k, fm[k]]);
  return (await sha256Hex(`${JSON.stringify(kept)}\n${body}`)).slice(0, 32);
}
