import * as fs from 'node:fs';
import { countCheckboxes, isComplete } from '../../src/vault/plan-checkboxes';
import { PDF_BYTES, TriageHarness } from './triage-harness';

const tickAll = (text: string) => text.replace(/- \[ \]/g, '- [x]');

describe('Completion', () => {
  let h: TriageHarness;

  beforeEach(async () => {
    h = new TriageHarness();
    await h.init();
  });
  afterEach(() => h.cleanup());

  async function triageOne(name: string, content: string | Buffer) {
    h.drop(name, content);
    const { triaged } = await h.triage.triageInbox();
    expect(triaged).toHaveLength(1);
    return triaged[0]!;
  }

  it('the scheduled pass and the agent closing one plan at once, or one just after the other, close it once', async () => {
    const item = await triageOne('notes.md', '# Call notes\n\nCall the client back.\n');
    h.put(item.plan, tickAll(h.text(item.plan)));
    const [pass, agent] = await Promise.all([h.completion.completeFinishedPlans(), h.completion.completePlan(item.plan)]);
    expect(pass.completed).toHaveLength(1);
    expect(agent).toEqual(pass.completed[0]);
    // Later, the agent learns where the plan went instead of finding it gone.
    expect(await h.completion.completePlan(item.plan)).toEqual(pass.completed[0]);
    expect(h.errorLines()).toEqual([]);
    expect(h.auditLines().filter((a) => a.action === 'vault.complete')).toHaveLength(1);
  });

  it('moves a finished task, its plan and its attachment to Done, marks them and announces it', async () => {
    const item = await triageOne('receipt.pdf', PDF_BYTES);
    h.put(item.plan, tickAll(h.text(item.plan)));
    h.clock.advanceMinutes(30);

    const report = await h.completion.completeFinishedPlans();

    const task = 'Done/file_drop_2026-02-20_receipt.md';
    const plan = 'Done/Plan_file_drop_2026-02-20_receipt.md';
    expect(report.completed).toEqual([{ status: 'completed', task, plan, attachments: ['Done/attachments/receipt.pdf'] }]);
    expect(h.files('Needs_Action')).toEqual([]);
    expect(h.files('Needs_Action/attachments')).toEqual([]);
    expect(h.files('Plans')).toEqual([]);
    expect(h.bytes('Done/attachments/receipt.pdf').equals(PDF_BYTES)).toBe(true);

    expect(h.frontmatter(plan)).toMatchObject({ type: 'plan', status: 'completed' });
    expect(h.frontmatter(plan).completed).toMatch(/^2026-02-20T\d\d:30:00\.000[+-]\d\d:\d\d$/);
    expect(h.frontmatter(task)).toMatchObject({ status: 'done', original: '[[attachments/receipt.pdf]]' });
    expect(h.text(plan)).toContain('- [x] Review the document receipt.pdf');

    expect(h.eventsOf('vault.task.completed')).toEqual([{ taskPath: task, planPath: plan }]);
    const audit = h.auditLines().find((a) => a.action === 'vault.complete');
    expect(audit).toMatchObject({ source: 'completion', status: 'success', details: { task, plan, attachments: ['Done/attachments/receipt.pdf'] } });
    expect(h.errorLines()).toEqual([]);
  });

  it('leaves a plan with any open box where it is, nested boxes included', async () => {
    const item = await triageOne('sam.md', 'Call Sam back\n');
    const ticked = tickAll(h.text(item.plan));
    h.put(item.plan, `${ticked}  - [ ] a nested step still open\n`);
    const report = await h.completion.completeFinishedPlans();
    expect(report.completed).toEqual([]);
    expect(report.open).toEqual([{ status: 'open', plan: item.plan, ticked: 3, total: 4 }]);
    expect(h.frontmatter(item.plan).status).toBe('active');
    expect(h.frontmatter(item.task).status).toBe('pending');

    h.put(item.plan, `${ticked}  - [X] the nested step, done\n`);
    expect((await h.completion.completeFinishedPlans()).completed).toHaveLength(1);
  });

  it('never completes a plan with no checkbox at all', async () => {
    const item = await triageOne('sam.md', 'Call Sam back\n');
    h.put(item.plan, h.text(item.plan).replace(/- \[ \] /g, '- '));
    const report = await h.completion.completeFinishedPlans();
    expect(report.open).toEqual([{ status: 'open', plan: item.plan, ticked: 0, total: 0 }]);
    expect(h.exists(item.task)).toBe(true);
  });

  it('reports a finished plan whose task is gone once, and leaves it in place', async () => {
    const item = await triageOne('sam.md', 'Call Sam back\n');
    h.put(item.plan, tickAll(h.text(item.plan)));
    h.put('Rejected/gone.md', h.text(item.task));
    fs.rmSync(h.abs(item.task));

    const first = await h.completion.completeFinishedPlans();
    const second = await h.completion.completeFinishedPlans();

    expect(first.problems).toEqual([expect.objectContaining({ plan: item.plan, kind: 'TaskMissing', reported: true })]);
    expect(second.problems).toEqual([expect.objectContaining({ plan: item.plan, kind: 'TaskMissing', reported: false })]);
    expect(h.exists(item.plan)).toBe(true);
    expect(h.frontmatter(item.plan).status).toBe('active');
    const errors = h.errorLines();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: 'completion', error: 'TaskMissing', context: { plan: item.plan } });
    expect(errors[0]!.message).toContain('Put the task note back in Needs_Action');
    expect(h.eventsOf('vault.task.completed')).toEqual([]);
  });

  it('reports a plan with broken properties once, leaves it untouched, and reports again after a new break', async () => {
    const item = await triageOne('sam.md', 'Call Sam back\n');
    const broken = `---\ntype: plan\ntask: "[[x]]\n---\n- [x] done\n`;
    h.put(item.plan, broken);
    await h.completion.completeFinishedPlans();
    await h.completion.completeFinishedPlans();
    expect(h.text(item.plan)).toBe(broken);
    expect(h.errorLines()).toHaveLength(1);
    expect(h.errorLines()[0]).toMatchObject({ source: 'completion', error: 'BadFrontmatter', context: { plan: item.plan } });

    h.put(item.plan, broken.replace('type: plan', 'type: plan\ntype: again'));
    await h.completion.completeFinishedPlans();
    expect(h.errorLines()).toHaveLength(2);
    expect(h.exists(item.task)).toBe(true);
  });

  it('keeps both files in place when the task itself has broken properties', async () => {
    const item = await triageOne('sam.md', 'Call Sam back\n');
    h.put(item.plan, tickAll(h.text(item.plan)));
    h.put(item.task, '---\nstatus: "pending\n---\nCall Sam back\n');
    const report = await h.completion.completeFinishedPlans();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'TaskBadFrontmatter' })]);
    expect(h.exists(item.task) && h.exists(item.plan)).toBe(true);
    expect(h.frontmatter(item.plan).status).toBe('active');
  });

  it('finishes the move after an interruption that left the task already in Done', async () => {
    const item = await triageOne('sam.md', 'Call Sam back\n');
    h.put(item.plan, tickAll(h.text(item.plan)));
    const inDone = item.task.replace('Needs_Action/', 'Done/');
    fs.renameSync(h.abs(item.task), h.abs(inDone));
    const report = await h.completion.completeFinishedPlans();
    expect(report.completed).toEqual([expect.objectContaining({ task: inDone, plan: item.plan.replace('Plans/', 'Done/') })]);
  });

  it('gives files a suffix when Done already has those names, and keeps the links between them working', async () => {
    const item = await triageOne('receipt.pdf', PDF_BYTES);
    h.put(item.plan, tickAll(h.text(item.plan)));
    h.put('Done/attachments/receipt.pdf', 'someone else');
    h.put('Done/Plan_file_drop_2026-02-20_receipt.md', 'an unrelated note');
    const [done] = (await h.completion.completeFinishedPlans()).completed;
    expect(done).toEqual({
      status: 'completed',
      task: 'Done/file_drop_2026-02-20_receipt.md',
      plan: 'Done/Plan_file_drop_2026-02-20_receipt-2.md',
      attachments: ['Done/attachments/receipt-2.pdf'],
    });
    expect(h.text('Done/attachments/receipt.pdf')).toBe('someone else');
    const task = h.text(done!.task);
    expect(task).toContain('![[attachments/receipt-2.pdf]]');
    expect(h.frontmatter(done!.task)).toMatchObject({ original: '[[attachments/receipt-2.pdf]]', plan: '[[Plan_file_drop_2026-02-20_receipt-2]]' });
  });
});

describe('countCheckboxes', () => {
  it.each([
    ['- [ ] a\n- [x] b', 1, 2],
    ['- [X] a\n* [x] b\n+ [x] c\n1. [x] d', 4, 4],
    ['- [x] a\n    - [ ] nested', 1, 2],
    ['> - [x] quoted', 1, 1],
    ['- [/] in progress\n- [-] cancelled', 0, 2],
    ['```\n- [ ] example in code\n```\n- [x] real', 1, 1],
    ['no boxes here\n- a plain list\n[x] not a list item', 0, 0],
  ])('%j → %i of %i', (body, ticked, total) => {
    expect(countCheckboxes(body)).toEqual({ ticked, total });
  });

  it('complete means at least one box and all ticked', () => {
    expect(isComplete({ ticked: 0, total: 0 })).toBe(false);
    expect(isComplete({ ticked: 2, total: 3 })).toBe(false);
    expect(isComplete({ ticked: 3, total: 3 })).toBe(true);
  });
});
