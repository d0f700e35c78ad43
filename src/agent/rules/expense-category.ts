/**
 * A bookkeeping category for an expense, from the words of its description
 * or vendor. A table of keywords, whole words, case-insensitive, read top to
 * bottom, first match wins. The order settles overlaps: "flyers from Sharma
 * Printers" is Marketing (what was bought) before Office supplies (who sold
 * it), an "internet subscription" is Utilities before Software, "Uber
 * Eats" lunch is Meals before Travel, and a lawyer reviewing a lease is
 * Professional services before Rent.
 */

/** Every category an expense can get. */
export const EXPENSE_CATEGORIES = [
  'Office supplies',
  'Software',
  'Travel',
  'Rent',
  'Utilities',
  'Marketing',
  'Meals',
  'Equipment',
  'Professional services',
  'Bank fees',
  'Other',
] as const;

/** An expense category. */
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** `words('rent', 'lease')` → a pattern for any of them as whole words (letters with accents count as letters). */
function words(...list: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/**
 * | category              | keywords (plurals too)                                              |
 * |-----------------------|---------------------------------------------------------------------|
 * | Bank fees             | bank fee/charge, transfer fee, wire fee, service charge             |
 * | Marketing             | ads, advertising, facebook/google ads, flyers, banner, promotion    |
 * | Meals                 | lunch, dinner, breakfast, coffee, restaurant, café, meal, catering  |
 * | Travel                | flight, hotel, taxi, uber, lyft, train, mileage, fuel, parking      |
 * | Professional services | lawyer, accountant, consultant, legal, bookkeeping, audit           |
 * | Rent                  | rent, lease                                                         |
 * | Utilities             | electricity, water/phone/gas bill, internet, broadband              |
 * | Software              | subscription, license, saas, software, hosting, domain, cloud       |
 * | Equipment             | laptop, monitor, computer, camera, tablet, hardware                 |
 * | Office supplies       | paper, toner, ink, printer, stationery, pens, envelopes, reams      |
 * | anything else         | Other                                                               |
 */
export const EXPENSE_RULES: ReadonlyArray<{ pattern: RegExp; category: ExpenseCategory }> = [
  { pattern: words('bank\\s+(?:fees?|charges?)', '(?:transfer|wire|transaction)\\s+fees?', 'service\\s+charges?'), category: 'Bank fees' },
  {
    pattern: words('ads', 'adverts?', 'advertising', 'advertisements?', '(?:facebook|google|instagram|linkedin)\\s+ads', 'flyers?', 'fliers?', 'leaflets?', 'banners?', 'brochures?', 'promotions?', 'marketing'),
    category: 'Marketing',
  },
  { pattern: words('lunch(?:es)?', 'dinners?', 'breakfasts?', 'coffees?', 'restaurants?', 'caf[eé]s?', 'meals?', 'catering'), category: 'Meals' },
  {
    pattern: words('flights?', 'airfares?', 'hotels?', 'taxis?', 'cabs?', 'uber', 'lyft', 'trains?', 'mileage', 'fuel', 'petrol', 'parking', 'car\\s+rentals?', 'rental\\s+cars?', 'travel'),
    category: 'Travel',
  },
  {
    pattern: words('lawyers?', 'solicitors?', 'accountants?', 'consultants?', 'consulting', 'legal', 'bookkeeping', 'audit'),
    category: 'Professional services',
  },
  { pattern: words('rent', 'lease'), category: 'Rent' },
  {
    pattern: words('electricity', 'power\\s+bill', '(?:water|phone|mobile|gas)\\s+bills?', 'internet', 'broadband', 'wi-?fi', 'utilit(?:y|ies)'),
    category: 'Utilities',
  },
  {
    pattern: words('subscriptions?', 'licen[cs]es?', 'saas', 'software', 'hosting', 'domains?', 'cloud', 'apps?'),
    category: 'Software',
  },
  { pattern: words('laptops?', 'monitors?', 'computers?', 'cameras?', 'tablets?', 'hardware', 'equipment'), category: 'Equipment' },
  {
    pattern: words('paper', 'toner', 'ink', 'printers?', 'stationery', 'pens?', 'envelopes?', 'reams?', 'office\\s+supplies', 'staples'),
    category: 'Office supplies',
  },
];

/** A category for an expense from its description or vendor; 'Other' when no keyword matches. */
export function expenseCategory(text: string): ExpenseCategory {
  for (const rule of EXPENSE_RULES) if (rule.pattern.test(text)) return rule.category;
  return 'Other';
}
