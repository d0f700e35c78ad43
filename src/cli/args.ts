import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';
import { parseAccountingArgs, type AccountingRequest } from './accounting-args';

export const COMMANDS = ['init', 'once', 'run', 'demo', 'doctor', 'install-plugin', 'accounting', 'approve', 'reject', 'briefing', 'help', 'version'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliArgs {
  command: CommandName;
  /** Positional arguments after the command (e.g. the demo's DIR). */
  positionals: string[];
  vault?: string;
  envFile?: string;
  json: boolean;
  quiet: boolean;
  /** `run`: how often the scheduler looks for due jobs, in seconds. */
  tickSeconds?: number;
  /** `briefing`: the ISO week asked for (YYYY-Www). */
  week?: string;
  /** `accounting`: the subcommand and its flags, already validated. */
  accounting?: AccountingRequest;
}

export const USAGE = `Usage: ai-employee <command> --vault DIR [--env-file FILE]

Commands:
  init             create the folders, Dashboard.md and Company_Handbook.md (idempotent)
  once             run every job that is due once (triage, the employee's tasks, approvals, completion,
                   accounting sync, dashboard, logs) and exit
  run              the daemon: watch the inbox and run scheduled jobs until Ctrl-C / SIGTERM
  demo [DIR]       make a sample vault (default ./demo-vault) and run the pipeline once
  doctor           check the vault, the settings and each configured connection
  install-plugin   copy main.js, manifest.json and styles.css into the vault's plugin folder
  approve FILE     approve a request in Pending_Approval/ and act on it (reject FILE turns it down)
  reject FILE      turn a request down; nothing of it runs
  briefing         write the weekly CEO briefing for the week just ended (--week YYYY-Www for another)
  accounting ...   keep the books: invoice, post, invoices, pay, expense, report pnl|cash|aging
                   (Odoo when configured, else the vault ledger; "accounting help" for details)
  help             show this help
  version          print the version

Options:
  --vault DIR      the Obsidian vault to work on (or AI_EMPLOYEE_VAULT)
  --env-file FILE  read secrets (ODOO_API_KEY, ...) from a dotenv file
  --json           machine-readable output where a command supports it
  --quiet          print only errors
  --tick SECONDS   run: how often to look for due jobs (default 30)
  --week YYYY-Www  briefing: the ISO week to report on

Exit codes: 0 success, 1 a job failed, 2 bad usage or bad configuration.`;

/** Parses argv (without node and script); bad flags are a {@link UsageError}. */
export function parseCliArgs(argv: string[]): CliArgs {
  // `accounting` has flags of its own (--client, --amount, …): it parses the whole line itself.
  const at = commandIndex(argv);
  if (at >= 0 && argv[at] === 'accounting') {
    const { request, ...common } = parseAccountingArgs([...argv.slice(0, at), ...argv.slice(at + 1)]);
    return { command: 'accounting', positionals: [], accounting: request, ...common };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        vault: { type: 'string' },
        'env-file': { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        tick: { type: 'string' },
        week: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: CommandName;
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  else if (first === undefined) command = 'help';
  else if ((COMMANDS as readonly string[]).includes(first)) command = first as CommandName;
  else throw new UsageError(`Unknown command "${first}". Commands: ${COMMANDS.join(', ')}`);

  let tickSeconds: number | undefined;
  if (values.tick !== undefined) {
    tickSeconds = Number(values.tick);
    if (!Number.isFinite(tickSeconds) || tickSeconds < 1 || tickSeconds > 3600) {
      throw new UsageError(`--tick must be a number of seconds between 1 and 3600, not "${values.tick}"`);
    }
  }
  return {
    command,
    positionals: rest,
    vault: values.vault,
    envFile: values['env-file'],
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    tickSeconds,
    ...(values.week !== undefined ? { week: values.week } : {}),
  };
}

/** Global flags that take a value as the next argument, so that value is not mistaken for the command. */
const VALUE_FLAGS = new Set(['--vault', '--env-file', '--tick', '--week']);

/** Where the command word is: the first argument that is neither a flag nor a flag's value; -1 if none. */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (VALUE_FLAGS.has(arg)) i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}
