import { z } from 'zod';
import { normalizeVaultPath } from './paths';

/** Bumped whenever the shape changes; `migrate` brings older data up to it. */
export const SETTINGS_VERSION = 1;

/** `..` as a path segment; backslashes count as separators because paths are normalized to `/` later. */
const LEAVES_VAULT = /(^|[/\\])\.\.([/\\]|$)/;

const folderName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((v) => !LEAVES_VAULT.test(v), 'must stay inside the vault (no "..")')
  // "/" or "." would make the vault root itself the inbox (or the dashboard), so triage would take every note.
  .refine((v) => normalizeVaultPath(v) !== '/', 'must name a folder or file inside the vault, not the vault itself')
  .refine((v) => !/[<>:"|?*]/.test(v), 'must not contain any of < > : " | ? *');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 08:00 (24-hour HH:MM)');

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const foldersSchema = z.object({
  inbox: folderName.default('Inbox'),
  needsAction: folderName.default('Needs_Action'),
  plans: folderName.default('Plans'),
  pendingApproval: folderName.default('Pending_Approval'),
  approved: folderName.default('Approved'),
  rejected: folderName.default('Rejected'),
  done: folderName.default('Done'),
  briefings: folderName.default('Briefings'),
  accounting: folderName.default('Accounting'),
  logs: folderName.default('Logs'),
  quarantine: folderName.default('Quarantine'),
});

const filesSchema = z.object({
  dashboard: folderName.default('Dashboard.md'),
  handbook: folderName.default('Company_Handbook.md'),
  /** Its frontmatter holds the monthly revenue target the weekly briefing measures against. */
  businessGoals: folderName.default('Business_Goals.md'),
  /** A Handlebars template note that replaces the shipped briefing template when it exists. */
  briefingTemplate: folderName.default('Briefings/Template - CEO briefing.md'),
});

const schedulesSchema = z.object({
  triageEveryMinutes: z.number().int().min(1).max(1440).default(5),
  dashboardEveryMinutes: z.number().int().min(1).max(1440).default(5),
  logMaintenanceEveryMinutes: z.number().int().min(5).max(10080).default(60),
  /** Pushes #accounting notes to the books and pulls overdue invoices back into the inbox. */
  accountingSyncEveryMinutes: z.number().int().min(1).max(1440).default(5),
  /** How often the employee works its tasks (the Ralph loop) and reads approval decisions. */
  agentEveryMinutes: z.number().int().min(1).max(1440).default(5),
  weeklyBriefingDay: z.enum(WEEKDAYS).default('monday'),
  weeklyBriefingTime: hhmm.default('08:00'),
});

const triageSchema = z.object({
  /** Larger inbox files are left in place with an error note. */
  maxFileBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  /** A file is taken once its size and mtime have not changed for this long. */
  settleMs: z.number().int().min(0).max(60_000).default(300),
});

const logsSchema = z.object({
  retentionDays: z.number().int().min(1).max(3650).default(90),
  alertThreshold: z.number().int().min(1).max(1000).default(3),
  alertWindowMinutes: z.number().int().min(1).max(1440).default(60),
});

const runnerSchema = z.object({
  /** A lease whose heartbeat is older than this is taken over. */
  staleAfterSeconds: z.number().int().min(10).max(86_400).default(120),
  heartbeatSeconds: z.number().int().min(1).max(3600).default(30),
});

const odooSchema = z.object({
  url: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be a URL like https://mycompany.odoo.com' })]).default(''),
  database: z.string().trim().default(''),
  username: z.string().trim().default(''),
  /** The id of the API key in Obsidian's SecretStorage; the key itself never lives here. */
  apiKeySecretId: z
    .string()
    .regex(/^[a-z0-9-]*$/, 'must be lowercase letters, digits and dashes')
    .default('ai-employee-odoo-api-key'),
  protocol: z.enum(['auto', 'xmlrpc', 'jsonrpc', 'json2']).default('auto'),
  timeoutSeconds: z.number().int().min(1).max(600).default(30),
  maxRetries: z.number().int().min(0).max(10).default(3),
  /** Vendor bills work everywhere; `hr_expense` needs Odoo's Expenses app installed. */
  expenseRecord: z.enum(['vendor_bill', 'hr_expense']).default('vendor_bill'),
});

const llmSchema = z.object({
  /** `anthropic`: the Messages API; `openai`: any OpenAI-compatible chat completions server (a local one too). */
  provider: z.enum(['anthropic', 'openai']).default('anthropic'),
  /** '' means the provider's public API; e.g. http://127.0.0.1:8080/v1 for a local model server. */
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be a URL like https://api.anthropic.com' })]).default(''),
  model: z.string().trim().default(''),
  timeoutSeconds: z.number().int().min(1).max(600).default(60),
  maxTokens: z.number().int().min(256).max(16_384).default(1024),
  /** When the LLM fails or answers something that is not a valid plan, the rules decide instead. */
  fallbackToRules: z.boolean().default(true),
});

const agentSchema = z
  .object({
    /** Work the tasks in Needs_Action/ (the Ralph loop); off leaves every task to the owner. */
    enabled: z.boolean().default(true),
    /** `rules`: offline and deterministic (the default); `llm`: ask the model configured below. */
    reasoner: z.enum(['rules', 'llm']).default('rules'),
    llm: llmSchema.default(() => llmSchema.parse({})),
  })
  .refine((a) => a.reasoner !== 'llm' || a.llm.model !== '', { message: 'needs a model name when the reasoner is llm', path: ['llm', 'model'] });

const briefingSchema = z.object({
  /** Write the weekly CEO briefing on the schedule (schedules.weeklyBriefingDay/Time). */
  enabled: z.boolean().default(true),
  /** The language tag for money and dates in the briefing, e.g. en-US or de-DE; '' = the system's. */
  locale: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isLocale(v), 'must be a language tag like en-US or de-DE'),
});

function isLocale(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  /** Folder inside the vault that holds the whole layout; '' is the vault root. */
  rootFolder: z
    .string()
    .trim()
    .default('')
    .refine((v) => !LEAVES_VAULT.test(v), 'must stay inside the vault (no "..")'),
  folders: foldersSchema.default(() => foldersSchema.parse({})),
  files: filesSchema.default(() => filesSchema.parse({})),
  schedules: schedulesSchema.default(() => schedulesSchema.parse({})),
  triage: triageSchema.default(() => triageSchema.parse({})),
  logs: logsSchema.default(() => logsSchema.parse({})),
  runner: runnerSchema.default(() => runnerSchema.parse({})),
  odoo: odooSchema.default(() => odooSchema.parse({})),
  agent: agentSchema.default(() => agentSchema.parse({})),
  briefing: briefingSchema.default(() => briefingSchema.parse({})),
});

export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/**
 * Validates already-migrated settings. Every problem names its field, e.g.
 * `schedules.weeklyBriefingTime: must be a time like 08:00`.
 */
export function parseSettings(raw: unknown): Settings {
  const result = settingsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(settings)';
    return `${field}: ${issue.message}`;
  });
  throw new SettingsError(problems);
}

export interface MigrationResult {
  data: Record<string, unknown>;
  changed: boolean;
}

/**
 * Pure: brings stored settings of any earlier version up to the current one
 * without touching the input. Unknown keys are kept so that nothing the user
 * wrote is silently dropped by an older build.
 */
export function migrate(raw: unknown): MigrationResult {
  if (raw === null || raw === undefined) return { data: { version: SETTINGS_VERSION }, changed: true };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsError(['(settings): must be an object (data.json is not a JSON object)']);
  }
  const data = structuredClone(raw) as Record<string, unknown>;
  let changed = false;
  const version = data.version;
  if (version === undefined || version === 0) {
    // Version 0 (before versioning) kept the Odoo key in plain text; it moves to
    // SecretStorage in the plugin, so it must not survive in data.json.
    const odoo = data.odoo as Record<string, unknown> | undefined;
    if (odoo && typeof odoo === 'object' && 'apiKey' in odoo) {
      delete odoo.apiKey;
    }
    data.version = SETTINGS_VERSION;
    changed = true;
  } else if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new SettingsError([`version: must be a whole number like ${SETTINGS_VERSION}, not ${JSON.stringify(version)}`]);
  } else if (version > SETTINGS_VERSION) {
    throw new SettingsError([
      `version: ${JSON.stringify(version)} is newer than this build understands (${SETTINGS_VERSION}); update the plugin`,
    ]);
  }
  return { data, changed };
}

/** migrate + parse in one go, the way both entry points load settings. */
export function loadSettings(raw: unknown): { settings: Settings; migrated: boolean } {
  const { data, changed } = migrate(raw);
  return { settings: parseSettings(data), migrated: changed };
}
