import type { DeviceIdentity } from '../vault/runner-lease';

/** "laptop (obsidian)" — how a lease holder is named in messages. */
export function describeHolder(holder: DeviceIdentity | null): string {
  if (!holder) return 'unknown runner';
  const pid = holder.pid !== undefined ? `, pid ${holder.pid}` : '';
  return `${holder.deviceName} (${holder.kind}${pid})`;
}
