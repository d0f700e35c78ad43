import { isAccountingError } from '../accounting/accounting-error';
import { invoiceName, type AccountingPort } from '../accounting/accounting-port';
import { sumMoney } from '../accounting/money';
import type { VaultLayout } from '../core/layout';
import { basename } from '../core/paths';
import { readJsonl } from '../core/logs/jsonl-log';
import { listPendingApprovals } from '../vault/dashboard-sources';
import { splitNote } from '../vault/frontmatter';
import type { VaultPort } from '../vault/vault-port';
import type { DemoItem } from './demo-samples';
import { money, statusText } from './accounting-render';

/** Lines that tell a newcomer what the demo did and where to look, read back from the vault itself. */
export async function summarizeDemo(vault: VaultPort, layout: VaultLayout, items: DemoItem[], books: () => Promise<AccountingPort>, briefing: string | null): Promise<string[]> {
  const lines: string[] = [''];
  const tasks = await notesWithFrontmatter(vault, layout.needsAction);
  lines.push(`Tasks in ${layout.needsAction}/ (${tasks.length}):`);
  for (const { path, fm } of tasks) {
    const plan = typeof fm.plan === 'string' ? ` → plan ${fm.plan}` : '';
    const invoice = typeof fm.accounting_status === 'string' ? `, accounting ${fm.accounting_status}${fm.invoice ? ` (invoice ${str(fm.invoice)})` : ''}` : '';
    lines.push(`  - ${basename(path)}  [type ${str(fm.type)}, priority ${str(fm.priority)}${invoice}]${plan}`);
  }
  const quarantined = (await notesWithFrontmatter(vault, layout.quarantine)).filter(({ fm }) => fm.type === 'quarantine');
  if (quarantined.length) {
    lines.push(`Quarantined in ${layout.quarantine}/ (kept byte for byte, with a note that says why):`);
    for (const { fm, body } of quarantined) lines.push(`  - ${str(fm.original_name ?? fm.original)}: ${whatIsWrong(body) ?? str(fm.reason)}`);
  }
  const plans = await vault.list(layout.plans);
  lines.push(`Plans in ${layout.plans}/: ${plans.length}`);
  const audit = await countLines(vault, layout.auditLog);
  const errors = await countLines(vault, layout.errorLog);
  const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  lines.push(...(await summarizeBooks(books, layout)));
  const waiting = await listPendingApprovals(vault, layout.pendingApproval);
  lines.push(`Waiting for your approval in ${layout.pendingApproval}/: ${waiting.length}`);
  for (const item of waiting) lines.push(`  - ${basename(item.path)}${item.action ? `  (${item.action})` : ''}`);
  if (briefing) lines.push(`Weekly CEO briefing for last week: ${briefing} (the dashboard links to it)`);
  lines.push(`Logs: ${entries(audit.valid)} in ${layout.auditLog}, ${entries(errors.valid)} in ${layout.errorLog}` + (audit.invalid + errors.invalid ? ` (${audit.invalid + errors.invalid} unreadable lines!)` : ''));
  lines.push('');
  lines.push('What each sample was for:');
  for (const item of items) lines.push(`  - ${item.name}: ${item.expect}`);
  lines.push('');
  lines.push(`Where to look: open the folder as a vault in Obsidian and start with ${layout.dashboard}.`);
  const first = waiting[0];
  if (first) {
    lines.push(`Try it: approve the request: in ${first.path}, change "status: pending" to "status: approved" (or move it to ${layout.approved}/),`);
    lines.push('then run "once" again: the employee finishes the task and moves it to Done/. ("approve FILE" does both from the shell.)');
  }
  lines.push('Tasks handed over to you have steps under "Your steps": tick them all and the task and its plan move to Done/.');
  return lines;
}

/** The ledger's state after the run: every invoice, what was invoiced and what is still to be paid. */
async function summarizeBooks(books: () => Promise<AccountingPort>, layout: VaultLayout): Promise<string[]> {
  const where = `Books (the vault ledger, ${layout.accounting}/)`;
  try {
    const invoices = await (await books()).listInvoices({ filter: 'all' });
    if (invoices.length === 0) return [`${where}: no invoices yet.`];
    const lines = [`${where}: ${invoices.length} ${invoices.length === 1 ? 'invoice' : 'invoices'}`];
    for (const invoice of invoices) {
      lines.push(`  - ${invoiceName(invoice)}  ${invoice.client}  ${statusText(invoice)}  ${money(invoice.amountTotal, invoice.currency)}, due ${invoice.due}`);
    }
    // Amounts of different currencies are not added up.
    for (const currency of new Set(invoices.map((i) => i.currency))) {
      const mine = invoices.filter((i) => i.currency === currency);
      const posted = mine.filter((i) => i.status === 'posted' || i.status === 'paid');
      const drafts = mine.filter((i) => i.status === 'draft');
      if (posted.length) {
        lines.push(`  Posted ${money(sumMoney(posted.map((i) => i.amountTotal)), currency)}, of which ${money(sumMoney(posted.map((i) => i.amountDue)), currency)} is still to be paid.`);
      }
      if (drafts.length) {
        const first = drafts[0];
        const example = first ? ` ("ai-employee accounting post ${invoiceName(first)} --vault …")` : '';
        lines.push(`  ${drafts.length} ${drafts.length === 1 ? 'draft' : 'drafts'} (${money(sumMoney(drafts.map((i) => i.amountTotal)), currency)}) to check and post${example}.`);
      }
    }
    return lines;
  } catch (error) {
    if (!isAccountingError(error)) throw error;
    return [`${where}: cannot be read: ${error.describe()}`];
  }
}

/** The first line under "## What is wrong" of a quarantine note: the plain explanation. */
function whatIsWrong(body: string): string | undefined {
  const after = body.split(/^## What is wrong\s*$/m)[1];
  return after?.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
}

async function notesWithFrontmatter(vault: VaultPort, folder: string): Promise<{ path: string; fm: Record<string, unknown>; body: string }[]> {
  const out: { path: string; fm: Record<string, unknown>; body: string }[] = [];
  for (const file of await vault.list(folder)) {
    if (!file.path.endsWith('.md')) continue;
    try {
      const note = splitNote(await vault.read(file.path));
      out.push({ path: file.path, fm: note.frontmatter, body: note.body });
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
