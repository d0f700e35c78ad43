import { AccountingError } from '../accounting-error';
import { PROTOCOL_LABELS, type OdooConnectionConfig, type OdooProtocol, type OdooVersion } from './odoo-rpc';
import { displayAddress } from './transport/endpoint';

/** A configuration that passed {@link checkConfig}. */
export interface CheckedConfig extends OdooConnectionConfig {
  /** The URL without trailing slashes, ready to append `/jsonrpc` to. */
  baseUrl: string;
  /** The address as messages show it (never with a password). */
  target: string;
}

const PROTOCOLS: ReadonlySet<string> = new Set(['auto', 'xmlrpc', 'jsonrpc', 'json2']);

/**
 * Checks the settings before anything is sent, with messages that name the
 * setting to fix. The database and username are checked here only when the
 * protocol is forced; with `auto` they depend on the server's version.
 */
export function checkConfig(config: OdooConnectionConfig): CheckedConfig {
  const url = (config.url ?? '').trim();
  if (!url) {
    throw notConfigured('The Odoo URL is not set: enter your Odoo address (like https://mycompany.odoo.com) in the settings, or set ODOO_URL.');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw notConfigured(`The Odoo URL "${displayAddress(url)}" is not a web address: use one like https://mycompany.odoo.com.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw notConfigured(`The Odoo URL must start with https:// or http://, not ${parsed.protocol}//.`);
  }
  if (parsed.search || parsed.hash || /^\/(web|odoo)(\/|$)/.test(parsed.pathname)) {
    // An address copied from the browser (…/odoo/action-…, …/web#id=…) points at the web client, not the API.
    throw notConfigured(`The Odoo URL should be the server's address only, like ${parsed.protocol}//${parsed.host}, without "${parsed.pathname}${parsed.search ? '?…' : ''}${parsed.hash ? '#…' : ''}".`);
  }
  if (!PROTOCOLS.has(config.protocol)) {
    throw notConfigured(`The Odoo protocol "${String(config.protocol)}" is not one of auto, xmlrpc, jsonrpc, json2.`);
  }
  const apiKey = (config.apiKey ?? '').trim();
  if (!apiKey) {
    throw notConfigured('The Odoo API key is not set: create one in Odoo (your profile → Account Security → New API Key) and store it in the settings, or set ODOO_API_KEY.');
  }
  if (!Number.isFinite(config.timeoutMs) || config.timeoutMs <= 0) {
    throw notConfigured(`The Odoo timeout must be a positive number of milliseconds, not ${String(config.timeoutMs)}.`);
  }
  if (!Number.isInteger(config.maxRetries) || config.maxRetries < 0 || config.maxRetries > 10) {
    throw notConfigured(`The Odoo retries must be a whole number from 0 to 10, not ${String(config.maxRetries)}.`);
  }
  const checked: CheckedConfig = {
    ...config,
    url,
    apiKey,
    database: (config.database ?? '').trim(),
    username: (config.username ?? '').trim(),
    baseUrl: url.replace(/\/+$/, ''),
    target: displayAddress(url),
  };
  if (config.protocol === 'xmlrpc' || config.protocol === 'jsonrpc') requireLoginSettings(checked, config.protocol);
  return checked;
}

/** XML-RPC and JSON-RPC log in with a database, a username and the key. */
export function requireLoginSettings(config: CheckedConfig, protocol: OdooProtocol, version?: OdooVersion): void {
  if (protocol === 'json2') return;
  const why = `${PROTOCOL_LABELS[protocol]}${version ? ` (Odoo ${version.label})` : ''} needs it`;
  if (!config.database) {
    throw notConfigured(`The Odoo database is not set: ${why}. Enter the database name in the settings, or set ODOO_DB.`);
  }
  if (!config.username) {
    throw notConfigured(`The Odoo username is not set: ${why}. Enter the login of the Odoo user in the settings, or set ODOO_USERNAME.`);
  }
}

function notConfigured(message: string): AccountingError {
  return new AccountingError('not_configured', message);
}
