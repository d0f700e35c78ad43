import type { Clock } from '../core/clock';
import type { EventBus } from '../core/event-bus';
import type { VaultLayout } from '../core/layout';
import type { AuditLogger, ErrorLogger } from '../core/logs/log-types';
import type { SecretsPort } from '../core/secrets';
import type { Settings } from '../core/settings';
import { readHandbook } from '../vault/handbook';
import type { VaultPort } from '../vault/vault-port';
import { AccountingError } from './accounting-error';
import type { AccountingPort } from './accounting-port';
import { AuditedAccounting } from './audited-accounting';
import { VaultLedger } from './ledger/vault-ledger';
import { OdooAccounting } from './odoo/odoo-accounting';
import { connectOdoo } from './odoo/odoo-connection';
import type { OdooConnectionConfig, OdooProtocol } from './odoo/odoo-rpc';

export interface OpenAccountingDeps {
  settings: Settings;
  secrets: SecretsPort;
  vault: VaultPort;
  layout: VaultLayout;
  clock: Clock;
  bus: EventBus;
  audit: AuditLogger;
  errors: ErrorLogger;
}

const PROTOCOLS: ReadonlySet<string> = new Set(['auto', 'xmlrpc', 'jsonrpc', 'json2']);

/**
 * The Odoo connection settings, or null when no Odoo is configured (then the
 * books are kept in the vault). Each value comes from the settings when set
 * there, else from the environment (`ODOO_URL`, `ODOO_DB`, …); the key only
 * ever comes from SecretStorage or `ODOO_API_KEY`.
 */
export async function odooConfigFrom(settings: Settings, secrets: SecretsPort): Promise<OdooConnectionConfig | null> {
  const odoo = settings.odoo;
  const url = odoo.url || (await secrets.get('ODOO_URL')) || '';
  if (!url) return null;
  const envProtocol = (await secrets.get('ODOO_PROTOCOL'))?.trim().toLowerCase();
  if (envProtocol && !PROTOCOLS.has(envProtocol)) {
    throw new AccountingError('not_configured', `ODOO_PROTOCOL is "${envProtocol}"; it must be auto, xmlrpc, jsonrpc or json2.`);
  }
  const protocol = odoo.protocol !== 'auto' ? odoo.protocol : ((envProtocol as OdooProtocol | 'auto' | undefined) ?? 'auto');
  return {
    url: url.replace(/\/+$/, ''),
    database: odoo.database || (await secrets.get('ODOO_DB')) || '',
    username: odoo.username || (await secrets.get('ODOO_USERNAME')) || '',
    apiKey: (await secrets.get('ODOO_API_KEY')) ?? '',
    protocol,
    timeoutMs: odoo.timeoutSeconds * 1000,
    maxRetries: odoo.maxRetries,
  };
}

/** An address fit for logs and messages: no user:password, no query. */
export function displayTarget(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '');
}

/**
 * Opens the books: Odoo when an address is configured, else the vault ledger.
 * Nothing is contacted here; the Odoo connection is made on first use.
 * Every backend comes wrapped so that changes are audited and failures logged.
 */
export async function openAccounting(deps: OpenAccountingDeps): Promise<AccountingPort> {
  const { settings, secrets, vault, layout, clock } = deps;
  const config = await odooConfigFrom(settings, secrets);
  const wrap = (inner: AccountingPort, target: string) =>
    new AuditedAccounting(inner, { audit: deps.audit, errors: deps.errors, bus: deps.bus, clock, target });
  if (config) {
    const target = displayTarget(config.url);
    return wrap(new OdooAccounting({ connect: () => connectOdoo(config), clock, expenseRecord: settings.odoo.expenseRecord, target }), target);
  }
  const handbook = await readHandbook(vault, layout);
  return wrap(new VaultLedger({ vault, layout, clock, currency: handbook.thresholds.currency }), layout.accounting);
}
