import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { AgentError } from '../../agent/agent';
import type { TaskStateStore } from '../../agent/task-state';
import { normalizeVaultPath } from '../../core/paths';
import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import { describeHolder } from '../describe-holder';
import type { Output } from '../output';
import { UsageError } from '../usage-error';

/** FILE as given (absolute, relative to the shell, or relative to the vault) → a vault path. */
function vaultPathOf(file: string, vaultDir: string): string {
  const candidates = [nodePath.resolve(file), nodePath.resolve(vaultDir, file)];
  for (const abs of candidates) {
    const rel = nodePath.relative(vaultDir, abs);
    if (!rel.startsWith('..') && !nodePath.isAbsolute(rel) && existsSync(abs)) return normalizeVaultPath(rel.split(nodePath.sep).join('/'));
  }
  throw new UsageError(`There is no file ${file} in the vault ${vaultDir}.`);
}

/**
 * `approve FILE` / `reject FILE`: the headless way to answer an approval
 * request. The decision is written on the note (as an edit in Obsidian
 * would be) and, when no other runner is active, acted on at once.
 */
export async function decideCommand(args: CliArgs, out: Output): Promise<number> {
  const decision = args.command === 'approve' ? 'approved' : 'rejected';
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError(`Usage: ai-employee ${args.command} FILE --vault DIR (FILE is a note in Pending_Approval/)`);
  const vaultDir = resolveVaultDir(args, { mustExist: true });
  const { runtime } = createCliContext(args, vaultDir);
  await runtime.start();
  const path = vaultPathOf(file, vaultDir);
  let decided;
  try {
    decided = await runtime.agent.decide(path, decision, 'cli');
  } catch (error) {
    if (error instanceof AgentError) throw new UsageError(error.message);
    throw error;
  }
  out.line(`${decision === 'approved' ? 'Approved' : 'Rejected'}: ${path}`);
  const lease = await runtime.acquireLease();
  if (!lease.held) {
    out.line(`The runner on this vault (${describeHolder(lease.holder)}) acts on it at its next pass.`);
    return 0;
  }
  try {
    const tick = await runtime.runOnce();
    const outcome = await describeOutcome(runtime.agent.store, decided.triggerId, decided.step);
    out.data({ path, decision, outcome, failed: tick.failed });
    if (outcome) out.line(outcome);
    for (const id of tick.failed) out.error(`Job ${id} failed: ${tick.results.find((r) => r.id === id)?.error ?? 'see Logs/error_log.jsonl'}`);
    return tick.failed.length > 0 ? 1 : 0;
  } finally {
    await runtime.stop();
  }
}

/** What became of the request's task, in one line. */
async function describeOutcome(store: TaskStateStore, triggerId: string, index: number): Promise<string | null> {
  const state = await store.load(triggerId);
  const step = state?.steps.find((s) => s.index === index);
  if (!state || !step) return null;
  const what = step.status === 'done' ? `Done: ${step.result?.summary ?? step.title}.` : step.status === 'rejected' ? 'Nothing was done.' : `The step is ${step.status}${step.error ? `: ${step.error}` : ''}.`;
  return `${what} Task "${state.task_title}": ${state.loop.status.replace(/_/g, ' ')} (${state.loop.outcome ?? 'in progress'}); it is at ${state.loop.task_file}.`;
}
