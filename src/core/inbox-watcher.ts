import type { VaultChange, VaultPort } from '../vault/vault-port';
import { dirname, normalizeVaultPath } from './paths';

export interface InboxWatcherOptions {
  vault: VaultPort;
  inbox: string;
  /** Quiet time after the last change to a file before it is handed over. */
  settleMs: number;
  /** Called with files that have stopped changing; batches never overlap. */
  onReady: (paths: string[]) => Promise<void>;
  onError: (error: unknown) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Turns the vault's change events for the inbox into batches of files that
 * are ready to triage: each file is handed over once it has been quiet for
 * `settleMs`, and batches run one at a time so a burst of drops is taken in
 * order with nothing lost. Files that arrive while a batch runs wait for the next.
 */
export class InboxWatcher {
  private unsubscribe: (() => void) | null = null;
  private readonly timers = new Map<string, unknown>();
  private readonly ready = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly inbox: string;

  constructor(private readonly options: InboxWatcherOptions) {
    this.inbox = normalizeVaultPath(options.inbox);
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.options.vault.watch(this.inbox, (change) => this.onChange(change));
  }

  /** Stops watching and resolves once the batch in progress, if any, has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const clear = this.options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
    for (const handle of this.timers.values()) clear(handle);
    this.timers.clear();
    // Files that settled but were not handed over yet stay in the inbox for the next triage run.
    this.ready.clear();
    await this.chain;
  }

  private onChange(change: VaultChange): void {
    if (this.stopped || change.type === 'delete') return;
    // Only items directly in the inbox; sub-folders are the user's own.
    if (dirname(change.path) !== this.inbox) return;
    const set = this.options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    const clear = this.options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const previous = this.timers.get(change.path);
    if (previous !== undefined) clear(previous);
    this.timers.set(
      change.path,
      set(() => {
        this.timers.delete(change.path);
        this.ready.add(change.path);
        this.flush();
      }, this.options.settleMs),
    );
  }

  private flush(): void {
    this.chain = this.chain.then(async () => {
      // A batch queued behind the one in progress is dropped once stopped: stop() promises only to finish that one.
      if (this.stopped || this.ready.size === 0) return;
      const batch = [...this.ready];
      this.ready.clear();
      try {
        await this.options.onReady(batch);
      } catch (error) {
        // A throwing onError must not reject the chain: every later batch would be skipped.
        try {
          this.options.onError(error);
        } catch {
          // Nothing left to tell.
        }
      }
    });
  }
}
