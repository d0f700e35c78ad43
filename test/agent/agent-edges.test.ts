/**
 * Edges of the loop found in review: a payment whose preparation meets
 * unreachable books waits instead of failing for good; an approval given
 * when the iteration budget is spent still runs; a request whose status has
 * a typo still expires; a task that comes round again never repeats a
 * payment its first round tried; retries back off 5, 10, 20 minutes.
 */
import { ApprovalDesk } from '../../src/agent/approvals/approval-desk';
import { SkillRegistry } from '../../src/agent/skills/registry';
import { StepRunner } from '../../src/agent/step-runner';
import { TaskStateStore, type StepState, type TaskState } from '../../src/agent/task-state';
import { AuditLog } from '../../src/core/logs/audit-log';
import { ErrorLog } from '../../src/core/logs/error-log';
import { odooEnv, startFakeOdoo } from '../odoo/fake-odoo';
import type { FakeOdoo } from '../odoo/fake-odoo-types';
import { AgentHarness, WHATSAPP_EXAMPLE } from './agent-harness';
import { SkillKit } from './skill-kit';

let h: AgentHarness | null = null;
let odoo: FakeOdoo | null = null;

afterEach(async () => {
  await h?.cleanup();
  h = null;
  await odoo?.close();
  odoo = null;
});

async function whatsappUpToApproval(handbook: Record<string, unknown> = {}): Promise<{ harness: AgentHarness; request: string }> {
  const harness = await new AgentHarness({ handbook }).init();
  h = harness;
  harness.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
  await harness.once();
  return { harness, request: harness.only('Pending_Approval') };
}

it('a payment whose invoice cannot be looked up yet (books unreachable) waits and tries again; nothing is failed', async () => {
  odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
  const fake = odoo;
  const harness = await new AgentHarness({
    env: odooEnv(fake),
    settings: { odoo: { maxRetries: 0 } },
  }).init();
  h = harness;
  const books = await harness.runtime.accounting();
  const { invoice } = await books.createInvoice({ client: 'Client ABC', lines: [{ description: 'Website', quantity: 1, unitPrice: 4000 }], idempotencyKey: 'seed-1' });
  const posted = await books.postInvoice(invoice.id);

  // No invoice number: the employee must list Client ABC's open invoices to know which one.
  harness.drop('Paid.md', '---\ntype: whatsapp\nfrom: Client ABC\n---\nClient ABC here: we paid $4,000 today by bank transfer.\n');
  fake.inject({ kind: 'http-status', status: 503, match: { name: /^account\.move\./ }, times: Infinity });
  await harness.once();
  fake.clearInjections();
  const waiting = harness.state();
  expect(waiting.steps[0]).toMatchObject({ skill: 'odoo_register_payment', status: 'pending', failures: 1 });
  expect(waiting.loop.status).toBe('active');
  expect(harness.notes('Inbox')).toEqual([]);
  expect(harness.errors().filter((e) => e.error === 'TaskFailed')).toEqual([]);

  harness.clock.advanceMinutes(6);
  await harness.once();
  const request = harness.only('Pending_Approval');
  expect(harness.fm(request)).toMatchObject({ action: 'odoo_register_payment', parameters: { invoice: posted.number ?? '', amount: 4000 } });
  expect(fake.countCalls('account.payment.register.action_create_payments')).toBe(0);
});

it('an approval given when the iteration budget is spent is still carried out', async () => {
  // Iteration 1 makes the invoice, iteration 2 asks for approval of the post: the budget is spent.
  const { harness, request } = await whatsappUpToApproval({ max_iterations: 2 });
  expect(harness.state().loop).toMatchObject({ status: 'awaiting_approval', current_iteration: 2 });
  harness.editFm(request, (fm) => void (fm.status = 'approved'));
  await harness.once();
  const state = harness.state();
  expect(state.loop.status).toBe('completed');
  expect(state.steps.map((s) => s.status)).toEqual(['done', 'done']);
  expect(harness.notes('Needs_Action').filter((n) => n.startsWith('social_facebook_'))).toHaveLength(1);
  expect(harness.errors().filter((e) => e.error === 'MaxIterationsExceeded')).toEqual([]);
});

it('a pending request whose status has a typo still expires on time', async () => {
  const { harness, request } = await whatsappUpToApproval();
  harness.editFm(request, (fm) => void (fm.status = 'aproved'));
  harness.clock.advanceMinutes(48 * 60 + 1);
  await harness.once();
  expect(harness.state().steps[1]?.status).toBe('expired');
  expect(harness.fm(harness.only('Rejected')).status).toBe('expired');
  expect(harness.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
});

describe('a task that comes round again', () => {
  const key = 'trg-20260220-first:1:odoo_register_payment';
  let kit: SkillKit;

  beforeEach(() => {
    kit = new SkillKit();
  });
  afterEach(() => kit.cleanup());

  function stateOf(triggerId: string, step: Partial<StepState>): TaskState {
    const now = '2026-02-20T12:00:00.000+00:00';
    return {
      version: 1,
      trigger: { trigger_id: triggerId, source_domain: 'personal', source_type: 'whatsapp', source_data: {}, triggered_actions: [{ type: 'odoo_register_payment', params: {} }], status: 'processing', created: now, updated: now },
      loop: { loop_id: `ralph-${triggerId}`, task_file: 'Needs_Action/t.md', plan_md: 'Plans/Plan_t.md', max_iterations: 10, current_iteration: 1, status: 'active', started: now },
      origin_trigger_id: 'trg-20260220-first',
      task_title: 'Paid',
      reasoner: 'rules',
      intent: 'payment_received',
      summary: 'payment received',
      human_steps: [],
      steps: [{ index: 1, skill: 'odoo_register_payment', params: { invoice: 'INV/2026/00001', amount: 4000 }, title: 'Record a payment', idempotency_key: key, status: 'approved', attempts: 0, ...step }],
    };
  }

  it('does not make a payment its first round already tried', async () => {
    const number = await kit.postedInvoice('Client ABC', 4000, 'seed-1');
    const store = new TaskStateStore(kit.vault, kit.layout);
    const audit = new AuditLog({ vault: kit.vault, path: kit.layout.auditLog, clock: kit.clock });
    const errors = new ErrorLog({ vault: kit.vault, path: kit.layout.errorLog, clock: kit.clock, bus: kit.bus });
    const registry = new SkillRegistry();
    const runner = new StepRunner({ registry, store, desk: new ApprovalDesk({ vault: kit.vault, layout: kit.layout, clock: kit.clock, audit, errors, bus: kit.bus, registry, store }) });
    // The first round paid, then failed its check and gave the task back.
    const first = stateOf('trg-20260220-first', { status: 'done', started: '2026-02-20T12:05:00.000+00:00' });
    first.loop.status = 'failed';
    await store.save(first);
    const again = stateOf('trg-20260221-again', { params: { invoice: number, amount: 4000 } });
    await store.save(again);

    const step = again.steps[0] as StepState;
    const outcome = await runner.act(step, again, kit.ctx({ key }));
    expect(outcome).toMatchObject({ kind: 'fatal', error: expect.stringContaining('An earlier round of this task already tried odoo_register_payment (done on 2026-02-20)') as string });
    expect((await kit.ledger.getInvoice(number)).amountDue).toBe(4000);
  });
});

it('transient failures wait longer each time: 5, 10, then 20 minutes', async () => {
  odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
  const fake = odoo;
  const env = odooEnv(fake);
  const harness = await new AgentHarness({ env, settings: { odoo: { maxRetries: 0 } } }).init();
  h = harness;
  fake.inject({ kind: 'http-status', status: 503, match: { name: 'account.move.create' }, times: Infinity });
  harness.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
  const waits: number[] = [];
  for (let i = 0; i < 3; i++) {
    await harness.once();
    const { retry_after: after } = harness.state().loop;
    waits.push(Math.round((Date.parse(after ?? '') - harness.clock.now().getTime()) / 60_000));
    harness.clock.set(after ?? '');
  }
  expect(waits).toEqual([5, 10, 20]);
});
