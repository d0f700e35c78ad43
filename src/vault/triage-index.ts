import { z } from 'zod';
import type { VaultLayout } from '../core/layout';
import { joinVaultPath } from '../core/paths';
import { splitNote } from './frontmatter';
import { jsonlLines, toJsonLine } from '../core/logs/jsonl-log';
import type { VaultPort } from './vault-port';

const entrySchema = z.object({
  task: z.string(),
  trigger_id: z.string(),
  sha256: z.string(),
  original_name: z.string(),
  triaged: z.string(),
});

/** What the index remembers about one triaged item. */
export type TriageIndexEntry = z.infer<typeof entrySchema>;

/** `Logs/state/triage_index.jsonl`: one line per triaged item, appended. */
export function triageIndexPath(layout: VaultLayout): string {
  return joinVaultPath(layout.stateDir, 'triage_index.jsonl');
}

/** The key of an item: its content hash and its original name. */
export function indexKey(sha256: string, originalName: string): string {
  return `${sha256}:${originalName}`;
}

/**
 * Remembers which inbox items became which tasks, so triage never makes a
 * second task for the same item. The index is a cache of what the task notes
 * themselves say (`trigger_id`, `sha256`, `original_name` in their
 * frontmatter): when it is missing or damaged it is rebuilt from the notes
 * in Needs_Action and Done, so losing it loses nothing.
 *
 * It is append-only JSON lines, read once and then held in memory: adding an
 * item costs one appended line, not a rewrite, so triaging N items stays
 * O(N). Only the runner that holds the lease triages, so nobody else writes it.
 */
export class TriageIndex {
  private byKey = new Map<string, TriageIndexEntry>();
  private bySha = new Map<string, TriageIndexEntry>();
  private byTrigger = new Map<string, TriageIndexEntry>();
  private loaded = false;

  constructor(
    private readonly vault: VaultPort,
    private readonly layout: VaultLayout,
  ) {}

  /** Loads the index once; rebuilds it from the task notes when it is gone or damaged. */
  async load(): Promise<void> {
    if (this.loaded) return;
    const path = triageIndexPath(this.layout);
    const stat = await this.vault.stat(path);
    this.clear();
    let damaged = !stat;
    if (stat) {
      for (const line of jsonlLines(await this.vault.read(path))) {
        const parsed = line.value ? entrySchema.safeParse(line.value) : null;
        if (parsed?.success) this.remember(parsed.data);
        else damaged = true;
      }
    }
    if (damaged) {
      // Missing, or hurt by a sync conflict or a hand edit: the notes still know the truth.
      for (const entry of await this.rebuildFromNotes()) this.remember(entry);
      await this.rewrite();
    }
    this.loaded = true;
  }

  /** The earlier task for the same item: same name and content, or the same content under another name. */
  findDuplicate(sha256: string, originalName: string, triggerId: string): TriageIndexEntry | null {
    return this.byKey.get(indexKey(sha256, originalName)) ?? this.bySha.get(sha256) ?? this.byTrigger.get(triggerId) ?? null;
  }

  /** Records a new task and appends it at once, so a crash right after cannot lose it. */
  async add(entry: TriageIndexEntry): Promise<void> {
    this.remember(entry);
    const line = `${toJsonLine(entry)}\n`;
    await this.vault.append(triageIndexPath(this.layout), line);
  }

  /**
   * Marks an item as being triaged, in memory only, so a copy of it checked
   * meanwhile is seen as a duplicate. Returns the function that withdraws the
   * claim when writing the task fails; `add` replaces it when it succeeds.
   */
  claim(entry: TriageIndexEntry): () => void {
    this.remember(entry);
    return () => {
      const key = indexKey(entry.sha256, entry.original_name);
      if (this.byKey.get(key) === entry) this.byKey.delete(key);
      if (this.bySha.get(entry.sha256) === entry) this.bySha.delete(entry.sha256);
      if (this.byTrigger.get(entry.trigger_id) === entry) this.byTrigger.delete(entry.trigger_id);
    };
  }

  get size(): number {
    return this.byKey.size;
  }

  private remember(entry: TriageIndexEntry): void {
    this.byKey.set(indexKey(entry.sha256, entry.original_name), entry);
    // The first task for a content wins; a claim (empty task) gives way to the real entry.
    const bySha = this.bySha.get(entry.sha256);
    if (!bySha || bySha.task === '') this.bySha.set(entry.sha256, entry);
    const byTrigger = this.byTrigger.get(entry.trigger_id);
    if (!byTrigger || byTrigger.task === '') this.byTrigger.set(entry.trigger_id, entry);
  }

  private clear(): void {
    this.byKey.clear();
    this.bySha.clear();
    this.byTrigger.clear();
  }

  private async rewrite(): Promise<void> {
    const content = [...this.byKey.values()].map((e) => `${toJsonLine(e)}\n`).join('');
    await this.vault.write(triageIndexPath(this.layout), content);
  }

  private async rebuildFromNotes(): Promise<TriageIndexEntry[]> {
    const items: TriageIndexEntry[] = [];
    for (const folder of [this.layout.needsAction, this.layout.done]) {
      for (const file of await this.vault.list(folder)) {
        if (!file.path.endsWith('.md')) continue;
        const entry = await this.entryFromNote(file.path);
        if (entry) items.push(entry);
      }
    }
    return items;
  }

  private async entryFromNote(path: string): Promise<TriageIndexEntry | null> {
    try {
      const fm = splitNote(await this.vault.read(path)).frontmatter;
      const { trigger_id: triggerId, sha256, original_name: originalName } = fm;
      if (typeof triggerId !== 'string' || typeof sha256 !== 'string') return null;
      const triaged = typeof fm.triaged === 'string' ? fm.triaged : typeof fm.received === 'string' ? fm.received : '';
      return { task: joinVaultPath(path), trigger_id: triggerId, sha256, original_name: typeof originalName === 'string' ? originalName : '', triaged };
    } catch {
      // A note the owner broke is not ours to judge here; it just cannot vouch for an item.
      return null;
    }
  }
}
