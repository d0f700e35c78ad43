/**
 * The spec's Cross-Domain Trigger: its schema (every problem names its field)
 * and its state machine, pending → processing → approved → completed | failed
 * (and processing → failed), where every other move is an error.
 */
import {
  advanceTrigger,
  canMove,
  moveTrigger,
  parseTrigger,
  sourceDomainOf,
  sourceTypeOf,
  TRIGGER_STATUSES,
  TriggerError,
  type CrossDomainTrigger,
  type TriggerStatus,
} from '../../src/agent/trigger';

const CREATED = '2026-02-20T12:00:00.000+00:00';
const LATER = '2026-02-20T12:05:00.000+00:00';

function raw(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    trigger_id: 'trg-20260220-abc',
    source_domain: 'personal',
    source_type: 'whatsapp',
    source_data: { message: 'Completed project for Client ABC, $10000', sender: '+1 555 0100' },
    triggered_actions: [{ type: 'odoo_create_invoice', params: { client: 'Client ABC', amount: 10000 } }],
    status: 'pending',
    created: CREATED,
    updated: CREATED,
    context: { client_name: 'Client ABC', amount: 10000, currency: 'USD' },
    ...overrides,
  };
}

function at(status: TriggerStatus): CrossDomainTrigger {
  return parseTrigger(raw({ status }));
}

const LEGAL: ReadonlyArray<[TriggerStatus, TriggerStatus]> = [
  ['pending', 'processing'],
  ['processing', 'approved'],
  ['processing', 'failed'],
  ['approved', 'completed'],
  ['approved', 'failed'],
];
const isLegal = (from: TriggerStatus, to: TriggerStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ILLEGAL = TRIGGER_STATUSES.flatMap((from) => TRIGGER_STATUSES.filter((to) => !isLegal(from, to)).map((to): [TriggerStatus, TriggerStatus] => [from, to]));

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('the state machine', () => {
  it('has exactly five legal moves and twenty illegal ones (self-moves included)', () => {
    expect(ILLEGAL).toHaveLength(20);
    for (const from of TRIGGER_STATUSES) for (const to of TRIGGER_STATUSES) expect(canMove(from, to)).toBe(isLegal(from, to));
  });

  it.each(LEGAL)('%s → %s is allowed: a copy with the new status and time, the original untouched', (from, to) => {
    const before = at(from);
    const after = moveTrigger(before, to, LATER);
    expect(after).toEqual({ ...before, status: to, updated: LATER });
    expect(before.status).toBe(from);
    expect(before.updated).toBe(CREATED);
  });

  it.each(ILLEGAL)('%s → %s throws a TriggerError naming both statuses', (from, to) => {
    const error = thrown(() => moveTrigger(at(from), to, LATER));
    expect(error).toBeInstanceOf(TriggerError);
    expect(error.name).toBe('TriggerError');
    expect(error.message).toContain(`cannot go from ${from} to ${to}`);
    expect(error.message).toContain('trg-20260220-abc');
  });

  it('says where an illegal move could go instead, or that the status is final', () => {
    expect(thrown(() => moveTrigger(at('pending'), 'completed', LATER)).message).toMatch(/\(only to processing\)$/);
    expect(thrown(() => moveTrigger(at('processing'), 'completed', LATER)).message).toMatch(/\(only to approved or failed\)$/);
    expect(thrown(() => moveTrigger(at('completed'), 'failed', LATER)).message).toMatch(/\(it is final\)$/);
    expect(thrown(() => moveTrigger(at('failed'), 'processing', LATER)).message).toMatch(/\(it is final\)$/);
  });
});

describe('advanceTrigger', () => {
  it.each<[TriggerStatus, 'processing' | 'approved' | 'completed']>([
    ['pending', 'processing'],
    ['pending', 'approved'],
    ['pending', 'completed'],
    ['processing', 'approved'],
    ['processing', 'completed'],
    ['approved', 'completed'],
  ])('walks the happy path from %s to %s', (from, to) => {
    const after = advanceTrigger(at(from), to, LATER);
    expect(after.status).toBe(to);
    expect(after.updated).toBe(LATER);
  });

  it.each<TriggerStatus>(['processing', 'approved', 'completed'])('is a no-op when already at %s', (status) => {
    const trigger = at(status);
    expect(advanceTrigger(trigger, status as 'processing', LATER)).toEqual(trigger);
  });

  it.each<[TriggerStatus, 'processing' | 'approved' | 'completed']>([
    ['approved', 'processing'],
    ['completed', 'processing'],
    ['completed', 'approved'],
  ])('never goes back: %s → %s throws', (from, to) => {
    const error = thrown(() => advanceTrigger(at(from), to, LATER));
    expect(error).toBeInstanceOf(TriggerError);
    expect(error.message).toContain(`cannot go from ${from} to ${to}`);
  });

  it.each<'processing' | 'approved' | 'completed'>(['processing', 'approved', 'completed'])('a failed trigger stays failed: advancing to %s throws', (to) => {
    const error = thrown(() => advanceTrigger(at('failed'), to, LATER));
    expect(error).toBeInstanceOf(TriggerError);
    expect(error.message).toContain(`cannot go from failed to ${to}`);
    expect(error.message).toContain('(it is final)');
  });
});

describe('parseTrigger', () => {
  it('accepts the spec example and keeps extra context', () => {
    const trigger = parseTrigger(raw({ context: { client_name: 'Client ABC', project: 'Website', channel: 'chat' } }));
    expect(trigger.context).toEqual({ client_name: 'Client ABC', project: 'Website', channel: 'chat' });
  });

  it.each(['personal', 'business'])('accepts source_domain %s', (domain) => {
    expect(parseTrigger(raw({ source_domain: domain })).source_domain).toBe(domain);
  });

  it.each(['whatsapp', 'gmail', 'email', 'file_drop'])('accepts source_type %s', (type) => {
    expect(parseTrigger(raw({ source_type: type })).source_type).toBe(type);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown source_domain', { source_domain: 'work' }, /source_domain must be personal or business/],
    ['an unknown source_type', { source_type: 'telegram' }, /source_type must be one of whatsapp, gmail, email, file_drop/],
    ['no actions', { triggered_actions: [] }, /triggered_actions must hold at least one action/],
    ['an action without a skill', { triggered_actions: [{ type: '', params: {} }] }, /triggered_actions\.0\.type must name a skill/],
    ['an empty trigger_id', { trigger_id: '' }, /trigger_id is missing/],
    ['an unknown status', { status: 'done' }, /^Invalid cross-domain trigger: status /],
    ['a non-numeric amount', { context: { client_name: 'Client ABC', amount: '10000' } }, /context\.amount /],
  ])('refuses %s, naming the field', (_what, overrides, message) => {
    const error = thrown(() => parseTrigger(raw(overrides)));
    expect(error).toBeInstanceOf(TriggerError);
    expect(error.message).toMatch(message);
  });

  it.each(['odoo_create_invoice', 'odoo_post_invoice'])('requires context.client_name for %s', (type) => {
    for (const context of [undefined, {}, { amount: 5 }]) {
      const error = thrown(() => parseTrigger(raw({ triggered_actions: [{ type, params: {} }], context })));
      expect(error.message).toContain('context.client_name is required for invoice actions');
    }
    // An empty name is no name either.
    expect(thrown(() => parseTrigger(raw({ triggered_actions: [{ type, params: {} }], context: { client_name: '' } }))).message).toContain('context.client_name');
  });

  it('requires client_name when any one of several actions is an invoice', () => {
    const actions = [{ type: 'notify_human', params: { message: 'hi' } }, { type: 'odoo_post_invoice', params: { invoice: 'INV/2026/00001' } }];
    expect(thrown(() => parseTrigger(raw({ triggered_actions: actions, context: {} }))).message).toContain('context.client_name is required');
  });

  it.each(['odoo_register_payment', 'odoo_log_expense', 'social_generate_summary', 'vault_move_task', 'notify_human'])('does not require a client for %s', (type) => {
    expect(parseTrigger(raw({ triggered_actions: [{ type, params: {} }], context: undefined })).context).toBeUndefined();
  });

  it('lists every problem at once, separated by semicolons', () => {
    const error = thrown(() => parseTrigger(raw({ source_domain: 'x', source_type: 'y', triggered_actions: [] })));
    expect(error.message.split('; ')).toHaveLength(3);
  });

  it('names the trigger itself when it is not an object', () => {
    expect(thrown(() => parseTrigger('nope')).message).toMatch(/^Invalid cross-domain trigger: \(trigger\) /);
  });
});

describe('sourceTypeOf and sourceDomainOf', () => {
  it.each<[string, string, string]>([
    ['whatsapp', 'whatsapp', 'personal'],
    ['email', 'email', 'personal'],
    ['manual', 'file_drop', 'business'],
    ['file_drop', 'file_drop', 'business'],
    ['document', 'file_drop', 'business'],
    ['', 'file_drop', 'business'],
  ])('task type %j → source type %s, domain %s', (taskType, type, domain) => {
    expect(sourceTypeOf(taskType)).toBe(type);
    expect(sourceDomainOf(taskType)).toBe(domain);
  });

  it('always makes a trigger the schema accepts', () => {
    for (const taskType of ['whatsapp', 'email', 'manual', 'anything']) {
      expect(() => parseTrigger(raw({ source_type: sourceTypeOf(taskType), source_domain: sourceDomainOf(taskType) }))).not.toThrow();
    }
  });
});
