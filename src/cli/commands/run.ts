import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import type { Output } from '../output';
import { describeHolder } from '../describe-holder';

/**
 * `run`: the daemon. Waits for the runner lease (standing by while another
 * runner is alive), then reacts to inbox drops at once and runs the schedule.
 * SIGINT/SIGTERM finish the current job, release the lease and exit 0.
 */
export async function runCommand(args: CliArgs, out: Output): Promise<number> {
  const { runtime, vaultDir } = createCliContext(args, resolveVaultDir(args, { mustExist: true }));
  await runtime.start();
  const tickMs = (args.tickSeconds ?? 30) * 1000;
  const heartbeatMs = runtime.settings.runner.heartbeatSeconds * 1000;

  let stopping = false;
  let active = false;
  let stopWatching: (() => void) | null = null;
  let wake: (() => void) | null = null;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      out.line(`${signal} received: finishing the current job and stopping.`);
      wake?.();
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  const becomeActive = async () => {
    active = true;
    // Watch before the first pass: a file dropped while it runs is then seen,
    // instead of waiting for the next scheduled triage.
    stopWatching = runtime.watchInbox();
    const first = await runtime.runOnce();
    if (first.failed.length) out.error(`Failed on start: ${first.failed.join(', ')} (see Logs/error_log.jsonl)`);
    runtime.scheduler.start(tickMs);
    out.line(`Runner active on ${vaultDir}. Watching ${runtime.layout.inbox}/ (Ctrl-C to stop).`);
  };

  const standBy = async (): Promise<void> => {
    active = false;
    stopWatching?.();
    stopWatching = null;
    await runtime.scheduler.stop();
  };

  // The lease loop: heartbeat while active, retry while standing by.
  const loop = async () => {
    let announced = false;
    while (!stopping) {
      const lease = active ? await runtime.lease.heartbeat() : await runtime.acquireLease();
      if (lease.held && !active) await becomeActive();
      if (!lease.held) {
        if (active) {
          out.error(`The runner lease was taken over by ${describeHolder(lease.holder)}; standing by.`);
          await standBy();
        } else if (!announced) {
          out.line(`Another runner is active (${describeHolder(lease.holder)}); standing by until its lease goes stale.`);
          announced = true;
        }
      }
      await new Promise<void>((resolve) => {
        // A signal that came while this pass ran found no sleep to wake.
        if (stopping) return resolve();
        const timer = setTimeout(resolve, heartbeatMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  await Promise.all([loop(), stopped]);
  await runtime.stop();
  out.line('Stopped cleanly; the runner lease is released.');
  return 0;
}
