import { z } from 'zod';
import type { VaultLayout } from '../core/layout';
import { FrontmatterError, splitNote } from './frontmatter';
import { VaultError, type VaultPort } from './vault-port';

/** A number written as a number or as plain digits in quotes ("500"). */
const numeric = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
    z.number({ error: message }),
  );

const yesNo = z.preprocess(
  (v) => (typeof v === 'string' && /^(true|yes|false|no)$/i.test(v.trim()) ? /^(true|yes)$/i.test(v.trim()) : v),
  z.boolean({ error: 'must be true or false' }),
);

/**
 * One schema per field, so a bad value only costs that field its user value:
 * the rest of the handbook still applies.
 */
const fieldSchemas = {
  approval_amount_threshold: numeric('must be a number ≥ 0').pipe(z.number().min(0, 'must be a number ≥ 0')),
  currency: z
    .string({ error: 'must be a three-letter currency code like USD' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like USD'),
  payment_always_needs_approval: yesNo,
  new_contact_needs_approval: yesNo,
  approval_expiry_hours: numeric('must be a whole number of hours between 1 and 720').pipe(
    z.number().int('must be a whole number of hours between 1 and 720').min(1, 'must be a whole number of hours between 1 and 720').max(720, 'must be a whole number of hours between 1 and 720'),
  ),
  max_iterations: numeric('must be a whole number between 1 and 10').pipe(
    z.number().int('must be a whole number between 1 and 10').min(1, 'must be a whole number between 1 and 10').max(10, 'must be a whole number between 1 and 10'),
  ),
  known_contacts: z.preprocess(
    (v) => (v === null ? [] : typeof v === 'string' ? [v] : v),
    z.array(z.string({ error: 'must be a list of e-mail addresses, phone numbers or names' }).trim().min(1, 'must not contain empty entries'), {
      error: 'must be a list of e-mail addresses, phone numbers or names',
    }),
  ),
  revenue_target_monthly: numeric('must be a number ≥ 0').pipe(z.number().min(0, 'must be a number ≥ 0')),
} as const;

type FieldName = keyof typeof fieldSchemas;

/** The thresholds in `Company_Handbook.md` that the agent obeys. */
export interface HandbookThresholds {
  approval_amount_threshold: number;
  currency: string;
  payment_always_needs_approval: boolean;
  new_contact_needs_approval: boolean;
  approval_expiry_hours: number;
  max_iterations: number;
  known_contacts: string[];
  revenue_target_monthly: number;
}

/** The values a new handbook starts with, and the fallback for any bad field. */
export const HANDBOOK_DEFAULTS: Readonly<HandbookThresholds> = Object.freeze({
  approval_amount_threshold: 500,
  currency: 'USD',
  payment_always_needs_approval: true,
  new_contact_needs_approval: true,
  approval_expiry_hours: 48,
  max_iterations: 10,
  known_contacts: [],
  revenue_target_monthly: 10000,
});

/** The zod schema of the whole threshold set, for callers that validate an object in one go. */
export const handbookSchema = z.object(fieldSchemas);

/** The thresholds to obey, and what was wrong with the ones the handbook gave. */
export interface HandbookReadResult {
  thresholds: HandbookThresholds;
  /** One line per problem, each naming its field, e.g. `approval_amount_threshold: must be a number ≥ 0`. */
  problems: string[];
  /** Whether the handbook note exists at all. */
  found: boolean;
}

/**
 * Validates handbook frontmatter field by field. Never throws: a missing or
 * invalid field keeps its default and invalid ones are named in `problems`.
 */
export function validateHandbook(frontmatter: Record<string, unknown>): { thresholds: HandbookThresholds; problems: string[] } {
  const thresholds: HandbookThresholds = { ...HANDBOOK_DEFAULTS, known_contacts: [...HANDBOOK_DEFAULTS.known_contacts] };
  const problems: string[] = [];
  for (const field of Object.keys(fieldSchemas) as FieldName[]) {
    const raw = frontmatter[field];
    if (raw === undefined) continue;
    const result = fieldSchemas[field].safeParse(raw);
    if (result.success) {
      (thresholds as unknown as Record<FieldName, unknown>)[field] = result.data;
    } else {
      const message = result.error.issues[0]?.message ?? 'is not valid';
      problems.push(`${field}: ${message} (using the default, ${JSON.stringify(HANDBOOK_DEFAULTS[field])})`);
    }
  }
  return { thresholds, problems };
}

/** Reads and validates `Company_Handbook.md`; a missing or unreadable handbook means all defaults. */
export async function readHandbook(vault: VaultPort, layout: VaultLayout): Promise<HandbookReadResult> {
  let content: string;
  try {
    content = await vault.read(layout.handbook);
  } catch (error) {
    const missing = error instanceof VaultError && error.code === 'not-found';
    const problem = missing
      ? `${layout.handbook} was not found, so the default rules apply (run init to create it)`
      : `${layout.handbook} could not be read (${error instanceof Error ? error.message : String(error)}), so the default rules apply`;
    return { thresholds: validateHandbook({}).thresholds, problems: [problem], found: !missing };
  }
  try {
    const { frontmatter } = splitNote(content);
    return { ...validateHandbook(frontmatter), found: true };
  } catch (error) {
    const reason = error instanceof FrontmatterError ? error.message : 'its frontmatter could not be read';
    return {
      thresholds: validateHandbook({}).thresholds,
      problems: [`${layout.handbook}: ${reason}; every threshold uses its default until it is fixed`],
      found: true,
    };
  }
}
