import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import { EventBus } from '../../src/core/event-bus';
import type { EventMap, EventName } from '../../src/core/events';
import { resolveLayout, type VaultLayout } from '../../src/core/layout';
import { AuditLog } from '../../src/core/logs/audit-log';
import { ErrorLog } from '../../src/core/logs/error-log';
import type { AuditEntry, ErrorEntry } from '../../src/core/logs/log-types';
import { defaultSettings, type Settings } from '../../src/core/settings';
import { Completion } from '../../src/vault/completion';
import type { Sleep } from '../../src/vault/file-settle';
import { splitNote } from '../../src/vault/frontmatter';
import { FsVault } from '../../src/vault/fs-vault';
import { initVault } from '../../src/vault/init-vault';
import { Triage } from '../../src/vault/triage';
import type { Frontmatter } from '../../src/vault/vault-port';

/** Noon UTC: the same calendar day in every timezone from UTC-11 to UTC+11. */
export const START = '2026-02-20T12:00:00Z';

/** Bytes of a tiny but real one-page PDF. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A 1x1 PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Seen = { [E in EventName]: { event: E; payload: EventMap[E] } }[EventName];

/**
 * A real vault on a temp folder with the real logs, bus and triage wired the
 * way the runtime wires them, plus plain-fs helpers for asserting on bytes.
 */
export class TriageHarness {
  readonly dir: string;
  readonly vault: FsVault;
  readonly clock = new ManualClock(START);
  readonly bus = new EventBus();
  readonly settings: Settings;
  readonly layout: VaultLayout;
  readonly audit: AuditLog;
  readonly errors: ErrorLog;
  readonly events: Seen[] = [];
  /** What the triage's sleep was asked to wait, and a hook to act meanwhile. */
  readonly sleeps: number[] = [];
  onSleep: (ms: number) => void = () => undefined;
  readonly sleep: Sleep = async (ms) => {
    this.sleeps.push(ms);
    this.onSleep(ms);
  };
  triage: Triage;
  completion: Completion;

  constructor(settingsPatch: (s: Settings) => void = () => undefined) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-triage-'));
    this.vault = new FsVault(this.dir);
    this.settings = defaultSettings();
    settingsPatch(this.settings);
    this.layout = resolveLayout(this.settings);
    this.audit = new AuditLog({ vault: this.vault, path: this.layout.auditLog, clock: this.clock });
    this.errors = new ErrorLog({ vault: this.vault, path: this.layout.errorLog, clock: this.clock, bus: this.bus });
    for (const name of ['vault.task.new', 'vault.task.triaged', 'vault.task.completed'] as const) {
      this.bus.on(name, (payload) => {
        this.events.push({ event: name, payload } as Seen);
      });
    }
    this.triage = this.newTriage();
    this.completion = new Completion(this.deps());
  }

  deps() {
    return { vault: this.vault, layout: this.layout, clock: this.clock, bus: this.bus, audit: this.audit, errors: this.errors, settings: this.settings };
  }

  /** A fresh Triage, as after a restart. */
  newTriage(): Triage {
    return new Triage({ ...this.deps(), sleep: this.sleep });
  }

  async init(): Promise<void> {
    await initVault({ vault: this.vault, layout: this.layout, clock: this.clock });
  }

  abs(vaultPath: string): string {
    return path.join(this.dir, ...vaultPath.split('/'));
  }

  /** Drops a file into the inbox, last modified an hour before the clock unless told otherwise. */
  drop(name: string, content: string | Uint8Array, mtime: Date = new Date(this.clock.now().getTime() - 3_600_000)): string {
    return this.put(`Inbox/${name}`, content, mtime);
  }

  put(vaultPath: string, content: string | Uint8Array, mtime?: Date): string {
    const abs = this.abs(vaultPath);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    if (mtime) fs.utimesSync(abs, mtime, mtime);
    return vaultPath;
  }

  exists(vaultPath: string): boolean {
    return fs.existsSync(this.abs(vaultPath));
  }

  bytes(vaultPath: string): Buffer {
    return fs.readFileSync(this.abs(vaultPath));
  }

  text(vaultPath: string): string {
    return fs.readFileSync(this.abs(vaultPath), 'utf8');
  }

  frontmatter(vaultPath: string): Frontmatter {
    return splitNote(this.text(vaultPath)).frontmatter;
  }

  /** File names directly in a folder, dot-files left out. */
  files(folder: string): string[] {
    const abs = this.abs(folder);
    if (!fs.existsSync(abs)) return [];
    return fs
      .readdirSync(abs)
      .filter((n) => !n.startsWith('.') && fs.statSync(path.join(abs, n)).isFile())
      .sort();
  }

  private lines<T>(vaultPath: string): T[] {
    if (!this.exists(vaultPath)) return [];
    return this.text(vaultPath)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
  }

  auditLines(): AuditEntry[] {
    return this.lines<AuditEntry>(this.layout.auditLog);
  }

  errorLines(): ErrorEntry[] {
    return this.lines<ErrorEntry>(this.layout.errorLog);
  }

  eventsOf<E extends EventName>(name: E): EventMap[E][] {
    return this.events.filter((e) => e.event === name).map((e) => e.payload as EventMap[E]);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
