import { AccountingError } from '../accounting-error';
import { formatAmount, roundMoney, toCents } from '../money';
import type { Frontmatter } from '../../vault/vault-port';
import { paidSoFar, type LedgerInvoice } from './ledger-records';

/**
 * The changes the ledger makes to an existing invoice note. Each returns the
 * invoice as it will be and an edit of the note's frontmatter that touches
 * only the fields that change, so a person's own properties stay as written.
 */
export interface NoteChange {
  invoice: LedgerInvoice;
  frontmatter: (frontmatter: Frontmatter) => void;
}

/** Posts a draft; a note posted or paid meanwhile (another process, a hand edit) stays as it is. */
export function postedNote(invoice: LedgerInvoice): NoteChange {
  if (invoice.status === 'cancelled') {
    throw new AccountingError('validation', `Invoice ${invoice.number} is cancelled; a cancelled invoice cannot be posted.`);
  }
  if (invoice.status !== 'draft') return { invoice, frontmatter: () => undefined };
  return {
    invoice: { ...invoice, status: 'posted' },
    frontmatter: (fm) => {
      fm.status = 'posted';
    },
  };
}

export interface NewPayment {
  id: string;
  date: string;
  /** Already checked to be a positive amount; undefined means everything still due. */
  amount: number | undefined;
}

export function applyPayment(invoice: LedgerInvoice, payment: NewPayment): NoteChange {
  if (invoice.status === 'draft') {
    throw new AccountingError('validation', `Invoice ${invoice.number} is a draft: post the invoice first, then register the payment.`);
  }
  if (invoice.status === 'cancelled') {
    throw new AccountingError('validation', `Invoice ${invoice.number} is cancelled; it cannot take a payment.`);
  }
  const due = roundMoney(invoice.amount - paidSoFar(invoice));
  if (due <= 0) {
    throw new AccountingError('validation', `Invoice ${invoice.number} is already paid in full: there is nothing left to pay.`);
  }
  const amount = payment.amount ?? due;
  if (toCents(amount) > toCents(due)) {
    throw new AccountingError(
      'bad_input',
      `The payment of ${formatAmount(amount)} is more than the ${formatAmount(due)} still due on invoice ${invoice.number}.`,
      { hint: `Register at most ${formatAmount(due)}.` },
    );
  }
  const entry = { id: payment.id, date: payment.date, amount };
  const status = toCents(amount) === toCents(due) ? 'paid' : 'posted';
  return {
    invoice: { ...invoice, status, payments: [...invoice.payments, entry] },
    frontmatter: (fm) => {
      const earlier: unknown[] = Array.isArray(fm.payments) ? fm.payments : [];
      fm.payments = [...earlier, entry];
      fm.status = status;
    },
  };
}
