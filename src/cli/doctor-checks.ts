import { randomBytes } from 'node:crypto';
import { isAccountingError } from '../accounting/accounting-error';
import { odooConfigFrom } from '../accounting/open-accounting';
import { connectOdoo } from '../accounting/odoo/odoo-connection';
import { SecretRegistry } from '../core/logs/secret-registry';
import { resolveLayout, layoutFolders } from '../core/layout';
import { readJsonl } from '../core/logs/jsonl-log';
import { readHandbook } from '../vault/handbook';
import type { CliContext } from './cli-context';
import { describeHolder } from './describe-holder';
import { describeOdoo, isConfigurationKind } from './accounting-books';
import { configuredLlm } from '../agent/reasoners/create-reasoner';
import { isLlmError } from '../agent/llm/llm-error';

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
  for (const file of [layout.dashboard, layout.handbook, layout.businessGoals]) if (!(await vault.exists(file))) missing.push(file);
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
  checks.push(await checkLlm(ctx));
  return checks;
}

/**
 * The LLM, when the employee is set to reason with one: one short real
 * request, so a wrong address, model or key is found now, not on the next
 * task (where the rules would quietly take over).
 */
async function checkLlm(ctx: CliContext): Promise<Check> {
  const secrets = ctx.runtime.deps.secrets;
  const masks = new SecretRegistry();
  await masks.addFrom(secrets);
  const describe = (error: unknown) => masks.mask(isLlmError(error) ? error.describe() : error instanceof Error ? error.message : String(error), '[redacted]');
  let llm;
  try {
    llm = await configuredLlm(ctx.settings, secrets);
  } catch (error) {
    return { name: 'LLM', status: 'fail', kind: 'config', detail: describe(error) };
  }
  if (!llm) return { name: 'LLM', status: 'skip', kind: 'connection', detail: 'not used; the built-in rules decide' };
  try {
    const answer = await llm.client.complete({ system: 'You are a connection test.', user: 'Reply with the single word OK.' });
    return { name: 'LLM', status: 'ok', kind: 'connection', detail: `${ctx.settings.agent.llm.provider} model ${answer.model} answered` };
  } catch (error) {
    const config = isLlmError(error) && (error.kind === 'bad_credentials' || error.kind === 'permission' || error.kind === 'not_found' || error.kind === 'bad_request');
    return { name: 'LLM', status: 'fail', kind: config ? 'config' : 'connection', detail: describe(error) };
  }
}

/**
 * Odoo: configured in the settings or by ODOO_URL. Connects the way the books
 * do (version, protocol, login), so a wrong address, database, user or key is
 * named here in the same words the other commands would use.
 */
async function checkOdoo(ctx: CliContext): Promise<Check> {
  const secrets = ctx.runtime.deps.secrets;
  const masks = new SecretRegistry();
  await masks.addFrom(secrets);
  const fail = (error: unknown): Check => {
    if (!isAccountingError(error)) throw error;
    const detail = masks.mask(error.describe(), '[redacted]');
    return { name: 'Odoo', status: 'fail', kind: isConfigurationKind(error.kind) ? 'config' : 'connection', detail };
  };
  let config;
  try {
    config = await odooConfigFrom(ctx.settings, secrets);
  } catch (error) {
    return fail(error);
  }
  if (!config) return { name: 'Odoo', status: 'skip', kind: 'connection', detail: 'not configured; the books are kept in the vault' };
  try {
    const rpc = await connectOdoo(config);
    const who = config.username ? `logged in as ${config.username} (uid ${rpc.uid})` : `logged in with the API key (uid ${rpc.uid})`;
    return { name: 'Odoo', status: 'ok', kind: 'connection', detail: `${describeOdoo(config, rpc)}, ${who}` };
  } catch (error) {
    return fail(error);
  }
}
