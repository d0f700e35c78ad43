/**
 * Triage: turns every file directly inside the inbox into a task in
 * Needs_Action/ with a checklist plan in Plans/.
 *
 * What happens to the original, and why:
 * - A Markdown note is moved into Needs_Action/ and becomes the task itself.
 *   Triage adds its properties (type, status, priority, trigger_id, links …),
 *   a heading if it had none and a footer linking the plan; the owner's text
 *   and own properties stay. One note per item: nothing to keep in sync.
 * - Any other file (PDF, photo, spreadsheet …) is moved, unchanged, to
 *   Needs_Action/attachments/ under a safe name, and a task note beside it
 *   embeds it and records its size, type and SHA-256.
 * - Bad input (see bad-input.ts) and duplicates of items already triaged go
 *   to Quarantine/ with a `.why.md` note in plain words.
 * The inbox empties either way, and nothing is ever deleted or overwritten.
 *
 * Re-running is safe: a triage index (rebuilt from the task notes if lost)
 * recognises an item that was triaged before. A file still being written is
 * left for the next run.
 */
import { isoWithOffset, type Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import { basename, dirname, joinVaultPath, stem } from '../core/paths';
import type { Settings } from '../core/settings';
import type { BadInput, BadInputKind } from './bad-input';
import { realSleep, waitUntilSettled, type Sleep } from './file-settle';
import { readInboxItem, type InboxItem } from './inbox-item-reader';
import { itemFacts } from './item-facts';
import { quarantineItem } from './quarantine';
import type { Priority, TaskType } from './task-classifier';
import { TriageIndex } from './triage-index';
import { writeTask } from './task-writer';
import type { VaultPort } from './vault-port';

/** The status of a task handed back to the inbox by the agent (see agent/loop-finish.ts). */
export const NEEDS_ATTENTION = 'needs_attention';

/** What triage needs, injected by the runtime. */
export interface TriageDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  bus: EventBus;
  audit: AuditLogger;
  errors: ErrorLogger;
  settings: Settings;
  /** How to wait between looks at a file still being written; tests pass their own. */
  sleep?: Sleep;
}

/** Why an inbox file was left alone this time (it stays in the inbox). */
export type SkipReason = 'not-in-inbox' | 'hidden' | 'temporary' | 'still-being-written' | 'gone' | 'busy' | 'needs-attention';

/** What happened to one inbox file. */
export type TriageOutcome =
  | { status: 'triaged'; original: string; task: string; plan: string; type: TaskType; priority: Priority; triggerId: string; attachment?: string }
  | { status: 'duplicate'; original: string; quarantined: string; whyNote: string; duplicateOf: string }
  | { status: 'quarantined'; original: string; quarantined: string; whyNote: string; kind: BadInputKind }
  | { status: 'skipped'; original: string; reason: SkipReason }
  | { status: 'failed'; original: string; error: string };

type Of<S extends TriageOutcome['status']> = Extract<TriageOutcome, { status: S }>;

/** What one pass over the inbox did, item by item. */
export interface TriageReport {
  triaged: Of<'triaged'>[];
  duplicates: Of<'duplicate'>[];
  quarantined: Of<'quarantined'>[];
  skipped: Of<'skipped'>[];
  failed: Of<'failed'>[];
}

/** How many inbox items one pass works on at once. */
const TRIAGE_CONCURRENCY = 8;

/** Partial downloads and editor leftovers: someone is still working on these. */
const TEMPORARY_NAME = /(~|\.(crdownload|part|partial|download|tmp|temp|swp|lock))$|^(thumbs\.db|desktop\.ini)$/i;

/** Inbox triage; see the top of this file for what happens to each item. */
export class Triage {
  private readonly index: TriageIndex;
  private readonly sleep: Sleep;
  /** One item at a time through the duplicate check, so the index never races. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Files being triaged now, with when that ends. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: TriageDeps) {
    this.index = new TriageIndex(deps.vault, deps.layout);
    this.sleep = deps.sleep ?? realSleep;
  }

  /** Triages every file directly inside the inbox. One bad item never stops the others. */
  async triageInbox(): Promise<TriageReport> {
    const report: TriageReport = { triaged: [], duplicates: [], quarantined: [], skipped: [], failed: [] };
    const files = await this.deps.vault.list(this.deps.layout.inbox);
    const outcomes: TriageOutcome[] = new Array<TriageOutcome>(files.length);
    // A few items at a time: file I/O waits dominate, and only the duplicate
    // check needs to be one-at-a-time (see take()). Outcomes keep inbox order.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < files.length; i = next++) {
        const file = files[i];
        if (file) outcomes[i] = await this.triageFile(file.path);
      }
    };
    await Promise.all(Array.from({ length: Math.min(TRIAGE_CONCURRENCY, files.length) }, worker));
    for (const outcome of outcomes) {
      const bucket = { triaged: report.triaged, duplicate: report.duplicates, quarantined: report.quarantined, skipped: report.skipped, failed: report.failed }[outcome.status];
      (bucket as TriageOutcome[]).push(outcome);
    }
    return report;
  }

  /** Triages one inbox file (the watcher calls this); never throws. */
  async triageFile(path: string): Promise<TriageOutcome> {
    const original = joinVaultPath(path);
    const name = basename(original);
    if (dirname(original) !== joinVaultPath(this.deps.layout.inbox)) return skipped(original, 'not-in-inbox');
    if (name.startsWith('.')) return skipped(original, 'hidden');
    if (TEMPORARY_NAME.test(name)) return skipped(original, 'temporary');
    const running = this.inFlight.get(original);
    if (running) {
      // Another call has it (the scheduled triage and the watcher can meet on a new file). Wait for it:
      // a caller that works the new task next (the watcher runs the employee) must find the task there.
      await running;
      return skipped(original, 'busy');
    }
    let done: () => void = () => undefined;
    this.inFlight.set(original, new Promise<void>((resolve) => (done = resolve)));
    try {
      const { settings, clock, vault } = this.deps;
      const settle = await waitUntilSettled(vault, original, settings.triage.settleMs, clock, this.sleep);
      if (settle.state === 'gone') return skipped(original, 'gone');
      if (settle.state === 'busy') return skipped(original, 'still-being-written');
      return await this.take(original);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.deps.errors.log({ source: 'triage', error, message: `Could not triage ${original}: ${message}. It stays in the inbox and is tried again on the next run.`, context: { path: original } });
      return { status: 'failed', original, error: message };
    } finally {
      this.inFlight.delete(original);
      done();
    }
  }

  private async take(path: string): Promise<TriageOutcome> {
    const { vault, settings, clock } = this.deps;
    const started = clock.now().getTime();
    const stat = await vault.stat(path);
    if (!stat) return skipped(path, 'gone');
    const read = await readInboxItem(vault, stat, settings.triage.maxFileBytes);
    if ('bad' in read) return this.quarantine(path, stat.size, read.bad);
    const item = read.item;
    // A task the employee gave back waits for the owner: it goes round again once they change its status.
    if (item.note?.frontmatter.status === NEEDS_ATTENTION) return skipped(path, 'needs-attention');
    const facts = await itemFacts(item, path);
    // One at a time through the duplicate check, and the item's content is
    // claimed before leaving it, so two copies triaged side by side cannot both pass.
    const check = this.queue.then(async () => {
      await this.index.load();
      const earlier = this.index.findDuplicate(item.sha256, item.name, facts.triggerId);
      if (earlier) return { earlier };
      return { claim: this.index.claim({ task: '', trigger_id: facts.triggerId, sha256: item.sha256, original_name: item.name, triaged: '' }) };
    });
    this.queue = check.catch(() => undefined);
    const checked = await check;
    if (checked.earlier) return this.duplicate(item, checked.earlier.task, checked.earlier.triaged);

    let written: Awaited<ReturnType<typeof writeTask>>;
    try {
      this.deps.bus.emit('vault.task.new', { path, type: facts.type });
      written = await writeTask(this.deps, item, facts);
    } catch (error) {
      checked.claim?.();
      throw error;
    }
    const triaged = isoNow(clock);
    await this.index.add({ task: written.task, trigger_id: facts.triggerId, sha256: item.sha256, original_name: item.name, triaged });
    this.deps.bus.emit('vault.task.triaged', {
      taskPath: written.task,
      planPath: written.plan,
      source: facts.source,
      priority: facts.priority,
      triggerId: facts.triggerId,
    });
    await this.deps.audit.record({
      action: 'vault.triage',
      source: 'triage',
      status: 'success',
      duration_ms: Math.max(0, clock.now().getTime() - started),
      details: { task: written.task, plan: written.plan, type: facts.type, priority: facts.priority, trigger_id: facts.triggerId, original: path, ...(written.attachment ? { attachment: written.attachment } : {}) },
    });
    const outcome: Of<'triaged'> = { status: 'triaged', original: path, task: written.task, plan: written.plan, type: facts.type, priority: facts.priority, triggerId: facts.triggerId };
    return written.attachment ? { ...outcome, attachment: written.attachment } : outcome;
  }

  private async quarantine(path: string, size: number, bad: BadInput): Promise<TriageOutcome> {
    const moved = await quarantineItem(this.deps, path, size, bad);
    await this.deps.errors.log({
      source: 'triage',
      error: bad.kind,
      severity: 'WARNING',
      message: `${basename(path)} was moved to quarantine: ${bad.problem} See ${moved.whyNote}.`,
      context: { path, size, quarantined: moved.quarantined, whyNote: moved.whyNote, ...bad.context },
    });
    await this.deps.audit.record({ action: 'vault.quarantine', source: 'triage', status: 'failure', details: { original: path, quarantined: moved.quarantined, why_note: moved.whyNote, reason: bad.kind, error_message: bad.problem } });
    return { status: 'quarantined', original: path, ...moved, kind: bad.kind };
  }

  private async duplicate(item: InboxItem, task: string, when: string): Promise<TriageOutcome> {
    const taskLink = `[[${stem(task)}]]`;
    const bad: BadInput = {
      kind: 'DuplicateItem',
      problem: `This file has the same content as an item that was already triaged${when ? ` on ${when}` : ''}: ${taskLink}. No second task was made.`,
      fix: `Nothing to do: the item is handled in ${taskLink}. If this really is a new item, change it a little (for example add a line) and move it back to the Inbox folder; otherwise you can delete this note and the file.`,
      context: { duplicateOf: task },
    };
    const moved = await quarantineItem(this.deps, item.path, item.size, bad);
    await this.deps.audit.record({
      action: 'vault.triage',
      source: 'triage',
      status: 'skipped',
      details: { original: item.path, reason: 'duplicate', duplicate_of: task, quarantined: moved.quarantined, why_note: moved.whyNote },
    });
    return { status: 'duplicate', original: item.path, ...moved, duplicateOf: task };
  }
}

function skipped(original: string, reason: SkipReason): Of<'skipped'> {
  return { status: 'skipped', original, reason };
}

function isoNow(clock: Clock): string {
  return isoWithOffset(clock.now());
}
