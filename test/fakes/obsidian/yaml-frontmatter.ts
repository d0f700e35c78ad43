import { parse, stringify } from 'yaml';

/** The frontmatter block: `---` on the first line, up to the next line that is only `---`. */
const BLOCK = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Obsidian's `parseYaml`: the `yaml` package, so broken YAML throws its `YAMLParseError`. */
export function parseYaml(text: string): unknown {
  return parse(text);
}

/** Obsidian's `stringifyYaml`. */
export function stringifyYaml(obj: unknown): string {
  return stringify(obj);
}

export interface FrontmatterSplit {
  /** The YAML text between the fences, or null when the note has no block. */
  yaml: string | null;
  /** Everything after the closing fence (the whole note when there is no block). */
  body: string;
}

export function splitFrontmatter(content: string): FrontmatterSplit {
  const match = BLOCK.exec(content);
  if (!match) return { yaml: null, body: content };
  return { yaml: match[1] ?? '', body: content.slice(match[0].length) };
}

/** The parsed frontmatter for the metadata cache: undefined when absent or broken, as in Obsidian. */
export function frontmatterOf(content: string): Record<string, unknown> | undefined {
  const { yaml } = splitFrontmatter(content);
  if (yaml === null) return undefined;
  try {
    const value = parseYaml(yaml);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
