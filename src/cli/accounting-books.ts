import { AccountingError, isAccountingError, type AccountingErrorKind } from '../accounting/accounting-error';
import type { AccountingPort } from '../accounting/accounting-port';
import { AuditedAccounting } from '../accounting/audited-accounting';
import { displayTarget, odooConfigFrom } from '../accounting/open-accounting';
import { OdooAccounting } from '../accounting/odoo/odoo-accounting';
import { connectOdoo } from '../accounting/odoo/odoo-connection';
import { PROTOCOL_LABELS, type OdooConnectionConfig, type OdooRpc } from '../accounting/odoo/odoo-rpc';
import type { Runtime } from '../core/runtime';

/** Failures the user fixes in the configuration or the command line: exit 2. Everything else is exit 1. */
const CONFIGURATION_KINDS: ReadonlySet<AccountingErrorKind> = new Set([
  'not_configured',
  'not_odoo',
  'bad_database',
  'bad_credentials',
  'unsupported',
  'bad_input',
]);

export function isConfigurationKind(kind: AccountingErrorKind): boolean {
  return CONFIGURATION_KINDS.has(kind);
}

/** The CLI's exit code for a failure of the books. */
export function exitCodeFor(error: AccountingError): 1 | 2 {
  return isConfigurationKind(error.kind) ? 2 : 1;
}

/** "Odoo 17.0 at https://mycompany.odoo.com over XML-RPC" (never with credentials). */
export function describeOdoo(config: OdooConnectionConfig, rpc: OdooRpc): string {
  return `Odoo ${rpc.version.label} at ${displayTarget(config.url)} over ${PROTOCOL_LABELS[rpc.protocol]}`;
}

export interface CliBooks {
  port: AccountingPort;
  /** One line for stderr: which books the command works on. */
  description: string;
}

/**
 * Opens the books for one CLI command. The vault ledger comes from the
 * runtime as is. For Odoo the CLI logs in first, so that it can say which
 * server, version and protocol it talks to before doing anything, and so
 * that a wrong address or key fails here with its own kind; the port then
 * reuses that one session instead of logging in a second time.
 */
export async function openCliBooks(runtime: Runtime): Promise<CliBooks> {
  const config = await odooConfigFrom(runtime.settings, runtime.deps.secrets);
  if (!config) {
    return { port: await runtime.accounting(), description: `the vault ledger (${runtime.layout.accounting}/)` };
  }
  const target = displayTarget(config.url);
  let rpc: OdooRpc;
  try {
    rpc = await connectOdoo(config);
  } catch (error) {
    const message = isAccountingError(error) ? error.describe() : error instanceof Error ? error.message : String(error);
    await runtime.errors.log({ source: 'accounting.odoo', error, message, context: { operation: 'connect', target } });
    runtime.bus.emit('odoo.connection.failed', { url: target, error: message });
    throw error;
  }
  const session = Promise.resolve(rpc);
  const inner = new OdooAccounting({ connect: () => session, clock: runtime.clock, expenseRecord: runtime.settings.odoo.expenseRecord, target });
  const port = new AuditedAccounting(inner, { audit: runtime.audit, errors: runtime.errors, bus: runtime.bus, clock: runtime.clock, target });
  return { port, description: describeOdoo(config, rpc) };
}
