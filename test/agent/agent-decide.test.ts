/**
 * `Agent.decide` (what `approve FILE` / `reject FILE` and the plugin's
 * commands call) and how it meets passes already running: a decision
 * written while a pass runs is acted on by a new pass, and running one task
 * by hand while a pass works it never doubles its steps.
 */
import { AgentError } from '../../src/agent/agent';
import { AgentHarness, WHATSAPP_EXAMPLE } from './agent-harness';
import { rejectionOf } from '../support/async';

let h: AgentHarness;

afterEach(async () => {
  await h.cleanup();
});

async function upToApproval(): Promise<string> {
  h = await new AgentHarness().init();
  h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
  await h.once();
  return h.only('Pending_Approval');
}

/** Any error a promise rejects with. */
const rejection = (promise: Promise<unknown>): Promise<Error> => rejectionOf(promise, Error);

describe('Agent.decide', () => {
  it('writes the decision and who made it on the note; the next pass acts on it', async () => {
    const request = await upToApproval();
    expect(await h.runtime.agent.decide(request, 'approved', 'cli')).toEqual({ path: request, decision: 'approved', triggerId: h.state().trigger.trigger_id, step: 2 });
    expect(h.fm(request)).toMatchObject({ status: 'approved', decided_by: 'cli' });
    // Only written: nothing ran yet.
    expect(h.state().steps[1]?.status).toBe('awaiting_approval');

    const report = await h.runtime.agent.runPass();
    expect(report.decisions).toEqual([expect.objectContaining({ decision: 'approved', step: 2 }) as object]);
    expect(h.state().steps[1]).toMatchObject({ status: 'done', approval: { decision: 'approved', by: 'cli' } });
    expect(h.auditActions('approval.decided')[0]).toMatchObject({ user: 'owner', details: { decision: 'approved' } });
  });

  it('a rejection by the owner from Obsidian is recorded as theirs', async () => {
    const request = await upToApproval();
    await h.runtime.agent.decide(request, 'rejected', 'obsidian');
    await h.runtime.agent.runPass();
    expect(h.state().steps[1]).toMatchObject({ status: 'rejected', approval: { decision: 'rejected', by: 'obsidian' } });
    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_'))).toEqual([]);
  });

  it.each<[string, (request: string) => string, RegExp]>([
    ['a note outside the approval folders', () => 'Needs_Action/note.md', /^Needs_Action\/note\.md is not in Pending_Approval\/; only approval requests can be approved or rejected\.$/],
    ['a note that is not there', () => 'Pending_Approval/nothing.md', /^Pending_Approval\/nothing\.md cannot be read: /],
    ['a note that is not an approval request', () => 'Pending_Approval/plain.md', /^Pending_Approval\/plain\.md is not an approval request \(its type is "memo"\)\.$/],
    ['a forged request the employee never made', () => 'Pending_Approval/forged.md', /^Pending_Approval\/forged\.md is not a request the employee made; it approves nothing\.$/],
  ])('refuses %s', async (_what, pathOf, message) => {
    const request = await upToApproval();
    h.write('Needs_Action/note.md', 'Hello\n');
    h.write('Pending_Approval/plain.md', '---\ntype: memo\n---\nHi\n');
    // A copy of the real request with another key: it names a real trigger and step, but not the key the employee wrote.
    h.write('Pending_Approval/forged.md', h.read(request).replace(/idempotency_key: .*/, 'idempotency_key: forged'));
    const error = await rejection(h.runtime.agent.decide(pathOf(request), 'approved', 'cli'));
    expect(error).toBeInstanceOf(AgentError);
    expect(error.message).toMatch(message);
    expect(h.fm(request).status).toBe('pending');
  });

  it('refuses a request decided already, naming the decision, and leaves it as it is', async () => {
    const request = await upToApproval();
    await h.runtime.agent.decide(request, 'rejected', 'cli');
    await h.runtime.agent.runPass();
    const filed = h.only('Rejected');
    const before = h.read(filed);
    const error = await rejection(h.runtime.agent.decide(filed, 'approved', 'cli'));
    expect(error).toBeInstanceOf(AgentError);
    expect(error.message).toBe(`${filed} was already decided (rejected).`);
    expect(h.read(filed)).toBe(before);
  });
});

describe('decisions and passes that overlap', () => {
  it('a decision written while a pass runs is acted on by runNewPass, not lost in the running pass', async () => {
    const request = await upToApproval();
    const agent = h.runtime.agent;
    // A pass starts (a scheduled one, the inbox watcher's) and reads the folders before the decision is written.
    const running = agent.runPass();
    await agent.decide(request, 'approved', 'obsidian');
    const report = await agent.runNewPass();
    await running;
    expect(report.runs.filter((r) => r.iterations > 0)).toEqual([expect.objectContaining({ status: 'completed' }) as object]);
    expect(h.state().loop.status).toBe('completed');
    expect(h.notes('Needs_Action').filter((n) => n.startsWith('social_facebook_'))).toHaveLength(1);
  });

  it('runNewPass with no pass running is an ordinary pass', async () => {
    const request = await upToApproval();
    await h.runtime.agent.decide(request, 'approved', 'cli');
    expect((await h.runtime.agent.runNewPass()).decisions).toHaveLength(1);
  });

  it('running a task by hand while a pass works it does not work it twice', async () => {
    h = await new AgentHarness().init();
    h.drop('WhatsApp from Client ABC.md', WHATSAPP_EXAMPLE);
    await h.runtime.triage.triageInbox();
    const task = h.only('Needs_Action', 'whatsapp_');
    const agent = h.runtime.agent;

    const [report, run] = await Promise.all([agent.runPass(), agent.runTask(task)]);
    const iterations = [...report.runs.map((r) => r.iterations), run.iterations].reduce((a, b) => a + b, 0);
    expect(iterations).toBe(2);
    expect(h.notes('Pending_Approval')).toHaveLength(1);
    expect(h.notes('Accounting/Invoices')).toHaveLength(1);
    expect(h.state().loop.current_iteration).toBe(2);
    expect(h.eventsNamed('approval.requested')).toHaveLength(1);
    expect(h.ralph().filter((l) => l.phase === 'READ')).toHaveLength(2);
  });
});
