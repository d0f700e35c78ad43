import { Notice } from 'obsidian';

/** How long notifications gather before one notice shows them. */
const GATHER_MS = 1500;

/**
 * The employee's notifications as Obsidian notices. A pass over many tasks
 * can notify many times at once; they are gathered into one notice instead
 * of a stack of them. Alerts stay on screen until dismissed.
 */
export class NoticeBatcher {
  private pending: Array<{ message: string; level: 'info' | 'alert' }> = [];
  private timer: number | null = null;

  add(message: string, level: 'info' | 'alert'): void {
    this.pending.push({ message, level });
    this.timer ??= window.setTimeout(() => this.show(), GATHER_MS);
  }

  cancel(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private show(): void {
    const items = this.pending;
    this.pending = [];
    this.timer = null;
    if (items.length === 0) return;
    // The one message shown in full is the first alert, when there is one: an alert must not hide behind news.
    const alert = items.find((i) => i.level === 'alert');
    const first = (alert ?? items[0])?.message ?? '';
    const text = items.length === 1 ? `AI employee: ${first}` : `AI employee: ${items.length} things need you (see the dashboard). ${first}`;
    new Notice(text, alert ? 0 : 8000);
  }
}
