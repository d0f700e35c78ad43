/**
 * The note the sync writes into the inbox for an overdue invoice. Triage then
 * turns it into a task as it does any note: it sets its own `type`
 * (`manual`), `status` (`pending`), `trigger_id` and plan link, and keeps
 * every other property, so `overdue_invoice_id` and the invoice facts stay.
 * The note carries no `accounting` tag and no `invoice_request` type, and the
 * sync never pushes a note with `overdue_invoice_id`, so it is never sent back
 * to the books as a new invoice.
 */
import type { AccountingBackendKind, Invoice } from './accounting-port';
import { formatAmount } from './money';
import { joinNote } from '../vault/frontmatter';
import { joinVaultPath } from '../core/paths';
import { VaultError, type VaultPort } from '../vault/vault-port';
import { SYNC_FIELDS } from './sync-note-fields';

export interface OverdueNoteInput {
  invoice: Invoice;
  daysOverdue: number;
  backend: AccountingBackendKind;
  /** When it was pulled, ISO 8601 with offset. */
  receivedIso: string;
}

/** What the invoice is called on screen: its number, or its id while it has none. */
export function invoiceLabel(invoice: Invoice): string {
  return invoice.number ?? invoice.id;
}

/** `Overdue invoice INV-2026-00001.md`: the number, made safe for a file name on every platform. */
export function overdueNoteName(invoice: Invoice, attempt = 1): string {
  const safe = invoiceLabel(invoice)
    .replace(/[\\/:*?"<>|#^[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `Overdue invoice ${safe}${attempt > 1 ? ` (${attempt})` : ''}.md`;
}

function money(amount: number, currency: string): string {
  return `${formatAmount(amount)} ${currency}`;
}

export function overdueNoteContent(input: OverdueNoteInput): string {
  const { invoice, daysOverdue } = input;
  const label = invoiceLabel(invoice);
  const frontmatter: Record<string, unknown> = {
    type: 'overdue_invoice',
    status: 'pending',
    // An unpaid invoice is money owed to the business: triage keeps a priority the note sets.
    priority: 'high',
    source: input.backend === 'odoo' ? 'Odoo' : 'vault ledger',
    received: input.receivedIso,
    title: `Overdue invoice ${label} (${invoice.client})`,
    invoice: label,
    [SYNC_FIELDS.overdueId]: invoice.id,
    client: invoice.client,
    amount_due: invoice.amountDue,
    amount_total: invoice.amountTotal,
    currency: invoice.currency,
    issued: invoice.issued,
    due: invoice.due,
    days_overdue: daysOverdue,
    ...(invoice.project ? { project: invoice.project } : {}),
  };
  const days = `${daysOverdue} day${daysOverdue === 1 ? '' : 's'}`;
  const rows: [string, string][] = [
    ['Invoice', label],
    ['Client', invoice.client],
    ['Issued', invoice.issued],
    ['Due', invoice.due],
    ['Days overdue', String(daysOverdue)],
    ['Amount due', money(invoice.amountDue, invoice.currency)],
    ['Invoice total', money(invoice.amountTotal, invoice.currency)],
  ];
  if (invoice.project) rows.push(['Project', invoice.project]);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const body = [
    `# Overdue invoice ${label}: ${invoice.client}`,
    '',
    `${invoice.client} has not paid invoice ${label}. It was due on ${invoice.due}, ${days} ago, and ${money(invoice.amountDue, invoice.currency)} is still open.`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`),
    '',
    input.backend === 'ledger' ? `The invoice in the vault ledger: [[${invoice.id.replace(/\.md$/, '')}|${label}]]` : `The invoice is in Odoo (record ${invoice.id}).`,
    '',
    'Next: send the client a friendly reminder, or record the payment if it has already arrived.',
    '',
  ].join('\n');
  return joinNote(frontmatter, body);
}

/** Writes the note into the inbox under the first free name; never overwrites. Returns its path. */
export async function writeOverdueNote(vault: VaultPort, inbox: string, input: OverdueNoteInput): Promise<string> {
  const content = overdueNoteContent(input);
  for (let attempt = 1; ; attempt++) {
    const path = joinVaultPath(inbox, overdueNoteName(input.invoice, attempt));
    try {
      await vault.create(path, content);
      return path;
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'exists') || attempt >= 50) throw error;
    }
  }
}
