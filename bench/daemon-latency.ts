import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { percentile, report, tempDir } from './bench-util';

/**
 * Latency from a file dropped into Inbox/ to its plan written, with the real
 * daemon (`dist/cli.js run`) running in a child process. Drops are atomic
 * (written beside the inbox, then renamed in), one at a time.
 */
export async function benchDaemonLatency(cliPath: string, drops: number): Promise<void> {
  const { dir, cleanup } = tempDir('latency');
  const child = spawn(process.execPath, [cliPath, 'run', '--vault', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`daemon did not start: ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('Watching')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`daemon exited with ${code}: ${stderr}`)));
    });
    const inbox = nodePath.join(dir, 'Inbox');
    const plans = nodePath.join(dir, 'Plans');
    const staging = nodePath.join(dir, '.staging');
    mkdirSync(staging, { recursive: true });
    // Temporary files of atomic writes (`.name.tmp`) come and go: count finished plans only.
    const planCount = () => readdirSync(plans).filter((f) => !f.startsWith('.')).length;
    const latencies: number[] = [];
    for (let i = 0; i < drops; i++) {
      const before = planCount();
      const name = `drop-${i}.md`;
      writeFileSync(nodePath.join(staging, name), `# Drop ${i}\n\nPlease help with request ${i}.\n`);
      const started = performance.now();
      renameSync(nodePath.join(staging, name), nodePath.join(inbox, name));
      while (planCount() <= before) {
        if (performance.now() - started > 10_000) throw new Error(`no plan for drop ${i} after 10 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    report(`Drop → plan latency, p50 (${drops} drops)`, `${p50.toFixed(0)} ms`);
    report(`Drop → plan latency, p95 (${drops} drops)`, `${p95.toFixed(0)} ms`, '< 1000 ms', p95 < 1000);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exit;
    report('Daemon exit code after SIGTERM', String(code), '0', code === 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    cleanup();
  }
}
