import { isAccountingError } from '../accounting-error';
import { checkConfig, requireLoginSettings, type CheckedConfig } from './connection-config';
import { loginWithKey, loginWithPassword } from './connection-login';
import { ConnectedOdoo, type Invoke } from './connection-rpc';
import { chooseProtocol, detectVersion } from './connection-version';
import { scrubSecrets } from './odoo-errors';
import type { OdooConnectionConfig, OdooRpc } from './odoo-rpc';
import { realRetryDeps, withRetries, type RetryDeps } from './retry-policy';
import { endpointUrl, urlPassword } from './transport/endpoint';
import { httpRequest } from './transport/http-post';
import { Json2Transport } from './transport/json2-transport';
import { JsonRpcTransport } from './transport/jsonrpc-transport';
import type { TransportOptions } from './transport/transport-options';
import { XmlRpcTransport } from './transport/xmlrpc-transport';

export interface ConnectOdooDeps {
  /** The pause between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/**
 * Connects to Odoo: checks the settings, asks the server its version, picks
 * the protocol (JSON-2 on 19+, XML-RPC on 16–18 unless one is forced), logs in,
 * and returns the `OdooRpc` the accounting backend calls. Every failure is an
 * AccountingError whose message says what to fix, and never holds the key.
 * Asking the version and logging in change nothing, so they are retried on
 * transient failures like any read.
 */
export async function connectOdoo(config: OdooConnectionConfig, deps: ConnectOdooDeps = {}): Promise<OdooRpc> {
  const retry: RetryDeps = { sleep: deps.sleep ?? realRetryDeps.sleep, random: deps.random ?? realRetryDeps.random };
  const secrets = [config.apiKey, config.apiKey?.trim(), urlPassword(config.url ?? '')];
  try {
    const checked = checkConfig(config);
    const requests = { count: 0 };
    const transport: TransportOptions = { baseUrl: checked.baseUrl, timeoutMs: checked.timeoutMs, onRequest: () => requests.count++ };
    const retried = <T>(attempt: () => Promise<T>) => withRetries(attempt, checked.maxRetries, retry);
    const xml = new XmlRpcTransport(transport);
    const json = new JsonRpcTransport(transport);

    const version = await detectVersion(
      {
        web: () => retried(() => getWebVersion(transport)),
        xmlrpc: () => retried(() => xml.version()),
        jsonrpc: () => retried(() => json.version()),
      },
      checked.target,
      checked.protocol === 'jsonrpc',
    );
    const protocol = chooseProtocol(checked.protocol, version, checked.target);

    let uid: number;
    let invoke: Invoke;
    if (protocol === 'json2') {
      const json2 = new Json2Transport({ ...transport, apiKey: checked.apiKey, database: checked.database });
      uid = await retried(() => loginWithKey(json2, checked, version));
      invoke = (model, method, ids, kwargs) => json2.call(model, method, ids, kwargs);
    } else {
      requireLoginSettings(checked, protocol, version);
      const rpc = protocol === 'xmlrpc' ? xml : json;
      uid = await retried(() => loginWithPassword(rpc, checked, protocol, version));
      invoke = executeKw(rpc, checked, uid);
    }
    return new ConnectedOdoo({ protocol, version, uid, invoke, requests, maxRetries: checked.maxRetries, retry, secrets });
  } catch (error) {
    throw isAccountingError(error) ? scrubSecrets(error, secrets) : error;
  }
}

function getWebVersion(transport: TransportOptions) {
  transport.onRequest?.();
  return httpRequest({
    url: endpointUrl(transport.baseUrl, '/web/version'),
    method: 'GET',
    headers: { Accept: 'application/json' },
    timeoutMs: transport.timeoutMs,
  });
}

function executeKw(rpc: XmlRpcTransport | JsonRpcTransport, config: CheckedConfig, uid: number): Invoke {
  return (model, method, ids, kwargs) => rpc.executeKw(config.database, uid, config.apiKey, model, method, ids, kwargs);
}
