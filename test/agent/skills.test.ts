/**
 * Each skill against a real temporary vault and the vault ledger: what it
 * does, that it is idempotent by its key, and that its CHECK catches a result
 * that is not what was asked. (Parameter schemas: skill-params.test.ts.)
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createInvoiceSkill, postInvoiceSkill } from '../../src/agent/skills/invoice-skills';
import { logExpenseSkill, registerPaymentSkill } from '../../src/agent/skills/money-skills';
import { SkillRegistry } from '../../src/agent/skills/registry';
import { SkillError, type SkillResult } from '../../src/agent/skills/skill';
import { moveTaskSkill, notifyHumanSkill, socialSummarySkill } from '../../src/agent/skills/vault-skills';
import { readFrontmatter } from '../../src/vault/frontmatter';
import { SkillKit, TASK } from './skill-kit';
import { rejectionOf } from '../support/async';

let kit: SkillKit;
beforeEach(() => {
  kit = new SkillKit();
});
afterEach(() => kit.cleanup());

const registry = new SkillRegistry();
const INVOICES = 'Accounting/Invoices';

/** Any error a promise rejects with. */
const rejection = (promise: Promise<unknown>): Promise<Error> => rejectionOf(promise, Error);

describe('odoo_create_invoice', () => {
  const params = { client: 'Client ABC', amount: 10000, description: 'Completed project for Client ABC' };

  it('creates one draft, and the same key finds it again instead of making a second', async () => {
    const ctx = kit.ctx({ key: 'trg-1:1:odoo_create_invoice' });
    const first = await createInvoiceSkill.execute(params, ctx);
    expect(first.summary).toBe('Created INV/2026/00001 for Client ABC, 10,000.00 USD, draft');
    expect(first.details).toMatchObject({ number: 'INV/2026/00001', client: 'Client ABC', amount: 10000, currency: 'USD', status: 'draft', created: true });

    const again = await createInvoiceSkill.execute(params, ctx);
    expect(again.summary).toBe('Found (made earlier) INV/2026/00001 for Client ABC, 10,000.00 USD, draft');
    expect(again.details).toMatchObject({ invoice_id: first.details.invoice_id, created: false });
    expect(kit.notes(INVOICES)).toEqual(['INV-2026-00001.md']);
    expect(readFrontmatter(kit.read(`${INVOICES}/INV-2026-00001.md`))).toMatchObject({ idempotency_key: 'trg-1:1:odoo_create_invoice', amount: 10000 });

    // Another key is another invoice.
    await createInvoiceSkill.execute(params, kit.ctx({ key: 'trg-2:1:odoo_create_invoice' }));
    expect(kit.notes(INVOICES)).toHaveLength(2);
  });

  it('verifies against the books and catches a wrong client or total', async () => {
    const ctx = kit.ctx();
    const result = await createInvoiceSkill.execute(params, ctx);
    expect(await createInvoiceSkill.verify(params, result, ctx)).toBeNull();
    expect(await createInvoiceSkill.verify({ ...params, amount: 9000 }, result, ctx)).toBe('the invoice INV/2026/00001 totals 10,000.00, not 9,000.00');
    expect(await createInvoiceSkill.verify({ ...params, client: 'Client XYZ' }, result, ctx)).toBe('the invoice INV/2026/00001 is for Client ABC, not Client XYZ');
  });

  it('bills lines, with project and due date', async () => {
    const lines = { client: 'Client ABC', lines: [{ description: 'Design', quantity: 3, unit_price: 250 }, { description: 'Hosting', quantity: 1, unit_price: 49.99 }], project: 'Website', due: '2026-03-31' };
    expect(createInvoiceSkill.title(lines, 'USD')).toBe('Create a draft invoice for Client ABC: 799.99 USD (Website)');
    const result = await createInvoiceSkill.execute(lines, kit.ctx());
    expect(result.details).toMatchObject({ amount: 799.99 });
    expect(readFrontmatter(kit.read(`${INVOICES}/INV-2026-00001.md`))).toMatchObject({ project: 'Website', due: '2026-03-31' });
    expect(await createInvoiceSkill.verify(lines, result, kit.ctx())).toBeNull();
  });
});

describe('odoo_post_invoice', () => {
  it('posts a draft; the check reads it back as posted, and catches one still in draft', async () => {
    const made = await createInvoiceSkill.execute({ client: 'Client ABC', amount: 300 }, kit.ctx());
    const draft: SkillResult = { summary: '', details: { invoice_id: made.details.invoice_id } };
    expect(await postInvoiceSkill.verify({ invoice: 'INV/2026/00001' }, draft, kit.ctx())).toBe('the invoice INV/2026/00001 is still draft');

    const posted = await postInvoiceSkill.execute({ invoice: 'INV/2026/00001' }, kit.ctx());
    expect(posted.summary).toBe('Posted INV/2026/00001 for Client ABC, 300.00 USD');
    expect(posted.details).toMatchObject({ status: 'posted' });
    expect(await postInvoiceSkill.verify({ invoice: 'INV/2026/00001' }, posted, kit.ctx())).toBeNull();
    expect(await postInvoiceSkill.amountOf({ invoice: 'INV/2026/00001' }, kit.ctx())).toBe(300);
  });
});

describe('odoo_register_payment', () => {
  it('prepare keeps a named invoice as it is', async () => {
    expect(await registerPaymentSkill.prepare!({ invoice: 'INV/2026/00009', client: 'Client ABC' }, kit.ctx())).toEqual({ invoice: 'INV/2026/00009', client: 'Client ABC' });
  });

  it('prepare finds the client\'s single open invoice (any case); drafts and other clients do not count', async () => {
    const number = await kit.postedInvoice('Client ABC', 1200, 'a');
    await kit.postedInvoice('Client XYZ', 50, 'x');
    await kit.ledger.createInvoice({ client: 'Client ABC', lines: [{ description: 'Draft', quantity: 1, unitPrice: 5 }], idempotencyKey: 'draft' });
    expect(await registerPaymentSkill.prepare!({ client: 'client abc', amount: 1200 }, kit.ctx())).toEqual({ client: 'client abc', amount: 1200, invoice: number });
  });

  it('prepare refuses when the client has no open invoice', async () => {
    const error = await rejection(registerPaymentSkill.prepare!({ client: 'Client ABC' }, kit.ctx()));
    expect(error).toBeInstanceOf(SkillError);
    expect(error.message).toBe('Client ABC has no unpaid invoice, so the payment cannot be matched to an invoice. Record it by hand: ai-employee accounting pay NUMBER.');
  });

  it('prepare refuses with two open invoices and lists them, unless the amount picks one', async () => {
    const first = await kit.postedInvoice('Client ABC', 1000, 'a');
    const second = await kit.postedInvoice('Client ABC', 2500, 'b');
    const error = await rejection(registerPaymentSkill.prepare!({ client: 'Client ABC', amount: 700 }, kit.ctx()));
    expect(error.message).toContain(`Client ABC has 2 unpaid invoices (${first}, ${second}), so the payment cannot be matched`);
    expect(await registerPaymentSkill.prepare!({ client: 'Client ABC', amount: 2500 }, kit.ctx())).toMatchObject({ invoice: second });
  });

  it('records a part payment and checks what is still due', async () => {
    const number = await kit.postedInvoice('Client ABC', 1000, 'a');
    const params = { invoice: number, amount: 400, date: '2026-02-20' };
    const result = await registerPaymentSkill.execute(params, kit.ctx());
    expect(result.summary).toBe(`Recorded 400.00 USD for ${number} (Client ABC); 600.00 still due`);
    expect(result.details).toMatchObject({ number, amount: 400, amount_due: 600, date: '2026-02-20' });
    expect(await registerPaymentSkill.verify(params, result, kit.ctx())).toBeNull();
    expect(await registerPaymentSkill.verify(params, { ...result, details: { ...result.details, amount_due: 0 } }, kit.ctx())).toBe(`the books say 600.00 is due on ${number}, not 0.00`);
    expect(registerPaymentSkill.retry).toBe('never');
  });

  it('refuses to run without an invoice', async () => {
    expect((await rejection(registerPaymentSkill.execute({ client: 'Client ABC' }, kit.ctx()))).message).toBe('No invoice was named for the payment.');
  });
});

describe('odoo_log_expense', () => {
  const params = { amount: 120, category: 'Office supplies', description: 'Printer toner', vendor: 'Staples', date: '2026-02-20' };

  it('records once per key and verifies the day\'s expenses in the books', async () => {
    const ctx = kit.ctx({ key: 'trg-1:1:odoo_log_expense' });
    const first = await logExpenseSkill.execute(params, ctx);
    expect(first.summary).toMatch(/^Recorded expense \S+: 120\.00 USD, Office supplies$/);
    expect(first.details).toMatchObject({ amount: 120, category: 'Office supplies', created: true });
    const again = await logExpenseSkill.execute(params, ctx);
    expect(again.summary).toMatch(/^Found \(recorded earlier\) expense /);
    expect(again.details).toMatchObject({ expense_id: first.details.expense_id, created: false });
    expect(kit.notes('Accounting/Expenses')).toHaveLength(1);

    expect(await logExpenseSkill.verify(params, first, ctx)).toBeNull();
    expect(await logExpenseSkill.verify({ ...params, amount: 500 }, first, ctx)).toMatch(/^the books show 120\.00 for EXP\/2026\/\d{5}, not 500\.00$/);
    // Another expense the same day does not stand in for this one.
    await kit.ledger.logExpense({ ...params, amount: 900, idempotencyKey: 'other' });
    expect(await logExpenseSkill.verify(params, { summary: '', details: { ...first.details, expense_id: 'Accounting/Expenses/none.md', number: 'EXP/2026/99999' } }, ctx)).toBe('the books have no expense EXP/2026/99999 on 2026-02-20');
  });

  it('checks on the day the expense was recorded, even when the check runs after midnight', async () => {
    const { vendor, category, description } = params;
    const undated = { amount: 80, vendor, category, description };
    kit.clock.set('2026-03-05T23:58:00');
    const result = await logExpenseSkill.execute(undated, kit.ctx());
    kit.clock.set('2026-03-06T00:04:00');
    expect(await logExpenseSkill.verify(undated, result, kit.ctx())).toBeNull();
  });

  it('dates an expense without a date today (the clock\'s local day)', async () => {
    const { vendor, category, description } = params;
    const undated = { amount: 80, vendor, category, description };
    kit.clock.set('2026-03-05T12:00:00Z');
    const result = await logExpenseSkill.execute(undated, kit.ctx());
    const [note] = kit.notes('Accounting/Expenses');
    expect(readFrontmatter(kit.read(`Accounting/Expenses/${note ?? ''}`))).toMatchObject({ type: 'expense', date: '2026-03-05', amount: 80, vendor: 'Staples' });
    expect(await logExpenseSkill.verify(undated, result, kit.ctx())).toBeNull();
  });
});

describe('social_generate_summary', () => {
  const params = { platform: 'facebook' as const, content: 'Another job well done for Client ABC!', client: 'Client ABC' };
  const hash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 6);

  it('writes Needs_Action/social_<platform>_<date>_<topic>_<hash>.md once per key', async () => {
    const key = 'trg-1:2:social_generate_summary';
    const ctx = kit.ctx({ key });
    const path = `Needs_Action/social_facebook_2026-02-20_client-abc_${hash(key)}.md`;
    const first = await socialSummarySkill.execute(params, ctx);
    expect(first).toEqual({ summary: `Wrote the facebook draft social_facebook_2026-02-20_client-abc_${hash(key)}.md`, details: { path, created: true } });
    expect(readFrontmatter(kit.read(path))).toMatchObject({ type: 'social_post', status: 'draft', platform: 'facebook', client: 'Client ABC', task: '[[whatsapp_2026-02-20_completed-project]]', trigger_id: TASK.triggerId, idempotency_key: key });
    expect(kit.read(path)).toContain('Another job well done for Client ABC!');

    const again = await socialSummarySkill.execute(params, ctx);
    expect(again).toEqual({ summary: `Found the draft written earlier: social_facebook_2026-02-20_client-abc_${hash(key)}.md`, details: { path, created: false } });
    expect(kit.notes('Needs_Action')).toHaveLength(1);
    expect(await socialSummarySkill.verify(params, again, ctx)).toBeNull();
  });

  it('run again the next day (a crash before its result was saved), finds the draft it wrote', async () => {
    const key = 'trg-1:2:social_generate_summary';
    const first = await socialSummarySkill.execute(params, kit.ctx({ key }));
    kit.clock.advanceMinutes(24 * 60);
    const again = await socialSummarySkill.execute(params, kit.ctx({ key }));
    expect(again.details).toEqual({ path: first.details.path, created: false });
    expect(kit.notes('Needs_Action')).toHaveLength(1);
  });

  it('names the draft after the task (30 characters of it) when there is no client', async () => {
    const result = await socialSummarySkill.execute({ platform: 'x', content: 'Done!' }, kit.ctx({ key: 'k' }));
    expect(result.details.path).toBe(`Needs_Action/social_x_2026-02-20_completed-project-for-client_${hash('k')}.md`);
  });

  it('never takes over a note that belongs to another post', async () => {
    const key = 'trg-1:2:social_generate_summary';
    kit.write(`Needs_Action/social_facebook_2026-02-20_client-abc_${hash(key)}.md`, '---\ntype: social_post\nidempotency_key: someone-else\n---\nMine\n');
    const error = await rejection(socialSummarySkill.execute(params, kit.ctx({ key })));
    expect(error).toBeInstanceOf(SkillError);
    expect(error.message).toMatch(/already exists and belongs to another post\.$/);
  });

  it('the check fails when the draft is gone or is not this post\'s', async () => {
    const ctx = kit.ctx({ key: 'k' });
    const result = await socialSummarySkill.execute(params, ctx);
    const path = String(result.details.path);
    kit.write(path, '---\nidempotency_key: other\n---\n');
    expect(await socialSummarySkill.verify(params, result, ctx)).toBe(`the draft ${path} belongs to another post`);
    fs.rmSync(kit.abs(path));
    expect(await socialSummarySkill.verify(params, result, ctx)).toBe(`the draft ${path} is not there`);
  });

  it('refuses a post longer than the platform takes (x: 280)', () => {
    expect(registry.check('social_generate_summary', { platform: 'x', content: 'a'.repeat(280) }).ok).toBe(true);
    expect(registry.check('social_generate_summary', { platform: 'x', content: 'a'.repeat(281) })).toEqual({ ok: false, problem: 'social_generate_summary: content is 281 characters; x takes at most 280' });
    expect(registry.check('social_generate_summary', { platform: 'linkedin', content: 'a'.repeat(281) }).ok).toBe(true);
  });
});

describe('vault_move_task', () => {
  it('files the task, its plan and its attachments in Done', async () => {
    kit.write(TASK.path, '---\ntype: whatsapp\nstatus: pending\n---\nOur newsletter. See [[attachments/flyer.pdf]]\n');
    kit.write(TASK.plan, '---\nstatus: active\n---\n# Plan\n');
    kit.write('Needs_Action/attachments/flyer.pdf', '%PDF-1.4');
    const result = await moveTaskSkill.execute({ to: 'done', reason: 'nothing to do (newsletter)' }, kit.ctx());
    expect(result.summary).toBe('Filed in Done: nothing to do (newsletter)');
    expect(result.details).toEqual({ task: 'Done/whatsapp_2026-02-20_completed-project.md', plan: 'Done/Plan_whatsapp_2026-02-20_completed-project.md', attachments: ['Done/attachments/flyer.pdf'] });
    expect(readFrontmatter(kit.read('Done/whatsapp_2026-02-20_completed-project.md'))).toMatchObject({ status: 'done', filed_because: 'nothing to do (newsletter)' });
    expect(kit.exists(TASK.path) || kit.exists(TASK.plan) || kit.exists('Needs_Action/attachments/flyer.pdf')).toBe(false);
    expect(kit.exists('Done/attachments/flyer.pdf')).toBe(true);
    expect(await moveTaskSkill.verify({ to: 'done', reason: 'x' }, result, kit.ctx())).toBeNull();
    expect(await moveTaskSkill.verify({ to: 'done', reason: 'x' }, { summary: '', details: { task: 'Done/gone.md' } }, kit.ctx())).toBe('the task is not at Done/gone.md');
  });

  it('run again after it filed the task (a crash before its result was saved), it is done', async () => {
    kit.write(TASK.path, '---\ntype: whatsapp\nstatus: pending\n---\nOur newsletter.\n');
    kit.write(TASK.plan, '---\nstatus: active\n---\n# Plan\n');
    const first = await moveTaskSkill.execute({ to: 'done', reason: 'fyi' }, kit.ctx());
    const again = await moveTaskSkill.execute({ to: 'done', reason: 'fyi' }, kit.ctx());
    expect(again.details).toEqual({ task: first.details.task, plan: first.details.plan, attachments: [] });
  });

  it('refuses when the task is gone', async () => {
    const error = await rejection(moveTaskSkill.execute({ to: 'done', reason: 'fyi' }, kit.ctx()));
    expect(error).toBeInstanceOf(SkillError);
    expect(error.message).toBe(`The task ${TASK.path} is gone, so it cannot be filed.`);
  });
});

describe('notify_human', () => {
  it('records an agent.notify audit line and an agent.notification event', async () => {
    const result = await notifyHumanSkill.execute({ message: 'A bill waits to be paid.', urgency: 'normal' }, kit.ctx());
    expect(result).toEqual({ summary: 'shown on the dashboard under "For your attention"', details: { message: 'A bill waits to be paid.', urgency: 'normal' } });
    expect(kit.jsonl('Logs/audit_log.jsonl')).toEqual([
      expect.objectContaining({ action: 'agent.notify', source: 'agent', status: 'success', details: { level: 'info', message: 'A bill waits to be paid.', task: TASK.path, kind: 'NeedsOwner' } }) as object,
    ]);
    expect(kit.notifications).toEqual([{ level: 'info', message: 'A bill waits to be paid.', task: TASK.path }]);
    expect(kit.jsonl('Logs/error_log.jsonl')).toEqual([]);
    expect(notifyHumanSkill.title({ message: 'A bill waits.', urgency: 'normal' }, 'USD')).toBe('Tell you: A bill waits');
  });

  it('a high urgency is an alert, in the error log too', async () => {
    await notifyHumanSkill.execute({ message: 'The bank refused the transfer!', urgency: 'high' }, kit.ctx());
    expect(kit.notifications).toEqual([{ level: 'alert', message: 'The bank refused the transfer!', task: TASK.path }]);
    expect(kit.jsonl('Logs/error_log.jsonl')).toEqual([expect.objectContaining({ severity: 'CRITICAL', source: 'agent', error: 'NeedsOwner', message: 'The bank refused the transfer!' }) as object]);
  });
});
