import { basename, extension } from '../core/paths';
import { checkContent, checkFrontmatter, checkName, checkSize, type BadInput } from './bad-input';
import { sha256Hex } from './content-hash';
import { splitNote } from './frontmatter';
import type { Frontmatter, VaultFileStat, VaultPort } from './vault-port';

/** An inbox item that passed every bad-input check. */
export interface InboxItem {
  path: string;
  name: string;
  size: number;
  mtime: number;
  isMarkdown: boolean;
  bytes: Uint8Array;
  /** SHA-256 of the bytes as they arrived. */
  sha256: string;
  /** The parsed note; null for files that are not Markdown. */
  note: { text: string; frontmatter: Frontmatter; body: string } | null;
}

/** A sound item, or the reason it is bad input. */
export type ReadOutcome = { item: InboxItem } | { bad: BadInput };

/** Markdown is what Obsidian treats as a note; everything else is a file drop. */
export function isMarkdownName(name: string): boolean {
  return extension(name) === 'md';
}

/**
 * Reads one inbox file through the bad-input checks, cheapest first: the
 * name and the size are judged before a single byte is read, so a huge file
 * never lands in memory.
 */
export async function readInboxItem(vault: VaultPort, stat: VaultFileStat, maxFileBytes: number): Promise<ReadOutcome> {
  const name = basename(stat.path);
  const isMarkdown = isMarkdownName(name);
  const early = checkName(name) ?? checkSize(stat.size, isMarkdown, maxFileBytes);
  if (early) return { bad: early };
  const bytes = await vault.readBinary(stat.path);
  // The file may have grown since stat; the limit holds for what we really read.
  const grown = checkSize(bytes.length, isMarkdown, maxFileBytes);
  if (grown) return { bad: grown };
  const content = checkContent(bytes, isMarkdown);
  if ('bad' in content) return { bad: content.bad };
  let note: InboxItem['note'] = null;
  if (content.text !== null) {
    const broken = checkFrontmatter(content.text);
    if (broken) return { bad: broken };
    const split = splitNote(content.text);
    note = { text: content.text, frontmatter: split.frontmatter, body: split.body };
  }
  return {
    item: { path: stat.path, name, size: bytes.length, mtime: stat.mtime, isMarkdown, bytes, sha256: await sha256Hex(bytes), note },
  };
}
