/**
 * A real runtime on a temporary vault for the agent's end-to-end tests:
 * FsVault, a ManualClock, the real bus, logs, triage, agent and books (the
 * vault ledger, or the test Odoo when `env` names one). `restart()` builds a
 * fresh runtime on the same folder, as a new process would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import type { EventMap, EventName } from '../../src/core/events';
import { Runtime } from '../../src/core/runtime';
import { MapSecrets } from '../../src/core/secrets';
import { parseSettings, type Settings } from '../../src/core/settings';
import type { TaskState } from '../../src/agent/task-state';
import { joinNote, splitNote } from '../../src/vault/frontmatter';
import { FsVault } from '../../src/vault/fs-vault';
import { makeDeviceIdentity } from '../../src/vault/runner-lease';
import { VaultFiles } from '../support/vault-files';
import type { VaultPort } from '../../src/vault/vault-port';

export interface AgentHarnessOptions {
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Noon UTC by default: the same calendar day in every time zone from UTC-11 to UTC+11. */
  start?: string;
  /** Fields to set in Company_Handbook.md's frontmatter after init. */
  handbook?: Record<string, unknown>;
  /** Wraps the vault the runtime uses (to inject failures). */
  wrapVault?: (vault: FsVault) => VaultPort;
}

export const WHATSAPP_EXAMPLE = ['---', 'type: whatsapp', 'from: "+1 555 0100 (Client ABC)"', 'received: 2026-02-20T10:30:00Z', '---', 'Completed project for Client ABC, $10000. Can you send the invoice this week?', ''].join('\n');

export interface SeenEvent {
  name: EventName;
  payload: unknown;
}

const WATCHED: EventName[] = ['approval.requested', 'approval.decided', 'agent.loop.finished', 'agent.notification', 'vault.task.completed', 'odoo.invoice.created'];

export class AgentHarness extends VaultFiles {
  readonly clock: ManualClock;
  readonly settings: Settings;
  runtime!: Runtime;
  events: SeenEvent[] = [];

  constructor(private readonly options: AgentHarnessOptions = {}) {
    super(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-agent-')));
    this.clock = new ManualClock(options.start ?? '2026-02-20T12:00:00Z');
    this.settings = parseSettings(options.settings ?? {});
    this.build(options.wrapVault);
  }

  async init(): Promise<this> {
    await this.runtime.start();
    if (this.options.handbook) {
      const handbook = 'Company_Handbook.md';
      const { frontmatter, body } = splitNote(this.read(handbook));
      this.write(handbook, joinNote({ ...frontmatter, ...this.options.handbook }, body));
    }
    return this;
  }

  /** A new runtime on the same folder and clock, as after a restart (with another failure wrapper, or none). */
  async restart(wrapVault?: (vault: FsVault) => VaultPort): Promise<Runtime> {
    await this.runtime.stop().catch(() => undefined);
    this.build(wrapVault);
    await this.runtime.start();
    return this.runtime;
  }

  private build(wrap?: (vault: FsVault) => VaultPort): void {
    const fsVault = new FsVault(this.dir);
    this.runtime = new Runtime({
      settings: this.settings,
      vault: wrap ? wrap(fsVault) : fsVault,
      secrets: new MapSecrets(this.options.env ?? {}),
      identity: makeDeviceIdentity('daemon', 'test-device', { deviceName: 'Test' }),
      clock: this.clock,
      sleep: () => Promise.resolve(),
    });
    for (const name of WATCHED) this.runtime.bus.on(name, (payload) => void this.events.push({ name, payload }));
  }

  eventsNamed<E extends EventName>(name: E): EventMap[E][] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as EventMap[E]);
  }

  /** Drops an item into the inbox, last modified a minute before the clock. */
  drop(name: string, content: string): void {
    const abs = this.abs(`Inbox/${name}`);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    const past = new Date(this.clock.now().getTime() - 60_000);
    fs.utimesSync(abs, past, past);
  }

  /** `once`: every job, in order (triage, the agent, completion, sync, dashboard). */
  async once(): Promise<void> {
    const tick = await this.runtime.runOnce();
    const failed = tick.results.filter((r) => r.outcome === 'failure');
    if (failed.length) throw new Error(`jobs failed: ${failed.map((f) => `${f.id}: ${f.error ?? ''}`).join('; ')}`);
  }

  /** Edits frontmatter in place the way a person in Obsidian would (a plain text edit). */
  editFm(vaultPath: string, edit: (fm: Record<string, unknown>) => void): void {
    const { frontmatter, body } = splitNote(this.read(vaultPath));
    edit(frontmatter);
    this.write(vaultPath, joinNote(frontmatter, body));
  }

  /** Moves a note to another folder, as a drag in the file explorer would. */
  move(vaultPath: string, folder: string): string {
    const to = `${folder}/${path.posix.basename(vaultPath)}`;
    fs.mkdirSync(path.dirname(this.abs(to)), { recursive: true });
    fs.renameSync(this.abs(vaultPath), this.abs(to));
    return to;
  }

  /** The one note in a folder whose name starts with `prefix`; fails loudly otherwise. */
  only(folder: string, prefix = ''): string {
    const found = this.notes(folder).filter((n) => n.startsWith(prefix));
    if (found.length !== 1) throw new Error(`expected one note starting with "${prefix}" in ${folder}, found: ${found.join(', ') || 'none'}`);
    return `${folder}/${found[0] ?? ''}`;
  }

  auditActions(action: string): Record<string, unknown>[] {
    return this.audit().filter((e) => e.action === action);
  }

  ralph(): Record<string, unknown>[] {
    return this.jsonl('Logs/ralph_wiggum_log.jsonl');
  }

  /** Every saved task state. */
  states(): TaskState[] {
    const folder = this.abs('Logs/state/agent');
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as TaskState);
  }

  /** The only task state; fails loudly when there is not exactly one. */
  state(): TaskState {
    const all = this.states();
    if (all.length !== 1) throw new Error(`expected one task state, found ${all.length}`);
    return all[0] as TaskState;
  }

  async cleanup(): Promise<void> {
    await this.runtime.stop().catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Checks the Ralph log of one loop against the spec: every iteration logs
 * READ, REASON, PLAN, ACT and CHECK in that order (REASON may add notes),
 * iterations go up by one, and every line has the spec's fields.
 */
export function expectCompleteLoopLog(lines: Record<string, unknown>[], loopId: string, iterations: number): void {
  const mine = lines.filter((l) => l.loop_id === loopId);
  for (const line of mine) {
    const shape = { timestamp: typeof line.timestamp, iteration: typeof line.iteration, phase: typeof line.phase, action: typeof line.action, outcome: typeof line.outcome, next_phase: typeof line.next_phase, duration_ms: typeof line.duration_ms };
    expect(shape).toEqual({ timestamp: 'string', iteration: 'number', phase: 'string', action: 'string', outcome: 'string', next_phase: 'string', duration_ms: 'number' });
    expect(line.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  }
  const byIteration = new Map<number, string[]>();
  for (const line of mine) byIteration.set(line.iteration as number, [...(byIteration.get(line.iteration as number) ?? []), line.phase as string]);
  expect([...byIteration.keys()]).toEqual(Array.from({ length: iterations }, (_, i) => i + 1));
  for (const phases of byIteration.values()) {
    const distinct = phases.filter((p, i) => p !== phases[i - 1]);
    expect(distinct).toEqual(['READ', 'REASON', 'PLAN', 'ACT', 'CHECK']);
  }
}
