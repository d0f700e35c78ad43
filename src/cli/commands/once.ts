import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import type { Output } from '../output';
import { describeHolder } from '../describe-holder';

/** `once`: takes the runner lease, runs every due job once, releases the lease. */
export async function onceCommand(args: CliArgs, out: Output): Promise<number> {
  const { runtime } = createCliContext(args, resolveVaultDir(args, { mustExist: true }));
  await runtime.start();
  const lease = await runtime.acquireLease();
  if (!lease.held) {
    out.error(`Another runner is active on this vault (${describeHolder(lease.holder)}); nothing was done. Stop it, or wait until its lease goes stale.`);
    return 1;
  }
  try {
    const tick = await runtime.runOnce();
    out.data(tick);
    for (const result of tick.results) {
      if (result.outcome === 'not-due') continue;
      const time = result.durationMs !== undefined ? ` (${result.durationMs} ms)` : '';
      out.line(`${result.outcome === 'failure' ? 'FAILED' : result.outcome.padEnd(6)}  ${result.id}${time}${result.error ? `: ${result.error}` : ''}`);
    }
    for (const id of tick.failed) {
      const error = tick.results.find((r) => r.id === id)?.error ?? 'see Logs/error_log.jsonl';
      out.error(`Job ${id} failed: ${error}`);
    }
    return tick.failed.length > 0 ? 1 : 0;
  } finally {
    await runtime.stop();
  }
}
