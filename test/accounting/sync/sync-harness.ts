/**
 * A real runtime on a temporary vault folder for the accounting sync tests:
 * FsVault, ManualClock, the real EventBus, logs and books (the vault ledger,
 * or Odoo when the settings name one). `restart()` builds a fresh runtime on
 * the same folder, as a new process would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../../../src/core/clock';
import type { EventMap, EventName } from '../../../src/core/events';
import { Runtime } from '../../../src/core/runtime';
import { MapSecrets } from '../../../src/core/secrets';
import { parseSettings, type Settings } from '../../../src/core/settings';
import { FsVault } from '../../../src/vault/fs-vault';
import { makeDeviceIdentity } from '../../../src/vault/runner-lease';
import { VaultFiles } from '../../support/vault-files';

export interface HarnessOptions {
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  start?: string;
}

export interface SeenEvent<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

const WATCHED: EventName[] = ['odoo.invoice.created', 'odoo.invoice.overdue', 'odoo.sync.complete', 'odoo.connection.failed'];

export class SyncHarness extends VaultFiles {
  readonly clock: ManualClock;
  readonly settings: Settings;
  runtime!: Runtime;
  events: SeenEvent[] = [];

  constructor(private readonly options: HarnessOptions = {}) {
    super(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-sync-')));
    this.clock = new ManualClock(options.start ?? '2026-02-20T12:00:00Z');
    this.settings = parseSettings(options.settings ?? {});
    this.build();
  }

  /** A new runtime on the same folder and clock: what a restart of the app sees. */
  async restart(): Promise<Runtime> {
    await this.runtime.stop();
    this.build();
    await this.runtime.start();
    return this.runtime;
  }

  private build(): void {
    this.runtime = new Runtime({
      settings: this.settings,
      vault: new FsVault(this.dir),
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

  async cleanup(): Promise<void> {
    await this.runtime.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A task note as triage leaves it in Needs_Action (trigger_id and all), asking for an invoice. */
export function taskNote(fields: Record<string, unknown>, body = '# Invoice for the website work\n\nPlease bill the client. #accounting\n'): string {
  const lines = Object.entries({ type: 'manual', status: 'pending', priority: 'high', ...fields }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}
