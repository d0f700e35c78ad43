/**
 * The pull half of the accounting sync: every overdue invoice in the books
 * becomes one note in the inbox, once ever, and an invoice more than 30 days
 * late is announced once as `odoo.invoice.overdue`.
 *
 * Each new note is first recorded in the state as "being written", then
 * written, then confirmed, so a crash in between never makes a second note
 * and never loses one (see {@link repairUnwritten}).
 */
import { isoWithOffset, type Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { VaultPort } from '../vault/vault-port';
import { isAccountingError } from './accounting-error';
import { daysPastDue, type AccountingPort, type Invoice } from './accounting-port';
import { localDay } from './dates';
import { invoiceLabel, writeOverdueNote } from './sync-overdue-note';
import { SYNC_FIELDS } from './sync-note-fields';
import { ESCALATE_AFTER_DAYS, type SyncState, type SyncStateStore } from './sync-state';

export interface PullDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  bus: EventBus;
  store: SyncStateStore;
}

export interface PulledNote {
  invoiceId: string;
  invoice: string;
  note: string;
  daysOverdue: number;
}

export interface PullResult {
  pulled: PulledNote[];
  /** Invoices announced as more than 30 days late in this run. */
  escalated: string[];
  /** The books could not list the overdue invoices (already in the error log); nothing was pulled. */
  listError?: string;
}

export async function pullOverdue(deps: PullDeps, books: AccountingPort, state: SyncState): Promise<PullResult> {
  const { clock, store } = deps;
  const today = localDay(clock.now());
  await repairUnwritten(deps, state);
  const result: PullResult = { pulled: [], escalated: [] };
  let overdue: Invoice[];
  try {
    overdue = await books.listInvoices({ filter: 'overdue', asOf: today });
  } catch (error) {
    // AuditedAccounting has logged it; the next run simply tries again.
    return { ...result, listError: isAccountingError(error) ? error.describe() : error instanceof Error ? error.message : String(error) };
  }

  const fresh = overdue.filter((invoice) => state.pulled[invoice.id] === undefined);
  if (fresh.length > 0) {
    const pulledAt = isoWithOffset(clock.now());
    for (const invoice of fresh) state.pulled[invoice.id] = { number: invoice.number, note: '', pulledAt, written: false, alerted: false };
    await store.save(state);
    for (const invoice of fresh) {
      const days = daysPastDue(invoice.due, today);
      const note = await writeOverdueNote(deps.vault, deps.layout.inbox, { invoice, daysOverdue: days, backend: books.backend, receivedIso: pulledAt });
      const entry = state.pulled[invoice.id];
      if (entry) Object.assign(entry, { note, written: true });
      result.pulled.push({ invoiceId: invoice.id, invoice: invoiceLabel(invoice), note, daysOverdue: days });
    }
  }

  // Invoices already pulled that have now crossed the line (or were just pulled across it).
  const late = overdue.filter((invoice) => state.pulled[invoice.id]?.alerted === false && daysPastDue(invoice.due, today) > ESCALATE_AFTER_DAYS);
  if (late.length > 0) {
    const freshIds = new Set(fresh.map((i) => i.id));
    // A note pulled before it was 30 days late says so on itself, so a rebuilt state does not announce it again.
    const notes = late.some((i) => !freshIds.has(i.id)) ? await store.findPulledNotes() : new Map<string, { path: string }>();
    for (const invoice of late) {
      const entry = state.pulled[invoice.id];
      if (!entry) continue;
      entry.alerted = true;
      const path = notes.get(invoice.id)?.path;
      if (path && !freshIds.has(invoice.id)) {
        try {
          await deps.vault.processFrontMatter(path, (fm) => {
            fm[SYNC_FIELDS.escalated] = isoWithOffset(clock.now());
            fm.days_overdue = daysPastDue(invoice.due, today);
          });
        } catch {
          // A courtesy to the reader (and to a rebuild of the state); the state file is the record, so the alert still goes out once.
        }
      }
      announce(deps.bus, invoice, today);
      result.escalated.push(invoiceLabel(invoice));
    }
  }
  if (fresh.length > 0 || late.length > 0) await store.save(state);
  return result;
}

function announce(bus: EventBus, invoice: Invoice, today: string): void {
  bus.emit('odoo.invoice.overdue', {
    invoiceId: invoice.id,
    number: invoiceLabel(invoice),
    client: invoice.client,
    daysOverdue: daysPastDue(invoice.due, today),
    amount: invoice.amountDue,
  });
}

/**
 * A run that stopped between "recorded" and "written": when the note made it
 * into the vault it is adopted; otherwise the record is dropped, and the
 * invoice, if still overdue, is pulled afresh by this run with today's facts.
 */
async function repairUnwritten(deps: PullDeps, state: SyncState): Promise<void> {
  const pending = Object.entries(state.pulled).filter(([, entry]) => !entry.written);
  if (pending.length === 0) return;
  const notes = await deps.store.findPulledNotes();
  for (const [id, entry] of pending) {
    const found = notes.get(id);
    if (found) {
      Object.assign(entry, { note: found.path, written: true });
      continue;
    }
    // Not written, so never announced either: nothing is repeated by pulling it again.
    delete state.pulled[id];
  }
  await deps.store.save(state);
}
