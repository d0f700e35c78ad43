/**
 * The bad-input table: what triage refuses to turn into a task, and what the
 * owner is told. Every row ends the same way: an error-log entry (source
 * `triage`) plus the original moved byte for byte to `Quarantine/` with a
 * `<name>.why.md` note beside it. Nothing is deleted or re-encoded.
 *
 * | input                                   | kind              | checked                      |
 * |-----------------------------------------|-------------------|------------------------------|
 * | name with control characters or `..`,   | `OddFileName`     | before reading               |
 * |   or with no letter or digit at all     |                   |                              |
 * | name longer than 150 characters         | `FileNameTooLong` | before reading               |
 * | Markdown note over `triage.maxFileBytes`| `FileTooLarge`    | before reading (stat size)   |
 * | any other file over 10 × that limit     | `FileTooLarge`    | before reading (stat size)   |
 * | 0 bytes, or a note of only blank space  | `EmptyFile`       | after reading                |
 * | `.md` with NUL bytes or invalid UTF-8   | `BinaryNote`      | after reading                |
 * | frontmatter that does not parse, or an  | `BadFrontmatter`  | after reading                |
 * |   opening `---` that is never closed    |                   |                              |
 * | the same content already triaged        | `DuplicateItem`   | triage index (audit only)    |
 *
 * Clashing names are not bad input: a task, plan, attachment or quarantined
 * file whose name is taken gets a `-2`, `-3`, … suffix, so nothing is ever
 * overwritten. Other awkward characters (`: * ? " < > | # ^ [ ]`, reserved
 * Windows names such as `CON`) are repaired in the new name, not refused.
 *
 * Notes are text a person reads, so they are held to `maxFileBytes`; other
 * files are attachments (scans, photos, PDFs), which are legitimately bigger,
 * so they get ten times that.
 */
import { FrontmatterError, splitNote } from './frontmatter';
import { describeYamlProblem } from './yaml-problem';

/** The error-log kind of each row of the table. */
export type BadInputKind = 'OddFileName' | 'FileNameTooLong' | 'FileTooLarge' | 'EmptyFile' | 'BinaryNote' | 'BadFrontmatter' | 'DuplicateItem';

/** Why an item was refused, in words for the owner and in fields for the log. */
export interface BadInput {
  kind: BadInputKind;
  /** What is wrong, one or two plain sentences. */
  problem: string;
  /** What the owner can do about it. */
  fix: string;
  /** Extra facts for the error log (never secrets, never the content). */
  context: Record<string, unknown>;
}

/** Longer names are refused: the task and plan names built from them must still fit on every system. */
export const MAX_NAME_LENGTH = 150;
/** Attachments may be this many times larger than a note. */
export const ATTACHMENT_SIZE_FACTOR = 10;

const MOVE_BACK = 'then move it back to the Inbox folder and it will be picked up on the next run.';

/** The size limit for one item. */
export function sizeLimit(isMarkdown: boolean, maxFileBytes: number): number {
  return isMarkdown ? maxFileBytes : maxFileBytes * ATTACHMENT_SIZE_FACTOR;
}

/** Human-readable size, e.g. `12.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Refuses names that cannot be made safe, before anything is read. */
export function checkName(name: string): BadInput | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  const control = /[\u0000-\u001f\u007f]/.test(name);
  const dots = name.includes('..');
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const noLetters = !/[\p{L}\p{N}]/u.test(stem);
  if (control || dots || noLetters) {
    const why = control
      ? 'contains invisible control characters (such as a line break)'
      : dots
        ? 'contains two dots in a row, which some programs read as "the folder above"'
        : 'has no letter or digit, so no safe name can be made from it';
    return {
      kind: 'OddFileName',
      problem: `The file name ${why}.`,
      fix: `Rename the file to a plain name, for example \`receipt-march.pdf\` or \`call-notes.md\`, ${MOVE_BACK}`,
      context: { reason: control ? 'control-characters' : dots ? 'double-dot' : 'no-letters' },
    };
  }
  if ([...name].length > MAX_NAME_LENGTH) {
    return {
      kind: 'FileNameTooLong',
      problem: `The file name is ${[...name].length} characters long; names of up to ${MAX_NAME_LENGTH} characters are accepted, so that the task and plan made from it still fit on every system.`,
      fix: `Give the file a shorter name, ${MOVE_BACK}`,
      context: { length: [...name].length, limit: MAX_NAME_LENGTH },
    };
  }
  return null;
}

/** Refuses files over the limit, from their size alone. */
export function checkSize(size: number, isMarkdown: boolean, maxFileBytes: number): BadInput | null {
  const limit = sizeLimit(isMarkdown, maxFileBytes);
  if (size <= limit) return null;
  const what = isMarkdown ? 'notes' : 'files';
  return {
    kind: 'FileTooLarge',
    problem: `The file is ${formatBytes(size)}; ${what} of up to ${formatBytes(limit)} are accepted.`,
    fix: isMarkdown
      ? `Split the note into smaller notes, or raise "maximum file size" in the AI Employee settings; ${MOVE_BACK}`
      : `Make the file smaller (for example scan at a lower resolution or compress it), or raise "maximum file size" in the AI Employee settings; ${MOVE_BACK}`,
    context: { limit },
  };
}

const EMPTY_FIX = 'If something was meant to be in it, add the content and move it back to the Inbox folder; otherwise you can delete both this note and the file.';

/**
 * Checks the bytes of an item. For a note it also decodes them: the text is
 * returned when they are sound, so the caller never decodes twice.
 */
export function checkContent(bytes: Uint8Array, isMarkdown: boolean): { bad: BadInput } | { text: string | null } {
  if (bytes.length === 0) {
    return { bad: { kind: 'EmptyFile', problem: 'The file is empty (0 bytes).', fix: EMPTY_FIX, context: {} } };
  }
  if (!isMarkdown) return { text: null };
  const nul = bytes.indexOf(0);
  let text: string | null = null;
  if (nul === -1) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = null;
    }
  }
  if (text === null) {
    return {
      bad: {
        kind: 'BinaryNote',
        problem:
          nul !== -1
            ? 'The file name ends in .md, but the file is not text: it contains binary data (a zero byte at position ' + nul + '). It is probably a document or picture saved with the wrong extension.'
            : 'The file name ends in .md, but the file is not readable text (it is not UTF-8). It is probably a document saved with the wrong extension, or a note saved in an old encoding.',
        fix: `If it is a document or picture, give it its real extension (such as .pdf or .jpg); if it is a note, save it again as UTF-8 text. ${MOVE_BACK.replace(/^then m/, 'M')}`,
        context: nul !== -1 ? { firstZeroByteAt: nul } : { encoding: 'not-utf-8' },
      },
    };
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    return { bad: { kind: 'EmptyFile', problem: 'The note contains only blank space.', fix: EMPTY_FIX, context: { blank: true } } };
  }
  return { text };
}

/** Refuses a note whose frontmatter cannot be read, saying which line to fix. */
export function checkFrontmatter(text: string): BadInput | null {
  const clean = text.replace(/^\uFEFF/, '');
  const opens = /^---[ \t]*\r?\n/.test(clean);
  try {
    const split = splitNote(clean);
    if (opens && !split.hasFrontmatter) {
      return {
        kind: 'BadFrontmatter',
        problem: 'The note starts a frontmatter block with a line of three dashes (---) on line 1, but the block is never closed.',
        fix: `Add a line with only --- after the last property (or remove the first line if it was not meant as properties), ${MOVE_BACK}`,
        context: { line: 1, code: 'UNCLOSED_FENCE' },
      };
    }
    return null;
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    const yamlText = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/.exec(clean)?.[1] ?? '';
    const described = describeYamlProblem(yamlText);
    const line = described?.line ?? error.line;
    const what = described?.what ?? 'is not valid YAML';
    const where = line !== undefined ? `Line ${line} of the frontmatter (line ${line + 1} of the note)` : 'The frontmatter';
    return {
      kind: 'BadFrontmatter',
      problem: `${where} ${what}.`,
      fix: `Open the note, fix ${line !== undefined ? 'that line' : 'the properties at the top'} (in source mode you see the raw text), ${MOVE_BACK}`,
      context: { line, code: described?.code, parser: error.message },
    };
  }
}
