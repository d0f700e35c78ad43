import { isoWithOffset, type Clock } from '../core/clock';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import { VaultError, type VaultPort } from './vault-port';
import { randomId, type DeviceIdentity } from './device-identity';
import {
  isLeaseStale,
  readLease,
  serializeLease,
  type LeaseFileState,
  type LeaseInfo,
  type LeaseRecord,
  type LeaseState,
} from './runner-lease-file';

export { makeDeviceIdentity, type DeviceIdentity, type RunnerKind } from './device-identity';
export { shouldRun, type LeaseInfo, type LeaseRecord, type LeaseState } from './runner-lease-file';

export interface RunnerLeaseOptions {
  vault: VaultPort;
  /** Usually `layout.lease`. */
  path: string;
  clock: Clock;
  identity: DeviceIdentity;
  /** A lease whose heartbeat is older than this may be taken over. */
  staleAfterSeconds: number;
  heartbeatSeconds: number;
  audit?: AuditLogger;
  errors?: ErrorLogger;
  /** How long to wait before reading a claim back; covers competitors that read before we wrote. */
  verifyDelayMs?: number;
  /** Waits `ms`; the plugin passes one built on window timers. Defaults to the global setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const SOURCE = 'runner-lease';

/**
 * Makes sure only one runner (Obsidian on one device, or the headless daemon)
 * acts on a vault. The lease is a JSON file in the vault, so it also works
 * across devices that sync the vault. Every claim carries a random token, is
 * written, and is read back after a short delay: we hold the lease only if
 * our token survived. A fresh lease held by someone else is never taken.
 */
export class RunnerLease {
  private readonly vault: VaultPort;
  private readonly path: string;
  private readonly clock: Clock;
  private readonly identity: DeviceIdentity;
  private readonly staleAfterSeconds: number;
  private readonly heartbeatSeconds: number;
  private readonly audit: AuditLogger | undefined;
  private readonly errors: ErrorLogger | undefined;
  private readonly verifyDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Our claim's token while we hold the lease. */
  private token: string | null = null;
  private confirmedAt = 0;
  /** Acquire, heartbeat and release of one instance never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: RunnerLeaseOptions) {
    this.vault = options.vault;
    this.path = options.path;
    this.clock = options.clock;
    this.identity = options.identity;
    this.staleAfterSeconds = options.staleAfterSeconds;
    this.heartbeatSeconds = options.heartbeatSeconds;
    this.audit = options.audit;
    this.errors = options.errors;
    this.verifyDelayMs = options.verifyDelayMs ?? 200;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * How often the runtime should call {@link heartbeat}. Never more than a third
   * of the stale time, so a slow tick does not hand the lease to another device.
   */
  get heartbeatIntervalMs(): number {
    const ceiling = Math.max(1, Math.floor(this.staleAfterSeconds / 3));
    return Math.min(this.heartbeatSeconds, ceiling) * 1000;
  }

  /** Takes the lease when it is free, already ours, stale or unreadable; otherwise reports who holds it. */
  acquire(): Promise<LeaseState> {
    return this.exclusive(() => this.tryAcquire(true));
  }

  /** Refreshes our heartbeat. If another runner took the lease over, we have lost it and do not take it back. */
  heartbeat(): Promise<LeaseState> {
    return this.exclusive(async () => {
      const state = await readLease(this.vault, this.path);
      const token = this.token;
      if (token === null || state.status !== 'ok' || state.record.token !== token) return this.lose(state);
      const record = this.makeRecord(token, state.record.acquiredAt);
      await this.vault.write(this.path, serializeLease(record));
      const verified = await this.readBack();
      if (!this.isOurClaim(verified, token)) return this.lose(verified);
      this.confirmedAt = this.clock.now().getTime();
      return { held: true, holder: record.holder, record };
    });
  }

  /** Deletes the lease file if we hold it; returns whether it did. */
  release(): Promise<boolean> {
    return this.exclusive(async () => {
      const token = this.token;
      this.token = null;
      if (token === null) return false;
      const state = await readLease(this.vault, this.path);
      if (!this.isOurClaim(state, token)) return false;
      try {
        await this.vault.remove(this.path);
      } catch (error) {
        if (!(error instanceof VaultError && error.code === 'not-found')) throw error;
      }
      await this.record('runner.lease.released', {});
      return true;
    });
  }

  /** Who holds the lease according to the file; null when there is none or it cannot be read. */
  async current(): Promise<LeaseInfo | null> {
    const state = await readLease(this.vault, this.path);
    if (state.status !== 'ok') return null;
    const r = state.record;
    return {
      holder: r.holder,
      acquiredAt: r.acquiredAt,
      heartbeatAt: r.heartbeatAt,
      expiresAt: r.expiresAt,
      stale: isLeaseStale(r, this.clock.now(), this.staleAfterSeconds),
      heldByUs: this.token !== null && r.token === this.token,
    };
  }

  /** From memory: true while our last confirmed claim or heartbeat is not yet stale. */
  isHeldByUs(): boolean {
    if (this.token === null) return false;
    return this.clock.now().getTime() - this.confirmedAt <= this.staleAfterSeconds * 1000;
  }

  private async tryAcquire(mayRetry: boolean): Promise<LeaseState> {
    const state = await readLease(this.vault, this.path);
    let previous: LeaseRecord | null = null;
    let acquiredAt: string | null = null;
    let token = randomId();
    if (state.status === 'ok') {
      const current = state.record;
      if (this.isSameRunner(current.holder)) {
        acquiredAt = current.acquiredAt;
        if (current.token === this.token) token = current.token;
      } else if (!isLeaseStale(current, this.clock.now(), this.staleAfterSeconds)) {
        this.token = null;
        return { held: false, holder: current.holder, record: current };
      } else {
        previous = current;
      }
    } else if (state.status === 'corrupt') {
      await this.noteCorrupt(state.reason);
    }

    const record = this.makeRecord(token, acquiredAt);
    if (state.status === 'absent') {
      try {
        await this.vault.create(this.path, serializeLease(record));
      } catch (error) {
        // Another runner created it between our read and our write: look again.
        if (mayRetry && error instanceof VaultError && error.code === 'exists') return this.tryAcquire(false);
        throw error;
      }
    } else {
      await this.vault.write(this.path, serializeLease(record));
    }

    const verified = await this.readBack();
    if (!this.isOurClaim(verified, token)) {
      this.token = null;
      const other = verified.status === 'ok' ? verified.record : null;
      return { held: false, holder: other?.holder ?? null, record: other };
    }
    const wasHeld = this.token !== null;
    this.token = token;
    this.confirmedAt = this.clock.now().getTime();
    if (previous) {
      await this.record('runner.lease.takeover', {
        previousHolder: describe(previous.holder),
        previousHeartbeatAt: previous.heartbeatAt,
        staleAfterSeconds: this.staleAfterSeconds,
      });
    } else if (!wasHeld) {
      await this.record('runner.lease.acquired', {});
    }
    return { held: true, holder: record.holder, record };
  }

  private makeRecord(token: string, acquiredAt: string | null): LeaseRecord {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.staleAfterSeconds * 1000);
    return {
      holder: { ...this.identity },
      acquiredAt: acquiredAt ?? isoWithOffset(now),
      heartbeatAt: isoWithOffset(now),
      expiresAt: isoWithOffset(expires),
      token,
    };
  }

  /**
   * Same device and kind; for the daemon also the same process, so a second
   * daemon on the same machine waits instead of sharing the lease.
   */
  private isSameRunner(holder: DeviceIdentity): boolean {
    const me = this.identity;
    if (holder.deviceId !== me.deviceId || holder.kind !== me.kind) return false;
    return holder.pid === undefined || me.pid === undefined || holder.pid === me.pid;
  }

  private isOurClaim(state: LeaseFileState, token: string): boolean {
    return state.status === 'ok' && state.record.token === token;
  }

  private async readBack(): Promise<LeaseFileState> {
    if (this.verifyDelayMs > 0) await this.sleep(this.verifyDelayMs);
    return readLease(this.vault, this.path);
  }

  private async lose(state: LeaseFileState): Promise<LeaseState> {
    const wasHeld = this.token !== null;
    this.token = null;
    const other = state.status === 'ok' ? state.record : null;
    if (wasHeld) {
      await this.record('runner.lease.lost', { newHolder: other ? describe(other.holder) : 'nobody' });
    }
    return { held: false, holder: other?.holder ?? null, record: other };
  }

  private async noteCorrupt(reason: string): Promise<void> {
    if (!this.errors) return;
    await this.errors.log({
      source: SOURCE,
      error: 'CorruptLease',
      severity: 'WARNING',
      message: `The runner lease file (${this.path}) could not be read (${reason}). This device replaced it; nothing else was affected.`,
      context: { path: this.path, device: this.identity.deviceName },
    });
  }

  private async record(action: string, details: Record<string, unknown>): Promise<void> {
    if (!this.audit) return;
    await this.audit.record({
      action,
      source: SOURCE,
      status: 'success',
      details: { device: describe(this.identity), ...details },
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function describe(holder: DeviceIdentity): Record<string, unknown> {
  const out: Record<string, unknown> = { deviceId: holder.deviceId, deviceName: holder.deviceName, kind: holder.kind };
  if (holder.pid !== undefined) out.pid = holder.pid;
  return out;
}
