import type { App } from './app';
import { FakeElement } from './element';

/** Obsidian's `Notice`; every message shown is kept in `Notice.messages` for tests. */
export class Notice {
  /** Fake-only: all messages shown since the last `Notice.reset()`, oldest first. */
  static messages: string[] = [];
  noticeEl: FakeElement;
  containerEl: FakeElement;
  messageEl: FakeElement;
  /** Fake-only: false after `hide()`. */
  visible = true;

  constructor(message: string, duration?: number) {
    void duration;
    this.containerEl = new FakeElement('div');
    this.messageEl = this.containerEl.createDiv({ cls: 'notice', text: message });
    this.noticeEl = this.messageEl;
    Notice.messages.push(message);
  }

  setMessage(message: string): this {
    this.messageEl.setText(message);
    Notice.messages.push(message);
    return this;
  }

  hide(): void {
    this.visible = false;
  }

  /** Fake-only: forgets the recorded messages. */
  static reset(): void {
    Notice.messages = [];
  }
}

/** Obsidian's `Modal`: `open()` calls `onOpen`, `close()` calls `onClose`; open modals are listed on the app. */
export class Modal {
  app: App;
  containerEl = new FakeElement('div');
  modalEl: FakeElement;
  titleEl: FakeElement;
  contentEl: FakeElement;
  shouldRestoreSelection = true;
  private closeCallback: (() => unknown) | null = null;

  constructor(app: App) {
    this.app = app;
    this.modalEl = this.containerEl.createDiv('modal');
    this.titleEl = this.modalEl.createDiv('modal-title');
    this.contentEl = this.modalEl.createDiv('modal-content');
  }

  open(): void {
    if (this.app.openModals.includes(this)) return;
    this.app.openModals.push(this);
    void this.onOpen();
  }

  close(): void {
    if (!this.app.openModals.includes(this)) return;
    this.app.openModals = this.app.openModals.filter((m) => m !== this);
    this.onClose();
    this.closeCallback?.();
  }

  onOpen(): Promise<void> | void {}

  onClose(): void {}

  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }

  setContent(content: string): this {
    this.contentEl.setText(content);
    return this;
  }

  setCloseCallback(callback: () => unknown): this {
    this.closeCallback = callback;
    return this;
  }
}
