/**
 * The books the demo vault starts with, as an owner would have kept them
 * with `ai-employee accounting` over the last weeks: invoices posted and
 * paid, a late one, office supplies and a monthly subscription. They go in
 * through the real `AccountingPort`, so the weekly briefing the demo writes
 * reads real figures, not a mock-up.
 */
import type { AccountingPort } from '../accounting/accounting-port';
import { addDays } from '../accounting/dates';

/** What was seeded, in one line per record, for the demo's summary. */
export async function seedDemoBooks(books: AccountingPort, monday: string): Promise<string[]> {
  const day = (offset: number) => addDays(monday, offset);
  const lines: string[] = [];
  const invoice = async (client: string, amount: number, description: string, project: string, issued: number, due: number, paid?: number) => {
    const { invoice: draft } = await books.createInvoice({ client, lines: [{ description, quantity: 1, unitPrice: amount }], issueDate: day(issued), dueDate: day(due), project, idempotencyKey: `demo-${client}-${issued}` });
    const posted = await books.postInvoice(draft.id);
    if (paid !== undefined) await books.registerPayment({ invoice: posted.id, date: day(paid) });
    lines.push(`${posted.number ?? posted.id} ${client} ${amount} (${description}, issued ${day(issued)}${paid !== undefined ? `, paid ${day(paid)}` : ''})`);
  };
  const expense = async (amount: number, category: string, description: string, vendor: string, on: number) => {
    await books.logExpense({ amount, category, description, vendor, date: day(on), idempotencyKey: `demo-${vendor}-${on}` });
    lines.push(`expense ${amount} ${category}: ${description} (${day(on)})`);
  };
  await invoice('Acme Builders', 2000, 'Site photography', 'Brochure', -50, -20);
  await expense(54.99, 'Software', 'Adobe Creative Cloud subscription', 'Adobe', -26);
  await invoice('Greenleaf Dental', 1800, 'Appointment booking page', 'Website', -4, 26);
  await expense(120, 'Office supplies', 'Printer paper', 'Paper Supplies Ltd', -3);
  await invoice('Blue Harbor Cafe', 3200, 'Website redesign', 'Website', 1, 31, 4);
  await invoice('Summit Legal', 950, 'Logo refresh', 'Brand refresh', 2, 16);
  await expense(150, 'Office supplies', 'Printer toner and paper', 'Paper Supplies Ltd', 3);
  await expense(54.99, 'Software', 'Adobe Creative Cloud subscription', 'Adobe', 5);
  return lines;
}
