/**
 * Obsidian's `Events`: named listeners, `EventRef`s for `offref` and
 * `Component.registerEvent`. A throwing listener does not stop the others;
 * Obsidian logs it, the fake records it in {@link listenerErrors}.
 */

/** What `on` returns; opaque in Obsidian's types, carries its emitter here. */
export interface EventRef {
  /** The emitter, so `offref` works from any `Events`. */
  e: Events;
  name: string;
  fn: (...data: unknown[]) => unknown;
  ctx?: unknown;
}

/** Errors thrown by listeners, for tests that want none (Obsidian only logs them). */
export const listenerErrors: unknown[] = [];

export class Events {
  private readonly handlers = new Map<string, EventRef[]>();

  on(name: string, callback: (...data: unknown[]) => unknown, ctx?: unknown): EventRef {
    const ref: EventRef = { e: this, name, fn: callback, ctx };
    const list = this.handlers.get(name) ?? [];
    list.push(ref);
    this.handlers.set(name, list);
    return ref;
  }

  off(name: string, callback: (...data: unknown[]) => unknown): void {
    const list = this.handlers.get(name);
    if (!list) return;
    this.handlers.set(
      name,
      list.filter((ref) => ref.fn !== callback),
    );
  }

  offref(ref: EventRef): void {
    const list = ref.e.handlers.get(ref.name);
    if (!list) return;
    ref.e.handlers.set(
      ref.name,
      list.filter((r) => r !== ref),
    );
  }

  trigger(name: string, ...data: unknown[]): void {
    // A copy: listeners may unsubscribe while being called.
    for (const ref of [...(this.handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
  }

  tryTrigger(evt: EventRef, args: unknown[]): void {
    try {
      evt.fn.apply(evt.ctx, args);
    } catch (error) {
      listenerErrors.push(error);
    }
  }

  /** Fake-only: how many listeners an event has, to check that unsubscribing worked. */
  listenerCount(name: string): number {
    return this.handlers.get(name)?.length ?? 0;
  }
}
