import { isoWithOffset, type Clock } from '../core/clock';
import type { VaultLayout } from '../core/layout';
import { basename, extension, joinVaultPath } from '../core/paths';
import type { BadInput } from './bad-input';
import { formatBytes } from './bad-input';
import { joinNote } from './frontmatter';
import { firstFreeName, safeFileName } from './task-naming';
import { VaultError, type VaultPort } from './vault-port';

/** What quarantining needs. */
export interface QuarantineDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
}

/** Where the item and its explanation now live. */
export interface QuarantineResult {
  /** Where the original now lives, unchanged. */
  quarantined: string;
  /** The `<name>.why.md` note that explains it. */
  whyNote: string;
}

/**
 * Moves an item to the quarantine folder byte for byte (a rename, never a
 * rewrite) and writes a note beside it that says what is wrong and how to fix
 * it. The quarantined copy gets a safe name, so that even an item refused for
 * its odd name can be opened and linked; the original name is kept in the note.
 */
export async function quarantineItem(
  deps: QuarantineDeps,
  path: string,
  size: number,
  bad: BadInput,
): Promise<QuarantineResult> {
  const { vault, layout, clock } = deps;
  const originalName = basename(path);
  const ext = extension(originalName).replace(/[^a-z0-9]/g, '');
  const wanted = safeFileName(originalName) ?? `unnamed-item${ext ? `.${ext}` : ''}`;
  const isTaken = async (candidate: string) => (await vault.exists(candidate)) || (await vault.exists(`${candidate}.why.md`));
  let quarantined = '';
  for (let attempt = 0; ; attempt++) {
    quarantined = await firstFreeName(layout.quarantine, wanted, isTaken);
    try {
      await vault.rename(path, quarantined);
      break;
    } catch (error) {
      // Someone took the name between our check and the move: pick the next one.
      if (!(error instanceof VaultError && error.code === 'exists') || attempt >= 5) throw error;
    }
  }
  const whyNote = `${quarantined}.why.md`;
  const name = basename(quarantined);
  const frontmatter = {
    type: 'quarantine',
    status: 'needs_review',
    original: `[[${quarantined}]]`,
    original_name: originalName,
    original_path: path,
    reason: bad.kind,
    detected: isoWithOffset(clock.now()),
    size,
  };
  const renamedNote = name === originalName ? '' : ` (it was called \`${originalName.replace(/[`\r\n]/g, ' ')}\` in the inbox)`;
  const body = [
    `# Quarantined: ${name}`,
    '',
    `The file [[${quarantined}|${name}]]${renamedNote} was set aside instead of becoming a task.`,
    'It is kept exactly as it arrived; nothing was changed or deleted.',
    '',
    '## What is wrong',
    '',
    bad.problem,
    '',
    '## How to fix it',
    '',
    bad.fix,
    '',
    `Size: ${formatBytes(size)}. Found in \`${joinVaultPath(layout.inbox)}\`.`,
    '',
  ].join('\n');
  await vault.create(whyNote, joinNote(frontmatter, body));
  return { quarantined, whyNote };
}
