import { AccountingError } from '../../accounting-error';

/**
 * Odoo serves XML-RPC without `allow_none`: a `<nil/>` in a request faults
 * with a traceback that says nothing useful. So undefined members are left
 * out (as JSON would), and a null is refused here, naming where it was.
 */
export function toXmlRpcValue(value: unknown, path: string): unknown {
  if (value === null) {
    throw new AccountingError('bad_input', `${path} is null, which Odoo's XML-RPC cannot carry: leave it out, or use false to clear a field.`);
  }
  if (value === undefined) {
    throw new AccountingError('bad_input', `${path} is undefined, which Odoo's XML-RPC cannot carry: leave it out, or use false to clear a field.`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new AccountingError('bad_input', `${path} is ${value}, which is not a number Odoo can store.`);
  }
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
    throw new AccountingError('bad_input', `${path} is a ${typeof value}, which Odoo's XML-RPC cannot carry.`);
  }
  if (value instanceof Date) {
    // Odoo's fields take dates as strings; an XML-RPC dateTime arrives as an object they reject.
    throw new AccountingError('bad_input', `${path} is a Date: pass dates to Odoo as 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM:SS') strings.`);
  }
  if (Array.isArray(value)) return value.map((item, index) => toXmlRpcValue(item, `${path}[${index}]`));
  if (typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      if (member !== undefined) out[key] = toXmlRpcValue(member, `${path}.${key}`);
    }
    return out;
  }
  return value;
}
