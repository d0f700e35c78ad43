import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Agent } from '../src/agent/agent';
import { RulesReasoner } from '../src/agent/reasoners/rules-reasoner';
import { DEFAULT_SKILLS, SkillRegistry } from '../src/agent/skills/registry';
import type { AnySkill } from '../src/agent/skills/skill';
import { Runtime } from '../src/core/runtime';
import { MapSecrets } from '../src/core/secrets';
import { defaultSettings } from '../src/core/settings';
import { FsVault } from '../src/vault/fs-vault';
import { makeDeviceIdentity } from '../src/vault/runner-lease';
import { report, tempDir } from './bench-util';

/** Time spent inside skills, so the loop's own cost can be told apart. */
class SkillClock {
  ms = 0;
  calls = 0;

  wrap(skill: AnySkill): AnySkill {
    const timed = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await fn(...args);
      } finally {
        this.ms += performance.now() - started;
        this.calls += 1;
      }
    };
    return {
      ...skill,
      execute: timed(skill.execute.bind(skill)),
      verify: timed(skill.verify.bind(skill)),
      amountOf: timed(skill.amountOf.bind(skill)),
      ...(skill.prepare ? { prepare: timed(skill.prepare.bind(skill)) } : {}),
    };
  }
}

const CLIENTS = ['Client ABC', 'Northwind Traders', 'Blue Harbor Cafe', 'Greenleaf Dental', 'Summit Legal', 'Acme Builders'];

const KINDS = [
  (i: number) => `Completed project for ${CLIENTS[i % CLIENTS.length] ?? 'Client ABC'}, $${(1000 + i).toLocaleString('en-US')}. Please send the invoice.`,
  (i: number) => `I paid $${900 + (i % 100)} for a new monitor from Screens Ltd today.`,
];

interface Setup {
  runtime: Runtime;
  agent: Agent;
  skills: SkillClock;
  cleanup: () => void;
}

/** A vault with `count` triaged tasks and an agent whose skills are timed. */
export async function setUp(count: number, concurrency?: number): Promise<Setup> {
  const { dir, cleanup } = tempDir('agent');
  const settings = defaultSettings();
  settings.agent.enabled = false; // the bench drives the agent itself
  const vault = new FsVault(dir);
  const runtime = new Runtime({ settings, vault, secrets: new MapSecrets({}), identity: makeDeviceIdentity('daemon', 'bench', { deviceName: 'bench' }) });
  await runtime.start();
  const inbox = nodePath.join(dir, ...runtime.layout.inbox.split('/'));
  mkdirSync(inbox, { recursive: true });
  const past = new Date(Date.now() - 60_000);
  for (let i = 0; i < count; i++) {
    const file = nodePath.join(inbox, `message-${String(i).padStart(5, '0')}.md`);
    writeFileSync(file, `---\ntype: whatsapp\nfrom: "+1 555 ${String(i).padStart(4, '0')}"\n---\n${(KINDS[i % KINDS.length] ?? KINDS[0])?.(i) ?? ''}\n`);
    utimesSync(file, past, past);
  }
  await runtime.triage.triageInbox();
  const skills = new SkillClock();
  const agent = new Agent({
    vault,
    layout: runtime.layout,
    clock: runtime.clock,
    audit: runtime.audit,
    errors: runtime.errors,
    bus: runtime.bus,
    completion: runtime.completion,
    books: () => runtime.accounting(),
    reasoner: () => Promise.resolve(new RulesReasoner()),
    registry: new SkillRegistry(DEFAULT_SKILLS.map((s) => skills.wrap(s))),
    ...(concurrency ? { concurrency } : {}),
  });
  return { runtime, agent, skills, cleanup };
}

/**
 * The agent over N queued tasks with the rules reasoner, in one pass, until
 * each waits for its approval request (a draft invoice then a post; or an
 * expense above the threshold).
 */
export async function benchAgentQueue(count: number): Promise<void> {
  const { runtime, agent, cleanup } = await setUp(count);
  try {
    const started = performance.now();
    const pass = await agent.runPass();
    const totalMs = performance.now() - started;
    const waiting = pass.runs.filter((r) => r.status === 'awaiting_approval').length;
    const requests = (await runtime.deps.vault.list(runtime.layout.pendingApproval)).length;
    report(`Agent: ${count} queued tasks to approval requests`, `${(totalMs / 1000).toFixed(1)} s`);
    report('  tasks per second (rules reasoner, one pass)', `${((count / totalMs) * 1000).toFixed(0)} /s`);
    report('  approval requests written', `${requests}`, `${count}`, requests === count && waiting === count);
    await runtime.stop();
  } finally {
    cleanup();
  }
}

/** The loop's own cost per iteration (reading, planning, state, logs), skills excluded: one task at a time. */
export async function benchLoopOverhead(count: number): Promise<void> {
  const { agent, runtime, skills, cleanup } = await setUp(count, 1);
  try {
    const started = performance.now();
    const pass = await agent.runPass();
    const totalMs = performance.now() - started;
    const iterations = pass.runs.reduce((sum, r) => sum + r.iterations, 0);
    report(`Ralph loop overhead per iteration (${iterations} iterations)`, `${((totalMs - skills.ms) / Math.max(1, iterations)).toFixed(2)} ms`);
    report('  skill time per iteration (vault ledger)', `${(skills.ms / Math.max(1, iterations)).toFixed(2)} ms`);
    await runtime.stop();
  } finally {
    cleanup();
  }
}
