/**
 * The employee: one pass reads the owner's decisions on approval requests,
 * then works every task in Needs_Action/ through its Ralph loop until each
 * pauses, waits or ends. Runs on the scheduler, from `once`/`run`, and from
 * the plugin's commands; passes never overlap.
 */
import type { AccountingPort } from '../accounting/accounting-port';
import type { Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import type { SecretRegistry } from '../core/logs/redact';
import { dirname, joinVaultPath } from '../core/paths';
import type { Completion } from '../vault/completion';
import { splitNote } from '../vault/frontmatter';
import { readHandbook } from '../vault/handbook';
import type { VaultPort } from '../vault/vault-port';
import { ApprovalDesk, type DecisionOutcome } from './approvals/approval-desk';
import { APPROVAL_TYPE, readStatusWord } from './approvals/approval-note';
import { LoopFinisher } from './loop-finish';
import { Notifier } from './notifier';
import { RalphLog } from './ralph-log';
import { RalphLoop, type LoopRun } from './ralph-loop';
import type { Reasoner } from './reasoners/reasoner';
import { SkillRegistry } from './skills/registry';
import { StepRunner } from './step-runner';
import { readTaskNote, type TaskNote } from './task-reader';
import { TaskStateStore } from './task-state';

export interface AgentDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  audit: AuditLogger;
  errors: ErrorLogger;
  bus: EventBus;
  completion: Completion;
  books: () => Promise<AccountingPort>;
  /** Made on first use (an LLM reasoner needs its key from the secrets). */
  reasoner: () => Promise<Reasoner>;
  secrets?: SecretRegistry;
  /** The skills; the default set unless a caller (the bench) brings its own. */
  registry?: SkillRegistry;
  /** Tasks worked at once in a pass (default 4). */
  concurrency?: number;
}

export interface AgentPassReport {
  decisions: DecisionOutcome[];
  runs: LoopRun[];
  /** Tasks the pass could not work on, with why (also in the error log). */
  failed: Array<{ task: string; error: string }>;
}

/** What `approve FILE` / `reject FILE` did, and which step it was about. */
export interface DecideResult {
  path: string;
  decision: 'approved' | 'rejected';
  triggerId: string;
  step: number;
}

export class AgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentError';
  }
}

/** How many tasks one pass works on at once. */
const TASK_CONCURRENCY = 4;

const PRIORITY_ORDER: Record<string, number> = { high: 0, normal: 1, low: 2 };

export class Agent {
  readonly registry: SkillRegistry;
  readonly store: TaskStateStore;
  readonly desk: ApprovalDesk;
  readonly notifier: Notifier;
  private readonly ralph: RalphLog;
  private running: Promise<AgentPassReport> | null = null;

  constructor(private readonly deps: AgentDeps) {
    const { vault, layout, clock, audit, errors, bus } = deps;
    this.registry = deps.registry ?? new SkillRegistry();
    this.store = new TaskStateStore(vault, layout);
    this.notifier = new Notifier({ audit, errors, bus });
    this.desk = new ApprovalDesk({ vault, layout, clock, audit, errors, bus, registry: this.registry, store: this.store });
    this.ralph = new RalphLog({ vault, path: layout.ralphLog, clock, secrets: deps.secrets, onWriteError: (error) => void errors.log({ source: 'agent', error, message: 'A line of the Ralph loop log could not be written' }) });
  }

  /** One pass; a call while one runs shares it. */
  runPass(): Promise<AgentPassReport> {
    if (!this.running) {
      this.running = this.exclusively(() => this.pass()).finally(() => (this.running = null));
    }
    return this.running;
  }

  /** Passes and single-task runs take turns: two loops on one task at once would both act on it. */
  private turn: Promise<unknown> = Promise.resolve();

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /**
   * A pass that starts after this call, for acting on a decision just
   * written: a pass already running may have read the approval folders
   * before the decision was there, so it is waited for, not shared.
   */
  async runNewPass(): Promise<AgentPassReport> {
    await this.running?.catch(() => undefined);
    return this.runPass();
  }

  /** Runs the loop of one task now (the "run the loop on the current task" command). */
  runTask(path: string): Promise<LoopRun> {
    return this.exclusively(async () => {
      await this.desk.collectDecisions();
      const note = await this.readTask(path);
      if (!note) throw new AgentError(`${path} is not a task the employee works on (a triaged note in ${this.deps.layout.needsAction} with a plan).`);
      return (await this.loopFor()).run(note, (await readHandbook(this.deps.vault, this.deps.layout)).thresholds);
    });
  }

  /**
   * Records the owner's decision on a pending request (for `approve FILE`,
   * `reject FILE` and the plugin's commands); the next pass acts on it.
   */
  async decide(path: string, decision: 'approved' | 'rejected', by: 'cli' | 'obsidian'): Promise<DecideResult> {
    const { vault, layout } = this.deps;
    const folder = dirname(path);
    if (![layout.pendingApproval, layout.approved, layout.rejected].includes(folder)) {
      throw new AgentError(`${path} is not in ${layout.pendingApproval}/; only approval requests can be approved or rejected.`);
    }
    let fm: Record<string, unknown>;
    try {
      fm = splitNote(await vault.read(path)).frontmatter;
    } catch (error) {
      throw new AgentError(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (fm.type !== APPROVAL_TYPE) throw new AgentError(`${path} is not an approval request (its type is ${JSON.stringify(fm.type ?? null)}).`);
    const state = typeof fm.trigger_id === 'string' ? await this.store.load(fm.trigger_id) : null;
    const step = state?.steps.find((s) => s.index === fm.step && s.idempotency_key === fm.idempotency_key);
    if (!step) throw new AgentError(`${path} is not a request the employee made; it approves nothing.`);
    if (step.status !== 'awaiting_approval') throw new AgentError(`${path} was already decided (${step.approval?.decision ?? step.status}).`);
    // The owner may have decided in the note already (not yet read by a pass): that decision stands.
    const written = folder === layout.approved ? 'approved' : folder === layout.rejected ? 'rejected' : readStatusWord(fm.status);
    if ((written === 'approved' || written === 'rejected') && written !== decision) {
      throw new AgentError(`${path} already says ${written}; change it in the note if you changed your mind.`);
    }
    await vault.processFrontMatter(path, (f) => {
      f.status = decision;
      f.decided_by = by;
    });
    return { path, decision, triggerId: String(fm.trigger_id), step: step.index };
  }

  private async pass(): Promise<AgentPassReport> {
    const report: AgentPassReport = { decisions: [], runs: [], failed: [] };
    report.decisions = await this.desk.collectDecisions();
    const handbook = (await readHandbook(this.deps.vault, this.deps.layout)).thresholds;
    const loop = await this.loopFor();
    const notes = await this.tasks();
    // A few tasks at a time: each waits mostly on file I/O, and tasks share nothing but the
    // books (which serialize their own writes) and the logs (append-only).
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < notes.length; i = next++) {
        const note = notes[i];
        if (!note) continue;
        try {
          report.runs.push(await loop.run(note, handbook));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          report.failed.push({ task: note.facts.path, error: message });
          await this.deps.errors.log({ source: 'agent', error, message: `The employee could not work on ${note.facts.path}: ${message}. It is tried again on the next pass.`, context: { task: note.facts.path } });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? TASK_CONCURRENCY, notes.length) }, worker));
    return report;
  }

  private loopPromise: Promise<RalphLoop> | null = null;

  private loopFor(): Promise<RalphLoop> {
    this.loopPromise ??= this.deps.reasoner().then((reasoner) => {
      const { vault, layout, clock, audit, bus, completion, books } = this.deps;
      const finisher = new LoopFinisher({ vault, layout, clock, audit, bus, store: this.store, notifier: this.notifier, completion });
      const steps = new StepRunner({ registry: this.registry, desk: this.desk, store: this.store });
      return new RalphLoop({ vault, layout, clock, registry: this.registry, reasoner, store: this.store, steps, finisher, notifier: this.notifier, ralph: this.ralph, books });
    });
    this.loopPromise.catch(() => (this.loopPromise = null));
    return this.loopPromise;
  }

  /** Task notes directly in Needs_Action/, most urgent first, then oldest first. */
  private async tasks(): Promise<TaskNote[]> {
    const notes: TaskNote[] = [];
    for (const file of await this.deps.vault.list(this.deps.layout.needsAction)) {
      if (!file.path.endsWith('.md')) continue;
      const note = await this.readTask(file.path);
      if (note) notes.push(note);
    }
    const rank = (n: TaskNote) => PRIORITY_ORDER[n.facts.priority] ?? 1;
    return notes.sort((a, b) => rank(a) - rank(b) || a.facts.receivedIso.localeCompare(b.facts.receivedIso) || a.facts.path.localeCompare(b.facts.path));
  }

  private async readTask(path: string): Promise<TaskNote | null> {
    if (dirname(path) !== joinVaultPath(this.deps.layout.needsAction)) return null;
    let note: TaskNote | null;
    try {
      const { frontmatter, body } = splitNote(await this.deps.vault.read(path));
      note = readTaskNote(path, frontmatter, body, this.deps.layout);
    } catch {
      // Broken properties: not a task the employee can read; plan completion reports them.
      return null;
    }
    if (note && note.originTriggerId !== note.facts.triggerId && !(await this.isFailedTrigger(note.originTriggerId))) {
      // Only a task the employee itself gave back may carry its first trigger's keys: a note
      // claiming another task's trigger would otherwise reuse (and so suppress) its actions.
      note.originTriggerId = note.facts.triggerId;
    }
    return note;
  }

  private async isFailedTrigger(triggerId: string): Promise<boolean> {
    const state = await this.store.load(triggerId).catch(() => null);
    return state?.loop.status === 'failed';
  }
}
