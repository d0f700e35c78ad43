/** The invoice request parser shared by the sync and the plugin command: what it accepts, and how it names every wrong field. */
import { createInvoiceInput, firstHeading, isInvoiceRequestNote, parseInvoiceRequest } from '../../../src/accounting/invoice-request';

const today = '2026-02-20';

describe('parseInvoiceRequest', () => {
  it('reads an amount-only request, taking the description from the note when it gives none', () => {
    const parsed = parseInvoiceRequest({ client: 'Client ABC', amount: '1,500.00', due: '2026-03-15', project: 'Website', post: true }, { today, fallbackDescription: 'Website design' });
    expect(parsed).toEqual({
      ok: true,
      request: { client: 'Client ABC', lines: [{ description: 'Website design', quantity: 1, unitPrice: 1500 }], dueDate: '2026-03-15', project: 'Website', post: true },
    });
    if (!parsed.ok) throw new Error('unreachable');
    expect(createInvoiceInput(parsed.request, 'sync:trg-1')).toEqual({
      client: 'Client ABC',
      lines: [{ description: 'Website design', quantity: 1, unitPrice: 1500 }],
      dueDate: '2026-03-15',
      project: 'Website',
      idempotencyKey: 'sync:trg-1',
    });
  });

  it('reads lines, a wikilinked client (quoted or as YAML reads it unquoted), "price" as unit_price and a Date due', () => {
    const parsed = parseInvoiceRequest(
      {
        client: [['Clients/Client ABC']],
        lines: [
          { description: 'Design', quantity: 2, unit_price: 750.005 },
          { description: 'Hosting', price: '$120' },
        ],
        due: new Date('2026-04-01T00:00:00Z'),
        post: 'yes',
      },
      { today },
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        client: 'Client ABC',
        lines: [
          { description: 'Design', quantity: 2, unitPrice: 750.01 },
          { description: 'Hosting', quantity: 1, unitPrice: 120 },
        ],
        dueDate: '2026-04-01',
        post: true,
      },
    });
    expect(parseInvoiceRequest({ client: '[[Client ABC|ABC Corp]]', amount: 10 }, { today })).toMatchObject({ ok: true, request: { client: 'ABC Corp' } });
  });

  it('names every wrong field in one plain sentence', () => {
    const parsed = parseInvoiceRequest({ amount: 'lots', due: '2026-02-30', post: 'maybe', project: '' }, { today });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.field)).toEqual(['client', 'amount', 'due', 'post']);
    expect(parsed.message).toMatch(/^The invoice request cannot be sent: client is missing: say who the invoice is for/);
    expect(parsed.message).toContain('amount must be a number, like 1500');
    expect(parsed.message).toContain('due must be a real date like 2026-03-15');
    expect(parsed.message).toContain('post must be true or false');
    expect(parsed.message).toMatch(/Fix the note's properties and it is tried again\.$/);
  });

  it('points at the line and field inside lines, counting from 1', () => {
    const parsed = parseInvoiceRequest({ client: 'A', lines: [{ description: 'ok', unit_price: 5 }, { description: 'bad', quantity: 0, unit_price: -3 }] }, { today });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { field: 'lines 2 quantity', problem: 'must be more than zero' },
      { field: 'lines 2 unit_price', problem: 'must be more than zero' },
    ]);
  });

  it('needs exactly one of amount and lines, and a due date that is not in the past', () => {
    const none = parseInvoiceRequest({ client: 'A' }, { today });
    expect(!none.ok && none.problems).toEqual([{ field: 'amount', problem: expect.stringContaining('is missing') as string }]);
    const both = parseInvoiceRequest({ client: 'A', amount: 5, lines: [{ description: 'x', unit_price: 5 }] }, { today });
    expect(!both.ok && both.problems[0]?.problem).toMatch(/both given/);
    const past = parseInvoiceRequest({ client: 'A', amount: 5, due: '2026-02-19' }, { today });
    expect(!past.ok && past.message).toMatch(/due is 2026-02-19, before today \(2026-02-20\)/);
  });

  it('refuses an amount that would round to an invoice of 0.00', () => {
    const parsed = parseInvoiceRequest({ client: 'A', amount: 0.004 }, { today });
    expect(!parsed.ok && parsed.problems).toEqual([{ field: 'amount', problem: 'must be at least 0.01' }]);
  });

  it('treats empty properties as not given', () => {
    const parsed = parseInvoiceRequest({ client: 'A', amount: 5, due: null, project: '  ', description: '' }, { today, fallbackDescription: 'Work' });
    expect(parsed).toEqual({ ok: true, request: { client: 'A', lines: [{ description: 'Work', quantity: 1, unitPrice: 5 }], post: false } });
  });
});

describe('isInvoiceRequestNote', () => {
  it('takes the accounting tag in frontmatter or text, or the invoice_request type', () => {
    expect(isInvoiceRequestNote({ tags: ['work', 'accounting'] }, '')).toBe(true);
    expect(isInvoiceRequestNote({ tags: '#accounting, urgent' }, '')).toBe(true);
    expect(isInvoiceRequestNote({ type: 'invoice_request' }, '')).toBe(true);
    expect(isInvoiceRequestNote({}, 'Bill them #accounting\n')).toBe(true);
    expect(isInvoiceRequestNote({}, '#accounting')).toBe(true);
  });

  it('does not take lookalikes', () => {
    expect(isInvoiceRequestNote({ tags: ['accounting-notes'] }, '')).toBe(false);
    expect(isInvoiceRequestNote({}, 'see #accounting-notes and foo#accounting and #accounting/archive')).toBe(false);
    expect(isInvoiceRequestNote({ type: 'overdue_invoice' }, 'The invoice is overdue.')).toBe(false);
  });
});

describe('firstHeading', () => {
  it('gives the first heading without its tags', () => {
    expect(firstHeading('text\n# Website design #accounting\nmore')).toBe('Website design');
    expect(firstHeading('## not level one\n')).toBeUndefined();
  });
});
