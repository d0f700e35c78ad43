import { AccountingError } from '../../accounting-error';
import { displayAddress } from './endpoint';

/**
 * Turns a socket-level failure (nothing answered, or the answer was cut off)
 * into an AccountingError that names the address and says what to check.
 * `timedOut` is true when our own deadline fired, whatever error it caused.
 */
export function networkError(error: unknown, url: string, timeoutMs: number, timedOut: boolean): AccountingError {
  const address = serverAddress(url);
  const code = errorCode(error);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  const cause = error instanceof Error ? error : undefined;
  const details = `${displayAddress(url)}: ${error instanceof Error ? error.message : String(error)}`;
  if (timedOut || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new AccountingError(
      'timeout',
      `Odoo at ${address} did not answer within ${seconds(timeoutMs)}: check that the server is up and reachable, or raise the timeout in the Odoo settings.`,
      { cause, details },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new AccountingError(
      'unreachable',
      `Nothing answers at ${address} (connection refused): check the Odoo URL and its port, and that Odoo is running.`,
      { cause, details },
    );
  }
  if (code === 'ENOTFOUND') {
    // A host that does not exist will not appear by retrying: a typo in the URL.
    return new AccountingError(
      'unreachable',
      `The host of ${address} was not found (DNS): check the Odoo URL for typos.`,
      { cause, details, transient: false },
    );
  }
  if (code === 'EAI_AGAIN') {
    return new AccountingError(
      'unreachable',
      `The host of ${address} could not be looked up right now (DNS): check the network connection.`,
      { cause, details },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted/i.test(detail)) {
    return new AccountingError(
      'unreachable',
      `The connection to ${address} was closed before Odoo answered: check the network and any proxy or firewall in between, and the Odoo server's log.`,
      { cause, details },
    );
  }
  if (code && (/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code) || code === 'EPROTO')) {
    return new AccountingError(
      'unreachable',
      `The secure connection to ${address} failed (${code}): check http:// versus https:// in the Odoo URL, and the server's certificate.`,
      { cause, details, transient: false },
    );
  }
  return new AccountingError(
    'unreachable',
    `Could not reach Odoo at ${address} (${detail}): check the Odoo URL and the network.`,
    { cause, details },
  );
}

/** `https://host:port` of a request URL: the server, without credentials or the endpoint path. */
function serverAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return displayAddress(url);
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
