import type { App } from './app';
import type { FakeElement } from './element';

/**
 * The setting controls. Like Obsidian, `setValue` never calls `onChange`;
 * a user's edit does. Tests play the user with `simulateChange(value)` and
 * `simulateClick()`, which do nothing on a disabled control.
 */
export abstract class BaseComponent {
  disabled = false;

  then(cb: (component: this) => unknown): this {
    cb(this);
    return this;
  }

  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
}

export abstract class ValueComponent<T> extends BaseComponent {
  protected changeHandler: ((value: T) => unknown) | null = null;

  abstract getValue(): T;
  abstract setValue(value: T): this;

  onChange(callback: (value: T) => unknown): this {
    this.changeHandler = callback;
    return this;
  }

  /** Fake-only: the user sets the control to `value`. */
  simulateChange(value: T): void {
    if (this.disabled) return;
    this.setValue(value);
    void this.changeHandler?.(value);
  }
}

export class AbstractTextComponent extends ValueComponent<string> {
  constructor(readonly inputEl: FakeElement) {
    super();
    inputEl.owner = this;
  }

  getValue(): string {
    return this.inputEl.value;
  }

  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }

  setPlaceholder(placeholder: string): this {
    this.inputEl.setAttr('placeholder', placeholder);
    return this;
  }

  onChanged(): void {
    void this.changeHandler?.(this.getValue());
  }
}

export class TextComponent extends AbstractTextComponent {
  constructor(containerEl: FakeElement) {
    super(containerEl.createEl('input', { type: 'text' }));
  }
}

export class TextAreaComponent extends AbstractTextComponent {
  constructor(containerEl: FakeElement) {
    super(containerEl.createEl('textarea'));
  }
}

export class ToggleComponent extends ValueComponent<boolean> {
  readonly toggleEl: FakeElement;
  private on = false;

  constructor(containerEl: FakeElement) {
    super();
    this.toggleEl = containerEl.createDiv('checkbox-container');
    this.toggleEl.owner = this;
  }

  getValue(): boolean {
    return this.on;
  }

  setValue(on: boolean): this {
    this.on = on;
    this.toggleEl.toggleClass('is-enabled', on);
    return this;
  }

  setTooltip(tooltip: string): this {
    this.toggleEl.setAttr('aria-label', tooltip);
    return this;
  }
}

export class DropdownComponent extends ValueComponent<string> {
  readonly selectEl: FakeElement;
  /** Fake-only: value → label, in the order added. */
  readonly options = new Map<string, string>();

  constructor(containerEl: FakeElement) {
    super();
    this.selectEl = containerEl.createEl('select', 'dropdown');
    this.selectEl.owner = this;
  }

  addOption(value: string, display: string): this {
    this.options.set(value, display);
    this.selectEl.createEl('option', { text: display, value });
    if (this.options.size === 1) this.selectEl.value = value;
    return this;
  }

  addOptions(options: Record<string, string>): this {
    for (const [value, display] of Object.entries(options)) this.addOption(value, display);
    return this;
  }

  getValue(): string {
    return this.selectEl.value;
  }

  /** A value that is not an option selects nothing, as a real `<select>` does. */
  setValue(value: string): this {
    this.selectEl.value = this.options.has(value) ? value : '';
    return this;
  }
}

export class ButtonComponent extends BaseComponent {
  readonly buttonEl: FakeElement;
  private clickHandler: (() => unknown) | null = null;

  constructor(containerEl: FakeElement) {
    super();
    this.buttonEl = containerEl.createEl('button');
    this.buttonEl.owner = this;
  }

  setButtonText(name: string): this {
    this.buttonEl.setText(name);
    return this;
  }

  setCta(): this {
    this.buttonEl.addClass('mod-cta');
    return this;
  }

  removeCta(): this {
    this.buttonEl.removeClass('mod-cta');
    return this;
  }

  setWarning(): this {
    this.buttonEl.addClass('mod-warning');
    return this;
  }

  setIcon(icon: string): this {
    this.buttonEl.setAttr('data-icon', icon);
    return this;
  }

  setTooltip(tooltip: string): this {
    this.buttonEl.setAttr('aria-label', tooltip);
    return this;
  }

  setClass(cls: string): this {
    this.buttonEl.addClass(cls);
    return this;
  }

  onClick(callback: (evt: MouseEvent) => unknown): this {
    this.clickHandler = () => callback({ type: 'click' } as unknown as MouseEvent);
    return this;
  }

  /** Fake-only: the user clicks the button. */
  simulateClick(): void {
    if (!this.disabled) void this.clickHandler?.();
  }
}

export class ExtraButtonComponent extends ButtonComponent {}

/**
 * Picks a secret by id from `app.secretStorage` (Obsidian 1.11.4+). The value
 * is the secret's id, never the secret itself.
 */
export class SecretComponent extends ValueComponent<string> {
  readonly inputEl: FakeElement;
  private id = '';

  constructor(
    readonly app: App,
    containerEl: FakeElement,
  ) {
    super();
    this.inputEl = containerEl.createEl('input', { type: 'text', cls: 'secret-input' });
    this.inputEl.owner = this;
  }

  getValue(): string {
    return this.id;
  }

  setValue(value: string): this {
    this.id = value;
    this.inputEl.value = value;
    return this;
  }

  override onChange(cb: (value: string) => unknown): this {
    return super.onChange(cb);
  }
}
