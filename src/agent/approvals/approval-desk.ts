/**
 * The human-in-the-loop desk: writes approval requests into
 * `Pending_Approval/` and reads the owner's decisions back from the three
 * approval folders, whichever way they were made (an edited `status`, or a
 * move to `Approved/` or `Rejected/`).
 *
 * Only requests this desk wrote count: a note must match a step that waits
 * for approval in the agent's own state (trigger id, step and idempotency
 * key), so a note forged by a message, or copied, approves nothing. Expiry
 * is taken from that state too, so editing `expires` cannot stretch it.
 * Approved parameters are checked again against the skill's schema; an edit
 * that does not pass sends the request back to pending with the problem.
 */
import { isoWithOffset, type Clock } from '../../core/clock';
import type { EventBus } from '../../core/event-bus';
import type { VaultLayout } from '../../core/layout';
import type { AuditLogger, ErrorLogger } from '../../core/logs/log-types';
import { basename, dirname, joinVaultPath } from '../../core/paths';
import { splitNote } from '../../vault/frontmatter';
import { ReportedProblems } from '../../vault/reported-problems';
import { firstFreeName, safeFileName } from '../../vault/task-naming';
import type { Frontmatter, VaultPort } from '../../vault/vault-port';
import type { SkillRegistry } from '../skills/registry';
import type { StepState, TaskState, TaskStateStore } from '../task-state';
import { APPROVAL_TYPE, approvalNoteContent, readStatusWord, type ApprovalRequest } from './approval-note';

export interface ApprovalDeskDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  audit: AuditLogger;
  errors: ErrorLogger;
  bus: EventBus;
  registry: SkillRegistry;
  store: TaskStateStore;
}

export type Decision = 'approved' | 'rejected' | 'expired';

export interface DecisionOutcome {
  triggerId: string;
  step: number;
  decision: Decision;
  path: string;
}

export class ApprovalDesk {
  private readonly reported: ReportedProblems;
  /** Notes found decided and in their folder, with their mtime then: skipped until they change. */
  private readonly settled = new Map<string, number>();
  /** Marks set by readOne for the note it just found settled. */
  private readonly settledNow = new Set<string>();

  constructor(private readonly deps: ApprovalDeskDeps) {
    this.reported = new ReportedProblems(deps.vault, joinVaultPath(deps.layout.stateDir, 'approval_problems.json'));
  }

  /** Writes the request note under a readable, unused name; returns its path. */
  async request(request: ApprovalRequest): Promise<string> {
    const { vault, layout } = this.deps;
    const base = safeFileName(`${request.created.slice(0, 10)} ${request.title}.md`) ?? `${request.created.slice(0, 10)} approval.md`;
    const content = approvalNoteContent(request, { approved: basename(layout.approved), rejected: basename(layout.rejected) });
    for (let attempt = 0; ; attempt++) {
      const path = await firstFreeName(layout.pendingApproval, base, async (p) => (await vault.exists(p)) || (await vault.exists(joinVaultPath(layout.approved, basename(p)))) || (await vault.exists(joinVaultPath(layout.rejected, basename(p)))));
      try {
        await vault.create(path, content);
      } catch (error) {
        if (attempt >= 5) throw error;
        continue;
      }
      await this.deps.audit.record({
        action: 'approval.requested',
        source: 'approvals',
        status: 'pending',
        skill: request.action,
        details: { request: path, trigger_id: request.triggerId, step: request.step, idempotency_key: request.idempotencyKey, amount: request.amount, reason: request.reason, expires: request.expires, parameters: request.parameters },
      });
      this.deps.bus.emit('approval.requested', { path, action: request.action, triggerId: request.triggerId, expires: request.expires });
      return path;
    }
  }

  /**
   * Reads every decision the owner made since the last pass and records it
   * in the task states. Pending requests past their expiry become expired.
   */
  async collectDecisions(): Promise<DecisionOutcome[]> {
    const { layout, vault } = this.deps;
    // States are loaded only for the notes that name them, once per pass.
    const states = new Map<string, Promise<TaskState | null>>();
    const stateOf = (triggerId: string) => {
      if (!states.has(triggerId)) states.set(triggerId, this.deps.store.load(triggerId).catch(() => null));
      return states.get(triggerId) ?? Promise.resolve(null);
    };
    const outcomes: DecisionOutcome[] = [];
    const present = new Set<string>();
    try {
      for (const folder of [layout.pendingApproval, layout.approved, layout.rejected]) {
        for (const file of await vault.list(folder)) {
          if (!file.path.endsWith('.md')) continue;
          present.add(file.path);
          // Decided and filed notes (the history in Approved/ and Rejected/) are not read again until they change.
          if (this.settled.get(file.path) === file.mtime) continue;
          const outcome = await this.readOne(file.path, stateOf);
          if (outcome) outcomes.push(outcome);
          else if (this.settledNow.delete(file.path)) this.settled.set(file.path, (await vault.stat(file.path))?.mtime ?? -1);
        }
      }
    } finally {
      await this.reported.flush().catch(() => undefined);
    }
    for (const path of [...this.settled.keys()]) if (!present.has(path)) this.settled.delete(path);
    return outcomes;
  }

  /** After the step ran: the note says what was done. */
  async markExecuted(path: string, summary: string): Promise<void> {
    await this.deps.vault
      .processFrontMatter(path, (fm) => {
        fm.executed = isoWithOffset(this.deps.clock.now());
        fm.result = summary;
      })
      .catch(() => undefined);
  }

  private async readOne(path: string, stateOf: (triggerId: string) => Promise<TaskState | null>): Promise<DecisionOutcome | null> {
    let fm: Frontmatter;
    try {
      fm = splitNote(await this.deps.vault.read(path)).frontmatter;
    } catch (error) {
      await this.warn(path, 'unreadable', `The approval note ${path} cannot be read (${error instanceof Error ? error.message : String(error)}); fix its properties so the decision can be seen.`);
      this.settledNow.add(path);
      return null;
    }
    if (fm.type !== APPROVAL_TYPE) {
      this.settledNow.add(path);
      return null;
    }
    const state = typeof fm.trigger_id === 'string' ? await stateOf(fm.trigger_id) : null;
    const step = state?.steps.find((s) => s.index === fm.step);
    if (!state || !step || step.idempotency_key !== fm.idempotency_key || !step.approval) {
      await this.warn(path, 'unknown', `${path} looks like an approval request, but the employee never asked for it (no waiting step has its trigger, step and key). It approves nothing; delete it if you did not make it.`);
      this.settledNow.add(path);
      return null;
    }
    const approval = step.approval;
    if (step.status !== 'awaiting_approval') {
      // Decided earlier: only make sure the note sits where its decision says.
      const decided = approval.decision;
      if (decided && (fm.status !== decided || dirname(path) !== this.folderFor(decided))) await this.file(path, decided, step, state);
      else this.settledNow.add(path);
      return null;
    }
    const folder = dirname(path);
    const word = readStatusWord(fm.status);
    const now = this.deps.clock.now();
    const expired = now.getTime() > Date.parse(approval.expires);
    let decision: Decision | null = null;
    if (folder === this.deps.layout.rejected || word === 'rejected') decision = 'rejected';
    else if (folder === this.deps.layout.approved || word === 'approved') decision = expired ? 'expired' : 'approved';
    // Not decided: it expires on time whatever its status says (a typo must not keep it open).
    else if (expired) decision = 'expired';
    else if (word === 'unknown') {
      await this.warn(path, `status:${String(fm.status)}`, `${path} has status "${String(fm.status)}"; write approved or rejected (or pending to wait).`);
      return null;
    }
    if (!decision) return null;

    if (decision === 'approved') {
      const problem = this.checkEdits(fm, step);
      if (problem) return this.sendBack(path, problem, step, state);
    }
    step.status = decision;
    approval.decision = decision;
    approval.decided = isoWithOffset(now);
    approval.by = typeof fm.decided_by === 'string' ? fm.decided_by : decision === 'expired' ? 'expiry' : 'owner';
    await this.deps.store.save(state);
    const filed = await this.file(path, decision, step, state);
    await this.deps.audit.record({
      action: 'approval.decided',
      source: 'approvals',
      status: decision === 'approved' ? 'success' : 'skipped',
      user: approval.by === 'owner' || approval.by === 'cli' ? 'owner' : 'system',
      skill: step.skill,
      details: { decision, request: filed, trigger_id: state.trigger.trigger_id, step: step.index, idempotency_key: step.idempotency_key, parameters: step.params },
    });
    this.deps.bus.emit('approval.decided', { path: filed, action: step.skill, triggerId: state.trigger.trigger_id, decision });
    await this.reported.clear(path);
    return { triggerId: state.trigger.trigger_id, step: step.index, decision, path: filed };
  }

  /** The action may not change; the parameters must pass the skill's schema. */
  private checkEdits(fm: Frontmatter, step: StepState): string | null {
    if (fm.action !== step.skill) return `the action was changed to "${String(fm.action)}"; an approval can only approve ${step.skill} (reject it and ask for a new one instead)`;
    const checked = this.deps.registry.check(step.skill, fm.parameters);
    if (!checked.ok) return `the edited parameters are not valid: ${checked.problem}`;
    step.params = checked.params;
    return null;
  }

  private async sendBack(path: string, problem: string, step: StepState, state: TaskState): Promise<null> {
    const { vault, layout } = this.deps;
    await vault.processFrontMatter(path, (fm) => {
      fm.status = 'pending';
      fm.problem = `Not approved: ${problem}. Fix it and approve again.`;
    });
    if (dirname(path) !== layout.pendingApproval) await this.moveTo(path, layout.pendingApproval, step, state);
    await this.deps.audit.record({ action: 'approval.invalid', source: 'approvals', status: 'failure', skill: step.skill, details: { request: path, error_message: problem } });
    await this.warn(path, `invalid:${problem}`, `The approval ${path} was not accepted: ${problem}.`);
    return null;
  }

  /** Writes the decision on the note and moves it to Approved/ or Rejected/ (expired ones to Rejected/). */
  private async file(path: string, decision: Decision, step: StepState, state: TaskState): Promise<string> {
    const { vault, clock } = this.deps;
    await vault.processFrontMatter(path, (fm) => {
      if (fm.status !== decision) fm.status = decision;
      fm.decided ??= step.approval?.decided ?? isoWithOffset(clock.now());
      delete fm.problem;
    });
    const target = this.folderFor(decision);
    return dirname(path) === target ? path : this.moveTo(path, target, step, state);
  }

  private folderFor(decision: Decision): string {
    return decision === 'approved' ? this.deps.layout.approved : this.deps.layout.rejected;
  }

  private async moveTo(path: string, folder: string, step: StepState, state: TaskState): Promise<string> {
    const to = await firstFreeName(folder, basename(path), (p) => this.deps.vault.exists(p));
    await this.deps.vault.rename(path, to);
    if (step.approval) {
      step.approval.path = to;
      await this.deps.store.save(state);
    }
    return to;
  }

  private async warn(path: string, signature: string, message: string): Promise<void> {
    if (await this.reported.shouldReport(path, signature)) {
      await this.deps.errors.log({ source: 'approvals', error: 'ApprovalProblem', severity: 'WARNING', message, context: { path } });
    }
  }
}
