import { Events } from './events';
import type { TFile } from './files';
import { frontmatterOf } from './yaml-frontmatter';

/** The part of Obsidian's `CachedMetadata` the fake computes. */
export interface CachedMetadata {
  frontmatter?: Record<string, unknown>;
}

/**
 * Minimal `MetadataCache`: frontmatter per Markdown file, refreshed by the
 * fake vault whenever it writes or notices a change. Fires `changed` and
 * `deleted` like Obsidian (synchronously here, where Obsidian is a little later).
 */
export class MetadataCache extends Events {
  private readonly byPath = new Map<string, CachedMetadata>();

  getFileCache(file: TFile): CachedMetadata | null {
    return this.byPath.get(file.path) ?? null;
  }

  getCache(path: string): CachedMetadata | null {
    return this.byPath.get(path) ?? null;
  }

  /** Resolves a link the simple way: exact path, path plus `.md`, then the first note with that name. */
  getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
    void sourcePath;
    const wanted = linkpath.replace(/#.*$/, '');
    const files = this.files();
    return (
      files.find((f) => f.path === wanted) ??
      files.find((f) => f.path === `${wanted}.md`) ??
      files.find((f) => f.basename === wanted && f.extension === 'md') ??
      null
    );
  }

  /** Fake-only: where link resolution looks for files. Set by the app. */
  files: () => TFile[] = () => [];

  /** Fake-only: called by the vault with a Markdown file's new content. */
  update(file: TFile, content: string): void {
    const cache: CachedMetadata = {};
    const frontmatter = frontmatterOf(content);
    if (frontmatter) cache.frontmatter = frontmatter;
    this.byPath.set(file.path, cache);
    this.trigger('changed', file, content, cache);
  }

  /** Fake-only: called by the vault when a file leaves the index. */
  remove(file: TFile): void {
    const prev = this.byPath.get(file.path) ?? null;
    if (!this.byPath.delete(file.path)) return;
    this.trigger('deleted', file, prev);
  }

  /** Fake-only: called by the vault after a rename. */
  move(oldPath: string, newPath: string): void {
    const entry = this.byPath.get(oldPath);
    if (!entry) return;
    this.byPath.delete(oldPath);
    this.byPath.set(newPath, entry);
  }
}
