/** Which kind of program is running automations on a vault. */
export type RunnerKind = 'obsidian' | 'daemon';

/** Who a runner is: stored once per device, shown on the dashboard and the status bar. */
export interface DeviceIdentity {
  /** Random and stable per device (kept in the plugin's local storage or the CLI's state). */
  deviceId: string;
  /** Human name: the CLI uses os.hostname(), the plugin a setting. */
  deviceName: string;
  kind: RunnerKind;
  /** The process id, for the headless daemon. */
  pid?: number;
}

export interface DeviceIdentityOptions {
  deviceName?: string;
  pid?: number;
}

/**
 * Builds this device's identity. A missing or blank `storedId` gets a fresh
 * random id; the caller must store it so the device keeps the same id across
 * restarts (otherwise a restart looks like another device until the lease goes stale).
 */
export function makeDeviceIdentity(kind: RunnerKind, storedId?: string, options: DeviceIdentityOptions = {}): DeviceIdentity {
  const id = storedId?.trim();
  const name = options.deviceName?.trim();
  const identity: DeviceIdentity = {
    deviceId: id ? id : randomId(),
    deviceName: name ? name : kind === 'daemon' ? 'Headless runner' : 'Obsidian',
    kind,
  };
  if (options.pid !== undefined) identity.pid = options.pid;
  return identity;
}

/** A random UUID from Web Crypto, which both Node 20 and Electron expose as the global `crypto`. */
export function randomId(): string {
  return crypto.randomUUID();
}
