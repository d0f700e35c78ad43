import type { Clock } from '../core/clock';
import type { VaultFileStat, VaultPort } from './vault-port';

/** Waits a number of milliseconds; injectable so tests decide what "later" means. */
export type Sleep = (ms: number) => Promise<void>;

/** The production wait, on real timers. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settled (take it), busy (try next run) or gone (someone moved it). */
export type SettleOutcome =
  | { state: 'settled'; stat: VaultFileStat }
  | { state: 'busy'; stat: VaultFileStat }
  | { state: 'gone' };

/** How many looks at a young file before leaving it for the next run. */
export const SETTLE_POLLS = 4;

/**
 * Decides whether a file has finished being written. A file last modified
 * at least `settleMs` ago is settled (every write moves the mtime). A younger
 * one is watched for a few short intervals; it is settled once its size and
 * mtime stop changing and it is old enough, otherwise it is `busy` and the
 * next run tries again. A file dated in the future (a clock on another
 * device, a sync tool keeping remote times) cannot be aged, so there one
 * unchanged interval is enough.
 */
export async function waitUntilSettled(
  vault: VaultPort,
  path: string,
  settleMs: number,
  clock: Clock,
  sleep: Sleep,
): Promise<SettleOutcome> {
  let last = await vault.stat(path);
  if (!last) return { state: 'gone' };
  if (settleMs <= 0 || isOldEnough(last, settleMs, clock)) return { state: 'settled', stat: last };
  const interval = Math.max(10, Math.ceil(settleMs / 2));
  for (let poll = 0; poll < SETTLE_POLLS; poll++) {
    await sleep(interval);
    const current = await vault.stat(path);
    if (!current) return { state: 'gone' };
    const unchanged = current.size === last.size && current.mtime === last.mtime;
    last = current;
    if (!unchanged) continue;
    if (isOldEnough(current, settleMs, clock) || isFromTheFuture(current, clock)) return { state: 'settled', stat: current };
  }
  return { state: 'busy', stat: last };
}

function isOldEnough(stat: VaultFileStat, settleMs: number, clock: Clock): boolean {
  return clock.now().getTime() - stat.mtime >= settleMs;
}

function isFromTheFuture(stat: VaultFileStat, clock: Clock): boolean {
  return stat.mtime > clock.now().getTime();
}
