/**
 * The accounting sync, run on a schedule and by a command:
 *
 * - push: every note directly in Needs_Action/ that asks for an invoice
 *   (`#accounting`, or `type: invoice_request`) and has not been sent yet is
 *   sent to the books (see sync-push.ts); a note marked `needs_info` is looked
 *   at again once its owner has edited it;
 * - pull: every overdue invoice becomes one note in Inbox/, once ever, and
 *   one more than 30 days late is announced as `odoo.invoice.overdue` (see
 *   sync-pull.ts).
 *
 * A backend failure is logged once, by AuditedAccounting, and the note is
 * left as it was for the next run; only failures of the sync's own work (the
 * vault) are logged here. Each run is audited and ends with
 * `odoo.sync.complete`.
 */
import type { Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import type { VaultPort } from '../vault/vault-port';
import { isAccountingError } from './accounting-error';
import type { AccountingBackendKind, AccountingPort } from './accounting-port';
import { pullOverdue, type PulledNote } from './sync-pull';
import { pushInvoiceNote, type PushOutcome } from './sync-push';
import { SyncStateStore, type SyncState } from './sync-state';
import { invoiceLabel } from './sync-overdue-note';

export interface AccountingSyncDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  bus: EventBus;
  audit: AuditLogger;
  errors: ErrorLogger;
  /** The books, audited (Runtime.accounting()); opened on first use. */
  accounting: () => Promise<AccountingPort>;
}

export interface SyncReport {
  backend: AccountingBackendKind;
  /** Notes whose invoice is now in the books (including ones found there by their key after a crash). */
  pushed: number;
  /** Overdue invoices that became a note in this run. */
  pulled: number;
  /** Notes found in this run not to be sendable as they are (new, or edited and still wrong); the problem is written on each. */
  needsInfo: number;
  /** Notes left for the next run because the books or the vault failed. */
  failed: number;
  /** Invoices announced as more than 30 days late in this run. */
  escalated: number;
  /** What happened to each note that asks for an invoice (notes that do not are left out). */
  notes: PushOutcome[];
  overdue: PulledNote[];
  /** Why nothing was pulled, when the books could not list the overdue invoices. */
  pullError?: string;
}

export class AccountingSync {
  private readonly store: SyncStateStore;
  /** The end of the run in progress (runs never overlap). */
  private tail: Promise<unknown> = Promise.resolve();
  /** A run waiting for the current one to end; callers arriving meanwhile share it. */
  private queued: Promise<SyncReport> | null = null;
  /**
   * Notes already judged to need nothing, by path, with their modification
   * time then: unchanged notes are not read again on every run.
   */
  private readonly settled = new Map<string, number>();

  constructor(private readonly deps: AccountingSyncDeps) {
    this.store = new SyncStateStore(deps);
  }

  /**
   * One pass. A call while a pass runs does not race it: it waits and runs
   * once more afterwards (so a note saved a moment ago is seen), and calls
   * arriving meanwhile share that one pass.
   */
  run(): Promise<SyncReport> {
    if (this.queued) return this.queued;
    const next = this.tail.then(() => {
      this.queued = null;
      return this.runOnce();
    });
    this.queued = next;
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async runOnce(): Promise<SyncReport> {
    const { clock, audit, bus } = this.deps;
    const started = clock.now().getTime();
    let books: AccountingPort;
    try {
      books = await this.deps.accounting();
    } catch (error) {
      // Opening the books failed before any call (bad settings): the caller's log (scheduler, command) reports it.
      await audit.record({ action: 'accounting.sync', source: 'accounting.sync', status: 'failure', details: { error_message: messageOf(error) } });
      throw error;
    }
    const state = await this.store.load();
    const report: SyncReport = { backend: books.backend, pushed: 0, pulled: 0, needsInfo: 0, failed: 0, escalated: 0, notes: [], overdue: [] };

    await this.push(books, state, report);

    try {
      const pulled = await pullOverdue({ ...this.deps, store: this.store }, books, state);
      report.overdue = pulled.pulled;
      report.pulled = pulled.pulled.length;
      report.escalated = pulled.escalated.length;
      if (pulled.listError) report.pullError = pulled.listError;
    } catch (error) {
      report.pullError = messageOf(error);
      await this.deps.errors.log({
        source: 'accounting.sync',
        error,
        message: `Overdue invoices could not be brought into the vault: ${messageOf(error)}. Nothing was lost; the next sync tries again.`,
        context: { stage: 'pull' },
      });
    }

    const ok = report.failed === 0 && report.pullError === undefined;
    await audit.record({
      action: 'accounting.sync',
      source: 'accounting.sync',
      status: ok ? 'success' : 'failure',
      duration_ms: Math.max(0, clock.now().getTime() - started),
      details: {
        backend: report.backend,
        pushed: report.pushed,
        pulled: report.pulled,
        needs_info: report.needsInfo,
        failed: report.failed,
        escalated: report.escalated,
        invoices: report.notes.flatMap((n) => (n.status === 'pushed' ? [invoiceLabel(n.invoice)] : [])),
        overdue: report.overdue.map((o) => o.invoice),
        ...(report.pullError ? { error_message: report.pullError } : {}),
      },
    });
    bus.emit('odoo.sync.complete', { pushed: report.pushed, pulled: report.pulled });
    return report;
  }

  private async push(books: AccountingPort, state: SyncState, report: SyncReport): Promise<void> {
    const { vault, layout, clock } = this.deps;
    const files = (await vault.list(layout.needsAction)).filter((f) => f.path.endsWith('.md'));
    const present = new Set(files.map((f) => f.path));
    for (const path of [...this.settled.keys()]) if (!present.has(path)) this.settled.delete(path);
    let stateChanged = false;
    for (const path of Object.keys(state.needsInfo)) {
      if (!present.has(path)) {
        delete state.needsInfo[path];
        stateChanged = true;
      }
    }

    for (const file of files) {
      if (this.settled.get(file.path) === file.mtime) continue;
      let outcome: PushOutcome;
      try {
        outcome = await pushInvoiceNote({ vault, clock, accounting: books }, file.path, {
          requireRequest: true,
          holdInboxPosts: true,
          unchangedSince: (fingerprint) => state.needsInfo[file.path] === fingerprint,
        });
      } catch (error) {
        // The vault failed (the books' own failures come back as outcomes): the note is tried again next run.
        report.failed += 1;
        report.notes.push({ status: 'failed', path: file.path, error: 'vault', message: messageOf(error) });
        await this.deps.errors.log({
          source: 'accounting.sync',
          error,
          message: `${file.path} could not be synced with the books: ${messageOf(error)}. The note is kept and tried again on the next sync.`,
          context: { path: file.path },
        });
        continue;
      }
      stateChanged = (await this.record(outcome, file.mtime, state, report)) || stateChanged;
    }
    if (stateChanged) await this.store.save(state);
  }

  /** Counts one outcome and updates what the sync remembers; true when the state changed. */
  private async record(outcome: PushOutcome, mtime: number, state: SyncState, report: SyncReport): Promise<boolean> {
    const { path } = outcome;
    switch (outcome.status) {
      case 'pushed':
        report.pushed += 1;
        report.notes.push(outcome);
        if (state.needsInfo[path] === undefined) return false;
        delete state.needsInfo[path];
        return true;
      case 'needs_info': {
        report.needsInfo += 1;
        report.notes.push(outcome);
        const changed = state.needsInfo[path] !== outcome.fingerprint;
        state.needsInfo[path] = outcome.fingerprint;
        return changed;
      }
      case 'failed':
        report.failed += 1;
        report.notes.push(outcome);
        return false;
      case 'skipped':
        if (outcome.reason === 'gone') return false;
        if (outcome.reason === 'unreadable') {
          report.notes.push(outcome);
          await this.deps.errors.log({
            source: 'accounting.sync',
            error: 'BadFrontmatter',
            severity: 'WARNING',
            message: `${path} seems to ask for an invoice, but its properties cannot be read (${outcome.detail ?? 'broken YAML'}). Fix the frontmatter and it is synced on the next run.`,
            context: { path },
          });
        }
        // Judged: not read again until it changes (a warning above is given once per version of the note).
        this.settled.set(path, mtime);
        return false;
    }
  }
}

function messageOf(error: unknown): string {
  if (isAccountingError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
