import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import * as nodePath from 'node:path';
import { loadSettings, SettingsError, type Settings } from '../core/settings';
import { MapSecrets } from '../core/secrets';
import { Runtime } from '../core/runtime';
import { FsVault } from '../vault/fs-vault';
import { makeDeviceIdentity } from '../vault/runner-lease';
import type { CliArgs } from './args';
import { readEnvFile } from './env-file';
import { UsageError } from './usage-error';

/** Where the plugin keeps its settings inside a vault; the daemon reads the same file. */
export const PLUGIN_DATA_PATH = ['.obsidian', 'plugins', 'ai-employee', 'data.json'] as const;

/** The vault folder from --vault or AI_EMPLOYEE_VAULT, as an absolute path. */
export function resolveVaultDir(args: CliArgs, options: { mustExist: boolean }): string {
  const given = args.vault ?? process.env.AI_EMPLOYEE_VAULT;
  if (!given) throw new UsageError('Which vault? Pass --vault DIR (or set AI_EMPLOYEE_VAULT).');
  const dir = nodePath.resolve(given);
  if (options.mustExist) {
    if (!existsSync(dir)) throw new UsageError(`There is no folder at ${dir}. Create the vault first, or run "init" there.`);
    if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file, not a vault folder.`);
  }
  return dir;
}

/** The environment merged with --env-file (the file wins, so one vault's file can override a shell). */
export function loadEnvironment(args: CliArgs): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (args.envFile) Object.assign(env, readEnvFile(nodePath.resolve(args.envFile)));
  return env;
}

/** Reads `data.json` the way the plugin does; a missing file means the defaults. */
export function loadVaultSettings(vaultDir: string): Settings {
  const file = nodePath.join(vaultDir, ...PLUGIN_DATA_PATH);
  let raw: unknown = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`The settings file ${file} is not valid JSON (${reason}). Fix it or delete it to use the defaults.`);
    }
  }
  try {
    return loadSettings(raw).settings;
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(`${error.message} (in ${file})`);
    throw error;
  }
}

/**
 * The daemon's device id is derived from the host and the vault folder, so a
 * restarted daemon is recognised as the same runner and keeps its lease.
 */
export function daemonDeviceId(vaultDir: string): string {
  const digest = createHash('sha256').update(`${hostname()}\n${vaultDir}`).digest('hex');
  return `daemon-${digest.slice(0, 16)}`;
}

export interface CliContext {
  vaultDir: string;
  vault: FsVault;
  settings: Settings;
  env: Record<string, string | undefined>;
  runtime: Runtime;
}

/** Builds the runtime for a vault folder, for every command that acts on one. */
export function createCliContext(args: CliArgs, vaultDir: string): CliContext {
  const env = loadEnvironment(args);
  const settings = loadVaultSettings(vaultDir);
  const vault = new FsVault(vaultDir);
  const identity = makeDeviceIdentity('daemon', daemonDeviceId(vaultDir), { deviceName: hostname(), pid: process.pid });
  const runtime = new Runtime({ settings, vault, secrets: new MapSecrets(env), identity });
  return { vaultDir, vault, settings, env, runtime };
}
