import { z } from 'zod';
import { VaultError, type VaultPort } from './vault-port';
import type { DeviceIdentity } from './device-identity';

/** The content of `Logs/state/runner_lease.json`. */
export interface LeaseRecord {
  holder: DeviceIdentity;
  /** ISO 8601: when the current holder first took the lease. */
  acquiredAt: string;
  /** ISO 8601: the holder's last sign of life. */
  heartbeatAt: string;
  /** ISO 8601: when others may take the lease over if no heartbeat comes. */
  expiresAt: string;
  /** Random per claim; lets a runner tell its own write from a competitor's. */
  token: string;
}

/** The outcome of acquire/heartbeat: whether we hold the lease, and who does. */
export interface LeaseState {
  held: boolean;
  /** The current holder (this device when `held`), null when nobody holds it. */
  holder: DeviceIdentity | null;
  record: LeaseRecord | null;
}

/** What `current()` reports, for the dashboard and the status bar. */
export interface LeaseInfo {
  holder: DeviceIdentity;
  acquiredAt: string;
  heartbeatAt: string;
  expiresAt: string;
  stale: boolean;
  heldByUs: boolean;
}

/** Automations run only when this device's own switch is on and it holds the runner lease. */
export function shouldRun(input: { deviceSwitchOn: boolean; lease: Pick<LeaseState, 'held'> | null }): boolean {
  return input.deviceSwitchOn && input.lease?.held === true;
}

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date');

const recordSchema = z.object({
  holder: z.object({
    deviceId: z.string().min(1),
    deviceName: z.string(),
    kind: z.enum(['obsidian', 'daemon']),
    pid: z.number().int().optional(),
  }),
  acquiredAt: isoDate,
  heartbeatAt: isoDate,
  expiresAt: isoDate,
  token: z.string().min(1),
});

export type LeaseFileState =
  | { status: 'absent' }
  | { status: 'corrupt'; reason: string }
  | { status: 'ok'; record: LeaseRecord };

/** Parses the lease file's text; anything unexpected is reported as corrupt, never thrown. */
export function parseLease(text: string): LeaseFileState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { status: 'corrupt', reason: 'the file is not valid JSON' };
  }
  const result = recordSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(file)';
    return { status: 'corrupt', reason: `${field}: ${issue?.message ?? 'unexpected content'}` };
  }
  const holder: DeviceIdentity = {
    deviceId: result.data.holder.deviceId,
    deviceName: result.data.holder.deviceName,
    kind: result.data.holder.kind,
  };
  if (result.data.holder.pid !== undefined) holder.pid = result.data.holder.pid;
  return { status: 'ok', record: { ...result.data, holder } };
}

/** Reads and parses the lease file; a missing file is `absent`, other read failures propagate. */
export async function readLease(vault: VaultPort, path: string): Promise<LeaseFileState> {
  let text: string;
  try {
    text = await vault.read(path);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'not-found') return { status: 'absent' };
    throw error;
  }
  return parseLease(text);
}

export function serializeLease(record: LeaseRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Whether the holder has missed its heartbeats for longer than `staleAfterSeconds`. */
export function isLeaseStale(record: LeaseRecord, now: Date, staleAfterSeconds: number): boolean {
  return now.getTime() - Date.parse(record.heartbeatAt) > staleAfterSeconds * 1000;
}
