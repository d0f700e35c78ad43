/** How far a plan is: ticked and total checkboxes. */
export interface CheckboxCount {
  total: number;
  ticked: number;
}

const CHECKBOX = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[(.)\]/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Counts the task-list checkboxes of a note body, nested ones included.
 * `[x]` and `[X]` are ticked; any other mark (` `, `/`, `-`, …) is not, so a
 * step marked in progress or cancelled still holds the plan open. Boxes
 * inside fenced code blocks are examples, not steps, and do not count.
 */
export function countCheckboxes(body: string): CheckboxCount {
  let total = 0;
  let ticked = 0;
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (fence === marker) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const match = CHECKBOX.exec(line);
    if (!match) continue;
    total++;
    if (match[1] === 'x' || match[1] === 'X') ticked++;
  }
  return { total, ticked };
}

/** Complete means at least one box, and every box ticked. */
export function isComplete(count: CheckboxCount): boolean {
  return count.total > 0 && count.ticked === count.total;
}
