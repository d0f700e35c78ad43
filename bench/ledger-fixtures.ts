import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { addDays } from '../src/accounting/dates';
import { expenseBody, expenseFrontmatter, invoiceBody, invoiceFrontmatter } from '../src/accounting/ledger/ledger-render';
import type { LedgerExpense, LedgerInvoice } from '../src/accounting/ledger/ledger-records';
import { formatNumber, noteFileName } from '../src/accounting/ledger/ledger-numbers';
import { roundMoney } from '../src/accounting/money';
import { joinNote } from '../src/vault/frontmatter';

const CLIENTS = ['Client ABC', 'Northwind Traders', 'Blue Harbor Cafe', 'Greenleaf Dental', 'Summit Legal', 'Acme Builders'];
const CATEGORIES = ['Office supplies', 'Software', 'Travel', 'Marketing'];

/** Writes `count` posted invoice notes over the year from `from`, some partly or fully paid, as the ledger writes them. */
export function writeInvoiceNotes(folder: string, count: number, from: string): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const issued = addDays(from, i % 365);
    const lines = [{ description: 'Consulting', quantity: 1 + (i % 4), unitPrice: 100 + (i % 17) * 25 }].map((l) => ({ ...l, amount: roundMoney(l.quantity * l.unitPrice) }));
    const amount = lines[0]?.amount ?? 0;
    const paid = i % 3 === 0 ? amount : i % 3 === 1 ? roundMoney(amount / 2) : 0;
    const number = formatNumber('INV', issued.slice(0, 4), i);
    const invoice: LedgerInvoice = {
      path: '',
      number,
      status: paid === amount ? 'paid' : 'posted',
      client: CLIENTS[i % CLIENTS.length] ?? 'Client',
      project: i % 2 === 0 ? 'Website' : null,
      currency: 'USD',
      issued,
      due: addDays(issued, 30),
      lines,
      amount,
      payments: paid > 0 ? [{ id: `PAY/${issued.slice(0, 4)}/${String(i).padStart(5, '0')}`, date: addDays(issued, 10), amount: paid }] : [],
      idempotencyKey: `bench-${i}`,
    };
    writeFileSync(nodePath.join(folder, noteFileName(number)), joinNote(invoiceFrontmatter(invoice), invoiceBody(invoice)));
  }
}

/** Writes `count` expense notes over the year from `from`. */
export function writeExpenseNotes(folder: string, count: number, from: string): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const date = addDays(from, (i * 7) % 365);
    const number = formatNumber('EXP', date.slice(0, 4), i);
    const expense: LedgerExpense = {
      path: '',
      number,
      date,
      amount: roundMoney(20 + (i % 40) * 7.5),
      currency: 'USD',
      category: CATEGORIES[i % CATEGORIES.length] ?? 'Other',
      description: i % 25 === 0 ? 'Design tool subscription' : `Purchase ${i}`,
      vendor: i % 25 === 0 ? 'Design Tools Inc' : 'Local supplier',
      idempotencyKey: `bench-expense-${i}`,
    };
    writeFileSync(nodePath.join(folder, noteFileName(number)), joinNote(expenseFrontmatter(expense), expenseBody(expense)));
  }
}
