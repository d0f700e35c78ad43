/**
 * `Business_Goals.md`: the owner's goals, in plain words in the body and as
 * numbers in the frontmatter. The weekly briefing measures the month's
 * revenue against `revenue_target_monthly`; when the note has none, the
 * handbook's value of the same name is used, and when neither says, the
 * briefing reports progress without a target.
 */
import { z } from 'zod';
import type { VaultLayout } from '../core/layout';
import { FrontmatterError, joinNote, splitNote } from '../vault/frontmatter';
import { readHandbook } from '../vault/handbook';
import { VaultError, type VaultPort } from '../vault/vault-port';

export interface RevenueTarget {
  /** Null when no goal is set anywhere. */
  monthly: number | null;
  /** Where it came from, for the briefing's note. */
  source: 'business goals' | 'handbook' | 'none';
  /** What was wrong with the goals note, in plain words. */
  problem?: string;
}

const target = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*[\d,]+(\.\d+)?\s*$/.test(v) ? Number(v.replace(/,/g, '')) : v),
  z.number({ error: 'must be a number like 20000' }).min(0, 'must be 0 or more'),
);

export async function readRevenueTarget(vault: VaultPort, layout: VaultLayout): Promise<RevenueTarget> {
  let problem: string | undefined;
  try {
    const { frontmatter } = splitNote(await vault.read(layout.businessGoals));
    const raw = frontmatter.revenue_target_monthly;
    if (raw !== undefined && raw !== null && raw !== '') {
      const parsed = target.safeParse(raw);
      if (parsed.success) return { monthly: parsed.data, source: 'business goals' };
      problem = `${layout.businessGoals}: revenue_target_monthly ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
    }
  } catch (error) {
    if (error instanceof FrontmatterError) problem = `${layout.businessGoals}: ${error.message}`;
    else if (!(error instanceof VaultError && error.code === 'not-found')) throw error;
  }
  const handbook = await readHandbook(vault, layout);
  const fromHandbook = handbook.found ? handbook.thresholds.revenue_target_monthly : null;
  const result: RevenueTarget = fromHandbook === null ? { monthly: null, source: 'none' } : { monthly: fromHandbook, source: 'handbook' };
  return problem ? { ...result, problem } : result;
}

/** The first `Business_Goals.md`. */
export function businessGoalsTemplate(createdIso: string, monthlyTarget: number): string {
  const body = [
    '# Business goals',
    '',
    'What this business is aiming for. Your AI employee reads the numbers in the properties at the top of',
    'this note; the weekly CEO briefing measures the month against them.',
    '',
    `- **revenue_target_monthly** (now ${monthlyTarget}): the revenue you aim for each month, in the handbook's currency.`,
    '  The briefing shows the month to date against it ("62% of the target with 70% of the month gone").',
    '',
    '## This quarter',
    '',
    '- Write your goals here, one per line. They are for you and the briefing reader; the employee does not act on them.',
    '',
  ].join('\n');
  return joinNote({ type: 'business_goals', status: 'active', created: createdIso, revenue_target_monthly: monthlyTarget }, body);
}
