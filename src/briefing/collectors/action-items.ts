/**
 * What needs the owner's decision now: requests waiting for approval (those
 * about to expire first), overdue invoices to chase, and tasks the employee
 * gave back with an alert.
 */
import { daysPastDue, invoiceName, type AccountingPort } from '../../accounting/accounting-port';
import { sumMoney } from '../../accounting/money';
import { localDay } from '../../accounting/dates';
import type { Clock } from '../../core/clock';
import type { VaultLayout } from '../../core/layout';
import { ATTENTION_DAYS, listPendingApprovals, readAttention } from '../../vault/dashboard-sources';
import type { VaultPort } from '../../vault/vault-port';
import type { ActionItem } from '../briefing-data';
import type { OverdueInvoice } from '../insights';
import { money } from '../render/format-money';

export interface ActionItemsDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  books: () => Promise<AccountingPort>;
  currency: string;
  locale: string;
}

const HOUR_MS = 3_600_000;
/** Overdue invoices listed at most; the rest are in "Show unpaid invoices". */
const OVERDUE_ROWS = 10;
const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const;

export class ActionItemsCollector {
  constructor(private readonly deps: ActionItemsDeps) {}

  /** The items, most urgent first, the overdue invoices (for the insights) and why the overdue invoices could not be read. */
  async collect(): Promise<{ items: ActionItem[]; overdue: OverdueInvoice[]; problems: string[] }> {
    const items: ActionItem[] = [];
    const overdueInvoices: OverdueInvoice[] = [];
    const problems: string[] = [];
    const { vault, layout, clock } = this.deps;
    const now = clock.now().getTime();
    for (const request of await listPendingApprovals(vault, layout.pendingApproval)) {
      const expires = request.expires ? Date.parse(request.expires) : NaN;
      const hours = Number.isNaN(expires) ? null : Math.round((expires - now) / HOUR_MS);
      const when = hours === null ? '' : hours <= 0 ? ', expired' : hours < 48 ? `, expires in ${hours} ${hours === 1 ? 'hour' : 'hours'}` : `, expires ${localDay(new Date(expires))}`;
      const amount = typeof request.amount === 'number' ? ` (${this.money(request.amount)})` : '';
      items.push({ priority: hours !== null && hours < 24 ? 'high' : 'medium', kind: 'approval', text: `Approve or reject: ${request.title}${amount}${when}`, path: request.path });
    }
    try {
      const today = localDay(clock.now());
      const books = await this.deps.books();
      const [overdue, drafts] = await Promise.all([books.listInvoices({ filter: 'overdue', asOf: today }), books.listInvoices({ filter: 'draft' })]);
      if (drafts.length > 0) {
        // A draft goes nowhere: finished work is not billed until someone posts (and sends) it.
        const total = sumMoney(drafts.map((i) => i.amountTotal));
        const who = [...new Set(drafts.map((i) => i.client))].slice(0, 3).join(', ');
        items.push({ priority: 'medium', kind: 'drafts', text: `${drafts.length} draft ${drafts.length === 1 ? 'invoice' : 'invoices'} (${this.money(total)}, ${who}${drafts.length > 3 ? ', …' : ''}) ${drafts.length === 1 ? 'waits' : 'wait'} to be checked and posted: ai-employee accounting invoices --draft` });
      }
      for (const invoice of overdue.map((i) => ({ i, days: daysPastDue(i.due, today) })).sort((a, b) => b.days - a.days).slice(0, OVERDUE_ROWS)) {
        const label = invoiceName(invoice.i);
        overdueInvoices.push({ number: label, client: invoice.i.client, amountDue: invoice.i.amountDue, days: invoice.days });
        items.push({ priority: invoice.days > 30 ? 'high' : 'medium', kind: 'overdue', text: `Invoice ${label} to ${invoice.i.client}: ${this.money(invoice.i.amountDue)} overdue ${invoice.days} days; follow up or escalate` });
      }
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    for (const alert of (await readAttention(vault, layout, now - ATTENTION_DAYS * 24 * HOUR_MS)).filter((a) => a.level === 'alert')) {
      items.push({ priority: 'high', kind: 'alert', text: alert.message, ...(alert.task ? { path: alert.task } : {}) });
    }
    return { items: items.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]), overdue: overdueInvoices, problems };
  }

  private money(amount: number): string {
    return money(amount, this.deps.currency, this.deps.locale);
  }
}
