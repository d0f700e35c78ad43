import { DASHBOARD_END_MARKER as DASHBOARD_END, DASHBOARD_START_MARKER as DASHBOARD_START } from './dashboard-markers';
import { joinNote } from './frontmatter';

export type SpliceMode = 'replaced' | 'appended';

/** Where the generated block sits: the index of its start marker and of its end marker. */
export interface BlockPosition {
  start: number;
  end: number;
}

/**
 * The first well-formed marker pair: the first end marker that has a start
 * marker before it, paired with the nearest such start. Stray or duplicated
 * markers elsewhere are left alone, and the choice is the same on every
 * refresh, so a damaged note never grows a second block.
 */
export function findBlock(content: string): BlockPosition | null {
  let from = 0;
  for (;;) {
    const end = content.indexOf(DASHBOARD_END, from);
    if (end === -1) return null;
    const start = content.lastIndexOf(DASHBOARD_START, end - DASHBOARD_START.length);
    if (start !== -1 && start + DASHBOARD_START.length <= end) return { start, end };
    from = end + DASHBOARD_END.length;
  }
}

/**
 * Puts `inner` between the markers, with a blank line before the end marker
 * so a closing table can never swallow it as a row. Only the text between the first
 * well-formed pair changes; everything before and after stays byte for byte.
 * Without a pair (the user deleted the markers) a fresh block is appended at
 * the end, so nothing the user wrote is ever overwritten. Pure.
 */
export function spliceDashboard(content: string, inner: string): { content: string; mode: SpliceMode } {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const body = inner.replace(/\r?\n/g, eol);
  const block = findBlock(content);
  if (block) {
    const head = content.slice(0, block.start + DASHBOARD_START.length);
    const tail = content.slice(block.end);
    return { content: `${head}${eol}${body}${eol}${eol}${tail}`, mode: 'replaced' };
  }
  const separator = content === '' ? '' : content.endsWith(eol) ? eol : eol + eol;
  return {
    content: `${content}${separator}${DASHBOARD_START}${eol}${body}${eol}${eol}${DASHBOARD_END}${eol}`,
    mode: 'appended',
  };
}

/** A new Dashboard.md: frontmatter, a title, the marked block, and room for the user below. */
export function newDashboardNote(inner: string): string {
  const body = `# Dashboard\n\n${DASHBOARD_START}\n${inner}\n\n${DASHBOARD_END}\n`;
  return joinNote({ type: 'dashboard', status: 'active' }, body);
}
