import { AccountingError } from '../accounting-error';
import type { Expense, Invoice } from '../accounting-port';
import { roundMoney } from '../money';
import { basename, joinVaultPath, normalizeVaultPath } from '../../core/paths';
import { noteFileName, sequenceIn, sequencesInText } from './ledger-numbers';
import { paidSoFar, type LedgerExpense, type LedgerInvoice } from './ledger-records';
import type { BrokenNote, FolderSnapshot, StoredRecord } from './ledger-store';

/** How ledger records are found in a snapshot and shown to callers. */

const SHOWN_BROKEN = 5;

export function toInvoice(record: LedgerInvoice): Invoice {
  return {
    id: record.path,
    number: record.number,
    client: record.client,
    project: record.project,
    issued: record.issued,
    due: record.due,
    currency: record.currency,
    amountTotal: record.amount,
    amountDue: roundMoney(record.amount - paidSoFar(record)),
    status: record.status,
    idempotencyKey: record.idempotencyKey,
    lines: record.lines.map((l) => ({ ...l })),
  };
}

export function toExpense(record: LedgerExpense): Expense {
  return {
    id: record.path,
    number: record.number,
    date: record.date,
    amount: record.amount,
    currency: record.currency,
    category: record.category,
    description: record.description,
    vendor: record.vendor,
    idempotencyKey: record.idempotencyKey,
  };
}

/** `ledger_invalid` listing the broken notes (the first few), for a report or an operation that needs them. */
export function brokenNotesError(broken: ReadonlyArray<BrokenNote<unknown>>, doing: string): AccountingError {
  const shown = broken.slice(0, SHOWN_BROKEN).map((b) => `${b.path}: ${b.problem}`);
  const more = broken.length > SHOWN_BROKEN ? ` (and ${broken.length - SHOWN_BROKEN} more)` : '';
  const count = broken.length === 1 ? 'a ledger note is broken' : `${broken.length} ledger notes are broken`;
  return new AccountingError('ledger_invalid', `Cannot ${doing}: ${count}. ${shown.join(' | ')}${more}`, {
    hint: 'Fix the note by hand (or undo the edit) and try again; nothing was computed from it.',
  });
}

/** Healthy records only; any broken note stops the caller (reports never skip a note silently). */
export function healthyOrThrow<T extends StoredRecord>(snapshot: FolderSnapshot<T>, doing: string): T[] {
  if (snapshot.broken.length > 0) throw brokenNotesError(snapshot.broken, doing);
  return snapshot.records;
}

/** The record an idempotency key was used for; a broken note that may hold the key stops the caller. */
export function findByKey<T extends StoredRecord>(snapshot: FolderSnapshot<T>, key: string, doing: string): T | null {
  const hit = snapshot.byKey.get(key);
  if (hit) return hit;
  const line = new RegExp(`^\\s*idempotency_key:\\s*["']?${escape(key)}["']?\\s*$`, 'm');
  const suspect = snapshot.broken.filter((b) => b.record?.idempotencyKey === key || (b.raw !== undefined && line.test(b.raw)));
  if (suspect.length > 0) throw brokenNotesError(suspect, `${doing} (a broken note may already hold the idempotency key ${JSON.stringify(key)})`);
  return null;
}

/**
 * The invoice a caller names: its number (`INV/2026/00001`), its path (the
 * id), or its file name. A broken note that matches stops the caller with
 * what is wrong; nothing matching is `not_found`.
 */
export function findInvoice(snapshot: FolderSnapshot<LedgerInvoice>, folder: string, reference: string): LedgerInvoice {
  const wanted = typeof reference === 'string' ? reference.trim() : '';
  if (wanted === '') throw new AccountingError('bad_input', 'Say which invoice: its number (like INV/2026/00001) or its note path.');
  const byNumber = snapshot.byNumber.get(wanted);
  if (byNumber) return byNumber;
  const paths = candidatePaths(folder, wanted);
  for (const path of paths) {
    const hit = snapshot.byPath.get(path);
    if (hit) return hit;
  }
  const broken = snapshot.broken.filter(
    (b) => paths.includes(b.path) || b.record?.number === wanted || (b.raw !== undefined && new RegExp(`^number:\\s*["']?${escape(wanted)}["']?\\s*$`, 'm').test(b.raw)),
  );
  if (broken.length > 0) throw brokenNotesError(broken, `use invoice ${wanted}`);
  throw new AccountingError('not_found', `No invoice ${wanted} in ${folder}.`, {
    hint: 'Check the number (like INV/2026/00001); list the invoices to see which exist.',
  });
}

function candidatePaths(folder: string, wanted: string): string[] {
  const normal = normalizeVaultPath(wanted);
  const withMd = normal.toLowerCase().endsWith('.md') ? normal : `${normal}.md`;
  return [normal, withMd, joinVaultPath(folder, basename(withMd)), joinVaultPath(folder, noteFileName(wanted))];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The highest sequence of a series in use in a folder: in healthy and broken notes and in file names. */
export function highestSequence<T extends StoredRecord>(
  snapshot: FolderSnapshot<T>,
  series: string,
  numbersOf: (record: T) => string[] = (r) => [r.number],
): number {
  let highest = 0;
  const consider = (record: T) => {
    for (const number of numbersOf(record)) highest = Math.max(highest, sequenceIn(series, number) ?? 0);
  };
  for (const record of snapshot.records) consider(record);
  for (const broken of snapshot.broken) {
    if (broken.record) consider(broken.record);
    if (broken.raw !== undefined) highest = Math.max(highest, ...sequencesInText(series, broken.raw));
  }
  for (const path of snapshot.paths) highest = Math.max(highest, ...sequencesInText(series, basename(path)));
  return highest;
}
