import type { CliArgs } from '../args';
import { createCliContext, resolveVaultDir } from '../cli-context';
import type { Output } from '../output';
import { runDoctorChecks, type Check } from '../doctor-checks';

/**
 * `doctor`: checks the vault, the settings, the runner lease and each
 * configured connection, and says plainly what is wrong. Exit 2 for a
 * configuration problem, 1 for a connection that fails, 0 when all is well.
 */
export async function doctorCommand(args: CliArgs, out: Output): Promise<number> {
  const ctx = createCliContext(args, resolveVaultDir(args, { mustExist: true }));
  const checks = await runDoctorChecks(ctx);
  out.data(checks);
  const mark: Record<Check['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: '--  ' };
  for (const check of checks) out.line(`${mark[check.status]}  ${check.name}: ${check.detail}`);
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.some((c) => c.kind === 'config')) return 2;
  return failed.length ? 1 : 0;
}
