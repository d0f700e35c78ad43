/**
 * A SkillContext over a real temporary vault (FsVault) and the vault ledger,
 * with real audit and error logs and a bus whose events are recorded, for
 * the skill and approval-policy tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AccountingPort } from '../../src/accounting/accounting-port';
import { VaultLedger } from '../../src/accounting/ledger/vault-ledger';
import { ManualClock } from '../../src/core/clock';
import { EventBus } from '../../src/core/event-bus';
import type { EventMap } from '../../src/core/events';
import { resolveLayout, type VaultLayout } from '../../src/core/layout';
import { AuditLog } from '../../src/core/logs/audit-log';
import { ErrorLog } from '../../src/core/logs/error-log';
import { defaultSettings } from '../../src/core/settings';
import { Notifier } from '../../src/agent/notifier';
import type { SkillContext, TaskRef } from '../../src/agent/skills/skill';
import { FsVault } from '../../src/vault/fs-vault';
import { HANDBOOK_DEFAULTS, type HandbookThresholds } from '../../src/vault/handbook';
import { VaultFiles } from '../support/vault-files';

export const TASK: TaskRef = {
  path: 'Needs_Action/whatsapp_2026-02-20_completed-project.md',
  plan: 'Plans/Plan_whatsapp_2026-02-20_completed-project.md',
  title: 'Completed project for Client ABC',
  triggerId: 'trg-20260220-test',
  type: 'whatsapp',
  from: '+1 555 0100 (Client ABC)',
};

export class SkillKit extends VaultFiles {
  readonly vault: FsVault;
  readonly layout: VaultLayout = resolveLayout(defaultSettings());
  readonly clock = new ManualClock('2026-02-20T12:00:00Z');
  readonly bus = new EventBus();
  readonly notifications: Array<EventMap['agent.notification']> = [];
  readonly ledger: VaultLedger;
  readonly notifier: Notifier;

  constructor() {
    super(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-skills-')));
    this.vault = new FsVault(this.dir);
    this.ledger = new VaultLedger({ vault: this.vault, layout: this.layout, clock: this.clock, currency: 'USD' });
    const audit = new AuditLog({ vault: this.vault, path: this.layout.auditLog, clock: this.clock });
    const errors = new ErrorLog({ vault: this.vault, path: this.layout.errorLog, clock: this.clock, bus: this.bus });
    this.notifier = new Notifier({ audit, errors, bus: this.bus });
    this.bus.on('agent.notification', (n) => void this.notifications.push(n));
  }

  /** A context for one step; `books` may be replaced (e.g. by one that fails). */
  ctx(overrides: { handbook?: Partial<HandbookThresholds>; key?: string; books?: () => Promise<AccountingPort>; task?: Partial<TaskRef> } = {}): SkillContext {
    return {
      books: overrides.books ?? (() => Promise.resolve(this.ledger)),
      vault: this.vault,
      layout: this.layout,
      clock: this.clock,
      handbook: { ...HANDBOOK_DEFAULTS, known_contacts: [], ...overrides.handbook },
      notifier: this.notifier,
      task: { ...TASK, ...overrides.task },
      idempotencyKey: overrides.key ?? 'trg-20260220-test:1:odoo_create_invoice',
    };
  }

  /** A posted invoice for a client (issued today), made outside any skill. */
  async postedInvoice(client: string, amount: number, key: string): Promise<string> {
    const { invoice } = await this.ledger.createInvoice({ client, lines: [{ description: 'Work', quantity: 1, unitPrice: amount }], idempotencyKey: key });
    const posted = await this.ledger.postInvoice(invoice.id);
    return posted.number ?? posted.id;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Books whose every call fails, as when Odoo is down. */
export function brokenBooks(message = 'Odoo is unreachable'): () => Promise<AccountingPort> {
  const fail = () => Promise.reject(new Error(message));
  // Not a thenable (no `then`), or awaiting the books would hang.
  return () => Promise.resolve(new Proxy({} as AccountingPort, { get: (_target, prop) => (prop === 'then' ? undefined : fail) }));
}
