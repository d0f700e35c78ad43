import { Notice, type App, type Plugin } from 'obsidian';
import { isAccountingError } from '../accounting/accounting-error';
import { invoiceName } from '../accounting/accounting-port';
import type { SyncReport } from '../accounting/accounting-sync';
import { localDay } from '../accounting/dates';
import { formatAmount } from '../accounting/money';
import { pushInvoiceNote, type PushOutcome } from '../accounting/sync-push';
import { UnpaidInvoicesModal } from './accounting-invoices-modal';
import type { PluginRunner } from './plugin-runner';

/**
 * The accounting commands. Syncing is automation, so it runs only on the
 * device that runs automations (the runner's `act`); invoicing the open note
 * and listing unpaid invoices are a person's own requests and work on any
 * device (an invoice's idempotency key keeps a second device from making a
 * second invoice for the same note).
 */
export function registerAccountingCommands(plugin: Plugin, runner: PluginRunner): void {
  const { app } = plugin;
  plugin.addCommand({
    id: 'sync-accounting',
    name: 'Sync accounting now',
    callback: () => void runner.act('sync accounting', (rt) => rt.accountingSync.run(), describeSync),
  });
  plugin.addCommand({
    id: 'create-invoice-from-note',
    name: 'Create invoice from current note',
    checkCallback: (checking) => {
      const file = app.workspace.getActiveFile();
      if (!file || file.extension !== 'md') return false;
      if (!checking) void createInvoiceFromNote(runner, file.path);
      return true;
    },
  });
  plugin.addCommand({
    id: 'show-unpaid-invoices',
    name: 'Show unpaid invoices',
    callback: () => void showUnpaidInvoices(app, runner),
  });
}

const STARTING = 'AI employee is still starting; try again in a moment.';

async function createInvoiceFromNote(runner: PluginRunner, path: string): Promise<void> {
  const runtime = await runner.runtimeForRequest();
  if (!runtime) {
    new Notice(STARTING);
    return;
  }
  try {
    const books = await runtime.accounting();
    const outcome = await pushInvoiceNote({ vault: runtime.deps.vault, clock: runtime.clock, accounting: books }, path, { requireRequest: false });
    new Notice(describePush(outcome));
  } catch (error) {
    // The books' own failures come back as outcomes; this is the vault or the settings.
    await runtime.errors.log({ source: 'plugin.command', error, context: { command: 'create invoice from note', path } });
    new Notice(`No invoice was created: ${plain(error)}`);
  }
}

async function showUnpaidInvoices(app: App, runner: PluginRunner): Promise<void> {
  const runtime = await runner.runtimeForRequest();
  if (!runtime) {
    new Notice(STARTING);
    return;
  }
  new UnpaidInvoicesModal(app, async () => {
    const books = await runtime.accounting();
    return { invoices: await books.listInvoices({ filter: 'unpaid' }), today: localDay(runtime.clock.now()) };
  }).open();
}

/** What one note's push did, in a sentence or two for a notice. */
export function describePush(outcome: PushOutcome): string {
  switch (outcome.status) {
    case 'pushed': {
      const { invoice } = outcome;
      const what = `${invoiceName(invoice)} for ${invoice.client}, ${formatAmount(invoice.amountTotal)} ${invoice.currency}, due ${invoice.due}`;
      const state = invoice.status === 'draft' ? ' It is a draft until it is posted.' : '';
      const head = outcome.created ? `Invoice created: ${what}.${state}` : `This note's invoice was already in the books: ${what}. The note now says so.`;
      return outcome.postProblem ? `${head} ${outcome.postProblem}` : head;
    }
    case 'needs_info':
      return `No invoice was created. ${outcome.problem}`;
    case 'failed':
      return `No invoice was created: ${outcome.message} The note is unchanged; try again later.`;
    case 'skipped':
      switch (outcome.reason) {
        case 'already-pushed':
          return `This note was already invoiced${outcome.detail ? ` (${outcome.detail})` : ''}; nothing new was created.`;
        case 'overdue-note':
          return 'This note is about an overdue invoice that is already in the books, so no new invoice was made from it.';
        case 'unreadable':
          return `The note's properties cannot be read, so no invoice was created: ${outcome.detail ?? 'broken YAML'}.`;
        case 'gone':
          return 'The note is no longer there; no invoice was created.';
        default:
          return 'This note does not ask for an invoice.';
      }
  }
}

/** The sync's report as one notice. */
export function describeSync(report: SyncReport): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (report.pushed > 0) parts.push(`${count(report.pushed, 'invoice', 'invoices')} sent to the books`);
  if (report.pulled > 0) parts.push(`${count(report.pulled, 'overdue invoice', 'overdue invoices')} added to the inbox`);
  if (report.needsInfo > 0) parts.push(`${count(report.needsInfo, 'note needs', 'notes need')} more information (see accounting_problem on the note)`);
  if (report.failed > 0) parts.push(`${count(report.failed, 'note', 'notes')} could not be sent and will be tried again`);
  const head = parts.length > 0 ? `Accounting synced: ${parts.join('; ')}.` : 'Accounting synced: nothing new.';
  return report.pullError ? `${head} Overdue invoices could not be read: ${report.pullError}` : head;
}

function plain(error: unknown): string {
  if (isAccountingError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
