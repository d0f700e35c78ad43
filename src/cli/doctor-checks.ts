import { randomBytes } from 'node:crypto';
import { resolveLayout, layoutFolders } from '../core/layout';
import { readJsonl } from '../core/logs/jsonl-log';
import { readHandbook } from '../vault/handbook';
import type { CliContext } from './cli-context';
import { describeHolder } from './describe-holder';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  /** Whether a failure is the user's configuration (exit 2) or a connection (exit 1). */
  kind: 'config' | 'connection';
  detail: string;
}

/** Every check `doctor` runs, in the order a person would fix things. */
export async function runDoctorChecks(ctx: CliContext): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, status: Check['status'], detail: string, kind: Check['kind'] = 'config') => checks.push({ name, status, detail, kind });
  const { vault, settings } = ctx;
  const layout = resolveLayout(settings);

  add('Settings', 'ok', 'valid');

  const probe = `${layout.logs}/.doctor-${randomBytes(4).toString('hex')}`;
  try {
    await vault.write(probe, 'probe');
    await vault.remove(probe);
    add('Vault', 'ok', `${ctx.vaultDir} is writable`);
  } catch (error) {
    add('Vault', 'fail', `cannot write into ${ctx.vaultDir}: ${String(error)}`);
  }

  const missing: string[] = [];
  for (const folder of layoutFolders(layout)) if (!(await vault.exists(folder))) missing.push(folder);
  for (const file of [layout.dashboard, layout.handbook]) if (!(await vault.exists(file))) missing.push(file);
  if (missing.length) add('Layout', 'warn', `missing ${missing.join(', ')}; run "init" (it never overwrites anything)`);
  else add('Layout', 'ok', 'all folders and notes present');

  const handbook = await readHandbook(vault, layout);
  if (handbook.problems.length) add('Handbook', 'warn', `${layout.handbook}: ${handbook.problems.join('; ')} (defaults used for those fields)`);
  else add('Handbook', 'ok', `approval above ${handbook.thresholds.approval_amount_threshold} ${handbook.thresholds.currency}`);

  for (const path of [layout.auditLog, layout.errorLog]) {
    const result = await readJsonl(vault, path);
    if (result.malformed) add(`Log ${path}`, 'warn', `${result.malformed} unreadable lines (skipped when reading; nothing was removed)`);
    else add(`Log ${path}`, 'ok', `${result.entries.length} entries`);
  }

  const lease = await ctx.runtime.lease.current();
  if (!lease) add('Runner', 'ok', 'no runner is active; "run" or Obsidian will take the lease');
  else add('Runner', 'ok', `${describeHolder(lease.holder)}, last heartbeat ${lease.heartbeatAt}${lease.stale ? ' (stale: the next runner takes over)' : ''}`);

  checks.push(await checkOdoo(ctx));
  return checks;
}

/** Odoo: configured in settings or ODOO_URL; reachable and answering as Odoo. */
async function checkOdoo(ctx: CliContext): Promise<Check> {
  const given = ctx.env.ODOO_URL || ctx.settings.odoo.url;
  if (!given) return { name: 'Odoo', status: 'skip', kind: 'connection', detail: 'not configured; the books are kept in the vault' };
  const target = `${given.replace(/\/+$/, '')}/web/webclient/version_info`;
  // A user:password inside the address must not reach the screen.
  const url = given.replace(/\/\/[^/@]*@/, '//');
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {}, id: 1 }),
      signal: AbortSignal.timeout(ctx.settings.odoo.timeoutSeconds * 1000),
    });
    if (!response.ok) return { name: 'Odoo', status: 'fail', kind: 'connection', detail: `${url} answered HTTP ${response.status}; is this the Odoo address?` };
    const body = (await response.json()) as { result?: { server_version?: string } };
    const version = body.result?.server_version;
    if (!version) return { name: 'Odoo', status: 'fail', kind: 'connection', detail: `${url} answered, but not as Odoo does` };
    return { name: 'Odoo', status: 'ok', kind: 'connection', detail: `${url} is Odoo ${version}` };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { name: 'Odoo', status: 'fail', kind: 'connection', detail: `cannot reach ${url}: ${reason}` };
  }
}
