import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { CliArgs } from '../args';
import { resolveVaultDir } from '../cli-context';
import type { Output } from '../output';
import { UsageError } from '../usage-error';

const PLUGIN_FILES = ['main.js', 'manifest.json', 'styles.css'] as const;

/** The package root: dist/cli.js lives one folder below it. */
export function packageRoot(): string {
  return nodePath.resolve(__dirname, '..');
}

/** `install-plugin`: copies the built plugin into `<vault>/.obsidian/plugins/ai-employee/`. */
export function installPluginCommand(args: CliArgs, out: Output): number {
  const vaultDir = resolveVaultDir(args, { mustExist: true });
  const root = packageRoot();
  const missing = PLUGIN_FILES.filter((f) => !existsSync(nodePath.join(root, f)));
  if (missing.length) throw new UsageError(`Missing ${missing.join(', ')} in ${root}: run "npm run build" first.`);
  const target = nodePath.join(vaultDir, '.obsidian', 'plugins', 'ai-employee');
  mkdirSync(target, { recursive: true });
  for (const file of PLUGIN_FILES) copyFileSync(nodePath.join(root, file), nodePath.join(target, file));
  out.data({ installedTo: target, files: PLUGIN_FILES });
  out.line(`Installed AI Employee into ${target}`);
  out.line('In Obsidian: Settings → Community plugins → turn on "AI Employee" (reload the app if it is not listed).');
  return 0;
}
