import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../../src/core/clock';
import { FsVault } from '../../src/vault/fs-vault';
import { makeDeviceIdentity, RunnerLease } from '../../src/vault/runner-lease';

/** The built CLI: the tests run the real bundle, as a user would. */
export const CLI_PATH = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

/** Fails with a plain instruction when the bundle has not been built. */
export function assertCliBuilt(): void {
  if (!fs.existsSync(CLI_PATH)) {
    throw new Error(`The CLI is not built (${CLI_PATH} is missing). Run "npm run build" first (npm test builds before testing).`);
  }
}

/** The environment without anything that would point the CLI at a real vault or Odoo. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'AI_EMPLOYEE_VAULT' || key.startsWith('ODOO_')) delete env[key];
  }
  return { ...env, ...extra };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Kill the child after this long; the result then has signal SIGKILL. */
  timeoutMs?: number;
}

/** A running CLI process with its output collected as it comes. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<CliResult>;
  private out = '';
  private err = '';

  constructor(args: string[], options: CliOptions = {}) {
    assertCliBuilt();
    this.child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.out += chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.err += chunk));
    this.exited = new Promise<CliResult>((resolve, reject) => {
      this.child.on('error', reject);
      // 'close' rather than 'exit': it comes after the output streams are drained.
      this.child.on('close', (code, signal) => resolve({ code, signal, stdout: this.out, stderr: this.err }));
    });
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once stdout matches; fails with everything printed so far when it does not in time. */
  async waitForStdout(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    await waitUntil(() => pattern.test(this.out) || !this.running, timeoutMs, () => `stdout to match ${pattern}\n${this.describe()}`);
    if (!pattern.test(this.out)) throw new Error(`The CLI exited before stdout matched ${pattern}\n${this.describe()}`);
  }

  /** Sends a signal and waits for the exit; fails when it takes longer than `timeoutMs`. */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<CliResult & { elapsedMs: number }> {
    const started = Date.now();
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The CLI did not exit within ${timeoutMs} ms of ${signal}\n${this.describe()}`)), timeoutMs);
    });
    try {
      const result = await Promise.race([this.exited, timeout]);
      return { ...result, elapsedMs: Date.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  /** For afterEach: makes sure nothing outlives the test. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited.catch(() => undefined);
  }

  describe(): string {
    return `--- stdout ---\n${this.out}\n--- stderr ---\n${this.err}`;
  }
}

/** Runs the CLI to completion. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const proc = new CliProcess(args, options);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  try {
    return await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every 25 ms; fails with `what()` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A fresh temporary folder; remove it with {@link removeDir}. */
export function makeTempDir(prefix = 'ai-employee-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Non-empty lines of a JSONL file, each parsed; throws naming the line that does not parse. */
export function readJsonlFile(file: string): Record<string, unknown>[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${file} line ${i + 1} is not JSON: ${line}`);
    }
  });
}

/** Drops a note into the vault's inbox, dated a minute ago so it counts as completely written. */
export function dropInboxNote(vault: string, name: string, text: string): void {
  const file = path.join(vault, 'Inbox', name);
  fs.writeFileSync(file, text);
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past);
}

/** Markdown files directly inside a folder (not below), sorted; [] when absent. */
export function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => e.name)
    .sort();
}

/** Every file below a folder, as paths relative to it, sorted. */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The runner lease of Obsidian on another device ("Office laptop"), to hold while the CLI runs. */
export function officeLaptopLease(vault: string): RunnerLease {
  return new RunnerLease({
    vault: new FsVault(vault),
    path: 'Logs/state/runner_lease.json',
    clock: systemClock,
    identity: makeDeviceIdentity('obsidian', 'office-laptop-device', { deviceName: 'Office laptop' }),
    staleAfterSeconds: 120,
    heartbeatSeconds: 30,
    verifyDelayMs: 0,
  });
}
