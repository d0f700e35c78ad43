/**
 * The accounting sync's memory, `Logs/state/accounting_sync.json`: which
 * overdue invoices were already pulled into the vault (so each becomes a note
 * once, ever) and which `needs_info` notes were judged in which state.
 *
 * It is a cache of what the notes say: every pulled note carries
 * `overdue_invoice_id`, so a lost or damaged file is rebuilt by reading the
 * notes in Inbox, Needs_Action and Done. A damaged file is kept aside as
 * `accounting_sync.corrupt-<time>.json`, never deleted.
 */
import { z } from 'zod';
import type { Clock } from '../core/clock';
import type { VaultLayout } from '../core/layout';
import type { ErrorLogger } from '../core/logs/log-types';
import { joinVaultPath } from '../core/paths';
import { splitNote } from '../vault/frontmatter';
import { VaultError, type VaultPort } from '../vault/vault-port';
import { SYNC_FIELDS } from './sync-note-fields';

const STATE_VERSION = 1;

const pulledSchema = z.object({
  number: z.string().nullable(),
  /** Where the note was written (triage moves it on; the note's `overdue_invoice_id` finds it again). */
  note: z.string(),
  pulledAt: z.string(),
  /** False between "about to write the note" and "note written": a crash there is repaired on the next load. */
  written: z.boolean(),
  /** The more-than-30-days alert went out. */
  alerted: z.boolean(),
});

const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  pulled: z.record(z.string(), pulledSchema),
  /** Note path → fingerprint of the request when it was marked `needs_info`. */
  needsInfo: z.record(z.string(), z.string()),
});

export type PulledInvoice = z.infer<typeof pulledSchema>;
export type SyncState = z.infer<typeof stateSchema>;

export function syncStatePath(layout: VaultLayout): string {
  return joinVaultPath(layout.stateDir, 'accounting_sync.json');
}

/** How many days past due an invoice must be before `odoo.invoice.overdue` is emitted. */
export const ESCALATE_AFTER_DAYS = 30;

export interface SyncStateDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  errors: ErrorLogger;
}

export class SyncStateStore {
  readonly path: string;

  constructor(private readonly deps: SyncStateDeps) {
    this.path = syncStatePath(deps.layout);
  }

  /** The state on disk; rebuilt from the notes when the file is missing or damaged. */
  async load(): Promise<SyncState> {
    const { vault } = this.deps;
    if (!(await vault.exists(this.path))) return this.rebuild();
    const raw = await vault.read(this.path);
    let parsed: SyncState | null = null;
    try {
      const result = stateSchema.safeParse(JSON.parse(raw));
      if (result.success) parsed = result.data;
    } catch {
      // Not JSON at all: handled below like any other damage.
    }
    if (parsed) return parsed;
    await this.keepAside(raw.length);
    return this.rebuild();
  }

  /** Written whole and atomically (VaultPort.write), so a reader sees the old or the new state. */
  async save(state: SyncState): Promise<void> {
    await this.deps.vault.write(this.path, `${JSON.stringify(state, null, 2)}\n`);
  }

  /**
   * Paths of the notes pulled for overdue invoices, by invoice id, read from
   * the notes themselves wherever triage or the owner moved them.
   */
  async findPulledNotes(): Promise<Map<string, { path: string; frontmatter: Record<string, unknown> }>> {
    const { vault, layout } = this.deps;
    const found = new Map<string, { path: string; frontmatter: Record<string, unknown> }>();
    for (const folder of [layout.inbox, layout.needsAction, layout.done]) {
      for (const file of await vault.list(folder)) {
        if (!file.path.endsWith('.md')) continue;
        let fm: Record<string, unknown>;
        try {
          fm = splitNote(await vault.read(file.path)).frontmatter;
        } catch {
          continue; // A note someone broke cannot vouch for anything; it is not ours to judge here.
        }
        const id = fm[SYNC_FIELDS.overdueId];
        if ((typeof id === 'string' && id !== '') || typeof id === 'number') found.set(String(id), { path: file.path, frontmatter: fm });
      }
    }
    return found;
  }

  private async rebuild(): Promise<SyncState> {
    const state: SyncState = { version: STATE_VERSION, pulled: {}, needsInfo: {} };
    for (const [id, { path, frontmatter: fm }] of await this.findPulledNotes()) {
      const days = typeof fm.days_overdue === 'number' ? fm.days_overdue : 0;
      state.pulled[id] = {
        number: typeof fm.invoice === 'string' ? fm.invoice : null,
        note: path,
        pulledAt: typeof fm.received === 'string' ? fm.received : '',
        written: true,
        alerted: days > ESCALATE_AFTER_DAYS || fm[SYNC_FIELDS.escalated] !== undefined,
      };
    }
    await this.save(state);
    return state;
  }

  private async keepAside(bytes: number): Promise<void> {
    const { vault, clock, errors } = this.deps;
    const base = this.path.replace(/\.json$/, `.corrupt-${fileStamp(clock.now())}`);
    let movedTo: string | null = null;
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= 20 && movedTo === null; attempt++) {
      const target = attempt === 1 ? `${base}.json` : `${base}-${attempt}.json`;
      try {
        await vault.rename(this.path, target);
        movedTo = target;
      } catch (error) {
        lastError = error;
        if (!(error instanceof VaultError && error.code === 'exists')) break;
      }
    }
    if (!movedTo) throw new Error(`The accounting sync state at ${this.path} is damaged and could not be moved aside: ${String(lastError)}`);
    await errors.log({
      source: 'accounting.sync',
      error: 'CorruptSyncState',
      severity: 'WARNING',
      message: `The accounting sync state at ${this.path} was damaged. It was kept as ${movedTo} and rebuilt from the overdue-invoice notes in the vault; nothing is pulled twice.`,
      context: { path: this.path, movedTo, bytes },
    });
  }
}

/** A file-name-safe local timestamp such as 20260220-103000 (no colons: Windows forbids them). */
function fileStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
