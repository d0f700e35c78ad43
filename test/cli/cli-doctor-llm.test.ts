/**
 * `doctor` checks the LLM when the employee is set to reason with one: one
 * real request to the test server (Anthropic and OpenAI formats), naming a
 * wrong key as a configuration problem (exit 2) and never printing the key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeLlm } from '../llm/fake-llm-server';
import type { FakeLlm } from '../llm/fake-llm-types';
import { assertCliBuilt, makeTempDir, removeDir, runCli } from './run-cli';

let tmp: string;
let llm: FakeLlm | null = null;

beforeAll(() => assertCliBuilt());
beforeEach(() => {
  tmp = makeTempDir('ai-employee-doctor-llm-');
});
afterEach(async () => {
  await llm?.close();
  llm = null;
  removeDir(tmp);
});

async function vaultWith(settings: Record<string, unknown> | null): Promise<string> {
  const vault = path.join(tmp, 'vault');
  expect((await runCli(['init', '--vault', vault])).code).toBe(0);
  if (settings) {
    const dir = path.join(vault, '.obsidian', 'plugins', 'ai-employee');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify(settings));
  }
  return vault;
}

function llmLine(stdout: string): string {
  return stdout.split('\n').find((l) => l.slice(6).startsWith('LLM:')) ?? `no LLM line in:\n${stdout}`;
}

it('skips the LLM when the rules decide', async () => {
  const r = await runCli(['doctor', '--vault', await vaultWith(null)]);
  expect(r.code).toBe(0);
  expect(llmLine(r.stdout)).toBe('--    LLM: not used; the built-in rules decide');
});

describe.each(['anthropic', 'openai'] as const)('with the %s format', (provider) => {
  const settingsFor = (url: string) => ({ agent: { reasoner: 'llm', llm: { provider, baseUrl: provider === 'anthropic' ? url : `${url}/v1`, model: 'test-model', timeoutSeconds: 5 } } });

  it('asks one short question and says which model answered', async () => {
    llm = await startFakeLlm();
    llm.script({ kind: 'text', text: 'OK' });
    const r = await runCli(['doctor', '--vault', await vaultWith(settingsFor(llm.url))], { env: { LLM_API_KEY: llm.apiKey } });
    expect(r.code).toBe(0);
    expect(llmLine(r.stdout)).toMatch(new RegExp(`^ok {4}LLM: ${provider} model \\S+ answered$`));
    expect(llm.requests).toHaveLength(1);
  });

  it('names a wrong key as a configuration problem, without printing it', async () => {
    llm = await startFakeLlm();
    const r = await runCli(['doctor', '--vault', await vaultWith(settingsFor(llm.url))], { env: { LLM_API_KEY: 'sk-wrong-key-123456' } });
    expect(r.code).toBe(2);
    expect(llmLine(r.stdout)).toMatch(/^FAIL {2}LLM: .*(key|401)/i);
    expect(r.stdout + r.stderr).not.toContain('sk-wrong-key-123456');
  });

  it('names an LLM that does not answer as a connection problem', async () => {
    llm = await startFakeLlm();
    const url = llm.url;
    await llm.close();
    llm = null;
    const r = await runCli(['doctor', '--vault', await vaultWith(settingsFor(url))], { env: { LLM_API_KEY: 'k' } });
    expect(r.code).toBe(1);
    expect(llmLine(r.stdout)).toMatch(/^FAIL {2}LLM: /);
  });
});
