import { findMoney, parseNumber } from '../../../src/agent/rules/amounts';

/** The one amount in a text, as [amount, currency, text as written]. */
const only = (text: string, defaultCurrency?: string) => findMoney(text, defaultCurrency).map((m) => [m.amount, m.currency, m.text]);

describe('findMoney: the forms people write', () => {
  it.each<[string, number, string | null]>([
    ['$10,000', 10000, 'USD'],
    ['$10000', 10000, 'USD'],
    ['$ 10,000.50', 10000.5, 'USD'],
    ['10000 USD', 10000, 'USD'],
    ['USD 10000', 10000, 'USD'],
    ['USD10000', 10000, 'USD'],
    ['10,000 dollars', 10000, 'USD'],
    ['Rs 5000', 5000, 'INR'],
    ['Rs. 5,000', 5000, 'INR'],
    ['Rs.5000', 5000, 'INR'],
    ['INR 5000', 5000, 'INR'],
    ['₹5,000', 5000, 'INR'],
    ['₹1,00,000', 100000, 'INR'],
    ['5000 rupees', 5000, 'INR'],
    ['€1.200,50', 1200.5, 'EUR'],
    ['1.200,50 EUR', 1200.5, 'EUR'],
    ['1.200,50 €', 1200.5, 'EUR'],
    ['€1200', 1200, 'EUR'],
    ['€1.200', 1200, 'EUR'],
    ['€12,50', 12.5, 'EUR'],
    ['EUR 1.234.567,89', 1234567.89, 'EUR'],
    ['20 euros', 20, 'EUR'],
    ['£99.99', 99.99, 'GBP'],
    ['10k', 10000, null],
    ['10K', 10000, null],
    ['$10k', 10000, 'USD'],
    ['$2.5k', 2500, 'USD'],
    ['2.5k USD', 2500, 'USD'],
    ['$1.5m', 1500000, 'USD'],
    ['$5 million', 5000000, 'USD'],
    ['$1,234,567.89', 1234567.89, 'USD'],
    ['CHF 300', 300, 'CHF'],
    ['300 CAD', 300, 'CAD'],
    ['AUD 45.5', 45.5, 'AUD'],
    ['JPY 12000', 12000, 'JPY'],
    ['PKR 2,500', 2500, 'PKR'],
    ['500 usd', 500, 'USD'],
    ['US$ 30', 30, 'USD'],
    ['C$20', 20, 'CAD'],
    ['$500 CAD', 500, 'CAD'],
  ])('%j → %d %s', (text, amount, currency) => {
    expect(only(text)).toEqual([[amount, currency, text]]);
  });
});

describe('findMoney: what is not money', () => {
  it.each([
    ['a bare number', 'invoice 2231'],
    ['a quantity', 'Please order 5 reams'],
    ['a year', 'Plans for 2026'],
    ['an ISO date', 'due 2026-12-31'],
    ['a slashed date', 'due 31/12/2026'],
    ['a phone number', 'Call +1 555 0100'],
    ['an Odoo invoice number', 'We paid INV/2026/00001'],
    ['a supplier reference', 'invoice PS-2231'],
    ['a reference before a currency code', 'PS-2231 USD'],
    ['three capitals that are not a currency', 'ABC 500'],
    ['a word ending in a currency code', 'XUSD 500'],
    ['a minus sign', '-$50 refund'],
    ['a minus before a code', 'balance -50 USD'],
    ['US dollars with a decimal comma', '$12,50'],
    ['a single dot and three digits in dollars', '$1.200'],
    ['absurd precision', '$1.23456'],
    ['a broken grouping', '$1,2345'],
    ['a decimal comma with three digits', '€0,125'],
    ['a space-grouped number', '10 000 €'],
    ['a space-grouped number after $', '$10 000'],
    ['a k that is part of a word', '2k22'],
    ['5m (metres, without a currency)', 'a 5m cable'],
    ['a number too long to be finite', `$${'9'.repeat(400)}`],
  ])('%s: %j', (_what, text) => {
    expect(findMoney(text)).toEqual([]);
  });
});

describe('findMoney: details', () => {
  it('finds every amount, in order, with where each starts', () => {
    const text = 'Quote: $1,200 for design, €300 for hosting and Rs 5000 for printing.';
    expect(findMoney(text)).toEqual([
      { amount: 1200, currency: 'USD', text: '$1,200', index: 7 },
      { amount: 300, currency: 'EUR', text: '€300', index: 26 },
      { amount: 5000, currency: 'INR', text: 'Rs 5000', index: 47 },
    ]);
  });

  it('reads both ends of a range but not a dash as a minus', () => {
    expect(only('$5-$10 per page')).toEqual([
      [5, 'USD', '$5'],
      [10, 'USD', '$10'],
    ]);
  });

  it.each<[string, string | undefined, string | null]>([
    ['10k', 'USD', 'USD'],
    ['10k', 'eur', 'EUR'],
    ['10k', undefined, null],
    ['$500', 'CAD', 'CAD'],
    ['$500', 'AUD', 'AUD'],
    ['$500', 'EUR', 'USD'],
    ['Rs 500', 'PKR', 'PKR'],
    ['Rs 500', 'USD', 'INR'],
    ['₹500', 'PKR', 'INR'],
    ['US$500', 'CAD', 'USD'],
    ['€500', 'USD', 'EUR'],
  ])('%j with default %s → %s', (text, defaultCurrency, currency) => {
    expect(findMoney(text, defaultCurrency)[0]?.currency).toBe(currency);
  });

  it('rounds to cents', () => {
    expect(only('$1,234.5678')).toEqual([[1234.57, 'USD', '$1,234.5678']]);
    expect(only('$99.9999')).toEqual([[100, 'USD', '$99.9999']]);
  });

  it('returns amounts above a trillion and leaves the judgement to the caller', () => {
    expect(only('$5,000,000,000,000')).toEqual([[5e12, 'USD', '$5,000,000,000,000']]);
  });

  it('never throws and never returns NaN, Infinity or a negative amount on odd input', () => {
    // A fixed pseudo-random stream, so the run is the same every time.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '0123456789.,$€£₹kKmM -−USDEURINRRs. ';
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      for (const mention of findMoney(text)) {
        expect(Number.isFinite(mention.amount)).toBe(true);
        expect(mention.amount).toBeGreaterThanOrEqual(0);
        expect(text.slice(mention.index, mention.index + mention.text.length)).toBe(mention.text);
      }
    }
  });
});

describe('parseNumber', () => {
  it.each<[string, boolean, number | null]>([
    ['1200', false, 1200],
    ['1,200', false, 1200],
    ['1,200', true, 1200],
    ['1.200', true, 1200],
    ['1.200', false, null],
    ['1.200,50', false, 1200.5],
    ['12,50', true, 12.5],
    ['12,50', false, null],
    ['12,5', true, 12.5],
    ['1,234,567.89', false, 1234567.89],
    ['1.234.567', false, 1234567],
    ['1,00,000', false, 100000],
    ['1.2.3', false, null],
    ['1,234.567,89', true, null],
    ['0.5', false, 0.5],
  ])('%j (euro: %s) → %p', (raw, euro, value) => {
    expect(parseNumber(raw, euro)).toBe(value);
  });
});
