import {
  type BaseComponent,
  ButtonComponent,
  DropdownComponent,
  ExtraButtonComponent,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
} from './components';
import type { FakeElement } from './element';

/**
 * One row of a settings tab: name, description and controls. The row's
 * element keeps a link back to the `Setting`, so tests can find it by name
 * with {@link findSetting} and drive its controls.
 */
export class Setting {
  settingEl: FakeElement;
  infoEl: FakeElement;
  nameEl: FakeElement;
  descEl: FakeElement;
  controlEl: FakeElement;
  components: BaseComponent[] = [];
  /** Fake-only: set by `setHeading`. */
  isHeading = false;

  constructor(containerEl: FakeElement) {
    this.settingEl = containerEl.createDiv('setting-item');
    this.settingEl.owner = this;
    this.infoEl = this.settingEl.createDiv('setting-item-info');
    this.nameEl = this.infoEl.createDiv('setting-item-name');
    this.descEl = this.infoEl.createDiv('setting-item-description');
    this.controlEl = this.settingEl.createDiv('setting-item-control');
  }

  setName(name: string): this {
    this.nameEl.setText(name);
    return this;
  }

  setDesc(desc: string): this {
    this.descEl.setText(desc);
    return this;
  }

  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }

  setTooltip(tooltip: string): this {
    this.nameEl.setAttr('aria-label', tooltip);
    return this;
  }

  setHeading(): this {
    this.isHeading = true;
    this.settingEl.addClass('setting-item-heading');
    return this;
  }

  setDisabled(disabled: boolean): this {
    for (const c of this.components) c.setDisabled(disabled);
    return this;
  }

  addButton(cb: (component: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl), cb);
  }

  addExtraButton(cb: (component: ExtraButtonComponent) => unknown): this {
    return this.add(new ExtraButtonComponent(this.controlEl), cb);
  }

  addToggle(cb: (component: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(this.controlEl), cb);
  }

  addText(cb: (component: TextComponent) => unknown): this {
    return this.add(new TextComponent(this.controlEl), cb);
  }

  addTextArea(cb: (component: TextAreaComponent) => unknown): this {
    return this.add(new TextAreaComponent(this.controlEl), cb);
  }

  addDropdown(cb: (component: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl), cb);
  }

  addComponent<T extends BaseComponent>(cb: (el: FakeElement) => T): this {
    this.components.push(cb(this.controlEl));
    return this;
  }

  then(cb: (setting: this) => unknown): this {
    cb(this);
    return this;
  }

  clear(): this {
    this.controlEl.empty();
    this.components = [];
    return this;
  }

  /** Fake-only: the first control of a kind, e.g. `setting.control(TextComponent)`, or an error. */
  control<T extends BaseComponent>(kind: abstract new (...args: never[]) => T): T {
    const found = this.components.find((c): c is T => c instanceof kind);
    if (!found) throw new Error(`Setting "${this.nameEl.getText()}" has no ${kind.name}`);
    return found;
  }

  private add<T extends BaseComponent>(component: T, cb: (component: T) => unknown): this {
    this.components.push(component);
    cb(component);
    return this;
  }
}

/** Fake-only: every `Setting` rendered below an element, in order. */
export function findSettings(containerEl: FakeElement): Setting[] {
  return containerEl.findAll((el) => el.owner instanceof Setting).map((el) => el.owner as Setting);
}

/** Fake-only: the setting with this name, or an error listing the names there are. */
export function findSetting(containerEl: FakeElement, name: string): Setting {
  const all = findSettings(containerEl);
  const found = all.find((s) => s.nameEl.getText() === name);
  if (!found) throw new Error(`No setting named "${name}"; there are: ${all.map((s) => s.nameEl.getText()).join(', ')}`);
  return found;
}
