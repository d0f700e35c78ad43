import type { App } from 'obsidian';
import { randomId } from '../vault/device-identity';

const KEYS = {
  runsAutomations: 'ai-employee-runs-automations',
  deviceId: 'ai-employee-device-id',
  deviceName: 'ai-employee-device-name',
} as const;

/**
 * Settings that belong to this device, not to the synced vault: kept with
 * `app.saveLocalStorage`, so turning automations on here can never turn them
 * on on another device through Sync.
 */
export class DeviceLocalSettings {
  constructor(private readonly app: App) {}

  get runsAutomations(): boolean {
    return this.app.loadLocalStorage(KEYS.runsAutomations) === true;
  }

  set runsAutomations(on: boolean) {
    this.app.saveLocalStorage(KEYS.runsAutomations, on);
  }

  /** Random, made once per device and kept. */
  get deviceId(): string {
    const stored: unknown = this.app.loadLocalStorage(KEYS.deviceId);
    if (typeof stored === 'string' && stored !== '') return stored;
    const id = randomId();
    this.app.saveLocalStorage(KEYS.deviceId, id);
    return id;
  }

  get deviceName(): string {
    const stored: unknown = this.app.loadLocalStorage(KEYS.deviceName);
    return typeof stored === 'string' && stored.trim() !== '' ? stored : 'This device';
  }

  set deviceName(name: string) {
    this.app.saveLocalStorage(KEYS.deviceName, name === '' ? null : name);
  }
}
