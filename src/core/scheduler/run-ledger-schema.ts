import { z } from 'zod';

/** Bumped when the file's shape changes. */
export const LEDGER_VERSION = 1;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date');

const jobRecordSchema = z.object({
  /** When the scheduler first saw the job; daily/weekly slots before it are not caught up. */
  firstSeenAt: isoDate.optional(),
  /** The schedule the job had when last seen, as described to the user. */
  schedule: z.string().optional(),
  lastStartedAt: isoDate.optional(),
  lastFinishedAt: isoDate.optional(),
  lastStatus: z.enum(['success', 'failure', 'running']).optional(),
  lastError: z.string().optional(),
  lastDurationMs: z.number().nonnegative().optional(),
  /** The slot the last finished run covered (success or failure). */
  lastSlot: isoDate.optional(),
  /** The slot of the run in progress; it becomes `lastSlot` when the run finishes. */
  pendingSlot: isoDate.optional(),
  /** Set when a run was cut short by the app stopping; cleared by the next finished run. */
  interrupted: z.boolean().optional(),
  runCount: z.number().int().nonnegative().default(0),
  failureCount: z.number().int().nonnegative().default(0),
});

const ledgerSchema = z.object({
  version: z.literal(LEDGER_VERSION),
  createdAt: isoDate,
  jobs: z.record(z.string(), jobRecordSchema),
});

/** One job's run history as stored in the ledger. */
export type JobRecord = z.infer<typeof jobRecordSchema>;
/** The whole ledger file. */
export type LedgerData = z.infer<typeof ledgerSchema>;

/** The ledger in `raw`, or null when it is not JSON or not a ledger of this version. */
export function parseLedger(raw: string): LedgerData | null {
  try {
    const result = ledgerSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
