const WIKILINK = /!?\[\[([^\]|#^\n]+)(?:[#^|][^\]\n]*)?\]\]/g;

/** The targets of every `[[link]]` and `![[embed]]` in a text, without aliases or headings. */
export function wikilinkTargets(text: string): string[] {
  return [...text.matchAll(WIKILINK)].map((m) => (m[1] ?? '').trim()).filter(Boolean);
}

/**
 * The target of a property that points at a note: `"[[name]]"`,
 * `"[[folder/name|alias]]"` or a plain path. Null when it is not text.
 */
export function linkTarget(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const targets = wikilinkTargets(value);
  return targets[0] ?? value.trim();
}
