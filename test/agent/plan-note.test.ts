/**
 * The agent's view in the plan note: `## Steps` is rewritten from the task
 * state every time, everything else the owner wrote stays, and `## Your
 * steps` is written once and then left to the owner (their ticks survive).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderPlanBody, stepsSection, updatePlanNote } from '../../src/agent/plan-note';
import type { StepState, TaskState } from '../../src/agent/task-state';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { FsVault } from '../../src/vault/fs-vault';

const NOW = '2026-02-20T12:00:00.000+00:00';

function step(index: number, status: StepState['status'], extra: Partial<StepState> = {}): StepState {
  return { index, skill: 'odoo_create_invoice', params: {}, title: `Step ${index}`, idempotency_key: `trg-1:${index}`, status, attempts: 0, ...extra };
}

function state(steps: StepState[], human_steps: string[] = []): TaskState {
  return {
    version: 1,
    trigger: {
      trigger_id: 'trg-1',
      source_domain: 'personal',
      source_type: 'whatsapp',
      source_data: {},
      triggered_actions: [{ type: 'notify_human', params: {} }],
      status: 'processing',
      created: NOW,
      updated: NOW,
    },
    loop: { loop_id: 'loop-1', task_file: 'Needs_Action/t.md', plan_md: 'Plans/Plan_t.md', max_iterations: 10, current_iteration: 2, status: 'active', started: NOW },
    origin_trigger_id: 'trg-1',
    task_title: 'Completed project',
    reasoner: 'rules',
    intent: 'work_completed',
    summary: 'work completed, Client ABC, 10,000.00 USD',
    human_steps,
    steps,
  };
}

const approval = { path: 'Pending_Approval/2026-02-20 Draft a Facebook post.md', requested: NOW, expires: '2026-02-22T12:00:00.000+00:00', reason: 'always asks' };

describe('step lines', () => {
  it.each<[string, StepState, string]>([
    ['pending', step(1, 'pending'), '- [ ] 1. Step 1'],
    ['pending after a transient failure', step(1, 'pending', { error: 'Odoo timed out' }), '- [ ] 1. Step 1 (will try again: Odoo timed out)'],
    ['running', step(1, 'running'), '- [ ] 1. Step 1'],
    ['done, ticked with its summary', step(1, 'done', { result: { summary: 'Created INV/2026/00001 for Client ABC', details: {} } }), '- [x] 1. Step 1 (Created INV/2026/00001 for Client ABC)'],
    ['done without a result', step(1, 'done'), '- [x] 1. Step 1 (done)'],
    ['awaiting approval, linking the request', step(2, 'awaiting_approval', { approval }), '- [ ] 2. Step 2 (waiting for your approval: [[2026-02-20 Draft a Facebook post]])'],
    ['approved', step(2, 'approved', { approval: { ...approval, decision: 'approved', decided: NOW } }), '- [ ] 2. Step 2 (approved; runs next)'],
    [
      'rejected: ticked and struck through',
      step(2, 'rejected', { approval: { ...approval, decision: 'rejected', decided: '2026-02-21T09:00:00.000+00:00' } }),
      '- [x] 2. ~~Step 2~~ (rejected by you on 2026-02-21; not done)',
    ],
    ['expired: ticked and struck through', step(2, 'expired', { approval: { ...approval, decision: 'expired' } }), '- [x] 2. ~~Step 2~~ (the approval request expired on 2026-02-22; not done)'],
    ['failed with the error', step(3, 'failed', { error: 'The books refused it.\nTry again later.' }), '- [ ] 3. Step 3 (failed: The books refused it. Try again later.)'],
    ['failed without an error', step(3, 'failed'), '- [ ] 3. Step 3 (failed: see the error log)'],
  ])('%s', (_what, s, line) => {
    expect(stepsSection(state([s])).split('\n')).toContain(line);
  });

  it('keeps a long summary to one line of 160 characters', () => {
    const line = stepsSection(state([step(1, 'done', { result: { summary: `Created ${'x'.repeat(300)}\nmore`, details: {} } })])).split('\n')[3]!;
    const inside = /\((.*)\)$/.exec(line)![1]!;
    expect(inside).toHaveLength(160);
    expect(inside.endsWith('…')).toBe(true);
  });

  it('starts with the reading step, ticked, naming the reasoner and the summary', () => {
    expect(stepsSection(state([]))).toBe('## Steps\n\n- [x] Read the task and decided what to do (rules: work completed, Client ABC, 10,000.00 USD)\n');
  });
});

describe('renderPlanBody', () => {
  const owner = '\n# Plan: Completed project\n\nMy own notes: call Client ABC first.\n';

  it('adds the steps after the owner\'s text when there are none yet', () => {
    const body = renderPlanBody(owner, state([step(1, 'pending')]));
    expect(body).toBe(`${owner}\n${stepsSection(state([step(1, 'pending')]))}`);
  });

  it('replaces only the Steps section and keeps what comes before and after it', () => {
    const body = `${owner}\n## Steps\n\n- [ ] old line the agent wrote\n- [ ] another\n\n## Notes\n\nThe owner's notes after the steps.\n`;
    const next = renderPlanBody(body, state([step(1, 'done', { result: { summary: 'ok', details: {} } })]));
    expect(next).toBe(`${owner}\n## Steps\n\n- [x] Read the task and decided what to do (rules: work completed, Client ABC, 10,000.00 USD)\n- [x] 1. Step 1 (ok)\n\n## Notes\n\nThe owner's notes after the steps.\n`);
    expect(next).not.toContain('old line');
  });

  it('is stable: rendering the same state again changes nothing', () => {
    const s = state([step(1, 'done'), step(2, 'awaiting_approval', { approval })], ['Call the client']);
    const once = renderPlanBody(owner, s);
    expect(renderPlanBody(once, s)).toBe(once);
    expect(renderPlanBody(renderPlanBody(once, s), s)).toBe(once);
  });

  it('adds Your steps once, after the Steps, with an unticked box for each', () => {
    const body = renderPlanBody(owner, state([step(1, 'pending')], ['Prepare the quote', 'Send it']));
    expect(body.endsWith('## Your steps\n\nThe employee cannot do these; tick each one when you have done it.\n\n- [ ] Prepare the quote\n- [ ] Send it\n')).toBe(true);
    expect(body.indexOf('## Steps')).toBeLessThan(body.indexOf('## Your steps'));
    expect(body.split('## Your steps')).toHaveLength(2);
  });

  it('never rewrites Your steps: the owner\'s ticks and edits survive a re-render', () => {
    const first = renderPlanBody(owner, state([step(1, 'pending')], ['Prepare the quote', 'Send it']));
    const ticked = first.replace('- [ ] Prepare the quote', '- [x] Prepare the quote').replace('- [ ] Send it', '- [ ] Send it on Monday');
    const next = renderPlanBody(ticked, state([step(1, 'done', { result: { summary: 'ok', details: {} } })], ['Prepare the quote', 'Send it', 'A step the agent added later']));
    expect(next).toContain('- [x] Prepare the quote\n- [ ] Send it on Monday\n');
    expect(next).not.toContain('A step the agent added later');
    expect(next).toContain('- [x] 1. Step 1 (ok)');
    expect(next.split('## Your steps')).toHaveLength(2);
  });

  it('does not add Your steps when there are none', () => {
    expect(renderPlanBody(owner, state([step(1, 'pending')]))).not.toContain('## Your steps');
  });

  it('keeps Your steps even when the owner moved it above the Steps', () => {
    const body = `${owner}\n## Your steps\n\n- [x] Mine\n\n## Steps\n\n- [ ] old\n`;
    const next = renderPlanBody(body, state([step(1, 'pending')], ['Mine']));
    expect(next).toBe(`${owner}\n## Your steps\n\n- [x] Mine\n\n${stepsSection(state([step(1, 'pending')]))}`);
  });
});

describe('updatePlanNote', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-plan-note-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rewrites the steps under the frontmatter and sets the loop\'s properties, keeping the owner\'s', async () => {
    const vault = new FsVault(dir);
    fs.mkdirSync(path.join(dir, 'Plans'));
    const file = path.join(dir, 'Plans', 'Plan_t.md');
    fs.writeFileSync(file, '---\ntype: plan\nstatus: pending\nmy_tag: keep me\n---\n# Plan\n\nNotes.\n');
    const s = state([step(1, 'awaiting_approval', { approval })], ['Call the client']);
    s.loop.status = 'awaiting_approval';
    await updatePlanNote(vault, 'Plans/Plan_t.md', s);

    const content = fs.readFileSync(file, 'utf8');
    expect(readFrontmatter(content)).toEqual({ type: 'plan', status: 'awaiting_approval', my_tag: 'keep me', loop_id: 'loop-1', iteration: 2, max_iterations: 10, reasoner: 'rules', intent: 'work_completed' });
    expect(content).toContain('# Plan\n\nNotes.\n\n## Steps\n');
    expect(content).toContain('- [ ] 1. Step 1 (waiting for your approval: [[2026-02-20 Draft a Facebook post]])');
    expect(content).toContain('- [ ] Call the client');

    // A second update leaves one of each section.
    await updatePlanNote(vault, 'Plans/Plan_t.md', s);
    const again = fs.readFileSync(file, 'utf8');
    expect(again.split('## Steps')).toHaveLength(2);
    expect(again.split('## Your steps')).toHaveLength(2);
    expect(again.split('\n---\n')).toHaveLength(2);
  });
});
