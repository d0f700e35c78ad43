import { formatBytes } from './bad-input';
import { joinNote } from './frontmatter';
import type { ItemFacts } from './item-facts';
import type { MimeGuess } from './mime-sniff';
import type { Frontmatter } from './vault-port';

/** The facts every task note carries, whatever its kind. */
export interface TaskNoteInput {
  facts: ItemFacts;
  receivedIso: string;
  triagedIso: string;
  /** Base name of the task note (no folder, no `.md`). */
  taskBase: string;
  /** Base name of the plan note. */
  planBase: string;
  /** Where the item sat in the inbox, e.g. `Inbox/WhatsApp from Client ABC.md`. */
  inboxPath: string;
  originalName: string;
  sha256: string;
}

/** Task frontmatter in a fixed order, so every task reads the same in Obsidian. */
function taskFrontmatter(input: TaskNoteInput, original: string, extra: Frontmatter): Frontmatter {
  return {
    type: input.facts.type,
    status: 'pending',
    priority: input.facts.priority,
    source: input.facts.source,
    received: input.receivedIso,
    triaged: input.triagedIso,
    trigger_id: input.facts.triggerId,
    original,
    plan: `[[${input.planBase}]]`,
    original_name: input.originalName,
    sha256: input.sha256,
    ...extra,
  };
}

/** Keys triage owns; the note's own values for them are replaced, everything else it had is kept. */
const OWNED_KEYS = new Set(['type', 'status', 'priority', 'source', 'received', 'triaged', 'trigger_id', 'original', 'plan', 'original_name', 'sha256']);

/**
 * A Markdown item becomes the task itself: the note's own properties and its
 * text are kept, a heading is added if it has none, and a footer links the plan.
 */
export function markdownTaskContent(input: TaskNoteInput, ownFrontmatter: Frontmatter, body: string): string {
  const kept: Frontmatter = {};
  for (const [key, value] of Object.entries(ownFrontmatter)) if (!OWNED_KEYS.has(key)) kept[key] = value;
  const frontmatter = taskFrontmatter(input, `[[${input.taskBase}]]`, kept);
  const trimmed = body.replace(/^\s*\n/, '');
  const heading = /^#\s/.test(trimmed) ? '' : `# ${headingFor(input.facts)}\n\n`;
  const text = trimmed.endsWith('\n') ? trimmed : `${trimmed}\n`;
  const footer = `\n---\n*Triaged from \`${input.inboxPath}\` on ${input.triagedIso}. Plan: [[${input.planBase}]]*\n`;
  return joinNote(frontmatter, `${heading}${text}${footer}`);
}

/**
 * The heading added to a note that has none. A chat message is usually one
 * line, so repeating it as a heading says nothing: name the sender instead.
 */
function headingFor(facts: ItemFacts): string {
  if (facts.type === 'whatsapp' && facts.from) return `WhatsApp message from ${facts.from}`;
  return facts.title;
}

/** The extra facts of a file-drop task note. */
export interface FileDropInput extends TaskNoteInput {
  /** The attachment's link path relative to the task folder, e.g. `attachments/receipt.pdf`. */
  attachmentLink: string;
  size: number;
  mime: MimeGuess;
}

/** A file drop gets a note that embeds the file and records what it is. */
export function fileDropTaskContent(input: FileDropInput): string {
  const link = input.attachmentLink;
  const frontmatter = taskFrontmatter(input, `[[${link}]]`, { size: input.size, mime: input.mime.mime });
  const mismatch = input.mime.mismatch
    ? [
        '',
        `> [!warning] The name says ${input.mime.mismatch.byExtension}, but the content looks like ${input.mime.mismatch.byContent}.`,
        '> Check the file before opening it in another program.',
      ]
    : [];
  const body = [
    `# ${input.facts.title}`,
    '',
    `![[${link}]]`,
    ...mismatch,
    '',
    '| | |',
    '|---|---|',
    `| File | [[${link}]] |`,
    `| Original name | ${input.originalName.replace(/\|/g, '\\|')} |`,
    `| Size | ${input.size < 1024 ? formatBytes(input.size) : `${formatBytes(input.size)} (${input.size} bytes)`} |`,
    `| Type | ${input.mime.mime} |`,
    `| SHA-256 | \`${input.sha256}\` |`,
    `| Received | ${input.receivedIso} |`,
    '',
    `Plan: [[${input.planBase}]]`,
    '',
  ].join('\n');
  return joinNote(frontmatter, body);
}
