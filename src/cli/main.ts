import { parseCliArgs, USAGE, type CliArgs } from './args';
import { Output } from './output';
import { UsageError } from './usage-error';
import { initCommand } from './commands/init';
import { onceCommand } from './commands/once';
import { runCommand } from './commands/run';
import { demoCommand } from './commands/demo';
import { doctorCommand } from './commands/doctor';
import { installPluginCommand } from './commands/install-plugin';
import { accountingCommand } from './commands/accounting';
import { decideCommand } from './commands/decide';
import { briefingCommand } from './commands/briefing';
import { AccountingUsageError } from './accounting-args';
import manifest from '../../manifest.json';

async function dispatch(args: CliArgs, out: Output): Promise<number> {
  switch (args.command) {
    case 'help':
      out.line(USAGE);
      return 0;
    case 'version':
      out.line(manifest.version);
      return 0;
    case 'init':
      return initCommand(args, out);
    case 'once':
      return onceCommand(args, out);
    case 'run':
      return runCommand(args, out);
    case 'demo':
      return demoCommand(args, out);
    case 'doctor':
      return doctorCommand(args, out);
    case 'install-plugin':
      return installPluginCommand(args, out);
    case 'accounting':
      return accountingCommand(args, out);
    case 'approve':
    case 'reject':
      return decideCommand(args, out);
    case 'briefing':
      return briefingCommand(args, out);
  }
}

/** Runs the CLI and returns its exit code: 0 success, 1 a job failed, 2 bad usage or configuration. */
export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  const early = new Output({ quiet: false, json: false });
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    const usage = error instanceof AccountingUsageError ? error.usage : USAGE;
    early.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const out = new Output({ quiet: args.quiet, json: args.json });
  try {
    return await dispatch(args, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(error.message);
      return 2;
    }
    out.error(`Failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Everything was stopped; should a stray handle keep Node alive, leave anyway.
    setTimeout(() => process.exit(code), 2000).unref();
  });
}
