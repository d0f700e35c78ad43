import type { EventMap, EventName } from './events';

export type Handler<E extends EventName> = (payload: EventMap[E]) => void | Promise<void>;

/** Where the bus reports a handler that threw; the error log plugs in here. */
export type HandlerFailureSink = (event: EventName, error: unknown) => void;

/**
 * Typed in-process pub/sub. A failing handler, sync or async, is reported to
 * the failure sink and never stops the emitter or the other handlers.
 */
export class EventBus {
  private readonly handlers = new Map<EventName, Set<Handler<never>>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private onHandlerFailure: HandlerFailureSink = () => undefined) {}

  /** Late binding: the error log needs the bus and the bus needs the error log. */
  setFailureSink(sink: HandlerFailureSink): void {
    this.onHandlerFailure = sink;
  }

  /** Subscribes and returns the function that unsubscribes. */
  on<E extends EventName>(event: E, handler: Handler<E>): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        const result = (handler as Handler<E>)(payload);
        if (result instanceof Promise) {
          const tracked = result.catch((error: unknown) => this.report(event, error));
          this.pending.add(tracked);
          void tracked.finally(() => this.pending.delete(tracked));
        }
      } catch (error) {
        this.report(event, error);
      }
    }
  }

  /** Resolves when every async handler started so far has settled. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  listenerCount(event: EventName): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  private report(event: EventName, error: unknown): void {
    try {
      this.onHandlerFailure(event, error);
    } catch {
      // The sink itself failed: nothing left to tell, and the emitter must go on.
    }
  }
}
