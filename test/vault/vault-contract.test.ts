import { mkdirSync, mkdtempSync, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { ObsidianVault } from '../../src/plugin/obsidian-vault';
import { FsVault } from '../../src/vault/fs-vault';
import { asObsidianApp, createTestApp } from '../fakes/obsidian';
import { runVaultContract, type VaultHarness } from './vault-contract';

function tempVault(): string {
  return mkdtempSync(nodePath.join(os.tmpdir(), 'vault-contract-'));
}

/** Writes a file as another program would: straight to disk, parents included. */
function dropper(basePath: string) {
  return async (path: string, content: string | Buffer): Promise<void> => {
    const full = nodePath.join(basePath, ...path.split('/'));
    mkdirSync(nodePath.dirname(full), { recursive: true });
    await fsp.writeFile(full, content);
  };
}

runVaultContract('FsVault', (): Promise<VaultHarness> => {
  const basePath = tempVault();
  return Promise.resolve({
    vault: new FsVault(basePath),
    basePath,
    dropFile: dropper(basePath),
    cleanup: () => fsp.rm(basePath, { recursive: true, force: true }),
  });
});

runVaultContract('ObsidianVault over the fake app', (): Promise<VaultHarness> => {
  const basePath = tempVault();
  const app = createTestApp(basePath);
  app.workspace.setLayoutReady();
  // Obsidian watches the disk; the fake does once asked, so outside drops reach the index and the events.
  app.vault.startWatching();
  return Promise.resolve({
    vault: new ObsidianVault(asObsidianApp(app)),
    basePath,
    dropFile: dropper(basePath),
    cleanup: async () => {
      app.vault.stopWatching();
      await app.vault.rescan().catch(() => undefined); // lets queued work finish before the folder goes
      await fsp.rm(basePath, { recursive: true, force: true });
    },
  });
});
