import * as nodePath from 'node:path';
import { benchTriageThroughput } from './triage-throughput';
import { benchDaemonLatency } from './daemon-latency';
import { benchBundleSize, benchPluginOnload } from './plugin-onload';
import { benchLedgerReports, benchOdooReports } from './accounting-reports';
import { benchAgentQueue, benchLoopOverhead } from './agent-loop';
import { benchBriefing } from './briefing';

/** `npm run bench`: prints the figures the project tracks. Each target is a goal, not a test. */
async function main(): Promise<void> {
  const root = nodePath.resolve(__dirname, '..');
  const mainJs = nodePath.join(root, 'main.js');
  const cli = nodePath.join(root, 'dist', 'cli.js');
  process.stdout.write('AI Employee bench\n\n');
  await benchTriageThroughput(10_000);
  await benchDaemonLatency(cli, 100);
  await benchPluginOnload(mainJs, 20);
  benchBundleSize(mainJs);
  await benchOdooReports(10_000);
  await benchLedgerReports(10_000);
  await benchLoopOverhead(200);
  await benchAgentQueue(1_000);
  await benchBriefing({ auditLines: 50_000, tasks: 5_000, invoices: 10_000 });
}

main().catch((error: unknown) => {
  process.stderr.write(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
