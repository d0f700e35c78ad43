/**
 * Payments go through Odoo's own "Register Payment" wizard
 * (`account.payment.register`), as a person would, so that Odoo picks the
 * journal, the outstanding account and the reconciliation. Every call here is
 * a single attempt: a payment is never retried automatically, because a
 * retry after a lost answer could pay twice.
 */
import type { OdooRpc } from './odoo-rpc';
import { createdId } from './odoo-records';

export interface PaymentRequest {
  moveId: number;
  amount: number;
  date: string;
}

/** Registers the payment and returns the `account.payment` id ('' if Odoo did not say which). */
export async function registerMovePayment(rpc: OdooRpc, request: PaymentRequest): Promise<string> {
  const context = { active_model: 'account.move', active_ids: [request.moveId] };
  const wizard = createdId(
    await rpc.call(
      'account.payment.register',
      'create',
      null,
      { vals_list: [{ payment_date: request.date, amount: request.amount }], context },
      { retry: 'never' },
    ),
    'the payment wizard create',
  );
  const action = await rpc.call('account.payment.register', 'action_create_payments', [wizard], { context }, { retry: 'never' });
  return paymentIdFrom(action);
}

/**
 * The wizard answers a window action on the new payment (`res_id`). When it
 * answers otherwise (a list action, or `true` when told not to redirect) the
 * payment is made all the same, so this must not fail: failing would invite
 * a person to pay again.
 */
function paymentIdFrom(action: unknown): string {
  if (!action || typeof action !== 'object' || Array.isArray(action)) return '';
  const resId = (action as Record<string, unknown>).res_id;
  return typeof resId === 'number' && resId > 0 ? String(resId) : '';
}
