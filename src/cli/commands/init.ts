import { mkdirSync } from 'node:fs';
import { initVault } from '../../vault/init-vault';
import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import type { Output } from '../output';

/** `init`: creates the layout, Dashboard.md and Company_Handbook.md; never overwrites. */
export async function initCommand(args: CliArgs, out: Output): Promise<number> {
  const dir = resolveVaultDir(args, { mustExist: false });
  mkdirSync(dir, { recursive: true });
  const { runtime, vault } = createCliContext(args, dir);
  const result = await initVault({ vault, layout: runtime.layout, clock: runtime.clock });
  out.data(result);
  out.line(`Vault ready at ${dir}`);
  out.line(`  folders created: ${result.createdFolders.length ? result.createdFolders.join(', ') : 'none (all present)'}`);
  out.line(`  notes created:   ${result.createdFiles.length ? result.createdFiles.join(', ') : 'none'}`);
  if (result.kept.length) out.line(`  kept as they were: ${result.kept.join(', ')}`);
  return 0;
}
