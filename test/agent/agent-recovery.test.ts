/**
 * The loop under failure: the WhatsApp example against the test Odoo, a
 * crash between "done in the books" and "recorded in the vault" (restart
 * finishes with no duplicate), transient failures and the iteration limit,
 * an error no retry can fix (the task goes back to the inbox with an alert),
 * and payments, which are never tried twice.
 */
import { FsVault } from '../../src/vault/fs-vault';
import { VaultError } from '../../src/vault/vault-port';
import { odooEnv, startFakeOdoo } from '../odoo/fake-odoo';
import type { FakeOdoo, FakeOdooMajor } from '../odoo/fake-odoo-types';
import { AgentHarness, expectCompleteLoopLog, WHATSAPP_EXAMPLE } from './agent-harness';

let h: AgentHarness;
let odoo: FakeOdoo | null = null;

afterEach(async () => {
  await h.cleanup();
  await odoo?.close();
  odoo = null;
});


const customerInvoices = (fake: FakeOdoo) => fake.records('account.move').filter((m) => m.move_type === 'out_invoice');

/**
 * A vault that "crashes" once armed: the first state write whose content
 * matches fails, and so does every write after it, as if the process died
 * there. What reached the disk before stays.
 */
class CrashingVault extends FsVault {
  private crashed = false;
  constructor(
    base: string,
    private readonly when: (path: string, content: string) => boolean,
  ) {
    super(base);
  }

  override async write(path: string, content: string): Promise<void> {
    if (!this.crashed && this.when(path, content)) this.crashed = true;
    if (this.crashed) throw new VaultError('io', path, 'simulated crash');
    return super.write(path, content);
  }

  override async append(path: string, content: string): Promise<void> {
    if (this.crashed) throw new VaultError('io', path, 'simulated crash');
    return super.append(path, content);
  }
}

describe.each([
  [17, 'xmlrpc'],
  [19, 'json2'],
] as Array<[FakeOdooMajor, string]>)('the WhatsApp example on Odoo %i over %s', (version, protocol) => {
  it('makes the draft invoice in Odoo, waits for approval, and completes once approved', async () => {
    odoo = await startFakeOdoo({ version, today: '2026-02-20' });
    h = await new AgentHarness({ env: odooEnv(odoo, protocol) }).init();
    h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    await h.once();

    const [invoice, ...others] = customerInvoices(odoo);
    expect(others).toEqual([]);
    expect(invoice).toMatchObject({ state: 'draft', amount_total: 10000, ref: h.state().steps[0]?.idempotency_key });
    expect(h.notes('Accounting/Invoices')).toEqual([]);

    h.editFm(h.only('Pending_Approval'), (fm) => void (fm.status = 'approved'));
    await h.once();
    const state = h.state();
    expect(state.loop.status).toBe('completed');
    expect(state.trigger.status).toBe('completed');
    expectCompleteLoopLog(h.ralph(), state.loop.loop_id, 3);
    expect(customerInvoices(odoo)).toHaveLength(1);
    expect(h.notes('Done').filter((n) => n.startsWith('whatsapp_'))).toHaveLength(1);
  });
});

describe('a crash in the middle', () => {
  it('on Odoo: the invoice was made but not recorded; the restart finds it by its key instead of making another', async () => {
    odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
    const fake = odoo;
    h = new AgentHarness({
      env: odooEnv(fake, 'xmlrpc'),
      // The state write that records the invoice never lands.
      wrapVault: (v) => new CrashingVault(v.basePath, (path, content) => path.includes('Logs/state/agent/') && content.includes('"invoice_id"')),
    });
    await h.init();
    h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    await expect(h.once()).rejects.toThrow(/agent\.loop/);
    expect(customerInvoices(fake)).toHaveLength(1);
    expect(h.state().steps[0]).toMatchObject({ status: 'running', attempts: 1 });
    expect(h.state().steps[0]?.result).toBeUndefined();

    await h.restart();
    await h.once();
    expect(customerInvoices(fake)).toHaveLength(1);
    expect(fake.countCalls('account.move.create')).toBe(1);
    const state = h.state();
    expect(state.steps[0]).toMatchObject({ status: 'done', attempts: 2, result: { details: { created: false } } });
    expect(state.loop.status).toBe('awaiting_approval');
  });

  it('on the ledger: the same, with one invoice note', async () => {
    h = new AgentHarness({ wrapVault: (v) => new CrashingVault(v.basePath, (path, content) => path.includes('Logs/state/agent/') && content.includes('"invoice_id"')) });
    await h.init();
    h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    await expect(h.once()).rejects.toThrow(/agent\.loop/);
    await h.restart();
    await h.once();
    h.editFm(h.only('Pending_Approval'), (fm) => void (fm.status = 'approved'));
    await h.once();
    expect(h.notes('Accounting/Invoices')).toHaveLength(1);
    expect(h.state().loop.status).toBe('completed');
  });
});

describe('transient failures and the iteration limit', () => {
  it('the books unreachable: waits and tries again later, each try an iteration, until the limit; then an alert', async () => {
    odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
    const env = odooEnv(odoo, 'xmlrpc');
    await odoo.close();
    odoo = null;
    h = await new AgentHarness({ env, handbook: { max_iterations: 3 }, settings: { odoo: { maxRetries: 0, timeoutSeconds: 2 } } }).init();
    h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    await h.once();
    let state = h.state();
    expect(state.loop).toMatchObject({ status: 'active', current_iteration: 1, retry_after: '2026-02-20T12:05:00.000+00:00' });
    expect(state.steps[0]).toMatchObject({ status: 'pending', error: expect.stringContaining('127.0.0.1') as string });

    // Not before the time it set itself.
    await h.once();
    expect(h.state().loop.current_iteration).toBe(1);

    h.clock.advanceMinutes(6);
    await h.once();
    expect(h.state().loop).toMatchObject({ current_iteration: 2, retry_after: '2026-02-20T12:16:00.000+00:00' });
    h.clock.advanceMinutes(11);
    await h.once();
    expect(h.state().loop.current_iteration).toBe(3);
    h.clock.advanceMinutes(30);
    await h.once();

    state = h.state();
    expect(state.loop).toMatchObject({ status: 'max_iterations_exceeded', current_iteration: 3 });
    expect(state.loop.outcome).toContain('Stopped after 3 of 3 iterations with step 1');
    expect(state.trigger.status).toBe('failed');
    const task = h.only('Needs_Action', 'whatsapp_');
    expect(h.fm(task).status).toBe('needs_attention');
    expect(h.fm(h.only('Plans')).status).toBe('max_iterations_exceeded');
    expect(h.errors().filter((e) => e.severity === 'CRITICAL' && e.error === 'MaxIterationsExceeded')).toHaveLength(1);
    expect(h.read('Dashboard.md')).toContain('**Alert:**');
    expectCompleteLoopLog(h.ralph(), state.loop.loop_id, 3);

    // Over for good: later passes leave it to the owner.
    h.clock.advanceMinutes(120);
    await h.once();
    expect(h.state().loop.current_iteration).toBe(3);
  });

  it('a handbook limit of one iteration stops after the first step', async () => {
    h = await new AgentHarness({ handbook: { max_iterations: 1 } }).init();
    h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    await h.once();
    const state = h.state();
    expect(state.loop).toMatchObject({ status: 'max_iterations_exceeded', current_iteration: 1, max_iterations: 1 });
    expect(state.steps.map((s) => s.status)).toEqual(['done', 'pending']);
    expect(h.notes('Pending_Approval')).toEqual([]);
    expect(h.eventsNamed('agent.notification')).toEqual([expect.objectContaining({ level: 'alert' }) as object]);
  });
});

describe('an error no retry can fix', () => {
  it('sends the task back to the inbox with an alert, and triage leaves it there until the owner looks', async () => {
    h = await new AgentHarness().init();
    h.drop('Payment from Client XYZ.md', '---\ntype: whatsapp\nfrom: Client XYZ\n---\nHi, Client XYZ here: we paid $500 for the website today.\n');
    await h.once();

    const back = h.only('Inbox');
    const fm = h.fm(back);
    expect(fm).toMatchObject({ status: 'needs_attention', agent_error: expect.stringContaining('Client XYZ has no unpaid invoice') as string, origin_trigger_id: h.state().trigger.trigger_id });
    expect(h.read(back)).toContain('> [!warning] The employee could not finish this task');
    expect(h.notes('Needs_Action')).toEqual([]);
    expect(h.fm(h.only('Done', 'Plan_')).status).toBe('failed');
    const state = h.state();
    expect(state.loop.status).toBe('failed');
    expect(state.trigger.status).toBe('failed');
    expect(h.errors().filter((e) => e.severity === 'CRITICAL' && e.error === 'TaskFailed')).toHaveLength(1);
    expect(h.auditActions('accounting.payment.register')).toEqual([]);
    expectCompleteLoopLog(h.ralph(), state.loop.loop_id, 1);

    // Left alone until the owner changes its status…
    await h.once();
    expect(h.only('Inbox')).toBe(back);
    // …then it goes round again, keeping its first trigger so done steps are not repeated.
    h.editFm(back, (f) => void (f.status = 'new'));
    await h.once();
    const again = h.states().find((s) => s.trigger.trigger_id !== state.trigger.trigger_id);
    expect(again?.origin_trigger_id).toBe(state.trigger.trigger_id);
    expect(again?.steps[0]?.idempotency_key).toBe(`${state.trigger.trigger_id}:1:odoo_register_payment`);
  });
});

describe('payments are never tried twice', () => {
  async function withPostedInvoice(fake: FakeOdoo): Promise<string> {
    h = await new AgentHarness({ env: odooEnv(fake, 'xmlrpc') }).init();
    const books = await h.runtime.accounting();
    const { invoice } = await books.createInvoice({ client: 'Client ABC', lines: [{ description: 'Website', quantity: 1, unitPrice: 4000 }], idempotencyKey: 'seed-1' });
    const posted = await books.postInvoice(invoice.id);
    return posted.number ?? '';
  }

  it('a payment the books fail is reported once, with an alert, and never sent again', async () => {
    odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
    const number = await withPostedInvoice(odoo);
    h.drop('Paid.md', `---\ntype: whatsapp\nfrom: Client ABC\n---\nClient ABC here. We paid ${number} today, $4,000 by bank transfer.\n`);
    await h.once();
    const request = h.only('Pending_Approval');
    expect(h.fm(request)).toMatchObject({ action: 'odoo_register_payment', parameters: { invoice: number, amount: 4000 }, amount: 4000 });
    expect(h.fm(request).reason).toContain('Payments always need your approval');

    odoo.inject({ kind: 'http-status', status: 503, match: { name: 'account.payment.register.action_create_payments' }, times: Infinity });
    h.editFm(request, (fm) => void (fm.status = 'approved'));
    await h.once();
    h.clock.advanceMinutes(120);
    await h.once();

    expect(odoo.countCalls('account.payment.register.action_create_payments')).toBe(1);
    const state = h.state();
    expect(state.steps[0]).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('not tried again automatically') as string });
    expect(state.loop.status).toBe('failed');
    expect(h.only('Inbox')).toMatch(/^Inbox\//);
    expect(h.errors().some((e) => e.error === 'TaskFailed' && String(e.message).includes('check the books'))).toBe(true);
  });

  it('a crash during a payment: the restart does not pay again, it asks the owner to check', async () => {
    odoo = await startFakeOdoo({ version: 17, today: '2026-02-20' });
    const fake = odoo;
    const number = await withPostedInvoice(fake);
    h.drop('Paid.md', `---\ntype: whatsapp\nfrom: Client ABC\n---\nClient ABC here. We paid ${number} today, $4,000 by bank transfer.\n`);
    await h.once();
    h.editFm(h.only('Pending_Approval'), (fm) => void (fm.status = 'approved'));
    // The process dies right after the payment, before it is recorded.
    await h.restart((v) => new CrashingVault(v.basePath, (path, content) => path.includes('Logs/state/agent/') && content.includes('"payment_id"')));
    await expect(h.once()).rejects.toThrow(/agent\.loop/);
    expect(fake.records('account.payment')).toHaveLength(1);
    expect(h.state().steps[0]).toMatchObject({ status: 'running', attempts: 1 });

    await h.restart();
    await h.once();
    expect(fake.records('account.payment')).toHaveLength(1);
    expect(fake.countCalls('account.payment.register.action_create_payments')).toBe(1);
    const state = h.state();
    expect(state.steps[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('its outcome is unknown') as string });
    expect(state.loop.status).toBe('failed');
    expect(h.errors().some((e) => e.error === 'TaskFailed' && String(e.message).includes('Check the books before doing it by hand'))).toBe(true);
  });
});
