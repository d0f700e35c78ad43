import { Modal, type App } from 'obsidian';
import type { ErrorEntry } from '../core/logs/log-types';

/** Lists the errors of the last 24 hours, newest first. */
export class RecentErrorsModal extends Modal {
  constructor(
    app: App,
    private readonly entries: ErrorEntry[],
  ) {
    super(app);
  }

  override onOpen(): void {
    const { contentEl } = this;
    this.setTitle('Errors in the last 24 hours');
    if (this.entries.length === 0) {
      contentEl.createEl('p', { text: 'No errors. All is well.' });
      return;
    }
    const list = contentEl.createEl('ul', { cls: 'ai-employee-error-list' });
    for (const e of [...this.entries].reverse()) {
      list.createEl('li', { text: `${e.ts}  ${e.severity}  ${e.source}: ${e.message}` });
    }
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
