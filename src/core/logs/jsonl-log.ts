import { VaultError, type VaultPort } from '../../vault/vault-port';
import { redact } from './redact';

/** A plain JSON object as read back from a log line. */
export type JsonRecord = Record<string, unknown>;

/**
 * One JSON object as one line, without the newline. JSON.stringify already
 * escapes `\n` and `\r`; U+2028/U+2029 are escaped too, because some editors
 * and line readers treat them as line breaks.
 */
export function toJsonLine(entry: object): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(entry);
  } catch {
    // A cycle or a BigInt: a safe copy keeps the line instead of losing it.
    text = JSON.stringify(redact(entry));
  }
  if (text === undefined) throw new TypeError('Only JSON objects can be written to a log');
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Appends one JSON object per line to a vault file. Lines are only ever
 * added; existing bytes are never rewritten.
 */
export class JsonlWriter {
  private tailRepair: Promise<string> | null = null;

  constructor(
    private readonly vault: VaultPort,
    readonly path: string,
  ) {}

  /** Serializes `entry` and appends it as one newline-terminated line. */
  async append(entry: object): Promise<void> {
    await this.appendMany([entry]);
  }

  /** Appends entries as consecutive lines in one write. */
  async appendMany(entries: object[]): Promise<void> {
    const lines = entries.map((e) => `${toJsonLine(e)}\n`).join('');
    await this.vault.append(this.path, (await this.repairPrefix()) + lines);
  }

  /**
   * A crash mid-write can leave a last line without its newline; appending
   * straight after it would glue two entries into one unreadable line. The
   * first append of this writer starts a fresh line in that case.
   */
  private repairPrefix(): Promise<string> {
    if (this.tailRepair) return this.tailRepair.then(() => '');
    this.tailRepair = (async () => {
      try {
        if (!(await this.vault.exists(this.path))) return '';
        const content = await this.vault.read(this.path);
        return content.length > 0 && !content.endsWith('\n') ? '\n' : '';
      } catch {
        return '';
      }
    })();
    return this.tailRepair;
  }
}

/** One line of a JSON-lines text. `value` is absent when the line is not a JSON object. */
export interface JsonlLine {
  /** The line's exact text, without its newline. */
  text: string;
  value?: JsonRecord;
}

/** The lines of a JSON-lines text, in order, skipping blank ones. */
export function* jsonlLines(content: string): Generator<JsonlLine> {
  for (const text of content.split('\n')) {
    if (text.trim() === '') continue;
    const value = parseObject(text);
    yield value === undefined ? { text } : { text, value };
  }
}

/** Parsed entries of a JSON-lines text, and how many lines were skipped. */
export interface JsonlReadResult<T> {
  entries: T[];
  /** Lines that were not JSON objects (or failed the guard) and were skipped. */
  malformed: number;
}

/** Parses a JSON-lines text; bad lines are counted, never thrown. */
export function parseJsonl<T = JsonRecord>(content: string, guard?: (value: JsonRecord) => value is T & JsonRecord): JsonlReadResult<T> {
  const entries: T[] = [];
  let malformed = 0;
  for (const line of jsonlLines(content)) {
    if (line.value !== undefined && (!guard || guard(line.value))) entries.push(line.value as T);
    else malformed += 1;
  }
  return { entries, malformed };
}

/** Reads a JSON-lines file from the vault; a missing file reads as empty. */
export async function readJsonl<T = JsonRecord>(
  vault: VaultPort,
  path: string,
  guard?: (value: JsonRecord) => value is T & JsonRecord,
): Promise<JsonlReadResult<T>> {
  let content: string;
  try {
    content = await vault.read(path);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'not-found') return { entries: [], malformed: 0 };
    throw error;
  }
  return parseJsonl(content, guard);
}

function parseObject(text: string): JsonRecord | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
  } catch {
    return undefined;
  }
}
