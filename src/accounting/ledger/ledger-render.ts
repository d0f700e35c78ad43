import { formatAmount, roundMoney } from '../money';
import type { Frontmatter } from '../../vault/vault-port';
import { paidSoFar, type LedgerExpense, type LedgerInvoice } from './ledger-records';

/**
 * What a ledger note looks like. The frontmatter is the truth; the body is a
 * readable view of it, rewritten on every change the ledger makes, except
 * for the person's own text from the `## Notes` heading down, which is kept.
 */

const NOTES_HEADING = /^##[ \t]+Notes[ \t]*$/m;
const REWRITTEN = '*Written from the properties above, and rewritten on every change; put your own text under **Notes** below.*';

/** The `## Notes` section of a body (heading included), or an empty one. */
export function keptNotes(body: string | undefined): string {
  const match = body === undefined ? null : NOTES_HEADING.exec(body);
  if (!match || body === undefined) return '## Notes\n\n';
  const notes = body.slice(match.index);
  return notes.endsWith('\n') ? notes : `${notes}\n`;
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

const STATUS_WORDS: Record<LedgerInvoice['status'], string> = {
  draft: 'Draft (not sent yet)',
  posted: 'Posted',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

/** The frontmatter of a new invoice note, in the order a person reads it. */
export function invoiceFrontmatter(invoice: LedgerInvoice): Frontmatter {
  return {
    type: 'invoice',
    number: invoice.number,
    status: invoice.status,
    client: invoice.client,
    project: invoice.project ?? undefined,
    currency: invoice.currency,
    issued: invoice.issued,
    due: invoice.due,
    lines: invoice.lines.map((l) => ({ description: l.description, quantity: l.quantity, unit_price: l.unitPrice })),
    amount: invoice.amount,
    payments: invoice.payments.map((p) => ({ id: p.id, date: p.date, amount: p.amount })),
    idempotency_key: invoice.idempotencyKey ?? undefined,
  };
}

export function invoiceBody(invoice: LedgerInvoice, previousBody?: string): string {
  const out: string[] = [`# Invoice ${invoice.number}`, '', REWRITTEN, '', '| | |', '| --- | --- |'];
  out.push(`| Client | ${cell(invoice.client)} |`);
  if (invoice.project) out.push(`| Project | ${cell(invoice.project)} |`);
  out.push(`| Status | ${STATUS_WORDS[invoice.status]} |`, `| Issued | ${invoice.issued} |`, `| Due | ${invoice.due} |`, '');
  out.push('## Lines', '', '| Description | Quantity | Unit price | Amount |', '| --- | ---: | ---: | ---: |');
  for (const line of invoice.lines) {
    out.push(`| ${cell(line.description)} | ${line.quantity} | ${formatAmount(line.unitPrice)} | ${formatAmount(line.amount)} |`);
  }
  out.push(`| **Total** | | | **${formatAmount(invoice.amount)} ${invoice.currency}** |`, '', '## Payments', '');
  if (invoice.payments.length === 0) {
    out.push('No payments yet.');
  } else {
    out.push('| Payment | Date | Amount |', '| --- | --- | ---: |');
    for (const p of invoice.payments) out.push(`| ${cell(p.id)} | ${p.date} | ${formatAmount(p.amount)} |`);
  }
  const due = roundMoney(invoice.amount - paidSoFar(invoice));
  out.push('', `**Amount due: ${formatAmount(due)} ${invoice.currency}**${due > 0 ? ` (by ${invoice.due})` : ''}`, '');
  return `\n${out.join('\n')}\n${keptNotes(previousBody)}`;
}

export function expenseFrontmatter(expense: LedgerExpense): Frontmatter {
  return {
    type: 'expense',
    number: expense.number,
    status: 'paid',
    date: expense.date,
    amount: expense.amount,
    currency: expense.currency,
    category: expense.category,
    description: expense.description,
    vendor: expense.vendor ?? undefined,
    idempotency_key: expense.idempotencyKey ?? undefined,
  };
}

export function expenseBody(expense: LedgerExpense, previousBody?: string): string {
  const to = expense.vendor ? ` to ${expense.vendor}` : '';
  const what = expense.description ? ` for ${expense.description}` : '';
  const lines = [
    `# Expense ${expense.number}`,
    '',
    REWRITTEN,
    '',
    `Paid **${formatAmount(expense.amount)} ${expense.currency}**${to} on ${expense.date}${what} (${expense.category}).`,
    '',
  ];
  return `\n${lines.join('\n')}\n${keptNotes(previousBody)}`;
}
