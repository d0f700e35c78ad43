import type { VaultLayout } from '../core/layout';
import { basename } from '../core/paths';
import { readJsonl } from '../core/logs/jsonl-log';
import { splitNote } from '../vault/frontmatter';
import type { VaultPort } from '../vault/vault-port';
import type { DemoItem } from './demo-samples';

/** Lines that tell a newcomer what the demo did and where to look, read back from the vault itself. */
export async function summarizeDemo(vault: VaultPort, layout: VaultLayout, items: DemoItem[]): Promise<string[]> {
  const lines: string[] = [''];
  const tasks = await notesWithFrontmatter(vault, layout.needsAction);
  lines.push(`Tasks in ${layout.needsAction}/ (${tasks.length}):`);
  for (const { path, fm } of tasks) {
    const plan = typeof fm.plan === 'string' ? ` → plan ${fm.plan}` : '';
    lines.push(`  - ${basename(path)}  [type ${str(fm.type)}, priority ${str(fm.priority)}]${plan}`);
  }
  const quarantined = (await notesWithFrontmatter(vault, layout.quarantine)).filter(({ fm }) => fm.type === 'quarantine');
  if (quarantined.length) {
    lines.push(`Quarantined in ${layout.quarantine}/ (kept byte for byte, with a note that says why):`);
    for (const { fm } of quarantined) lines.push(`  - ${str(fm.original)}: ${str(fm.reason)}`);
  }
  const plans = await vault.list(layout.plans);
  lines.push(`Plans in ${layout.plans}/: ${plans.length}`);
  const audit = await countLines(vault, layout.auditLog);
  const errors = await countLines(vault, layout.errorLog);
  const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  lines.push(`Logs: ${entries(audit.valid)} in ${layout.auditLog}, ${entries(errors.valid)} in ${layout.errorLog}` + (audit.invalid + errors.invalid ? ` (${audit.invalid + errors.invalid} unreadable lines!)` : ''));
  lines.push('');
  lines.push('What each sample was for:');
  for (const item of items) lines.push(`  - ${item.name}: ${item.expect}`);
  lines.push('');
  lines.push(`Where to look: open the folder as a vault in Obsidian and start with ${layout.dashboard}.`);
  lines.push('Try it: tick every box of a plan, then run "once" again; the task and its plan move to Done/.');
  return lines;
}

async function notesWithFrontmatter(vault: VaultPort, folder: string): Promise<{ path: string; fm: Record<string, unknown> }[]> {
  const out: { path: string; fm: Record<string, unknown> }[] = [];
  for (const file of await vault.list(folder)) {
    if (!file.path.endsWith('.md')) continue;
    try {
      out.push({ path: file.path, fm: splitNote(await vault.read(file.path)).frontmatter });
    } catch {
      // A note the user broke is reported by triage, not by the summary.
    }
  }
  return out;
}

async function countLines(vault: VaultPort, path: string): Promise<{ valid: number; invalid: number }> {
  const result = await readJsonl(vault, path);
  return { valid: result.entries.length, invalid: result.malformed };
}

function str(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
