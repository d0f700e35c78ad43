import { days, formatDate, isDateStyle, signedDays } from '../../../src/briefing/render/format-days';

describe('days', () => {
  it('says day or days, with one decimal at most', () => {
    expect(days(1)).toBe('1 day');
    expect(days(2)).toBe('2 days');
    expect(days(2.5)).toBe('2.5 days');
    expect(days(1.44)).toBe('1.4 days');
    expect(days(1.04)).toBe('1 day');
    expect(days(0)).toBe('0 days');
    expect(days(-0.01)).toBe('0 days');
    expect(days(Number.NaN)).toBe('—');
  });

  it('signs delays', () => {
    expect(signedDays(3)).toBe('+3 days');
    expect(signedDays(1)).toBe('+1 day');
    expect(signedDays(1.5)).toBe('+1.5 days');
    expect(signedDays(0)).toBe('0 days');
    expect(signedDays(0.01)).toBe('0 days');
    expect(signedDays(-1)).toBe('-1 day');
  });
});

describe('formatDate', () => {
  it('formats calendar days in the locale, whatever the machine time zone', () => {
    expect(formatDate('2026-02-17', 'en-US')).toBe('Feb 17, 2026');
    expect(formatDate('2026-02-17', 'en-US', 'long')).toBe('February 17, 2026');
    expect(formatDate('2026-02-17', 'en-US', 'iso')).toBe('2026-02-17');
    expect(formatDate('2026-12', 'en-US', 'month')).toBe('December 2026');
    expect(formatDate('2026-02', 'de-DE', 'month')).toBe('Februar 2026');
  });

  it('takes the day an ISO timestamp was written on', () => {
    expect(formatDate('2026-02-23T23:59:59-08:00', 'en-US')).toBe('Feb 23, 2026');
  });

  it('throws on text that is not a date', () => {
    expect(() => formatDate('next week', 'en-US')).toThrow('is not a date');
    expect(() => formatDate('2026-13-01', 'en-US')).toThrow('is not a date');
  });

  it('knows its styles', () => {
    expect(isDateStyle('month')).toBe(true);
    expect(isDateStyle('fancy')).toBe(false);
  });
});
