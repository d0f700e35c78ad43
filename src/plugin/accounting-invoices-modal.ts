import { Modal, type App } from 'obsidian';
import { isAccountingError } from '../accounting/accounting-error';
import { daysPastDue, type Invoice } from '../accounting/accounting-port';
import { formatAmount } from '../accounting/money';

export interface UnpaidInvoices {
  invoices: Invoice[];
  /** `YYYY-MM-DD`, the day "overdue" is counted from. */
  today: string;
}

/**
 * The unpaid invoices in a table: number, client, due date, amount due and
 * days overdue, oldest due first. Read-only, so it opens on any device.
 */
export class UnpaidInvoicesModal extends Modal {
  constructor(
    app: App,
    private readonly load: () => Promise<UnpaidInvoices>,
  ) {
    super(app);
  }

  override async onOpen(): Promise<void> {
    const { contentEl } = this;
    this.setTitle('Unpaid invoices');
    const status = contentEl.createEl('p', { text: 'Reading the books…' });
    let result: UnpaidInvoices;
    try {
      result = await this.load();
    } catch (error) {
      status.setText(`The unpaid invoices could not be read. ${isAccountingError(error) ? error.describe() : error instanceof Error ? error.message : String(error)}`);
      status.addClass('ai-employee-error');
      return;
    }
    status.detach();
    this.render(result);
  }

  override onClose(): void {
    this.contentEl.empty();
  }

  private render({ invoices, today }: UnpaidInvoices): void {
    const { contentEl } = this;
    if (invoices.length === 0) {
      contentEl.createEl('p', { text: 'No unpaid invoices. Every posted invoice is paid.' });
      return;
    }
    const sorted = [...invoices].sort((a, b) => a.due.localeCompare(b.due) || (a.number ?? a.id).localeCompare(b.number ?? b.id));
    const overdue = sorted.filter((i) => daysPastDue(i.due, today) > 0).length;
    contentEl.createEl('p', {
      text: `${sorted.length} unpaid invoice${sorted.length === 1 ? '' : 's'}, ${overdue === 0 ? 'none' : overdue} overdue.`,
    });
    const table = contentEl.createEl('table', { cls: 'ai-employee-invoices' });
    const head = table.createEl('thead').createEl('tr');
    for (const title of ['Number', 'Client', 'Due', 'Amount due', 'Days overdue']) head.createEl('th', { text: title });
    const body = table.createEl('tbody');
    for (const invoice of sorted) {
      const days = daysPastDue(invoice.due, today);
      const row = body.createEl('tr', days > 0 ? { cls: 'is-overdue' } : undefined);
      row.createEl('td', { text: invoice.number ?? 'Draft' });
      row.createEl('td', { text: invoice.client });
      row.createEl('td', { text: invoice.due });
      row.createEl('td', { text: `${formatAmount(invoice.amountDue)} ${invoice.currency}`, cls: 'ai-employee-amount' });
      row.createEl('td', { text: days > 0 ? String(days) : 'Not yet due' });
    }
  }
}
