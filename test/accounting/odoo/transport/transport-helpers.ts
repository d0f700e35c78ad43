/**
 * Shared pieces of the transport tests: configurations pointing at a test
 * Odoo, a sleep that records instead of waiting, servers that are not Odoo,
 * and a way to catch the AccountingError a promise rejects with.
 */
import { rejectionOf } from '../../../support/async';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountingError } from '../../../../src/accounting/accounting-error';
import type { OdooConnectionConfig, OdooProtocol } from '../../../../src/accounting/odoo/odoo-rpc';
import type { FakeOdoo, FakeOdooMajor } from '../../../odoo/fake-odoo-types';

/** A key distinctive enough that finding it anywhere in an error means a leak. */
export const API_KEY = 'k3y-7f3a9c1e5b2d4f60a8e1-secret';
export const RESTRICTED = { login: 'clerk', apiKey: 'clerk-key-5e8d2a7c9b1f' };

/** Every version with every protocol it serves. */
export const PROTOCOL_CASES: Array<{ version: FakeOdooMajor; protocol: OdooProtocol }> = [
  ...([16, 17, 18, 19] as const).flatMap((version) => [
    { version, protocol: 'xmlrpc' as const },
    { version, protocol: 'jsonrpc' as const },
  ]),
  { version: 19, protocol: 'json2' },
];

export function configFor(odoo: Pick<FakeOdoo, 'url' | 'database' | 'login' | 'apiKey'>, overrides: Partial<OdooConnectionConfig> = {}): OdooConnectionConfig {
  return {
    url: odoo.url,
    database: odoo.database,
    username: odoo.login,
    apiKey: odoo.apiKey,
    protocol: 'auto',
    timeoutMs: 5000,
    maxRetries: 3,
    ...overrides,
  };
}

/** connectOdoo deps whose sleep returns at once and remembers each pause. */
export function recordingDeps(): { sleeps: number[]; sleep: (ms: number) => Promise<void>; random: () => number } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    // Jitter factor 0.5 + 0.5 = 1: the pauses are exactly 250 ms × 2^n.
    random: () => 0.5,
  };
}

/** The AccountingError the promise rejects with (fails the test if it resolves or throws something else). */
export function rejection(promise: Promise<unknown>): Promise<AccountingError> {
  return rejectionOf(promise, AccountingError);
}

/** Message, hint and details as one text, to look for leaked secrets. */
export function everything(error: AccountingError): string {
  return [error.message, error.hint ?? '', error.details ?? ''].join('\n');
}

export interface PlainServer {
  url: string;
  close(): Promise<void>;
}

/** A web server that is not Odoo: it answers every request with `status` and an HTML page. */
export async function plainServer(status: number, body = '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>'): Promise<PlainServer> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'Content-Type': 'text/html' });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The id of a create, which answers an int for one dict and a list otherwise. */
export function createdId(result: unknown): number {
  const id = Array.isArray(result) ? (result[0] as unknown) : result;
  if (typeof id !== 'number') throw new Error(`create answered ${JSON.stringify(result)}`);
  return id;
}
