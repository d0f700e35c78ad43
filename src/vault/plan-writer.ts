import type { VaultLayout } from '../core/layout';
import { joinVaultPath } from '../core/paths';
import { joinNote } from './frontmatter';
import type { TaskType } from './task-classifier';

/** What the plan is written from. */
export interface PlanContext {
  type: TaskType;
  /** Subject or first line, for the reader. */
  title: string;
  /** Everything the rules may look at: title, body, file name. */
  text: string;
  /** Who sent it, when known. */
  from?: string;
  /** The attachment's name, for file drops. */
  fileName?: string;
}

const AMOUNT = /(?:[$€£]\s?\d[\d,]*(?:\.\d{1,2})?|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:usd|eur|gbp|dollars|euros?)\b)/i;

/** The first amount of money in a text, as written (e.g. `$10000`). */
export function findAmount(text: string): string | null {
  return AMOUNT.exec(text)?.[0]?.trim() ?? null;
}

/** The steps every item of a type starts and ends with; topic steps go between. */
function baseSteps(ctx: PlanContext): { first: string[]; last: string[] } {
  const from = ctx.from ? ` from ${ctx.from}` : '';
  switch (ctx.type) {
    case 'email':
      return { first: [`Read the e-mail${from}`], last: ['Draft a reply', 'Send the reply after approval'] };
    case 'whatsapp':
      return { first: [`Read the message${from}`], last: ['Draft a reply', 'Send the reply after approval'] };
    case 'file_drop':
      return {
        first: [`Review the document ${ctx.fileName ?? ''}`.trimEnd()],
        last: ['Record it: file it under Accounting if it is a receipt or an invoice, otherwise note what it is for'],
      };
    case 'manual':
      return { first: ['Read the note'], last: ['Decide the next action', 'Do it, or hand it over'] };
  }
}

/**
 * Topic rules, first match wins within each group. Money rules tell apart an
 * invoice we should send (work is done) from a bill we should pay.
 */
const TOPIC_RULES: ReadonlyArray<{ group: string; test: RegExp; steps: (ctx: PlanContext, amount: string | null) => string[] }> = [
  {
    group: 'money',
    test: /\b(completed|finished|delivered|done)\b[^.]*\b(project|job|work|order)\b|\bsend (me |us )?(the |an |our )?invoice\b|\binvoice (me|us)\b/i,
    steps: (_ctx, amount) => [
      `Prepare the invoice${amount ? ` (${amount})` : ''}`,
      'Ask for approval before sending the invoice (the handbook sets the amount that needs it)',
      'Send the invoice and record it in Accounting',
    ],
  },
  {
    group: 'money',
    test: /\b(payments?|pay|due|overdue|remittance|invoices?|bill)\b/i,
    steps: (_ctx, amount) => [
      `Check the bill${amount ? ` (${amount})` : ''} against the books: supplier, amount, due date`,
      'Ask for approval before paying (payments always need approval)',
      'Record the payment in Accounting once it is made',
    ],
  },
  {
    group: 'money',
    test: /\b(receipt|expense|paid by)\b/i,
    steps: (_ctx, amount) => [`Record the expense${amount ? ` (${amount})` : ''} in Accounting/Expenses`],
  },
  {
    group: 'sales',
    test: /\b(quote|quotation|proposal|estimate)\b/i,
    steps: () => ['Prepare the quote or proposal', 'Ask for approval before sending it'],
  },
];

/** The checkbox steps for an item, suited to its type and topic. */
export function planSteps(ctx: PlanContext): string[] {
  const { first, last } = baseSteps(ctx);
  const amount = findAmount(ctx.text);
  const middle: string[] = [];
  const done = new Set<string>();
  for (const rule of TOPIC_RULES) {
    if (done.has(rule.group) || !rule.test.test(ctx.text)) continue;
    done.add(rule.group);
    middle.push(...rule.steps(ctx, amount));
  }
  // Topic steps already say what to do with a file or a note; the generic tail would repeat it.
  // Replies to a sender are still owed, so e-mail and chat keep theirs.
  const tail = (ctx.type === 'file_drop' || ctx.type === 'manual') && done.size > 0 ? [] : last;
  return [...first, ...middle, ...tail];
}

/** `Plans/Plan_<task>.md` */
export function planPathFor(layout: VaultLayout, taskBase: string): string {
  return joinVaultPath(layout.plans, `Plan_${taskBase}.md`);
}

/** What a plan note is written from. */
export interface PlanNoteInput {
  taskBase: string;
  title: string;
  triggerId: string;
  createdIso: string;
  steps: string[];
}

/** The plan note: frontmatter, a link back to the task and one checkbox per step. */
export function planNoteContent(input: PlanNoteInput): string {
  const frontmatter = {
    type: 'plan',
    status: 'active',
    task: `[[${input.taskBase}]]`,
    trigger_id: input.triggerId,
    created: input.createdIso,
  };
  const body = [
    `# Plan: ${input.title}`,
    '',
    `For the task [[${input.taskBase}]]. Tick each step when it is done; when every box is ticked, the task and this plan move to Done.`,
    '',
    '## Steps',
    '',
    ...input.steps.map((step) => `- [ ] ${step}`),
    '',
  ].join('\n');
  return joinNote(frontmatter, body);
}
