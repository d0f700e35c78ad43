/**
 * The currencies the text readers recognise. Only real ISO 4217 codes count,
 * so "ABC 500" or "REF 2231" is never read as money. Codes that are also
 * everyday words when written in capitals (ALL, TOP, PHP: Albanian lek,
 * Tongan paʻanga, Philippine peso) are left out on purpose: a message that
 * shouts "ALL 3 ITEMS" or "PHP 8" is not talking about money.
 */

/** ISO 4217 codes accepted next to a number, written in capitals. */
export const CURRENCY_CODES: readonly string[] = [
  'USD', 'EUR', 'GBP', 'INR', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'CNY', 'HKD', 'SGD', 'SEK', 'NOK',
  'DKK', 'ISK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'TRY', 'UAH', 'RUB', 'ZAR', 'NGN', 'KES', 'GHS',
  'EGP', 'MAD', 'AED', 'SAR', 'QAR', 'KWD', 'BHD', 'OMR', 'ILS', 'PKR', 'BDT', 'LKR', 'NPR', 'IDR',
  'MYR', 'THB', 'VND', 'KRW', 'TWD', 'BRL', 'MXN', 'ARS', 'CLP', 'COP', 'PEN',
];

/**
 * Codes also accepted in lower case ("500 usd"): none of them is an English
 * word, unlike `cad`, `try` or `mad`.
 */
const LOWER_CASE_OK = ['usd', 'eur', 'gbp', 'inr', 'aud', 'nzd', 'chf', 'jpy', 'sgd', 'hkd', 'zar', 'aed', 'pkr', 'lkr', 'npr', 'bdt', 'sek', 'dkk', 'pln', 'brl', 'mxn'];

/** A regular-expression source matching one currency code, not followed by a letter (`USD10000` is fine, `USDC` is not). */
export const CODE_SOURCE = `(?:${[...CURRENCY_CODES, ...LOWER_CASE_OK].join('|')})(?![\\p{L}])`;

/** Currencies written with a plain `$` (and "dollars"): `$` means the local one. */
const DOLLAR_CURRENCIES = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD'];
/** Currencies written `Rs` (and "rupees"): `Rs` means the local one. */
const RUPEE_CURRENCIES = ['INR', 'PKR', 'LKR', 'NPR'];

/** Symbols and words that name exactly one currency. */
const FIXED: Record<string, string> = {
  '€': 'EUR', 'euro': 'EUR', 'euros': 'EUR', '£': 'GBP', '₹': 'INR',
  'US$': 'USD', 'C$': 'CAD', 'CA$': 'CAD', 'A$': 'AUD', 'AU$': 'AUD',
};

/**
 * The ISO code a currency marker stands for. A plain `$` or `Rs` is the
 * business's own currency when that is a dollar or a rupee (a Canadian
 * shop's "$500" is CAD), and USD or INR otherwise.
 */
export function currencyOf(marker: string, defaultCurrency?: string): string {
  const upper = marker.toUpperCase();
  if (CURRENCY_CODES.includes(upper)) return upper;
  const fixed = FIXED[marker.toLowerCase()] ?? FIXED[upper];
  if (fixed) return fixed;
  const local = defaultCurrency?.toUpperCase();
  if (/^(?:\$|dollars?|bucks)$/i.test(marker)) return local && DOLLAR_CURRENCIES.includes(local) ? local : 'USD';
  return local && RUPEE_CURRENCIES.includes(local) ? local : 'INR';
}

/** Whether a word is a currency marker (`USD`, `Rs`, `Rs.`), which is never part of a name. */
export function isCurrencyWord(word: string): boolean {
  return CURRENCY_CODES.includes(word.toUpperCase()) || /^rs\.?$/i.test(word);
}
