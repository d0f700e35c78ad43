/**
 * Which steps wait for the owner: each skill's sensitivity weighed against
 * the handbook (threshold, payments, the 1000× rule for drafts, known
 * contacts), over the vault ledger, and what happens when the books cannot
 * say how much is at stake.
 */
import { approvalNeed, UNUSUAL_DRAFT_FACTOR } from '../../src/agent/approval-policy';
import { createInvoiceSkill, postInvoiceSkill } from '../../src/agent/skills/invoice-skills';
import { logExpenseSkill, registerPaymentSkill } from '../../src/agent/skills/money-skills';
import { SkillRegistry } from '../../src/agent/skills/registry';
import type { AnySkill } from '../../src/agent/skills/skill';
import { moveTaskSkill, notifyHumanSkill, socialSummarySkill } from '../../src/agent/skills/vault-skills';
import type { HandbookThresholds } from '../../src/vault/handbook';
import { brokenBooks, SkillKit } from './skill-kit';

let kit: SkillKit;
beforeEach(() => {
  kit = new SkillKit();
});
afterEach(() => kit.cleanup());

const registry = new SkillRegistry();

/** The need for a skill by name, its params checked (and normalised) by the registry first, as the loop does. */
async function need(skill: string, params: Record<string, unknown>, handbook: Partial<HandbookThresholds> = {}, books?: ReturnType<typeof brokenBooks>) {
  const checked = registry.check(skill, params);
  if (!checked.ok) throw new Error(checked.problem);
  return approvalNeed(registry.get(skill)!, checked.params, kit.ctx({ handbook, ...(books ? { books } : {}) }));
}

const reasonOf = async (...args: Parameters<typeof need>) => (await need(...args))?.reason ?? null;

describe('amount skills (odoo_log_expense): above the threshold waits', () => {
  const expense = (amount: unknown) => ({ amount, category: 'Supplies', description: 'Toner' });

  it.each<[string, unknown, Partial<HandbookThresholds>, string | null]>([
    ['well below the default 500', 120, {}, null],
    ['exactly at the threshold', 500, {}, null],
    ['one cent above', 500.01, {}, '500.01 USD is above the approval threshold of 500.00 USD.'],
    ['far above', '1,500', {}, '1,500.00 USD is above the approval threshold of 500.00 USD.'],
    ['a threshold of 0: a cent waits', 0.01, { approval_amount_threshold: 0 }, '0.01 USD is above the approval threshold of 0.00 USD.'],
    ['a raised threshold', 2500, { approval_amount_threshold: 2500 }, null],
    ['the handbook currency in the reason', 600, { currency: 'EUR' }, '600.00 EUR is above the approval threshold of 500.00 EUR.'],
  ])('%s', async (_what, amount, handbook, reason) => {
    expect(await reasonOf('odoo_log_expense', expense(amount), handbook)).toBe(reason);
  });

  it('reports the amount it weighed and no recipient', async () => {
    expect(await need('odoo_log_expense', expense(750))).toEqual({ reason: expect.stringContaining('750.00 USD') as string, amount: 750, recipient: null });
  });
});

describe('odoo_post_invoice: the amount is read from the books', () => {
  it.each<[number, Partial<HandbookThresholds>, boolean]>([
    [500, {}, false],
    [500.01, {}, true],
    [10000, {}, true],
    [10000, { approval_amount_threshold: 10000 }, false],
    [1, { approval_amount_threshold: 0 }, true],
  ])('a draft of %d with %j waits: %s', async (amount, handbook, waits) => {
    const { invoice } = await kit.ledger.createInvoice({ client: 'Client ABC', lines: [{ description: 'Work', quantity: 1, unitPrice: amount }], idempotencyKey: `k-${amount}` });
    const result = await need('odoo_post_invoice', { invoice: invoice.number ?? invoice.id }, handbook);
    expect(result !== null).toBe(waits);
    if (result) expect(result).toMatchObject({ amount, reason: expect.stringMatching(/is above the approval threshold of/) as string });
  });

  it('waits when the books cannot be read: a doubt never lets money move', async () => {
    const result = await need('odoo_post_invoice', { invoice: 'INV/2026/00001' }, { approval_amount_threshold: 1e9 }, brokenBooks());
    expect(result).toEqual({ reason: 'The amount could not be checked against the handbook, so this waits for you.', amount: null, recipient: null });
  });

  it('waits when the invoice is not in the books at all', async () => {
    expect(await reasonOf('odoo_post_invoice', { invoice: 'INV/2026/09999' })).toMatch(/could not be checked/);
  });
});

describe('odoo_register_payment', () => {
  it('always waits while the handbook says payments do (the default), however small', async () => {
    expect(await reasonOf('odoo_register_payment', { invoice: 'INV/2026/00001', amount: 1 })).toBe('Payments always need your approval (Company_Handbook: payment_always_needs_approval).');
    expect(await reasonOf('odoo_register_payment', { invoice: 'INV/2026/00001', amount: 1 }, { approval_amount_threshold: 1e9 })).toMatch(/^Payments always need/);
  });

  it.each<[number, Partial<HandbookThresholds>, string | null]>([
    [500, {}, null],
    [499.99, {}, null],
    [500.01, {}, '500.01 USD is above the approval threshold of 500.00 USD.'],
    [0.01, { approval_amount_threshold: 0 }, '0.01 USD is above the approval threshold of 0.00 USD.'],
    [900, { currency: 'GBP' }, '900.00 GBP is above the approval threshold of 500.00 GBP.'],
  ])('with payment_always_needs_approval false, %d (%j) → %j', async (amount, handbook, reason) => {
    expect(await reasonOf('odoo_register_payment', { invoice: 'INV/2026/00001', amount }, { payment_always_needs_approval: false, ...handbook })).toBe(reason);
  });

  it('without an amount, weighs what is still due on the invoice', async () => {
    const small = await kit.postedInvoice('Client ABC', 400, 'small');
    const large = await kit.postedInvoice('Client XYZ', 4000, 'large');
    const off = { payment_always_needs_approval: false };
    expect(await need('odoo_register_payment', { invoice: small }, off)).toBeNull();
    expect(await need('odoo_register_payment', { invoice: large }, off)).toMatchObject({ amount: 4000, reason: '4,000.00 USD is above the approval threshold of 500.00 USD.' });
  });

  it('waits when the books are down and the amount must be read from them', async () => {
    expect(await reasonOf('odoo_register_payment', { invoice: 'INV/2026/00001' }, { payment_always_needs_approval: false }, brokenBooks())).toMatch(/could not be checked/);
  });
});

describe(`drafts (odoo_create_invoice): only more than ${UNUSUAL_DRAFT_FACTOR}× the threshold asks`, () => {
  it.each<[string, Record<string, unknown>, Partial<HandbookThresholds>, string | null]>([
    ['the WhatsApp example', { client: 'Client ABC', amount: 10000 }, {}, null],
    ['exactly 1000× the threshold', { client: 'Client ABC', amount: 500_000 }, {}, null],
    ['a cent more', { client: 'Client ABC', amount: 500_000.01 }, {}, '500,000.01 USD is more than 1000 times the approval threshold; please confirm it is right.'],
    ['lines summed (3 × 200,000)', { client: 'Client ABC', lines: [{ description: 'Build', quantity: 3, unit_price: 200_000 }] }, {}, '600,000.00 USD is more than 1000 times the approval threshold; please confirm it is right.'],
    ['with a higher threshold', { client: 'Client ABC', amount: 600_000 }, { approval_amount_threshold: 1000 }, null],
    ['in the handbook currency', { client: 'Client ABC', amount: 600_000 }, { currency: 'INR' }, '600,000.00 INR is more than 1000 times the approval threshold; please confirm it is right.'],
    // 0 × 1000 is 0: with a threshold of 0 every draft asks too.
    ['a threshold of 0', { client: 'Client ABC', amount: 1 }, { approval_amount_threshold: 0 }, '1.00 USD is more than 1000 times the approval threshold; please confirm it is right.'],
  ])('%s', async (_what, params, handbook, reason) => {
    expect(await reasonOf('odoo_create_invoice', params, handbook)).toBe(reason);
  });
});

describe('skills that move no money', () => {
  it('social_generate_summary always waits, whatever the handbook', async () => {
    for (const handbook of [{}, { approval_amount_threshold: 1e9, payment_always_needs_approval: false, new_contact_needs_approval: false }]) {
      expect(await need('social_generate_summary', { platform: 'x', content: 'Delivered!' }, handbook)).toEqual({
        reason: 'It will be seen outside the business, so it always waits for your approval.',
        amount: null,
        recipient: null,
      });
    }
  });

  it.each<[string, Record<string, unknown>]>([
    ['vault_move_task', { to: 'done', reason: 'newsletter' }],
    ['notify_human', { message: 'A bill of 900.00 USD waits' }],
  ])('%s never waits, even with a threshold of 0', async (skill, params) => {
    expect(await need(skill, params, { approval_amount_threshold: 0 })).toBeNull();
  });

  it('the default skills have the documented sensitivities', () => {
    const sensitivity = Object.fromEntries(
      [createInvoiceSkill, postInvoiceSkill, registerPaymentSkill, logExpenseSkill, socialSummarySkill, moveTaskSkill, notifyHumanSkill].map((s) => [s.name, s.sensitivity]),
    );
    expect(sensitivity).toEqual({
      odoo_create_invoice: 'none',
      odoo_post_invoice: 'amount',
      odoo_register_payment: 'payment',
      odoo_log_expense: 'amount',
      social_generate_summary: 'always',
      vault_move_task: 'none',
      notify_human: 'none',
    });
  });
});

describe('recipients and known contacts (for skills that reach a person)', () => {
  // None of the default skills names a recipient yet; a skill that does is checked against the handbook's contacts.
  const email: AnySkill = { ...(notifyHumanSkill as unknown as AnySkill), name: 'email_send', recipientOf: (p) => (typeof p.to === 'string' ? p.to : null) };

  it.each<[string, Partial<HandbookThresholds>, string | null]>([
    ['new@client.com', {}, 'new@client.com is not in the handbook\'s known contacts.'],
    ['Known@Client.com ', { known_contacts: ['known@client.com'] }, null],
    ['new@client.com', { new_contact_needs_approval: false }, null],
  ])('%s with %j', async (to, handbook, reason) => {
    const result = await approvalNeed(email, { to, message: 'hi' }, kit.ctx({ handbook }));
    expect(result?.reason ?? null).toBe(reason);
    if (result) expect(result.recipient).toBe(to);
  });

  it('the amount rule comes first: a payment to a known contact still waits', async () => {
    const pay: AnySkill = { ...(registerPaymentSkill as unknown as AnySkill), recipientOf: () => 'known@client.com' };
    const result = await approvalNeed(pay, { invoice: 'INV/2026/00001', amount: 10 }, kit.ctx({ handbook: { known_contacts: ['known@client.com'] } }));
    expect(result).toEqual({ reason: expect.stringMatching(/^Payments always need/) as string, amount: 10, recipient: 'known@client.com' });
  });
});
