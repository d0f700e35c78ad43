import type { VaultPort } from './vault-port';

/**
 * Remembers which problems were already reported, so a job that runs every
 * few minutes tells the owner once, not every run. A problem is keyed by the
 * note it is about; its signature changes when the note or the problem does,
 * which makes a new problem reportable again. Kept in a small JSON file in
 * the state folder so a restart does not repeat old reports.
 */
export class ReportedProblems {
  private entries: Record<string, string> | null = null;
  private dirty = false;

  constructor(
    private readonly vault: VaultPort,
    private readonly path: string,
  ) {}

  /** True the first time this (key, signature) pair is seen; records it. */
  async shouldReport(key: string, signature: string): Promise<boolean> {
    const entries = await this.load();
    if (entries[key] === signature) return false;
    entries[key] = signature;
    this.dirty = true;
    return true;
  }

  /** The note is fine now: a later problem with it is news again. */
  async clear(key: string): Promise<void> {
    const entries = await this.load();
    if (!(key in entries)) return;
    delete entries[key];
    this.dirty = true;
  }

  /** Writes the memory if anything changed, and drops the cache so the next run re-reads it. */
  async flush(): Promise<void> {
    if (this.dirty && this.entries) await this.vault.write(this.path, `${JSON.stringify(this.entries, null, 2)}\n`);
    this.dirty = false;
    this.entries = null;
  }

  private async load(): Promise<Record<string, string>> {
    if (this.entries) return this.entries;
    this.entries = {};
    try {
      if (await this.vault.exists(this.path)) {
        const parsed: unknown = JSON.parse(await this.vault.read(this.path));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') this.entries[k] = v;
        }
      }
    } catch {
      // A damaged memory only means a problem may be reported one more time.
    }
    return this.entries;
  }
}
