/**
 * The skills' parameter schemas, through the registry as the loop and the
 * approval desk use them: strict (an unknown key is refused), amounts as
 * hand-written text accepted, absurd amounts and unreal dates refused, and
 * every problem names the skill and the field.
 */
import { MAX_SKILL_AMOUNT } from '../../src/agent/skills/param-types';
import { SKILL_NAMES, SkillRegistry } from '../../src/agent/skills/registry';

const registry = new SkillRegistry();

/** A valid parameter set for every skill. */
const VALID: Record<string, Record<string, unknown>> = {
  odoo_create_invoice: { client: 'Client ABC', amount: 10000 },
  odoo_post_invoice: { invoice: 'INV/2026/00001' },
  odoo_register_payment: { invoice: 'INV/2026/00001' },
  odoo_log_expense: { amount: 120, category: 'Office supplies', description: 'Toner' },
  social_generate_summary: { platform: 'facebook', content: 'Delivered!' },
  vault_move_task: { to: 'done', reason: 'newsletter' },
  notify_human: { message: 'Hello' },
};

function problem(skill: string, params: unknown): string {
  const result = registry.check(skill, params);
  if (result.ok) throw new Error(`${skill} accepted ${JSON.stringify(params)}`);
  return result.problem;
}

function accepted(skill: string, params: unknown): Record<string, unknown> {
  const result = registry.check(skill, params);
  if (!result.ok) throw new Error(result.problem);
  return result.params;
}

describe('the registry', () => {
  it('holds exactly the spec\'s skills, and a valid example passes each', () => {
    expect(registry.list().map((s) => s.name)).toEqual([...SKILL_NAMES]);
    for (const name of SKILL_NAMES) expect(registry.check(name, VALID[name]).ok).toBe(true);
  });

  it('refuses a skill that does not exist, listing the ones that do', () => {
    expect(problem('odoo_delete_invoice', {})).toBe(`there is no skill named "odoo_delete_invoice" (known: ${SKILL_NAMES.join(', ')})`);
  });

  it('refuses two skills with the same name', () => {
    const one = registry.get('notify_human')!;
    expect(() => new SkillRegistry([one, one])).toThrow('Two skills are named notify_human');
  });

  it.each([...SKILL_NAMES])('%s is strict: an unknown key is refused, by name', (name) => {
    expect(problem(name, { ...VALID[name], approved: true })).toMatch(new RegExp(`^${name}: .*approved`));
  });

  it.each([...SKILL_NAMES])('%s refuses something that is not an object', (name) => {
    expect(problem(name, 'pay everything')).toMatch(new RegExp(`^${name}: params `));
  });
});

describe('amounts', () => {
  it.each<[unknown, number]>([
    [1500, 1500],
    ['1500', 1500],
    ['1,500', 1500],
    ['1,500.00', 1500],
    [' 10,000.50 ', 10000.5],
    ['1,000,000', 1000000],
    [0.01, 0.01],
    [MAX_SKILL_AMOUNT, MAX_SKILL_AMOUNT],
  ])('%j is accepted as %d', (amount, value) => {
    expect(accepted('odoo_log_expense', { ...VALID.odoo_log_expense, amount }).amount).toBe(value);
    expect(accepted('odoo_create_invoice', { client: 'Client ABC', amount }).amount).toBe(value);
  });

  it.each<[unknown, string]>([
    [MAX_SKILL_AMOUNT + 1, 'amount must be at most 1,000,000,000'],
    [1e12, 'amount must be at most 1,000,000,000'],
    [0, 'amount must be at least 0.01'],
    [0.004, 'amount must be at least 0.01'],
    [-50, 'amount must be at least 0.01'],
    ['$1,500', 'amount must be an amount like 1500'],
    ['1.500,00', 'amount must be an amount like 1500'],
    ['lots', 'amount must be an amount like 1500'],
    [null, 'amount must be an amount like 1500'],
  ])('%j is refused: %s', (amount, message) => {
    expect(problem('odoo_log_expense', { ...VALID.odoo_log_expense, amount })).toContain(message);
  });

  it('a payment\'s amount is checked the same way', () => {
    expect(accepted('odoo_register_payment', { invoice: 'INV/2026/00001', amount: '2,500' }).amount).toBe(2500);
    expect(problem('odoo_register_payment', { invoice: 'INV/2026/00001', amount: 2e9 })).toContain('amount must be at most 1,000,000,000');
  });

  it('an invoice line\'s unit price too, and its quantity must be positive', () => {
    const line = { description: 'Design', quantity: 2, unit_price: '1,250' };
    expect(accepted('odoo_create_invoice', { client: 'Client ABC', lines: [line] }).lines).toEqual([{ ...line, unit_price: 1250 }]);
    expect(problem('odoo_create_invoice', { client: 'Client ABC', lines: [{ ...line, quantity: 0 }] })).toContain('lines.0.quantity must be more than zero');
    expect(problem('odoo_create_invoice', { client: 'Client ABC', lines: [{ ...line, unit_price: 5e9 }] })).toContain('lines.0.unit_price must be at most');
    expect(accepted('odoo_create_invoice', { client: 'Client ABC', lines: [{ description: 'One', unit_price: 5 }] }).lines).toEqual([{ description: 'One', quantity: 1, unit_price: 5 }]);
  });
});

describe('dates', () => {
  it.each<[unknown, string]>([
    ['2026-12-31', '2026-12-31'],
    ['2028-02-29', '2028-02-29'],
    [new Date('2026-03-01T00:00:00Z'), '2026-03-01'],
  ])('%j is accepted', (date, value) => {
    expect(accepted('odoo_log_expense', { ...VALID.odoo_log_expense, date }).date).toBe(value);
    expect(accepted('odoo_create_invoice', { ...VALID.odoo_create_invoice, due: date }).due).toBe(value);
    expect(accepted('odoo_register_payment', { ...VALID.odoo_register_payment, date }).date).toBe(value);
  });

  it.each<[unknown, string]>([
    ['2026-02-30', 'date must be a real date like 2026-12-31'],
    ['2027-02-29', 'date must be a real date like 2026-12-31'],
    ['31/12/2026', 'date must be a real date like 2026-12-31'],
    ['tomorrow', 'date must be a real date like 2026-12-31'],
    [20261231, 'date must be a date like 2026-12-31'],
    [new Date('nonsense'), 'date must be a date like 2026-12-31'],
  ])('%j is refused', (date, message) => {
    expect(problem('odoo_log_expense', { ...VALID.odoo_log_expense, date })).toContain(message);
  });
});

describe('each skill\'s own rules', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['odoo_create_invoice', { client: 'Client ABC' }, 'amount give either amount or lines (one of them)'],
    ['odoo_create_invoice', { client: 'Client ABC', amount: 5, lines: [{ description: 'x', unit_price: 5 }] }, 'amount give either amount or lines (one of them)'],
    ['odoo_create_invoice', { client: '  ', amount: 5 }, 'client is empty (the client)'],
    ['odoo_create_invoice', { client: 'Client\nABC', amount: 5 }, 'client must be one line (the client)'],
    ['odoo_create_invoice', { client: 'x'.repeat(121), amount: 5 }, 'client is too long for the client (120 characters at most)'],
    ['odoo_create_invoice', { client: 'Client ABC', amount: 5, lines: [] }, 'lines '],
    ['odoo_post_invoice', { invoice: '' }, 'invoice must name an invoice, like INV/2026/00001'],
    ['odoo_post_invoice', { invoice: 'I'.repeat(65) }, 'invoice is too long for an invoice number'],
    ['odoo_register_payment', { amount: 100 }, 'invoice name the invoice (or at least the client)'],
    ['odoo_log_expense', { amount: 5, category: 'Travel' }, 'description must be text (what was bought)'],
    ['social_generate_summary', { platform: 'myspace', content: 'Hi' }, 'platform must be one of facebook, instagram, linkedin, x'],
    ['social_generate_summary', { platform: 'facebook', content: '   ' }, 'content is empty (the post)'],
    ['vault_move_task', { to: 'archive', reason: 'x' }, 'to must be done (the only place a task is filed by a skill)'],
    ['vault_move_task', { to: 'done' }, 'reason must be text (why)'],
    ['notify_human', { message: 'x'.repeat(501) }, 'message is too long (500 characters at most)'],
    ['notify_human', { message: 'Hi', urgency: 'panic' }, 'urgency '],
  ])('%s %j → "%s"', (skill, params, message) => {
    expect(problem(skill, params)).toContain(`${skill}: ${message}`);
  });

  it('trims text and fills defaults', () => {
    expect(accepted('notify_human', { message: '  Call the bank  ' })).toEqual({ message: 'Call the bank', urgency: 'normal' });
    expect(accepted('odoo_register_payment', { client: ' Client ABC ' })).toEqual({ client: 'Client ABC' });
  });

  it('lists every bad field at once', () => {
    const message = problem('odoo_log_expense', { amount: 'lots', category: '', description: '', date: 'soon' });
    expect(message.split('; ').length).toBeGreaterThanOrEqual(4);
  });
});
