/** The options Obsidian's `createEl` takes (`DomElementInfo`), as far as the fake honours them. */
export interface DomElementInfo {
  cls?: string | string[];
  text?: string;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  value?: string;
  type?: string;
  placeholder?: string;
  href?: string;
  prepend?: boolean;
}

type Listener = (event: FakeEvent) => unknown;

/** What the fake dispatches to element listeners. */
export interface FakeEvent {
  type: string;
  target: FakeElement;
  /** As on a DOM event; `defaultPrevented` says whether a listener called it. */
  preventDefault(): void;
  defaultPrevented: boolean;
}

/**
 * An `HTMLElement`-ish node with Obsidian's helpers (`createEl`, `createDiv`,
 * `empty`, `setText`, `addClass`, `setAttr`…) and a few finders for tests.
 * No layout, no CSS: only structure, text, classes, attributes and listeners.
 */
export class FakeElement {
  children: FakeElement[] = [];
  parent: FakeElement | null = null;
  readonly classes = new Set<string>();
  readonly attrs = new Map<string, string>();
  /** For inputs: what the user typed. */
  value = '';
  /** Fake-only: the object this element belongs to (a `Setting`, a component…), for finders. */
  owner: unknown = null;
  private ownText = '';
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly tagName: string = 'div') {}

  createEl(tag: string, o?: DomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    return this.make(tag, o, callback);
  }

  createDiv(o?: DomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    return this.make('div', o, callback);
  }

  createSpan(o?: DomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    return this.make('span', o, callback);
  }

  private make(tag: string, o?: DomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
    const el = new FakeElement(tag);
    const info: DomElementInfo = typeof o === 'string' ? { cls: o } : (o ?? {});
    if (info.cls) el.addClass(...(Array.isArray(info.cls) ? info.cls : info.cls.split(' ')));
    if (info.text !== undefined) el.setText(info.text);
    for (const [k, v] of Object.entries(info.attr ?? {})) if (v !== null && v !== false) el.setAttr(k, String(v));
    for (const k of ['title', 'type', 'placeholder', 'href'] as const) if (info[k] !== undefined) el.setAttr(k, info[k]);
    if (info.value !== undefined) el.value = info.value;
    el.parent = this;
    if (info.prepend) this.children.unshift(el);
    else this.children.push(el);
    callback?.(el);
    return el;
  }

  empty(): void {
    for (const child of this.children) child.parent = null;
    this.children = [];
    this.ownText = '';
  }

  setText(text: string): void {
    this.empty();
    this.ownText = text;
  }

  getText(): string {
    return this.ownText + this.children.map((c) => c.getText()).join('');
  }

  get textContent(): string {
    return this.getText();
  }

  set textContent(text: string) {
    this.setText(text);
  }

  addClass(...classes: string[]): void {
    for (const c of classes) if (c) this.classes.add(c);
  }

  removeClass(...classes: string[]): void {
    for (const c of classes) this.classes.delete(c);
  }

  toggleClass(classes: string | string[], value: boolean): void {
    for (const c of Array.isArray(classes) ? classes : [classes]) {
      if (value) this.classes.add(c);
      else this.classes.delete(c);
    }
  }

  hasClass(cls: string): boolean {
    return this.classes.has(cls);
  }

  setAttr(name: string, value: string | number | boolean | null): void {
    if (value === null) this.attrs.delete(name);
    else this.attrs.set(name, String(value));
  }

  getAttr(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.setAttr(name, value);
  }

  getAttribute(name: string): string | null {
    return this.getAttr(name);
  }

  /** Removes the element from its parent. */
  detach(): void {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
    this.parent = null;
  }

  remove(): void {
    this.detach();
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((l) => l !== listener),
    );
  }

  /** Fake-only: calls the listeners of an event type. */
  dispatch(type: string): void {
    const event: FakeEvent = {
      type,
      target: this,
      defaultPrevented: false,
      preventDefault: () => void (event.defaultPrevented = true),
    };
    for (const listener of [...(this.listeners.get(type) ?? [])]) void listener(event);
  }

  click(): void {
    this.dispatch('click');
  }

  /** Fake-only: every element below this one (depth first) that matches. */
  findAll(match: (el: FakeElement) => boolean): FakeElement[] {
    const out: FakeElement[] = [];
    for (const child of this.children) {
      if (match(child)) out.push(child);
      out.push(...child.findAll(match));
    }
    return out;
  }

  /** Fake-only: the first element below this one with the class, or null. */
  findByClass(cls: string): FakeElement | null {
    return this.findAll((el) => el.hasClass(cls))[0] ?? null;
  }
}
