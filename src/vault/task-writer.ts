import { isoWithOffset, type Clock } from '../core/clock';
import type { VaultLayout } from '../core/layout';
import { basename, joinVaultPath, stem } from '../core/paths';
import { splitNote } from './frontmatter';
import type { InboxItem } from './inbox-item-reader';
import type { ItemFacts } from './item-facts';
import { guessMime } from './mime-sniff';
import { planNoteContent, planPathFor, planSteps } from './plan-writer';
import { fileDropTaskContent, markdownTaskContent, type TaskNoteInput } from './task-note';
import { firstFreeName, safeFileName, taskBaseName } from './task-naming';
import { VaultError, type VaultPort } from './vault-port';

/** What writing a task needs. */
export interface TaskWriterDeps {
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
}

/** Where the task, its plan and (for file drops) the file now live. */
export interface WrittenTask {
  task: string;
  plan: string;
  /** For file drops: where the file now lives. */
  attachment?: string;
}

/** Attachments of tasks live next to them, in this subfolder. */
export const ATTACHMENTS_FOLDER = 'attachments';

/** How often a name is re-chosen when another writer takes it between our check and our write. */
const NAME_RACE_RETRIES = 5;

/**
 * Picks a free name and hands it to `act`; if the name was taken in the
 * meantime (`exists`), picks the next one. Nothing is ever overwritten.
 */
async function withFreeName<T>(pick: () => Promise<string>, act: (path: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const path = await pick();
    try {
      return await act(path);
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'exists') || attempt >= NAME_RACE_RETRIES) throw error;
    }
  }
}

/**
 * Writes the task and its plan for an item that passed every check. The
 * original is moved first (a Markdown note becomes the task, any other file
 * becomes an attachment), so a failure later leaves the item out of the inbox
 * but never lost or copied twice.
 */
export async function writeTask(deps: TaskWriterDeps, item: InboxItem, facts: ItemFacts): Promise<WrittenTask> {
  const { vault, layout, clock } = deps;
  const now = isoWithOffset(clock.now());
  // The first sentence names a task better than a line cut off mid-word.
  const slugSource = item.isMarkdown ? (facts.title.split(/(?<=[.!?])\s/)[0] ?? facts.title) : stem(item.name);
  const wantedBase = taskBaseName(facts.type, facts.received, slugSource, stem(item.name));
  // A task name must be free in Needs_Action and Done, and its plan name in Plans and Done,
  // so that `[[links]]` by name stay unambiguous after the task is finished.
  const isTaskNameTaken = async (_path: string, candidate: string) =>
    (await vault.exists(joinVaultPath(layout.needsAction, `${candidate}.md`))) ||
    (await vault.exists(joinVaultPath(layout.done, `${candidate}.md`))) ||
    (await vault.exists(planPathFor(layout, candidate))) ||
    (await vault.exists(joinVaultPath(layout.done, `Plan_${candidate}.md`)));
  const pickTaskPath = () => firstFreeName(layout.needsAction, `${wantedBase}.md`, isTaskNameTaken);

  const common = (taskPath: string): TaskNoteInput => {
    const taskBase = stem(taskPath);
    return {
      facts,
      receivedIso: isoWithOffset(facts.received),
      triagedIso: now,
      taskBase,
      planBase: `Plan_${taskBase}`,
      inboxPath: item.path,
      originalName: item.name,
      sha256: item.sha256,
    };
  };

  let taskPath: string;
  let attachment: string | undefined;
  if (item.isMarkdown) {
    taskPath = await withFreeName(pickTaskPath, async (path) => {
      await vault.rename(item.path, path);
      return path;
    });
    // Re-read what was moved: the note's own words win over our earlier reading.
    await vault.process(taskPath, (content) => {
      const split = splitNote(content);
      return markdownTaskContent(common(taskPath), split.frontmatter, split.body);
    });
  } else {
    const attachmentsFolder = joinVaultPath(layout.needsAction, ATTACHMENTS_FOLDER);
    const wantedFile = safeFileName(item.name) ?? `file${item.name.includes('.') ? item.name.slice(item.name.lastIndexOf('.')) : ''}`;
    const isFileTaken = async (path: string) =>
      (await vault.exists(path)) || (await vault.exists(joinVaultPath(layout.done, ATTACHMENTS_FOLDER, basename(path))));
    attachment = await withFreeName(
      () => firstFreeName(attachmentsFolder, wantedFile, isFileTaken),
      async (path) => {
        await vault.rename(item.path, path);
        return path;
      },
    );
    const attachmentLink = `${ATTACHMENTS_FOLDER}/${basename(attachment)}`;
    const mime = guessMime(item.name, item.bytes);
    taskPath = await withFreeName(pickTaskPath, async (path) => {
      await vault.create(path, fileDropTaskContent({ ...common(path), attachmentLink, size: item.size, mime }));
      return path;
    });
  }

  const taskBase = stem(taskPath);
  const plan = planPathFor(layout, taskBase);
  const steps = planSteps({
    type: facts.type,
    title: facts.title,
    text: `${facts.title}\n${item.note?.body ?? ''}\n${item.isMarkdown ? '' : item.name}`,
    ...(facts.from ? { from: facts.from } : {}),
    ...(item.isMarkdown ? {} : { fileName: item.name }),
  });
  await vault.create(plan, planNoteContent({ taskBase, title: facts.title, triggerId: facts.triggerId, createdIso: now, steps }));
  return attachment ? { task: taskPath, plan, attachment } : { task: taskPath, plan };
}
