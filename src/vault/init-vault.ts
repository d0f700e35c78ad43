import { isoWithOffset, type Clock } from '../core/clock';
import { layoutFolders, type VaultLayout } from '../core/layout';
import { VaultError, type VaultPort } from './vault-port';
import { dashboardTemplate, handbookTemplate } from './vault-templates';
import { businessGoalsTemplate } from '../briefing/business-goals';
import { HANDBOOK_DEFAULTS } from './handbook';

/** What `initVault` needs. */
export interface InitVaultDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
}

/** What `initVault` did, path by path. */
export interface InitVaultResult {
  /** Folders that did not exist before. */
  createdFolders: string[];
  /** Files written by this call. */
  createdFiles: string[];
  /** Files that already existed and were left exactly as they were. */
  kept: string[];
}

/**
 * Creates the vault layout, `Dashboard.md`, `Company_Handbook.md` and `Business_Goals.md`.
 * Safe to run any number of times: files are created exclusively, so a note
 * the user already has (or edited) is never overwritten, even if it appears
 * between our check and our write.
 */
export async function initVault({ vault, layout, clock }: InitVaultDeps): Promise<InitVaultResult> {
  const result: InitVaultResult = { createdFolders: [], createdFiles: [], kept: [] };
  for (const folder of layoutFolders(layout)) {
    const existed = await vault.exists(folder);
    await vault.mkdir(folder);
    if (!existed) result.createdFolders.push(folder);
  }
  const now = isoWithOffset(clock.now());
  const files: Array<[string, string]> = [
    [layout.dashboard, dashboardTemplate(now)],
    [layout.handbook, handbookTemplate(now)],
    [layout.businessGoals, businessGoalsTemplate(now, HANDBOOK_DEFAULTS.revenue_target_monthly)],
  ];
  for (const [path, content] of files) {
    try {
      await vault.create(path, content);
      result.createdFiles.push(path);
    } catch (error) {
      if (error instanceof VaultError && error.code === 'exists') result.kept.push(path);
      else throw error;
    }
  }
  return result;
}
