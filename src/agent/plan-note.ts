/**
 * The agent's view in the plan note. Its `## Steps` section is rewritten
 * from the task state on every change, one checkbox per step, ticked once
 * the step is verified; the owner's own steps go in `## Your steps`, written
 * once and never touched again, so the owner's ticks are theirs. Everything
 * else in the note (the heading, the owner's notes) is kept.
 */
import { stem } from '../core/paths';
import { FrontmatterError, joinNote, splitNote } from '../vault/frontmatter';
import { VaultError, type VaultPort } from '../vault/vault-port';
import type { StepState, TaskState } from './task-state';

const STEPS_HEADING = '## Steps';
const YOUR_STEPS_HEADING = '## Your steps';

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function stepLine(step: StepState): string {
  const n = `${step.index}.`;
  const day = (iso?: string) => (iso ? iso.slice(0, 10) : '');
  switch (step.status) {
    case 'done':
      return `- [x] ${n} ${step.title} (${oneLine(step.result?.summary ?? 'done')})`;
    case 'rejected':
      return `- [x] ${n} ~~${step.title}~~ (rejected by you on ${day(step.approval?.decided)}; not done)`;
    case 'expired':
      return `- [x] ${n} ~~${step.title}~~ (the approval request expired on ${day(step.approval?.expires)}; not done)`;
    case 'awaiting_approval':
      return `- [ ] ${n} ${step.title} (waiting for your approval: [[${stem(step.approval?.path ?? '')}]])`;
    case 'failed':
      return `- [ ] ${n} ${step.title} (failed: ${oneLine(step.error ?? 'see the error log')})`;
    case 'approved':
      return `- [ ] ${n} ${step.title} (approved; runs next)`;
    case 'running':
    case 'pending':
      return `- [ ] ${n} ${step.title}${step.error ? ` (will try again: ${oneLine(step.error)})` : ''}`;
  }
}

/** The `## Steps` section as the state says. */
export function stepsSection(state: TaskState): string {
  const lines = [STEPS_HEADING, '', `- [x] Read the task and decided what to do (${state.reasoner}: ${oneLine(state.summary, 200)})`, ...state.steps.map(stepLine), ''];
  return lines.join('\n');
}

/** Replaces the section starting at `heading` up to the next `## ` heading (or the end); appends it when missing. */
function replaceSection(body: string, heading: string, section: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) return `${body.replace(/\n*$/, '\n\n')}${section}`;
  let end = start + 1;
  while (end < lines.length && !/^##\s/.test(lines[end] ?? '')) end++;
  return [...lines.slice(0, start), ...section.replace(/\n$/, '').split('\n'), ...(end < lines.length ? ['', ...lines.slice(end)] : [''])].join('\n');
}

/** Rewrites the agent's steps (and, the first time, adds the owner's steps) in the plan body. */
export function renderPlanBody(body: string, state: TaskState): string {
  let next = replaceSection(body, STEPS_HEADING, stepsSection(state));
  if (state.human_steps.length > 0 && !next.split('\n').some((l) => l.trim() === YOUR_STEPS_HEADING)) {
    const yours = [YOUR_STEPS_HEADING, '', 'The employee cannot do these; tick each one when you have done it.', '', ...state.human_steps.map((s) => `- [ ] ${s}`), ''].join('\n');
    next = `${next.replace(/\n*$/, '\n\n')}${yours}`;
  }
  return next;
}

/**
 * Updates the plan note in one read-modify-write: its steps and its
 * properties (status, loop counters). The plan is the employee's own note,
 * so its frontmatter is rewritten here rather than in a second pass.
 */
export async function updatePlanNote(vault: VaultPort, path: string, state: TaskState): Promise<void> {
  await vault.process(path, (content) => {
    let note;
    try {
      note = splitNote(content);
    } catch (error) {
      if (error instanceof FrontmatterError) throw new VaultError('bad-frontmatter', path, `${path}: ${error.message}`);
      throw error;
    }
    const frontmatter = {
      ...note.frontmatter,
      status: state.loop.status,
      loop_id: state.loop.loop_id,
      iteration: state.loop.current_iteration,
      max_iterations: state.loop.max_iterations,
      reasoner: state.reasoner,
      intent: state.intent,
    };
    return joinNote(frontmatter, renderPlanBody(note.body, state));
  });
}
