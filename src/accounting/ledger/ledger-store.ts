import { extension } from '../../core/paths';
import type { VaultFileStat, VaultPort } from '../../vault/vault-port';
import type { NoteReading } from './ledger-records';

/** The fields every ledger record has, so one store serves invoices and expenses. */
export interface StoredRecord {
  path: string;
  number: string;
  idempotencyKey: string | null;
}

/** A note that cannot be used, with what is wrong in plain words. */
export interface BrokenNote<T> {
  path: string;
  problem: string;
  /** The record, when the note itself reads fine but clashes with another. */
  record?: T;
  /** The note's text, when it does not read: still searched for numbers and keys. */
  raw?: string;
}

/** A folder of ledger notes as read at one moment. */
export interface FolderSnapshot<T extends StoredRecord> {
  /** Healthy records, by path. */
  records: T[];
  byPath: Map<string, T>;
  byNumber: Map<string, T>;
  byKey: Map<string, T>;
  broken: Array<BrokenNote<T>>;
  /** Every note path in the folder, read or not. */
  paths: string[];
}

type CachedReading<T> = { state: 'ok'; record: T } | { state: 'ignored' } | { state: 'broken'; problem: string; raw: string };

interface CacheEntry<T> {
  mtime: number;
  size: number;
  reading: CachedReading<T>;
}

/** Reads at a time: enough to keep the disk busy, few enough not to flood the event loop. */
const READ_BATCH = 32;

/**
 * One folder of ledger notes with a parsed-note cache keyed by path, mtime
 * and size: a report over 10,000 notes re-reads only the notes that changed
 * since the last one. Numbers and idempotency keys must be unique across the
 * folder; notes that share one are all reported broken (which one is right
 * is the person's call, not the ledger's).
 */
export class NoteFolder<T extends StoredRecord> {
  private readonly cache = new Map<string, CacheEntry<T>>();

  constructor(
    private readonly vault: VaultPort,
    readonly folder: string,
    private readonly read: (path: string, content: string) => NoteReading<T>,
  ) {}

  /** Bumped by every write the ledger makes: a snapshot taken before it is not shared after it. */
  private generation = 0;
  private inFlight: { generation: number; promise: Promise<FolderSnapshot<T>> } | null = null;

  /** Drops a note from the cache (after the ledger writes it). */
  forget(path: string): void {
    this.cache.delete(path);
    this.generation += 1;
  }

  /** Reads one note afresh, bypassing the cache; null when it is gone. */
  async readOne(path: string): Promise<NoteReading<T> | null> {
    try {
      return this.read(path, await this.vault.read(path));
    } catch {
      return null;
    }
  }

  /**
   * The folder as it is now. Calls that arrive while one is being read, with
   * no write of the ledger in between, share it: a briefing asks a dozen
   * reports at once, and each would otherwise list the whole folder. A call
   * made after a write of the ledger (or after the shared read finished)
   * reads afresh, so hand edits and new notes are always seen.
   */
  snapshot(): Promise<FolderSnapshot<T>> {
    if (this.inFlight && this.inFlight.generation === this.generation) return this.inFlight.promise;
    const entry = { generation: this.generation, promise: this.take() };
    this.inFlight = entry;
    const clear = () => {
      if (this.inFlight === entry) this.inFlight = null;
    };
    entry.promise.then(clear, clear);
    return entry.promise;
  }

  private async take(): Promise<FolderSnapshot<T>> {
    const files = (await this.vault.list(this.folder)).filter((f) => extension(f.path) === 'md');
    const live = new Set(files.map((f) => f.path));
    for (const path of this.cache.keys()) if (!live.has(path)) this.cache.delete(path);

    const stale = files.filter((f) => {
      const hit = this.cache.get(f.path);
      return !hit || hit.mtime !== f.mtime || hit.size !== f.size;
    });
    for (let i = 0; i < stale.length; i += READ_BATCH) {
      await Promise.all(stale.slice(i, i + READ_BATCH).map((f) => this.load(f)));
    }

    const healthy: T[] = [];
    const broken: Array<BrokenNote<T>> = [];
    for (const file of files) {
      const reading = this.cache.get(file.path)?.reading;
      if (!reading || reading.state === 'ignored') continue;
      if (reading.state === 'ok') healthy.push(reading.record);
      else broken.push({ path: file.path, problem: reading.problem, raw: reading.raw });
    }
    return { ...index(healthy, broken), paths: files.map((f) => f.path) };
  }

  private async load(file: VaultFileStat): Promise<void> {
    let content: string;
    try {
      content = await this.vault.read(file.path);
    } catch {
      // Gone between the listing and the read: the next snapshot will not list it.
      this.cache.delete(file.path);
      return;
    }
    const reading = this.read(file.path, content);
    const cached: CachedReading<T> =
      reading.state === 'ok' ? { state: 'ok', record: reading.record } : reading.state === 'broken' ? { ...reading, raw: content } : reading;
    this.cache.set(file.path, { mtime: file.mtime, size: file.size, reading: cached });
  }
}

/** Indexes healthy records; the ones sharing a number or a key move to `broken`. */
function index<T extends StoredRecord>(healthy: T[], broken: Array<BrokenNote<T>>): Omit<FolderSnapshot<T>, 'paths'> {
  const clashes = new Map<string, string[]>();
  const note = (record: T, problem: string) => clashes.set(record.path, [...(clashes.get(record.path) ?? []), problem]);
  for (const [field, pick] of [
    ['number', (r: T) => r.number],
    ['idempotency_key', (r: T) => r.idempotencyKey],
  ] as const) {
    const groups = new Map<string, T[]>();
    for (const record of healthy) {
      const value = pick(record);
      if (value !== null) groups.set(value, [...(groups.get(value) ?? []), record]);
    }
    for (const [value, group] of groups) {
      if (group.length < 2) continue;
      for (const record of group) {
        const others = group.filter((r) => r !== record).map((r) => r.path);
        note(record, `${field} ${JSON.stringify(value)} is also used by ${others.join(', ')}`);
      }
    }
  }
  const records: T[] = [];
  for (const record of healthy) {
    const problems = clashes.get(record.path);
    if (problems) broken.push({ path: record.path, problem: problems.join('; '), record });
    else records.push(record);
  }
  broken.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    records,
    byPath: new Map(records.map((r) => [r.path, r])),
    byNumber: new Map(records.map((r) => [r.number, r])),
    byKey: new Map(records.filter((r) => r.idempotencyKey !== null).map((r) => [r.idempotencyKey ?? '', r])),
    broken,
  };
}
