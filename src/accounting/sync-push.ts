/**
 * Sends one note's invoice request to the books and writes the answer back
 * onto the note. Shared by the scheduled sync (tagged notes in Needs_Action)
 * and the "Create invoice from current note" command (any note, on request).
 *
 * Nothing is lost on any path: a bad request stays where it is with the
 * problem written on it; a backend failure leaves the note untouched for the
 * next run; and the idempotency key means a retry after a crash between
 * "created in the books" and "written on the note" finds the first invoice.
 */
import { isoWithOffset, type Clock } from '../core/clock';
import { stem } from '../core/paths';
import { splitNote } from '../vault/frontmatter';
import type { VaultPort } from '../vault/vault-port';
import { isAccountingError } from './accounting-error';
import type { AccountingPort, Invoice } from './accounting-port';
import { localDay } from './dates';
import { createInvoiceInput, firstHeading, isInvoiceRequestNote, parseInvoiceRequest } from './invoice-request';
import { idempotencyKeyFor, markNeedsInfo, markPushed, requestFingerprint, SYNC_FIELDS, syncStatusOf } from './sync-note-fields';

export interface PushDeps {
  vault: VaultPort;
  clock: Clock;
  /** Already audited (AuditedAccounting), so its failures are logged there, not here. */
  accounting: AccountingPort;
}

export interface PushOptions {
  /** The sync takes only notes that ask for it (tag or type); the command takes the note it is given. */
  requireRequest: boolean;
  /** For a `needs_info` note: true when it has not changed since it was last judged (then it is left alone). */
  unchangedSince?: (fingerprint: string) => boolean;
  /**
   * The scheduled sync: a note that came in through the inbox (triage stamped
   * it `triaged`) may have been written by anyone, so its invoice is made as a
   * draft and posting waits for the owner. The command works on the note the
   * owner chose, so it posts when the note asks.
   */
  holdInboxPosts?: boolean;
}

export type SkipReason = 'gone' | 'unreadable' | 'not-a-request' | 'overdue-note' | 'already-pushed' | 'unchanged';

export type PushOutcome =
  | { status: 'pushed'; path: string; invoice: Invoice; created: boolean; postProblem?: string }
  | { status: 'needs_info'; path: string; problem: string; fingerprint: string }
  | { status: 'failed'; path: string; error: string; /** The plain cause, for a notice. */ message: string }
  | { status: 'skipped'; path: string; reason: SkipReason; detail?: string };

/** Backend answers that mean "this request is wrong", which only the note's owner can fix. */
const REQUEST_KINDS = new Set(['bad_input', 'validation', 'not_found']);

function describe(error: unknown): string {
  if (isAccountingError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

export async function pushInvoiceNote(deps: PushDeps, path: string, options: PushOptions): Promise<PushOutcome> {
  const { vault, clock } = deps;
  const stat = await vault.stat(path);
  if (!stat) return { status: 'skipped', path, reason: 'gone' };
  const text = await vault.read(path);
  let split: ReturnType<typeof splitNote>;
  try {
    split = splitNote(text);
  } catch (error) {
    // Broken YAML: only worth a word to the owner when the note seems meant for the books.
    const meant = !options.requireRequest || /#accounting\b|invoice_request|^tags:.*\baccounting\b|^\s*-\s*accounting\s*$/im.test(text);
    return meant ? { status: 'skipped', path, reason: 'unreadable', detail: describe(error) } : { status: 'skipped', path, reason: 'not-a-request' };
  }
  const fm = split.frontmatter;
  if (fm[SYNC_FIELDS.overdueId] !== undefined) return { status: 'skipped', path, reason: 'overdue-note' };
  if (options.requireRequest && !isInvoiceRequestNote(fm, split.body)) return { status: 'skipped', path, reason: 'not-a-request' };
  const status = syncStatusOf(fm);
  if (status === 'handled') {
    const invoice = fm[SYNC_FIELDS.invoice];
    return { status: 'skipped', path, reason: 'already-pushed', ...(typeof invoice === 'string' ? { detail: invoice } : {}) };
  }
  const fingerprint = await requestFingerprint(fm, split.body);
  if (status === 'needs_info' && options.unchangedSince?.(fingerprint)) return { status: 'skipped', path, reason: 'unchanged' };

  const today = localDay(clock.now());
  const parsed = parseInvoiceRequest(fm, { today, fallbackDescription: firstHeading(split.body) ?? stem(path) });
  if (!parsed.ok) return needsInfo(deps, path, fm, parsed.message, fingerprint);

  const { key, record } = await idempotencyKeyFor(fm, stat);
  // Recorded before the call, so the key survives a rename between a crash and the retry.
  if (record) {
    await vault.processFrontMatter(path, (f) => {
      f[SYNC_FIELDS.key] = key;
    });
  }

  let invoice: Invoice;
  let created: boolean;
  try {
    ({ invoice, created } = await deps.accounting.createInvoice(createInvoiceInput(parsed.request, key)));
  } catch (error) {
    if (isAccountingError(error) && REQUEST_KINDS.has(error.kind)) {
      return needsInfo(deps, path, fm, `The books refused this invoice request: ${error.describe()} Fix the note's properties and it is tried again.`, fingerprint);
    }
    // Already in the error log (AuditedAccounting); the note stays as it is for the next run.
    return { status: 'failed', path, error: isAccountingError(error) ? error.kind : 'unexpected', message: describe(error) };
  }

  let postProblem: string | undefined;
  const cameThroughInbox = fm.triaged !== undefined && fm.triaged !== null && fm.triaged !== '';
  if (parsed.request.post && invoice.status === 'draft' && options.holdInboxPosts && cameThroughInbox) {
    postProblem = `The invoice was created as a draft but not posted: the request came in through the inbox, so posting waits for you. Check the draft, then post it (ai-employee accounting post ${invoice.number ?? invoice.id}).`;
  } else if (parsed.request.post && invoice.status === 'draft') {
    try {
      invoice = await deps.accounting.postInvoice(invoice.id);
    } catch (error) {
      if (!(isAccountingError(error) && REQUEST_KINDS.has(error.kind))) {
        // A transient failure: leave the note as it is; the retry finds the draft by its key and posts it.
        return { status: 'failed', path, error: isAccountingError(error) ? error.kind : 'unexpected', message: describe(error) };
      }
      postProblem = `The invoice was created as a draft, but posting it was refused: ${error.describe()}`;
    }
  }

  await vault.processFrontMatter(path, (f) => markPushed(f, invoice, isoWithOffset(clock.now()), postProblem));
  return postProblem ? { status: 'pushed', path, invoice, created, postProblem } : { status: 'pushed', path, invoice, created };
}

/** Writes the problem onto the note, unless it already says exactly that. */
async function needsInfo(deps: PushDeps, path: string, fm: Record<string, unknown>, problem: string, fingerprint: string): Promise<PushOutcome> {
  if (fm[SYNC_FIELDS.status] !== 'needs_info' || fm[SYNC_FIELDS.problem] !== problem) {
    await deps.vault.processFrontMatter(path, (f) => markNeedsInfo(f, problem));
  }
  return { status: 'needs_info', path, problem, fingerprint };
}
