import type { DataWriteOptions } from './adapter';
import { type TAbstractFile, TFile, type TFolder } from './files';
import type { Vault } from './vault';
import { parseYaml, splitFrontmatter, stringifyYaml } from './yaml-frontmatter';

/**
 * Obsidian's `FileManager`, for what the plugin uses. `renameFile` moves the
 * file but does not rewrite links (the fake has no link index).
 */
export class FileManager {
  constructor(private readonly vault: Vault) {}

  getNewFileParent(sourcePath: string, newFilePath?: string): TFolder {
    void newFilePath;
    return this.vault.getFileByPath(sourcePath)?.parent ?? this.vault.getRoot();
  }

  renameFile(file: TAbstractFile, newPath: string): Promise<void> {
    return this.vault.rename(file, newPath);
  }

  /** Obsidian follows the user's trash setting; the fake always uses the vault's `.trash`. */
  trashFile(file: TAbstractFile): Promise<void> {
    return this.vault.adapter.trashLocal(file.path);
  }

  /** A wikilink: the bare name when it is unique, else the path (Obsidian's default "shortest" form). */
  generateMarkdownLink(file: TFile, sourcePath: string, subpath?: string, alias?: string): string {
    void sourcePath;
    const unique = this.vault.getFiles().filter((f) => f.name === file.name).length === 1;
    const target = unique ? (file.extension === 'md' ? file.basename : file.name) : file.extension === 'md' ? file.path.slice(0, -3) : file.path;
    return `[[${target}${subpath ?? ''}${alias ? `|${alias}` : ''}]]`;
  }

  /**
   * Atomically edits a note's frontmatter through `vault.process`. Broken YAML
   * throws the `yaml` package's `YAMLParseError` (as Obsidian does) before
   * anything is written; so does any error thrown by `fn`.
   */
  async processFrontMatter(file: TFile, fn: (frontmatter: Record<string, unknown>) => void, options?: DataWriteOptions): Promise<void> {
    if (!(file instanceof TFile) || file.extension !== 'md') throw new Error('processFrontMatter needs a Markdown file.');
    await this.vault.process(
      file,
      (data) => {
        const { yaml, body } = splitFrontmatter(data);
        const parsed = yaml === null || yaml.trim() === '' ? {} : parseYaml(yaml);
        // Obsidian hands over whatever the YAML holds; a scalar or a list is the caller's problem.
        const frontmatter = (parsed ?? {}) as Record<string, unknown>;
        fn(frontmatter);
        const empty = typeof frontmatter === 'object' && Object.keys(frontmatter).length === 0;
        if (empty) return yaml === null ? data : body;
        return `---\n${stringifyYaml(frontmatter)}---\n${body}`;
      },
      options,
    );
  }
}
