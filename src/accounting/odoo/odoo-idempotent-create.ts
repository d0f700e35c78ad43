/**
 * A create that never makes two records for one idempotency key. The create
 * itself is a single attempt (`retry: 'never'`): when it fails with a
 * transient error the server may still have committed it, so the key is
 * looked up again first, and only when nothing carries it is the create sent
 * once more — a bounded number of times.
 */
import { isAccountingError } from '../accounting-error';
import type { OdooRpc } from './odoo-rpc';
import { createdId } from './odoo-records';

/** Create attempts in all, the first included. */
export const MAX_CREATE_ATTEMPTS = 3;

export async function createOnce(
  rpc: OdooRpc,
  model: string,
  vals: Record<string, unknown>,
  /** Finds the record the key names, or null. */
  recheck: () => Promise<number | null>,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await rpc.call(model, 'create', null, { vals_list: [vals] }, { retry: 'never' });
      return createdId(answer, `the ${model} create`);
    } catch (error) {
      if (!isAccountingError(error) || !error.transient || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      const committed = await recheck();
      if (committed !== null) return committed;
    }
  }
}
