import { z } from 'zod';
import type { VaultLayout } from '../core/layout';
import { joinVaultPath } from '../core/paths';
import { splitNote } from './frontmatter';
import type { VaultPort } from './vault-port';

const entrySchema = z.object({
  task: z.string(),
  trigger_id: z.string(),
  sha256: z.string(),
  original_name: z.string(),
  triaged: z.string(),
});

const indexSchema = z.object({
  version: z.literal(1),
  items: z.record(z.string(), entrySchema),
});

/** What the index remembers about one triaged item. */
export type TriageIndexEntry = z.infer<typeof indexSchema>['items'][string];

/** `Logs/state/triage_index.json` */
export function triageIndexPath(layout: VaultLayout): string {
  return joinVaultPath(layout.stateDir, 'triage_index.json');
}

/** The key of an item: its content hash and its original name. */
export function indexKey(sha256: string, originalName: string): string {
  return `${sha256}:${originalName}`;
}

/**
 * Remembers which inbox items became which tasks, so triage never makes a
 * second task for the same item. The index is a cache of what the task notes
 * themselves say (`trigger_id`, `sha256`, `original_name` in their
 * frontmatter): when it is missing or unreadable it is rebuilt from the notes
 * in Needs_Action and Done, so losing it loses nothing.
 */
export class TriageIndex {
  private items: Record<string, TriageIndexEntry> = {};
  /** True when the last load had to rebuild the index from the notes. */
  rebuilt = false;

  constructor(
    private readonly vault: VaultPort,
    private readonly layout: VaultLayout,
  ) {}

  /** Loads the index, rebuilding it from the task notes when it is gone or damaged. */
  async load(): Promise<void> {
    const path = triageIndexPath(this.layout);
    this.rebuilt = false;
    if (await this.vault.exists(path)) {
      try {
        this.items = indexSchema.parse(JSON.parse(await this.vault.read(path))).items;
        return;
      } catch {
        // Damaged (a sync conflict, a hand edit): the notes still know the truth.
      }
    }
    this.items = await this.rebuildFromNotes();
    this.rebuilt = true;
    await this.save();
  }

  /** The earlier task for the same item: same name and content, or the same content under another name. */
  findDuplicate(sha256: string, originalName: string, triggerId: string): TriageIndexEntry | null {
    const exact = this.items[indexKey(sha256, originalName)];
    if (exact) return exact;
    for (const entry of Object.values(this.items)) {
      if (entry.sha256 === sha256 || entry.trigger_id === triggerId) return entry;
    }
    return null;
  }

  /** Records a new task and saves at once, so a crash right after cannot lose it. */
  async add(entry: TriageIndexEntry): Promise<void> {
    this.items[indexKey(entry.sha256, entry.original_name)] = entry;
    await this.save();
  }

  get size(): number {
    return Object.keys(this.items).length;
  }

  private async save(): Promise<void> {
    const data = { version: 1 as const, items: this.items };
    await this.vault.write(triageIndexPath(this.layout), `${JSON.stringify(data, null, 2)}\n`);
  }

  private async rebuildFromNotes(): Promise<Record<string, TriageIndexEntry>> {
    const items: Record<string, TriageIndexEntry> = {};
    for (const folder of [this.layout.needsAction, this.layout.done]) {
      for (const file of await this.vault.list(folder)) {
        if (!file.path.endsWith('.md')) continue;
        const entry = await this.entryFromNote(file.path);
        if (entry) items[indexKey(entry.sha256, entry.original_name)] = entry;
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
