/**
 * Money and percentages as the briefing prints them, in the reader's locale.
 * Plain functions (the Handlebars helpers wrap them), so they are tested on
 * their own and never print `NaN`: a figure that is not finite shows as `—`.
 */
import { roundMoney } from '../../accounting/money';

/** What a missing or unusable figure prints as. */
export const NO_FIGURE = '—';

/** The locale the page falls back to when the configured tag is malformed. */
export const FALLBACK_LOCALE = 'en-US';

// `trailingZeroDisplay` is ES2023 (Node 20 has it); the ES2022 lib does not know it yet.
type NumberFormatOptions = Intl.NumberFormatOptions & { trailingZeroDisplay?: 'auto' | 'stripIfInteger' };

/** `locale` when Intl accepts it, else {@link FALLBACK_LOCALE}: a typo in settings must not break the page. */
export function usableLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

/**
 * `12400` → `$12,400`, `1234.56` in de-DE EUR → `1.234,56 €`. Whole amounts
 * drop the cents (a CEO reads `$15,000`, not `$15,000.00`); negative amounts
 * carry a minus, and `-0` (a rounding leftover) prints as 0. An unknown
 * currency code is written after the number instead of failing.
 */
export function money(amount: number, currency: string, locale: string, options: { signed?: boolean } = {}): string {
  if (!Number.isFinite(amount)) return NO_FIGURE;
  const value = roundMoney(amount) || 0; // `|| 0` turns -0 into 0
  const base: NumberFormatOptions = {
    trailingZeroDisplay: 'stripIfInteger',
    signDisplay: options.signed ? 'exceptZero' : 'auto',
  };
  const tag = usableLocale(locale);
  try {
    return plainSpaces(new Intl.NumberFormat(tag, { ...base, style: 'currency', currency }).format(value));
  } catch {
    const number = new Intl.NumberFormat(tag, { ...base, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return plainSpaces(`${number.format(value)} ${currency}`.trim());
  }
}

/**
 * Intl puts no-break spaces between number and symbol (`1.234,56\u00a0€`);
 * in a note they are invisible yet make searches and edits miss, so they
 * become plain spaces.
 */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Like {@link money}, with a plus on gains: `+$3,000`, `-$450`, `$0`. */
export function signedMoney(amount: number, currency: string, locale: string): string {
  return money(amount, currency, locale, { signed: true });
}

/**
 * A change in percent, rounded to one decimal: `+12.5%`, `-7%`, `0%`, and
 * `—` when there is nothing to compare with (null). The sign is always
 * written so a drop is never mistaken for a rise.
 */
export function pct(change: number | null, locale: string = FALLBACK_LOCALE): string {
  if (change === null || !Number.isFinite(change)) return NO_FIGURE;
  // Rounded before dividing, so 14.45 does not become 14.4 through binary floating point.
  const rounded = Math.round(change * 10) / 10;
  const format = new Intl.NumberFormat(usableLocale(locale), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  return plainSpaces(format.format(rounded / 100));
}

/** A share of a whole, e.g. progress to a target: `62%` (whole percent, no sign). */
export function share(percent: number, locale: string = FALLBACK_LOCALE): string {
  if (!Number.isFinite(percent)) return NO_FIGURE;
  const format = new Intl.NumberFormat(usableLocale(locale), { style: 'percent', maximumFractionDigits: 0 });
  return plainSpaces(format.format(Math.round(percent) / 100));
}
