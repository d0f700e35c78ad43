import { AccountingError, isAccountingError } from '../accounting-error';
import type { CheckedConfig } from './connection-config';
import { PROTOCOL_LABELS, type OdooProtocol, type OdooVersion } from './odoo-rpc';
import { badResponse, clip } from './transport/http-errors';
import { parseJsonBody } from './transport/json-body';
import type { Json2Transport } from './transport/json2-transport';

/** What XML-RPC and JSON-RPC have in common for logging in. */
export interface PasswordLogin {
  authenticate(database: string, login: string, apiKey: string): Promise<unknown>;
}

/**
 * XML-RPC / JSON-RPC: `common.authenticate` answers the uid, or False for a
 * wrong login or key (not an error). An unknown database is an error that
 * odoo-errors already reads as `bad_database`.
 */
export async function loginWithPassword(transport: PasswordLogin, config: CheckedConfig, protocol: OdooProtocol, version: OdooVersion): Promise<number> {
  let uid: unknown;
  try {
    uid = await transport.authenticate(config.database, config.username, config.apiKey);
  } catch (error) {
    throw atLogin(error, config, protocol, version);
  }
  if (uid === false) {
    throw new AccountingError(
      'bad_credentials',
      `Odoo refused the login of user '${config.username}' on database '${config.database}': check the username and the API key.`,
    );
  }
  if (typeof uid !== 'number' || !Number.isInteger(uid) || uid <= 0) {
    throw new AccountingError('bad_response', `Odoo at ${config.target} answered the login with ${describe(uid)} instead of a user id.`);
  }
  return uid;
}

/**
 * JSON-2 has no login: the key is the identity. `res.users/context_get`
 * proves it works and tells the uid. The server is already known to be Odoo
 * 19+, where JSON-2 is always served, so a 404 here means the database named
 * in `X-Odoo-Database` is not there (Odoo answers its plain NotFound page).
 */
export async function loginWithKey(transport: Json2Transport, config: CheckedConfig, version: OdooVersion): Promise<number> {
  let context: unknown;
  try {
    const response = await transport.post('res.users', 'context_get', null, {});
    if (response.status === 404) {
      const message = config.database
        ? `Odoo at ${config.target} has no database '${config.database}' (or does not offer JSON-2 for it): check the database name in the Odoo settings.`
        : `Odoo at ${config.target} could not tell which database to use: enter the database name in the Odoo settings.`;
      throw new AccountingError('bad_database', message, { details: `POST /json/2/res.users/context_get → HTTP 404\n${clip(response.body)}` });
    }
    if (response.status === 401) {
      throw new AccountingError(
        'bad_credentials',
        `Odoo at ${config.target} refused the API key${config.database ? ` for database '${config.database}'` : ''}: check the API key; a key can be revoked or expire.`,
        { details: clip(response.body) },
      );
    }
    if (response.status !== 200) throw transport.errorFor(response, 'res.users', 'context_get');
    const parsed = parseJsonBody(response.body);
    if (!parsed.ok) throw badResponse(config.target, 'POST /json/2/res.users/context_get', parsed.problem, response.body);
    context = parsed.value;
  } catch (error) {
    throw atLogin(error, config, 'json2', version);
  }
  const uid = typeof context === 'object' && context !== null ? (context as Record<string, unknown>).uid : undefined;
  if (typeof uid !== 'number' || !Number.isInteger(uid) || uid <= 0) {
    throw new AccountingError('bad_response', `Odoo at ${config.target} answered res.users/context_get without a user id (${describe(context)}).`);
  }
  return uid;
}

/**
 * The server has already shown itself to be Odoo: an answer that is not
 * Odoo's now means this protocol is not served (removed, or blocked by a proxy).
 */
function atLogin(error: unknown, config: CheckedConfig, protocol: OdooProtocol, version: OdooVersion): unknown {
  if (isAccountingError(error) && error.kind === 'not_odoo') {
    return new AccountingError(
      'unsupported',
      `Odoo ${version.label} at ${config.target} does not answer ${PROTOCOL_LABELS[protocol]}: choose another protocol, or check a proxy in front of Odoo.`,
      { details: error.details },
    );
  }
  return error;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
