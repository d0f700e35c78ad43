/**
 * The spec's Cross-Domain Trigger: an event from the personal side (a
 * WhatsApp message, an e-mail, a dropped file) that sets off business actions
 * (an invoice, a social post). It is validated with zod on the way in and
 * out, and its status only moves along the spec's state machine:
 *
 *     pending → processing → approved → completed | failed
 *
 * (`processing → failed` too: a task can fail before anything is approved.)
 * An illegal move is an error, never a silent overwrite.
 */
import { z } from 'zod';

export const TRIGGER_STATUSES = ['pending', 'processing', 'approved', 'completed', 'failed'] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];

export const SOURCE_TYPES = ['whatsapp', 'gmail', 'email', 'file_drop'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Actions that bill a client: the spec requires the client's name in the trigger's context for these. */
const INVOICE_ACTIONS: ReadonlySet<string> = new Set(['odoo_create_invoice', 'odoo_post_invoice']);

const actionSchema = z.object({
  type: z.string().min(1, 'must name a skill'),
  params: z.record(z.string(), z.unknown()),
});

export const triggerSchema = z
  .object({
    trigger_id: z.string().min(1, 'is missing'),
    source_domain: z.enum(['personal', 'business'], { error: 'must be personal or business' }),
    source_type: z.enum(SOURCE_TYPES, { error: `must be one of ${SOURCE_TYPES.join(', ')}` }),
    source_data: z.record(z.string(), z.unknown()),
    triggered_actions: z.array(actionSchema).min(1, 'must hold at least one action'),
    status: z.enum(TRIGGER_STATUSES),
    created: z.string().min(1),
    updated: z.string().min(1),
    context: z
      .object({
        client_name: z.string().min(1).optional(),
        amount: z.number().optional(),
        currency: z.string().optional(),
        project: z.string().min(1).optional(),
      })
      .catchall(z.unknown())
      .optional(),
  })
  .superRefine((trigger, ctx) => {
    if (trigger.triggered_actions.some((a) => INVOICE_ACTIONS.has(a.type)) && !trigger.context?.client_name) {
      ctx.addIssue({ code: 'custom', path: ['context', 'client_name'], message: 'is required for invoice actions' });
    }
  });

export type CrossDomainTrigger = z.infer<typeof triggerSchema>;

/** The moves the state machine allows. */
const NEXT: Readonly<Record<TriggerStatus, readonly TriggerStatus[]>> = {
  pending: ['processing'],
  processing: ['approved', 'failed'],
  approved: ['completed', 'failed'],
  completed: [],
  failed: [],
};

export class TriggerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerError';
  }
}

/** Validates a trigger; every problem names its field. */
export function parseTrigger(raw: unknown): CrossDomainTrigger {
  const result = triggerSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(trigger)'} ${i.message}`);
  throw new TriggerError(`Invalid cross-domain trigger: ${problems.join('; ')}`);
}

export function canMove(from: TriggerStatus, to: TriggerStatus): boolean {
  return NEXT[from].includes(to);
}

/** A copy of the trigger in its next status; an illegal transition throws. */
export function moveTrigger(trigger: CrossDomainTrigger, to: TriggerStatus, nowIso: string): CrossDomainTrigger {
  if (!canMove(trigger.status, to)) {
    const allowed = NEXT[trigger.status];
    throw new TriggerError(
      `Trigger ${trigger.trigger_id} cannot go from ${trigger.status} to ${to}` + (allowed.length ? ` (only to ${allowed.join(' or ')})` : ' (it is final)'),
    );
  }
  return { ...trigger, status: to, updated: nowIso };
}

/** The happy path, in order. */
const FORWARD: readonly TriggerStatus[] = ['pending', 'processing', 'approved', 'completed'];

/** Moves along the happy path until `to` is reached; each move is checked like {@link moveTrigger}. */
export function advanceTrigger(trigger: CrossDomainTrigger, to: 'processing' | 'approved' | 'completed', nowIso: string): CrossDomainTrigger {
  let current = trigger;
  while (current.status !== to) {
    const here = FORWARD.indexOf(current.status);
    // Off the happy path (failed) or asked to go back: the move to `to` itself is the illegal one, and its error says so.
    const next = here < 0 ? undefined : FORWARD[here + 1];
    if (!next || FORWARD.indexOf(to) < here) return moveTrigger(current, to, nowIso);
    current = moveTrigger(current, next, nowIso);
  }
  return current;
}

/** The trigger's source type for a task type (a manual note counts as a file drop into the vault). */
export function sourceTypeOf(taskType: string): SourceType {
  if (taskType === 'whatsapp') return 'whatsapp';
  if (taskType === 'email') return 'email';
  return 'file_drop';
}

/** Chat and mail are the owner's personal channels; a note or file dropped into the vault is business. */
export function sourceDomainOf(taskType: string): 'personal' | 'business' {
  return taskType === 'whatsapp' || taskType === 'email' ? 'personal' : 'business';
}
