/**
 * An approval request as a note in `Pending_Approval/`. The frontmatter is
 * what runs (the `parameters`, checked again after any edit); the body says
 * in plain words what will happen and how to decide. The owner approves by
 * setting `status: approved` (or moving the note to `Approved/`) and rejects
 * with `status: rejected` (or a move to `Rejected/`).
 */
import { stringify } from 'yaml';
import { formatAmount } from '../../accounting/money';
import { stem } from '../../core/paths';
import { joinNote } from '../../vault/frontmatter';
import type { Frontmatter } from '../../vault/vault-port';

export const APPROVAL_TYPE = 'approval_request';

export interface ApprovalRequest {
  action: string;
  title: string;
  parameters: Record<string, unknown>;
  amount: number | null;
  currency: string;
  recipient: string | null;
  reason: string;
  created: string;
  expires: string;
  idempotencyKey: string;
  triggerId: string;
  step: number;
  task: string;
  plan: string;
}

export function approvalFrontmatter(request: ApprovalRequest): Frontmatter {
  return {
    type: APPROVAL_TYPE,
    status: 'pending',
    action: request.action,
    title: request.title,
    parameters: request.parameters,
    amount: request.amount ?? undefined,
    currency: request.amount !== null ? request.currency : undefined,
    recipient: request.recipient ?? undefined,
    reason: request.reason,
    created: request.created,
    expires: request.expires,
    idempotency_key: request.idempotencyKey,
    trigger_id: request.triggerId,
    step: request.step,
    task: `[[${stem(request.task)}]]`,
    plan: `[[${stem(request.plan)}]]`,
  };
}

/** The readable part: what will happen, why it asks, and how to answer. */
export function approvalBody(request: ApprovalRequest, folders: { approved: string; rejected: string }): string {
  const lines = [`# Approve: ${request.title}`, '', `**Why this waits for you:** ${request.reason}`, ''];
  lines.push('| | |', '| --- | --- |', `| Action | \`${request.action}\` |`);
  if (request.amount !== null) lines.push(`| Amount | ${formatAmount(request.amount)} ${request.currency} |`);
  if (request.recipient) lines.push(`| Recipient | ${request.recipient.replace(/\|/g, '\\|')} |`);
  lines.push(`| Task | [[${stem(request.task)}]] |`, `| Plan | [[${stem(request.plan)}]] |`, `| Expires | ${request.expires} |`, '');
  const content = request.parameters.content;
  if (typeof content === 'string') lines.push('**The text:**', '', ...content.split('\n').map((l) => `> ${l}`), '');
  lines.push('**What will run** (the `parameters` above; edit them there before approving and they are checked again):', '', '```yaml', stringify(request.parameters, { lineWidth: 0 }).trimEnd(), '```', '');
  lines.push(
    '## How to decide',
    '',
    `- **Approve**: change \`status: pending\` to \`status: approved\` in the properties, or move this note to \`${folders.approved}/\`.`,
    `- **Reject**: change it to \`status: rejected\`, or move this note to \`${folders.rejected}/\`.`,
    `- Not decided by ${request.expires}, it expires and nothing runs.`,
    '',
  );
  return `\n${lines.join('\n')}`;
}

export function approvalNoteContent(request: ApprovalRequest, folders: { approved: string; rejected: string }): string {
  return joinNote(approvalFrontmatter(request), approvalBody(request, folders));
}

/** What the owner's `status` says. */
export type StatusWord = 'pending' | 'approved' | 'rejected' | 'unknown';

export function readStatusWord(value: unknown): StatusWord {
  if (typeof value === 'boolean') return value ? 'approved' : 'rejected';
  if (typeof value !== 'string') return 'unknown';
  const v = value.trim().toLowerCase();
  if (['approved', 'approve', 'yes', 'ok'].includes(v)) return 'approved';
  if (['rejected', 'reject', 'no', 'declined', 'denied'].includes(v)) return 'rejected';
  if (v === 'pending' || v === '') return 'pending';
  return 'unknown';
}
