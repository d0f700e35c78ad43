import { money, pct, share, signedMoney, usableLocale } from '../../../src/briefing/render/format-money';

describe('money', () => {
  it('writes US dollars with grouping, dropping cents on whole amounts', () => {
    expect(money(15000, 'USD', 'en-US')).toBe('$15,000');
    expect(money(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(money(0.1 + 0.2, 'USD', 'en-US')).toBe('$0.30');
  });

  it('writes euros the German way', () => {
    expect(money(1234.56, 'EUR', 'de-DE')).toBe('1.234,56 €');
    expect(money(1500, 'EUR', 'de-DE')).toBe('1.500 €');
  });

  it('writes rupees with Indian grouping', () => {
    expect(money(123456.5, 'INR', 'en-IN')).toBe('₹1,23,456.50');
    expect(money(10000000, 'INR', 'en-IN')).toBe('₹1,00,00,000');
  });

  it('shows a loss with a minus, and -0 as 0', () => {
    expect(money(-450, 'USD', 'en-US')).toBe('-$450');
    expect(money(-1234.56, 'EUR', 'de-DE')).toBe('-1.234,56 €');
    expect(money(-0, 'USD', 'en-US')).toBe('$0');
    expect(money(-0.001, 'EUR', 'de-DE')).toBe('0 €');
  });

  it('never prints NaN or Infinity', () => {
    expect(money(Number.NaN, 'USD', 'en-US')).toBe('—');
    expect(money(Number.POSITIVE_INFINITY, 'USD', 'en-US')).toBe('—');
  });

  it('survives a malformed currency code or locale', () => {
    expect(money(1234.5, 'EURO', 'en-US')).toBe('1,234.50 EURO');
    expect(money(12, 'USD', 'en_US')).toBe('$12');
    expect(usableLocale('en_US')).toBe('en-US');
    expect(usableLocale('de-de')).toBe('de-DE');
  });

  it('signs changes when asked', () => {
    expect(signedMoney(3000, 'USD', 'en-US')).toBe('+$3,000');
    expect(signedMoney(-450.5, 'USD', 'en-US')).toBe('-$450.50');
    expect(signedMoney(0, 'USD', 'en-US')).toBe('$0');
    expect(signedMoney(1134.56, 'EUR', 'de-DE')).toBe('+1.134,56 €');
  });
});

describe('pct', () => {
  it('rounds to one decimal and always writes the sign', () => {
    expect(pct(12.5)).toBe('+12.5%');
    expect(pct(12.46)).toBe('+12.5%');
    expect(pct(-7)).toBe('-7%');
    expect(pct(-7.04)).toBe('-7%');
    expect(pct(14.45)).toBe('+14.5%');
    expect(pct(153)).toBe('+153%');
  });

  it('writes no change as 0%, never -0%', () => {
    expect(pct(0)).toBe('0%');
    expect(pct(-0.04)).toBe('0%');
    expect(pct(0.04)).toBe('0%');
  });

  it('writes a dash when there is nothing to compare with', () => {
    expect(pct(null)).toBe('—');
    expect(pct(Number.NaN)).toBe('—');
  });

  it('follows the locale', () => {
    expect(pct(-60.9, 'de-DE')).toBe('-60,9 %');
  });
});

describe('share', () => {
  it('writes a whole percentage without a sign', () => {
    expect(share(62.5)).toBe('63%');
    expect(share(0)).toBe('0%');
    expect(share(35.8, 'de-DE')).toBe('36 %');
  });
});
