import type { VaultLayout } from '../core/layout';
import { basename, dirname, joinVaultPath, stem } from '../core/paths';
import { ATTACHMENTS_FOLDER } from './task-writer';
import { firstFreeName } from './task-naming';
import { VaultError, type VaultPort } from './vault-port';
import { wikilinkTargets } from './wikilinks';

/** What archiving needs. */
export interface ArchiveDeps {
  vault: VaultPort;
  layout: VaultLayout;
}

/** Where the task, its plan and its attachments ended up in Done/. */
export interface ArchivedTask {
  task: string;
  plan: string;
  attachments: string[];
}

/** Moves a file to the first free name in a folder, never over an existing file; a file already there stays as it is. */
export async function moveFree(vault: VaultPort, from: string, folder: string): Promise<string> {
  if (dirname(from) === joinVaultPath(folder)) return from;
  for (let attempt = 0; ; attempt++) {
    const to = await firstFreeName(folder, basename(from), (path) => vault.exists(path));
    try {
      await vault.rename(from, to);
      return to;
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'exists') || attempt >= 5) throw error;
    }
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Moves a finished task, the attachments it links in Needs_Action/attachments
 * and its plan to Done/. If a name is taken in Done, the file gets a `-2`
 * suffix and the links that pointed at the old name are updated, so the
 * task, its plan and its files still find each other.
 */
export async function archiveTask(deps: ArchiveDeps, taskPath: string, planPath: string): Promise<ArchivedTask> {
  const { vault, layout } = deps;
  const attachments: string[] = [];
  let task = taskPath;
  if (dirname(taskPath) !== layout.done) {
    const content = await vault.read(taskPath);
    const renames: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (const target of wikilinkTargets(content)) {
      if (!target.startsWith(`${ATTACHMENTS_FOLDER}/`) || seen.has(target)) continue;
      seen.add(target);
      const from = joinVaultPath(layout.needsAction, target);
      if (!(await vault.stat(from))) continue;
      const to = await moveFree(vault, from, joinVaultPath(layout.done, ATTACHMENTS_FOLDER));
      attachments.push(to);
      if (basename(to) !== basename(from)) renames.push([target, `${ATTACHMENTS_FOLDER}/${basename(to)}`]);
    }
    if (renames.length) {
      await vault.process(taskPath, (text) =>
        renames.reduce((acc, [oldLink, newLink]) => acc.replace(new RegExp(`(\\[\\[)${escapeRegExp(oldLink)}(?=[\\]|#^])`, 'g'), `$1${newLink}`), text),
      );
    }
    task = await moveFree(vault, taskPath, layout.done);
  }
  if (stem(task) !== stem(taskPath)) {
    // Done already had a note by that name: point the plan at the new one.
    await vault.processFrontMatter(planPath, (fm) => {
      fm.task = `[[${stem(task)}]]`;
    });
  }
  // A plan already in Done (a skill filed the task, then the loop closed its plan) stays where it is.
  const plan = await moveFree(vault, planPath, layout.done);
  if (stem(plan) !== stem(planPath)) {
    await vault.processFrontMatter(task, (fm) => {
      fm.plan = `[[${stem(plan)}]]`;
    });
  }
  return { task, plan, attachments };
}
