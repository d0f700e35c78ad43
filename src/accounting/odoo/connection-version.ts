import { AccountingError, isAccountingError } from '../accounting-error';
import { PROTOCOL_LABELS, type OdooConnectionConfig, type OdooProtocol, type OdooVersion } from './odoo-rpc';
import { notOdoo } from './transport/http-errors';
import type { HttpResponse } from './transport/http-post';
import { parseJsonBody } from './transport/json-body';

/** The oldest and newest majors this client knows; newer ones are accepted over JSON-2 only. */
export const OLDEST_SUPPORTED = 16;
export const NEWEST_KNOWN = 19;
/** JSON-2 came with Odoo 19, when XML-RPC and JSON-RPC became deprecated. */
export const JSON2_SINCE = 19;

/** The ways to ask a server its version, each already retried on transient failures. */
export interface VersionProbes {
  /** `GET /web/version` → `{"version_info": [19, 0, …], "version": "19.0"}`. */
  web: () => Promise<HttpResponse>;
  /** XML-RPC `common.version()` → `{server_version, server_version_info, …}`. */
  xmlrpc: () => Promise<unknown>;
  /** JSON-RPC `common.version` → the same dict. */
  jsonrpc: () => Promise<unknown>;
}

/**
 * Asks the server its version: `/web/version` first (one plain GET), then
 * `common.version` over XML-RPC and JSON-RPC for servers without it. When
 * nothing answers, the network error is thrown as is; when something answers
 * but none of it is Odoo's, `not_odoo`.
 */
export async function detectVersion(probes: VersionProbes, target: string, preferJsonRpc: boolean): Promise<OdooVersion> {
  const seen: string[] = [];
  let transient: AccountingError | undefined;
  const note = (what: string, error: unknown) => {
    if (isAccountingError(error) && (error.kind === 'unreachable' || error.kind === 'timeout')) throw error;
    if (isAccountingError(error) && error.transient) transient ??= error;
    seen.push(`${what}: ${isAccountingError(error) ? `${error.kind}: ${error.message}` : String(error)}`);
  };

  try {
    const response = await probes.web();
    const parsed = response.status === 200 ? parseJsonBody(response.body) : undefined;
    const body = parsed?.ok ? asRecord(parsed.value) : undefined;
    const version = body ? parseVersion(body.version_info, body.version) : undefined;
    if (version) return version;
    seen.push(`GET /web/version: HTTP ${response.status}${response.status === 200 ? ', not a version' : ''}`);
  } catch (error) {
    note('GET /web/version', error);
  }

  const rpcProbes: Array<[string, () => Promise<unknown>]> = [
    ['XML-RPC common.version', probes.xmlrpc],
    ['JSON-RPC common.version', probes.jsonrpc],
  ];
  if (preferJsonRpc) rpcProbes.reverse();
  for (const [what, probe] of rpcProbes) {
    try {
      const info = asRecord(await probe());
      const version = info ? parseVersion(info.server_version_info, info.server_version ?? info.server_serie) : undefined;
      if (version) return version;
      seen.push(`${what}: not a version`);
    } catch (error) {
      note(what, error);
    }
  }
  // A proxy saying "unavailable" is no proof that Odoo is not behind it.
  throw transient ?? notOdoo(target, seen.join('\n'));
}

/** `[17, 0, 0, 'final', 0, '']` or `['saas~17', 2, …]`, with the label the server gives. */
export function parseVersion(info: unknown, label: unknown): OdooVersion | undefined {
  const text = typeof label === 'string' ? label : undefined;
  let major: number | undefined;
  let minor: number | undefined;
  if (Array.isArray(info) && info.length > 0) {
    major = leadingNumber(info[0]);
    minor = leadingNumber(info[1]) ?? 0;
  }
  if (major === undefined && text) {
    const match = /(\d+)\.(\d+)/.exec(text);
    if (match) {
      major = Number(match[1]);
      minor = Number(match[2]);
    }
  }
  if (major === undefined || !Number.isInteger(major) || major <= 0) return undefined;
  return { major, minor: minor ?? 0, label: text ?? `${major}.${minor ?? 0}` };
}

/**
 * `auto` takes JSON-2 where it exists (19+, where the older APIs are
 * deprecated) and XML-RPC before. A forced protocol is checked against the
 * version, so that the message names what the server offers.
 */
export function chooseProtocol(requested: OdooConnectionConfig['protocol'], version: OdooVersion, target: string): OdooProtocol {
  if (version.major < OLDEST_SUPPORTED) {
    throw new AccountingError(
      'unsupported',
      `Odoo ${version.label} at ${target} is too old: this works with Odoo ${OLDEST_SUPPORTED} to ${NEWEST_KNOWN} (and newer over JSON-2).`,
    );
  }
  if (requested === 'auto') return version.major >= JSON2_SINCE ? 'json2' : 'xmlrpc';
  if (requested === 'json2' && version.major < JSON2_SINCE) {
    throw new AccountingError(
      'unsupported',
      `Odoo ${version.label} at ${target} does not offer JSON-2, which came with Odoo ${JSON2_SINCE}: choose auto, XML-RPC or JSON-RPC as the protocol.`,
    );
  }
  if (requested !== 'json2' && version.major > NEWEST_KNOWN) {
    throw new AccountingError(
      'unsupported',
      `Odoo ${version.label} at ${target} is newer than ${NEWEST_KNOWN}, where ${PROTOCOL_LABELS[requested]} is deprecated: choose auto or JSON-2 as the protocol.`,
    );
  }
  return requested;
}

function leadingNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const match = /(\d+)/.exec(value);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
