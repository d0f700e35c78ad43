/**
 * Minimal raw clients for testing the test Odoo over real sockets: XML-RPC
 * through the `xmlrpc` package's client, JSON-RPC and JSON-2 through fetch.
 * They return the wire answers as they are, faults and error bodies included.
 */
import xmlrpc from 'xmlrpc';
import type { FakeOdoo } from './fake-odoo-types';

export type XmlrpcOutcome = { ok: true; value: unknown } | { ok: false; faultCode: unknown; faultString: string; error: Error };

export function xmlrpcCall(url: string, path: string, method: string, params: unknown[]): Promise<XmlrpcOutcome> {
  const client = xmlrpc.createClient({ url: `${url}${path}` });
  return new Promise((resolve) => {
    client.methodCall(method, params, (raw: object | null, value: unknown) => {
      const error = raw as (Error & { faultCode?: unknown; faultString?: string }) | null;
      if (error) resolve({ ok: false, faultCode: error.faultCode, faultString: error.faultString ?? '', error });
      else resolve({ ok: true, value });
    });
  });
}

/** `execute_kw` as the admin over XML-RPC. */
export function xmlExecute(odoo: FakeOdoo, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<XmlrpcOutcome> {
  return xmlrpcCall(odoo.url, '/xmlrpc/2/object', 'execute_kw', [odoo.database, 2, odoo.apiKey, model, method, args, kwargs]);
}

/** The value of a successful XML-RPC call, or a thrown error naming the fault. */
export async function xmlValue<T = unknown>(outcome: Promise<XmlrpcOutcome>): Promise<T> {
  const result = await outcome;
  if (!result.ok) throw new Error(`XML-RPC fault ${String(result.faultCode)}: ${result.faultString}`);
  return result.value as T;
}

export interface JsonrpcAnswer {
  jsonrpc: string;
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data: { name: string; message: string; arguments: unknown[]; context: Record<string, unknown>; debug: string } };
}

export async function jsonrpcCall(url: string, service: string, method: string, args: unknown[], path = '/jsonrpc'): Promise<JsonrpcAnswer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 7 }),
  });
  if (response.status !== 200) throw new Error(`JSON-RPC answered HTTP ${response.status}`);
  return (await response.json()) as JsonrpcAnswer;
}

export function jsonExecute(odoo: FakeOdoo, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<JsonrpcAnswer> {
  return jsonrpcCall(odoo.url, 'object', 'execute_kw', [odoo.database, 2, odoo.apiKey, model, method, args, kwargs]);
}

export async function jsonValue<T = unknown>(answer: Promise<JsonrpcAnswer>): Promise<T> {
  const result = await answer;
  if (result.error) throw new Error(`JSON-RPC error ${result.error.data.name}: ${result.error.data.message}`);
  return result.result as T;
}

export interface Json2Answer {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

export async function json2Call(odoo: FakeOdoo, model: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Json2Answer> {
  const response = await fetch(`${odoo.url}/json/2/${model}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `bearer ${odoo.apiKey}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body: parsed };
}

export async function json2Value<T = unknown>(answer: Promise<Json2Answer>): Promise<T> {
  const result = await answer;
  if (result.status !== 200) throw new Error(`JSON-2 ${result.status}: ${result.text}`);
  return result.body as T;
}

/** A customer invoice's create values with one line per amount. */
export function invoiceVals(partnerId: number, amounts: number[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    move_type: 'out_invoice',
    partner_id: partnerId,
    invoice_date: '2026-03-01',
    invoice_date_due: '2026-03-31',
    invoice_line_ids: amounts.map((amount, i) => [0, 0, { name: `Line ${i + 1}`, quantity: 1, price_unit: amount, tax_ids: [[6, 0, []]] }]),
    ...extra,
  };
}
