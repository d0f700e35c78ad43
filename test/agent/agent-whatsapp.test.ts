/**
 * The spec's cross-domain example end to end on the vault ledger: a WhatsApp
 * message "Completed project for Client ABC, $10000" goes Inbox → task →
 * plan → draft invoice → summary post awaiting approval → the owner decides
 * → Done/, with the audit and Ralph logs complete. Every way of deciding is
 * covered: editing `status`, moving the note, rejecting, letting it expire,
 * editing the parameters first.
 */
import { AgentHarness, expectCompleteLoopLog, WHATSAPP_EXAMPLE } from './agent-harness';

let h: AgentHarness;

afterEach(async () => {
  await h.cleanup();
});

/** Drops the example and runs once: the invoice is made and the post waits for approval. */
async function upToApproval(options: ConstructorParameters<typeof AgentHarness>[0] = {}): Promise<string> {
  h = await new AgentHarness(options).init();
  h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
  await h.once();
  return h.only('Pending_Approval');
}

function invoiceNotes(): Record<string, unknown>[] {
  return h.notes('Accounting/Invoices').map((n) => h.fm(`Accounting/Invoices/${n}`));
}

describe('the WhatsApp example on the vault ledger', () => {
  it('creates the draft invoice, then waits for approval of the post, with everything on record', async () => {
    const request = await upToApproval();
    const task = h.only('Needs_Action', 'whatsapp_');
    const plan = h.only('Plans');

    // The invoice: a draft for Client ABC, found again by the step's idempotency key.
    const invoices = invoiceNotes();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ type: 'invoice', status: 'draft', client: 'Client ABC', amount: 10000, currency: 'USD' });
    const state = h.state();
    expect(invoices[0]?.idempotency_key).toBe(state.steps[0]?.idempotency_key);

    // The approval request says what, why, until when, and carries what will run.
    expect(h.fm(request)).toMatchObject({
      type: 'approval_request',
      status: 'pending',
      action: 'social_generate_summary',
      parameters: { platform: 'facebook', client: 'Client ABC', content: expect.stringContaining('Client ABC') as string },
      reason: expect.stringContaining('always waits for your approval') as string,
      created: '2026-02-20T12:00:00.000+00:00',
      expires: '2026-02-22T12:00:00.000+00:00',
      idempotency_key: state.steps[1]?.idempotency_key,
      trigger_id: state.trigger.trigger_id,
      step: 2,
    });
    expect(h.read(request)).toContain('## How to decide');

    // The task and plan say where things are.
    expect(h.fm(task).status).toBe('awaiting_approval');
    expect(h.fm(plan)).toMatchObject({ status: 'awaiting_approval', intent: 'work_completed', reasoner: 'rules', iteration: 2, max_iterations: 10 });
    expect(h.read(plan)).toMatch(/- \[x\] 1\. Create a draft invoice for Client ABC: 10,000\.00 USD \(Created INV\/2026\/00001/);
    expect(h.read(plan)).toMatch(/- \[ \] 2\. Draft a Facebook post about the work for Client ABC \(waiting for your approval: \[\[2026-02-20 Draft a Facebook post/);

    // The trigger follows the spec's entity.
    expect(state.trigger).toMatchObject({
      source_domain: 'personal',
      source_type: 'whatsapp',
      status: 'processing',
      source_data: { message: expect.stringContaining('Completed project for Client ABC') as string, sender: '+1 555 0100 (Client ABC)' },
      triggered_actions: [
        { type: 'odoo_create_invoice', params: { client: 'Client ABC', amount: 10000 } },
        { type: 'social_generate_summary', params: expect.objectContaining({ platform: 'facebook' }) as object },
      ],
      context: { client_name: 'Client ABC', amount: 10000, currency: 'USD' },
    });
    expect(state.loop).toMatchObject({ status: 'awaiting_approval', current_iteration: 2, max_iterations: 10 });
    expect(h.eventsNamed('approval.requested')).toHaveLength(1);
    expect(h.read('Dashboard.md')).toContain('2026-02-20 Draft a Facebook post about the work for Client ABC');

    // Waiting uses no iterations, however many passes run.
    await h.once();
    await h.once();
    expect(h.state().loop.current_iteration).toBe(2);
    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
  });

  it('approved by editing the frontmatter: the post is drafted, the task completes and moves to Done', async () => {
    const request = await upToApproval();
    h.editFm(request, (fm) => void (fm.status = 'approved'));
    h.clock.advanceMinutes(30);
    await h.once();

    const draft = h.only('Needs_Action', 'social_facebook_');
    expect(h.fm(draft)).toMatchObject({ type: 'social_post', status: 'draft', platform: 'facebook', client: 'Client ABC', idempotency_key: h.state().steps[1]?.idempotency_key });
    expect(h.read(draft)).toContain('we have just delivered a project for Client ABC');

    expect(h.notes('Needs_Action').filter((n) => n.startsWith('whatsapp_'))).toEqual([]);
    const done = h.notes('Done');
    expect(done.filter((n) => n.startsWith('whatsapp_'))).toHaveLength(1);
    const plan = h.only('Done', 'Plan_');
    expect(h.fm(plan).status).toBe('completed');
    expect(h.read(plan)).toMatch(/- \[x\] 2\. Draft a Facebook post/);
    expect(h.read(plan)).not.toMatch(/- \[ \]/);
    expect(h.fm(h.only('Done', 'whatsapp_')).status).toBe('done');

    const approved = h.only('Approved');
    expect(h.fm(approved)).toMatchObject({ status: 'approved', decided: '2026-02-20T12:30:00.000+00:00', executed: expect.any(String) as string, result: expect.stringContaining('Wrote the facebook draft') as string });
    expect(h.notes('Pending_Approval')).toEqual([]);

    const state = h.state();
    expect(state.loop).toMatchObject({ status: 'completed', current_iteration: 3 });
    expect(state.trigger.status).toBe('completed');
    expect(state.steps.map((s) => s.status)).toEqual(['done', 'done']);

    // The logs tell the whole story.
    expectCompleteLoopLog(h.ralph(), state.loop.loop_id, 3);
    const actions = h.audit().map((e) => e.action);
    for (const action of ['vault.triage', 'accounting.invoice.create', 'approval.decided', 'agent.loop', 'vault.complete']) expect(actions).toContain(action);
    expect(h.auditActions('approval.decided')[0]).toMatchObject({ status: 'success', user: 'owner', skill: 'social_generate_summary', details: { decision: 'approved' } });
    expect(h.auditActions('agent.loop').at(-1)).toMatchObject({ status: 'success', details: { loop_status: 'completed', trigger_status: 'completed', iterations: 3 } });
    expect(h.eventsNamed('agent.loop.finished').at(-1)).toMatchObject({ status: 'completed', iterations: 3 });
    expect(invoiceNotes()).toHaveLength(1);
  });

  it('approved by moving the note to Approved/', async () => {
    const request = await upToApproval();
    h.move(request, 'Approved');
    await h.once();
    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_facebook_'))).toHaveLength(1);
    expect(h.fm(h.only('Approved')).status).toBe('approved');
    expect(h.state().loop.status).toBe('completed');
  });

  it('rejected: nothing is posted, the task still closes, and the plan says it was turned down', async () => {
    const request = await upToApproval();
    h.editFm(request, (fm) => void (fm.status = 'rejected'));
    await h.once();

    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
    expect(h.fm(h.only('Rejected'))).toMatchObject({ status: 'rejected' });
    const state = h.state();
    expect(state.steps.map((s) => s.status)).toEqual(['done', 'rejected']);
    expect(state.loop.status).toBe('completed');
    expect(state.trigger.status).toBe('failed');
    expect(h.read(h.only('Done', 'Plan_'))).toMatch(/- \[x\] 2\. ~~Draft a Facebook post about the work for Client ABC~~ \(rejected by you on 2026-02-20; not done\)/);
    expect(h.auditActions('approval.decided')[0]).toMatchObject({ status: 'skipped', details: { decision: 'rejected' } });
    // The invoice made before stays; nothing else ran.
    expect(invoiceNotes()).toHaveLength(1);
  });

  it('a move to Rejected/ rejects too', async () => {
    const request = await upToApproval();
    h.move(request, 'Rejected');
    await h.once();
    expect(h.state().steps[1]?.status).toBe('rejected');
    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
  });

  it('expired: after the handbook\'s hours nothing runs, even when approved too late', async () => {
    const request = await upToApproval({ handbook: { approval_expiry_hours: 24 } });
    expect(h.fm(request).expires).toBe('2026-02-21T12:00:00.000+00:00');
    h.clock.set('2026-02-21T12:00:01Z');
    // Approving after the deadline does not bring it back.
    h.editFm(request, (fm) => {
      fm.status = 'approved';
      fm.expires = '2030-01-01T00:00:00Z'; // editing the deadline does not stretch it either
    });
    await h.once();

    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
    expect(h.fm(h.only('Rejected')).status).toBe('expired');
    const state = h.state();
    expect(state.steps[1]?.status).toBe('expired');
    expect(state.loop.status).toBe('completed');
    expect(h.read(h.only('Done', 'Plan_'))).toContain('the approval request expired on 2026-02-21; not done');
    expect(h.eventsNamed('approval.decided')).toEqual([expect.objectContaining({ decision: 'expired' }) as object]);
  });

  it('a pending request expires by itself', async () => {
    await upToApproval();
    h.clock.advanceMinutes(48 * 60 + 1);
    await h.once();
    expect(h.state().steps[1]?.status).toBe('expired');
    expect(h.notes('Pending_Approval')).toEqual([]);
  });

  it('runs what the approved note says: edited parameters are checked again and used', async () => {
    const request = await upToApproval();
    h.editFm(request, (fm) => {
      fm.status = 'approved';
      fm.parameters = { platform: 'linkedin', content: 'Proud to have delivered the new website for Client ABC.', client: 'Client ABC' };
    });
    await h.once();
    const draft = h.only('Needs_Action', 'social_linkedin_');
    expect(h.read(draft)).toContain('Proud to have delivered the new website for Client ABC.');
    expect(h.state().steps[1]?.params).toEqual({ platform: 'linkedin', content: 'Proud to have delivered the new website for Client ABC.', client: 'Client ABC' });
  });

  it('an edit that does not pass the schema goes back to pending with the problem, and nothing runs', async () => {
    const request = await upToApproval();
    h.editFm(request, (fm) => {
      fm.status = 'approved';
      fm.parameters = { platform: 'myspace', content: 'Hello' };
    });
    await h.once();
    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
    expect(h.fm(request)).toMatchObject({ status: 'pending', problem: expect.stringContaining('platform must be one of facebook, instagram, linkedin, x') as string });
    expect(h.state().steps[1]?.status).toBe('awaiting_approval');
    expect(h.auditActions('approval.invalid')).toHaveLength(1);

    // Fixed and approved again, it runs.
    h.editFm(request, (fm) => {
      fm.status = 'approved';
      fm.parameters = { platform: 'x', content: 'Delivered for Client ABC!' };
    });
    await h.once();
    expect(h.read(h.only('Needs_Action', 'social_x_'))).toContain('Delivered for Client ABC!');
  });

  it('the action itself cannot be changed by an edit', async () => {
    const request = await upToApproval();
    h.editFm(request, (fm) => {
      fm.status = 'approved';
      fm.action = 'odoo_register_payment';
      fm.parameters = { invoice: 'INV/2026/00001' };
    });
    await h.once();
    expect(h.fm(request)).toMatchObject({ status: 'pending', problem: expect.stringContaining('an approval can only approve social_generate_summary') as string });
    expect(h.auditActions('accounting.payment.register')).toEqual([]);
  });
});
