/**
 * The known week the end-to-end briefing tests report on: 2026-W10 (Monday
 * 2026-03-02 to Sunday 2026-03-08, the week before 2026-W09), its books
 * seeded through the real `AccountingPort` and its tasks worked by the real
 * employee, so the page is what an owner would read on Monday 2026-03-09.
 */
import type { AccountingPort } from '../../src/accounting/accounting-port';
import { AgentHarness, WHATSAPP_EXAMPLE } from '../agent/agent-harness';
import { odooEnv, startFakeOdoo } from '../odoo/fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from '../odoo/fake-odoo-types';

export const W10 = { year: 2026, week: 10 };
/** When the owner reads it: Monday after the week, 09:00 (local). */
export const MONDAY_AFTER = '2026-03-09T09:00:00';

/** The settings every scenario runs with: a fixed locale, so the page does not follow the machine's. */
export const SCENARIO_SETTINGS = { briefing: { locale: 'en-US' } };
/** Approvals stay open for a week, so the one decided three days later is still valid. */
export const SCENARIO_HANDBOOK = { approval_expiry_hours: 168 };
/** The owner's goal in Business_Goals.md (init writes the handbook's 10,000). */
export const MONTHLY_TARGET = 20000;

/** The week and the one before, as the books are asked about them. */
export const W10_RANGE = { from: '2026-03-02', to: '2026-03-08' };
export const W09_RANGE = { from: '2026-02-23', to: '2026-03-01' };


export type Backend = { name: string; kind: 'ledger' } | { name: string; kind: 'odoo'; version: FakeOdooMajor; protocol: 'xmlrpc' | 'json2' };

export const BACKENDS: Backend[] = [
  { name: 'ledger', kind: 'ledger' },
  { name: 'odoo17-xmlrpc', kind: 'odoo', version: 17, protocol: 'xmlrpc' },
  { name: 'odoo19-json2', kind: 'odoo', version: 19, protocol: 'json2' },
];

/** A harness (clock at `start`) on the backend's books; the test Odoo, when there is one, is closed by `close`. */
export async function openScenario(backend: Backend, start: string, extra: { settings?: Record<string, unknown> } = {}): Promise<{ h: AgentHarness; odoo: FakeOdoo | null; close: () => Promise<void> }> {
  const odoo = backend.kind === 'odoo' ? await startFakeOdoo({ version: backend.version, today: MONDAY_AFTER.slice(0, 10) }) : null;
  const h = await new AgentHarness({
    start,
    settings: { ...SCENARIO_SETTINGS, ...extra.settings },
    handbook: SCENARIO_HANDBOOK,
    ...(odoo && backend.kind === 'odoo' ? { env: odooEnv(odoo, backend.protocol) } : {}),
  }).init();
  h.editFm('Business_Goals.md', (fm) => void (fm.revenue_target_monthly = MONTHLY_TARGET));
  return {
    h,
    odoo,
    close: async () => {
      await h.cleanup();
      await odoo?.close();
    },
  };
}

/**
 * Two months of books, entered in date order as an owner would: W10 has
 * sales to three clients on three projects and one without a project, a
 * payment, office supplies and the monthly software subscription; W09 has
 * one sale (paid) and smaller costs; a January invoice is overdue.
 */
export async function seedBooks(books: AccountingPort): Promise<void> {
  const invoice = async (key: string, client: string, amount: number, description: string, project: string | null, issueDate: string, dueDate: string, paid?: string) => {
    const { invoice: draft } = await books.createInvoice({ client, lines: [{ description, quantity: 1, unitPrice: amount }], issueDate, dueDate, ...(project ? { project } : {}), idempotencyKey: `seed-${key}` });
    const posted = await books.postInvoice(draft.id);
    if (paid) await books.registerPayment({ invoice: posted.id, date: paid });
  };
  const expense = (key: string, amount: number, category: string, description: string, vendor: string, date: string) =>
    books.logExpense({ amount, category, description, vendor, date, idempotencyKey: `seed-${key}` });

  await expense('adobe-jan', 54.99, 'Software', 'Adobe Creative Cloud subscription', 'Adobe', '2026-01-05');
  await invoice('summit', 'Summit Legal', 1200, 'Logo refresh', 'Brand refresh', '2026-01-20', '2026-02-19');
  await expense('adobe-feb', 54.99, 'Software', 'Adobe Creative Cloud subscription', 'Adobe', '2026-02-05');
  await expense('paper-w09', 120, 'Office supplies', 'Printer paper', 'Paper Supplies Ltd', '2026-02-24');
  await invoice('greenleaf', 'Greenleaf Dental', 3000, 'Appointment booking page', 'Website', '2026-02-25', '2026-03-27', '2026-02-27');
  await invoice('acme-site', 'Acme Builders', 4000, 'Site photography', 'Website', '2026-03-02', '2026-04-01', '2026-03-05');
  await expense('toner-w10', 310, 'Office supplies', 'Printer toner and paper', 'Paper Supplies Ltd', '2026-03-03');
  await invoice('acme-brochure', 'Acme Builders', 1500, 'Brochure layout', 'Brochure', '2026-03-04', '2026-04-03');
  await expense('adobe-mar', 54.99, 'Software', 'Adobe Creative Cloud subscription', 'Adobe', '2026-03-05');
  await invoice('blue-harbor', 'Blue Harbor Cafe', 2500, 'Website redesign', 'Website', '2026-03-06', '2026-04-05');
  await invoice('northwind', 'Northwind Traders', 800, 'Consulting call', null, '2026-03-06', '2026-04-05');
}

/** What the books themselves say about W10 and W09, asked directly. */
export async function booksReport(books: AccountingPort) {
  const [pnl, pnlBefore, aging, agingBefore, cash, cashBefore] = await Promise.all([
    books.profitAndLoss(W10_RANGE),
    books.profitAndLoss(W09_RANGE),
    books.receivablesAging(W10_RANGE.to),
    books.receivablesAging(W09_RANGE.to),
    books.cashPosition(W10_RANGE.to),
    books.cashPosition(W09_RANGE.to),
  ]);
  return { pnl, pnlBefore, aging, agingBefore, cash, cashBefore };
}

/** An email in the inbox format triage reads. */
export function emailItem(from: string, subject: string, received: string, body: string): string {
  return ['---', 'type: email', `from: "${from}"`, `subject: ${subject}`, `received: ${received}`, '---', body, ''].join('\n');
}

/** Ticks the owner's own steps in a plan, as the owner would in Obsidian. */
export function tickOwnerSteps(h: AgentHarness, plan: string): void {
  h.write(plan, h.read(plan).replace(/- \[ \]/g, '- [x]'));
}

/**
 * The employee's week: a meeting request in W09 handled the next day; in
 * W10 the spec's WhatsApp example (its post approved three days later: the
 * bottleneck), a newsletter filed at once, a meeting request answered the
 * next day, and a quote request still open at the week's end. The accounting
 * sync also files the overdue January invoice as a task in W09, still open:
 * so W09 received two tasks and W10 ends with a backlog of two.
 */
export async function workTheWeeks(h: AgentHarness): Promise<void> {
  const at = async (when: string, work: () => void) => {
    h.clock.set(when);
    work();
    await h.once();
  };
  await at('2026-02-25T10:00:00', () => h.drop('Email from Jane.md', emailItem('Jane Doe <jane@acme.com>', 'Catch-up', '2026-02-25T09:30:00Z', 'Can we meet next Tuesday to discuss the project?')));
  await at('2026-02-26T11:00:00', () => tickOwnerSteps(h, h.only('Plans', 'Plan_email_2026-02-25')));
  await at('2026-03-02T10:00:00', () => h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE.replace('2026-02-20T10:30:00Z', '2026-03-02T09:30:00Z')));
  await at('2026-03-03T09:00:00', () => {
    h.drop('Email newsletter.md', emailItem('News <news@example.com>', 'Tips', '2026-03-03T08:00:00Z', 'Our monthly newsletter: tips for small businesses'));
    h.drop('Email from Sam.md', emailItem('Sam Lee <sam@riverside.com>', 'Project review', '2026-03-03T08:30:00Z', 'Can we meet on Friday to review the project?'));
  });
  await at('2026-03-04T16:00:00', () => tickOwnerSteps(h, h.only('Plans', 'Plan_email_2026-03-03_project-review')));
  await at('2026-03-05T15:00:00', () => h.editFm(h.only('Pending_Approval'), (fm) => void (fm.status = 'approved')));
  await at('2026-03-06T10:00:00', () => h.drop('Email quote.md', emailItem('Riverside Bakery <owner@riverside.com>', 'Quote', '2026-03-06T09:00:00Z', 'Could you send us a quote for a new website? Budget around $3,000.')));
}
