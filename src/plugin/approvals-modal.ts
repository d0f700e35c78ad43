import { Modal, type App } from 'obsidian';
import { formatAmount, formatTime } from '../vault/dashboard-format';
import type { PendingApproval } from '../vault/dashboard-sources';

/**
 * The requests waiting for the owner: what, how much, until when. Clicking
 * one opens its note, where it is approved or rejected (or use the
 * "Approve the current request" command there).
 */
export class PendingApprovalsModal extends Modal {
  constructor(
    app: App,
    private readonly load: () => Promise<PendingApproval[]>,
    private readonly openNote: (path: string) => void,
  ) {
    super(app);
  }

  override async onOpen(): Promise<void> {
    const { contentEl } = this;
    this.setTitle('Pending approvals');
    let items: PendingApproval[];
    try {
      items = await this.load();
    } catch (error) {
      contentEl.createEl('p', { text: `The approval requests could not be read: ${error instanceof Error ? error.message : String(error)}`, cls: 'ai-employee-error' });
      return;
    }
    if (items.length === 0) {
      contentEl.createEl('p', { text: 'Nothing waits for your approval.' });
      return;
    }
    contentEl.createEl('p', { text: `${items.length} request${items.length === 1 ? '' : 's'} wait${items.length === 1 ? 's' : ''} for you. Open one to approve or reject it.` });
    const list = contentEl.createEl('ul', { cls: 'ai-employee-approvals' });
    for (const item of [...items].sort((a, b) => (a.expires ?? '').localeCompare(b.expires ?? ''))) {
      const row = list.createEl('li');
      const link = row.createEl('a', { text: item.title, href: '#' });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.close();
        this.openNote(item.path);
      });
      const facts = [item.action, item.amount !== undefined ? `amount ${formatAmount(item.amount)}` : undefined, item.expires ? `expires ${formatTime(item.expires)}` : undefined].filter(Boolean);
      if (facts.length) row.createSpan({ text: ` (${facts.join(', ')})` });
    }
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
