import { isoWithOffset, type Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import { basename, joinVaultPath, stem } from '../core/paths';
import { sha256Hex } from './content-hash';
import { FrontmatterError, splitNote } from './frontmatter';
import { countCheckboxes, isComplete } from './plan-checkboxes';
import { ReportedProblems } from './reported-problems';
import { archiveTask } from './task-archiver';
import { VaultError, type Frontmatter, type VaultPort } from './vault-port';
import { linkTarget } from './wikilinks';

/** How long a closed plan is remembered for a caller that arrives just after (a new plan of that name later is new). */
const RECENTLY_CLOSED_MS = 60_000;

/** What completion needs, injected by the runtime. */
export interface CompletionDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  bus: EventBus;
  audit: AuditLogger;
  errors: ErrorLogger;
}

/** Why a finished plan could not be closed. */
export type CompletionProblemKind = 'BadFrontmatter' | 'TaskMissing' | 'TaskBadFrontmatter';

/** What happened to one plan. */
export type CompletionOutcome =
  | { status: 'completed'; plan: string; task: string; attachments: string[] }
  | { status: 'open'; plan: string; ticked: number; total: number }
  | { status: 'problem'; plan: string; kind: CompletionProblemKind; message: string; reported: boolean }
  | { status: 'failed'; plan: string; error: string };

type Of<S extends CompletionOutcome['status']> = Extract<CompletionOutcome, { status: S }>;

/** What one pass over Plans/ did, plan by plan. */
export interface CompletionReport {
  completed: Of<'completed'>[];
  open: Of<'open'>[];
  problems: Of<'problem'>[];
  failed: Of<'failed'>[];
}

/**
 * Closes finished work: a plan in Plans/ whose every checkbox is ticked is
 * marked `completed`, its task `done`, and both move to Done/ together with
 * the task's attachments. A plan with no checkbox at all is never finished.
 * Plans it cannot handle (broken properties, a task that is gone) are left
 * exactly where they are and reported to the error log once.
 */
export class Completion {
  private readonly reported: ReportedProblems;
  private readonly closing = new Map<string, Promise<CompletionOutcome>>();
  private readonly closed = new Map<string, { outcome: CompletionOutcome; at: number }>();

  constructor(private readonly deps: CompletionDeps) {
    this.reported = new ReportedProblems(deps.vault, joinVaultPath(deps.layout.stateDir, 'completion_problems.json'));
  }

  /** Checks every plan once; one plan's trouble never stops the others. */
  async completeFinishedPlans(): Promise<CompletionReport> {
    const report: CompletionReport = { completed: [], open: [], problems: [], failed: [] };
    try {
      for (const file of await this.deps.vault.list(this.deps.layout.plans)) {
        if (!file.path.endsWith('.md') || basename(file.path).startsWith('.')) continue;
        const outcome = await this.closeOnce(file.path);
        if (outcome.status === 'completed') report.completed.push(outcome);
        else if (outcome.status === 'open') report.open.push(outcome);
        else if (outcome.status === 'problem') report.problems.push(outcome);
        else report.failed.push(outcome);
      }
    } finally {
      await this.reported.flush().catch(() => undefined);
    }
    return report;
  }

  /** Closes one plan if every box is ticked (the agent calls this when it ticks the last one). */
  async completePlan(plan: string): Promise<CompletionOutcome> {
    try {
      return await this.closeOnce(plan);
    } finally {
      await this.reported.flush().catch(() => undefined);
    }
  }

  /**
   * The scheduled pass and the agent may reach one plan at the same moment:
   * the second shares the first's work, and one that comes just after a plan
   * was closed learns where it went, instead of finding it gone.
   */
  private closeOnce(plan: string): Promise<CompletionOutcome> {
    const now = this.deps.clock.now().getTime();
    for (const [path, entry] of this.closed) if (now - entry.at > RECENTLY_CLOSED_MS) this.closed.delete(path);
    const done = this.closed.get(plan);
    if (done) return Promise.resolve(done.outcome);
    const running = this.closing.get(plan);
    if (running) return running;
    const work = this.checkPlan(plan).then((outcome) => {
      if (outcome.status === 'completed') this.closed.set(plan, { outcome, at: this.deps.clock.now().getTime() });
      return outcome;
    });
    this.closing.set(plan, work);
    void work.finally(() => this.closing.delete(plan)).catch(() => undefined);
    return work;
  }

  private async checkPlan(plan: string): Promise<CompletionOutcome> {
    try {
      const content = await this.deps.vault.read(plan);
      let frontmatter: Frontmatter;
      let body: string;
      try {
        ({ frontmatter, body } = splitNote(content));
      } catch (error) {
        if (!(error instanceof FrontmatterError)) throw error;
        const message = `The plan ${plan} has properties that cannot be read (${error.message}). It was left where it is; fix the properties at the top of the note and it will be checked again.`;
        return this.problem(plan, 'BadFrontmatter', message, content);
      }
      const count = countCheckboxes(body);
      if (!isComplete(count)) {
        await this.reported.clear(plan);
        return { status: 'open', plan, ticked: count.ticked, total: count.total };
      }
      const task = await this.findTask(plan, frontmatter);
      if (!task) {
        const name = linkTarget(frontmatter.task) ?? stem(plan).replace(/^Plan_/, '');
        const message = `The plan ${plan} is finished, but its task "${name}" is neither in ${this.deps.layout.needsAction} nor in ${this.deps.layout.done}, so nothing was moved. Put the task note back in ${this.deps.layout.needsAction}, or correct the task link in the plan's properties.`;
        return this.problem(plan, 'TaskMissing', message, content);
      }
      return await this.complete(plan, task, content);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.deps.errors.log({ source: 'completion', error, message: `Could not close the plan ${plan}: ${message}`, context: { plan } });
      return { status: 'failed', plan, error: message };
    }
  }

  private async complete(plan: string, task: string, planContent: string): Promise<CompletionOutcome> {
    const { vault, layout, clock, bus } = this.deps;
    const started = clock.now().getTime();
    const now = isoWithOffset(clock.now());
    try {
      await vault.processFrontMatter(task, (fm) => {
        fm.status = 'done';
        fm.completed ??= now;
      });
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'bad-frontmatter')) throw error;
      const message = `The plan ${plan} is finished, but the properties of its task ${task} cannot be read (${error.message}). Both were left where they are; fix the task's properties and they will move to ${layout.done} on the next run.`;
      return this.problem(plan, 'TaskBadFrontmatter', message, planContent);
    }
    await vault.processFrontMatter(plan, (fm) => {
      fm.status = 'completed';
      fm.completed = now;
    });
    const archived = await archiveTask({ vault, layout }, task, plan);
    await this.reported.clear(plan);
    bus.emit('vault.task.completed', { taskPath: archived.task, planPath: archived.plan });
    await this.deps.audit.record({
      action: 'vault.complete',
      source: 'completion',
      status: 'success',
      duration_ms: Math.max(0, clock.now().getTime() - started),
      details: { task: archived.task, plan: archived.plan, attachments: archived.attachments, from_task: task, from_plan: plan },
    });
    return { status: 'completed', plan: archived.plan, task: archived.task, attachments: archived.attachments };
  }

  /** The task a plan belongs to: its `task` link, else the name in `Plan_<task>.md`; in Needs_Action or already in Done. */
  private async findTask(plan: string, fm: Frontmatter): Promise<string | null> {
    const { vault, layout } = this.deps;
    const names = new Set<string>();
    const linked = linkTarget(fm.task);
    if (linked) names.add(basename(linked).replace(/\.md$/i, ''));
    names.add(stem(plan).replace(/^Plan_/, ''));
    for (const name of names) {
      for (const folder of [layout.needsAction, layout.done]) {
        const path = joinVaultPath(folder, `${name}.md`);
        if (await vault.stat(path)) return path;
      }
    }
    return null;
  }

  private async problem(plan: string, kind: CompletionProblemKind, message: string, content: string): Promise<Of<'problem'>> {
    const signature = `${kind}:${(await sha256Hex(content)).slice(0, 16)}`;
    const reported = await this.reported.shouldReport(plan, signature);
    if (reported) {
      const error = kind === 'TaskBadFrontmatter' ? 'BadFrontmatter' : kind;
      await this.deps.errors.log({ source: 'completion', error, severity: 'WARNING', message, context: { plan, problem: kind } });
    }
    return { status: 'problem', plan, kind, message, reported };
  }
}
