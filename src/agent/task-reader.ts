/**
 * Which notes in Needs_Action/ are the agent's to work, and what it reads
 * from one. A task is a note triage made (it has a `trigger_id` and a task
 * `type`) and a plan; the owner's own invoice requests are left to the
 * accounting sync, and social drafts and other notes are not tasks.
 */
import type { VaultLayout } from '../core/layout';
import { basename, joinVaultPath } from '../core/paths';
import { isInvoiceRequestNote } from '../accounting/invoice-request';
import { SYNC_FIELDS } from '../accounting/sync-note-fields';
import { TASK_TYPES } from '../vault/task-classifier';
import type { Frontmatter } from '../vault/vault-port';
import { linkTarget } from '../vault/wikilinks';
import type { TaskFacts } from './reasoners/reasoner';

/** The footer triage adds under the message and the warning a failed run puts above it: not what the sender wrote. */
const TRIAGE_FOOTER = /\n---\n\*Triaged from `[^`]*` on [^\n]*\*[ \t]*(?=\n|$)/g;
const FAILURE_CALLOUT = /^> \[!warning\] The employee could not finish this task\n(?:>.*\n)*\n*/m;

export interface TaskNote {
  facts: TaskFacts;
  plan: string;
  /** The first trigger of this item, kept when a failed task comes back through the inbox, so retries reuse their idempotency keys. */
  originTriggerId: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

/** Null when the note is not a task for the agent (see the top of this file). */
export function readTaskNote(path: string, frontmatter: Frontmatter, body: string, layout: VaultLayout): TaskNote | null {
  const triggerId = text(frontmatter.trigger_id);
  const type = text(frontmatter.type);
  if (!triggerId || !type || !(TASK_TYPES as readonly string[]).includes(type)) return null;
  if (isInvoiceRequestNote(frontmatter, body)) return null;
  const planName = linkTarget(frontmatter.plan);
  if (!planName) return null;
  const message = body.replace(TRIAGE_FOOTER, '').replace(FAILURE_CALLOUT, '').trim();
  const heading = /^#\s+(.+)$/m.exec(message)?.[1]?.trim();
  const facts: TaskFacts = {
    path,
    type,
    title: text(frontmatter.subject) ?? text(frontmatter.title) ?? heading ?? basename(path).replace(/\.md$/, ''),
    body: message,
    source: text(frontmatter.source) ?? 'unknown',
    priority: text(frontmatter.priority) ?? 'normal',
    triggerId,
    receivedIso: text(frontmatter.received) ?? '',
  };
  // Triage keeps the sender as `source` when the note had no `from` (e-mail headers); a path there is no sender.
  const from = text(frontmatter.from) ?? (facts.source.includes('/') && !facts.source.includes('@') ? undefined : facts.source === 'unknown' ? undefined : facts.source);
  if (from) facts.from = from;
  // An overdue invoice of our own, brought in by the accounting sync: money owed to the business, not a bill.
  if (frontmatter[SYNC_FIELDS.overdueId] !== undefined && typeof frontmatter.client === 'string') {
    facts.overdueInvoice = {
      number: text(frontmatter.invoice) ?? String(frontmatter[SYNC_FIELDS.overdueId]),
      client: frontmatter.client,
      amountDue: typeof frontmatter.amount_due === 'number' ? frontmatter.amount_due : 0,
      currency: text(frontmatter.currency) ?? '',
      daysOverdue: typeof frontmatter.days_overdue === 'number' ? frontmatter.days_overdue : 0,
    };
  }
  const planFile = planName.endsWith('.md') ? planName : `${planName}.md`;
  return { facts, plan: joinVaultPath(layout.plans, basename(planFile)), originTriggerId: text(frontmatter.origin_trigger_id) ?? triggerId };
}
