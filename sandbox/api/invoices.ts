/**
 * Invoice payments: `POST /v1/admin/invoices/{id}/payments` (C). A payment lowers the balance, marks the
 * invoice paid at zero, and announces `invoice.payments.updated` (+ `invoice.state.updated` on a change).
 */
import type { Rec } from '../seed';
import { clone, HttpError, now, ok, requireObject } from '../http';
import type { Api, Routes } from './context';

const METHODS = ['cash', 'card', 'cheque', 'transfer', 'other'];

function addPayment(api: Api, invoice: Rec, body: Record<string, unknown>): Rec {
  if (typeof body.amount !== 'number' || !(body.amount > 0)) {
    throw new HttpError(400, '"amount" must be a positive number');
  }
  if (body.method !== undefined && !METHODS.includes(String(body.method))) {
    throw new HttpError(400, `"method" must be one of ${METHODS.join(', ')}`);
  }
  const payment = {
    id: api.store.newId('payment'),
    type: typeof body.type === 'string' ? body.type : 'manual',
    amount: body.amount,
    method: body.method ?? 'other',
    date: typeof body.date === 'string' ? body.date : now().slice(0, 10),
    notes: typeof body.notes === 'string' ? body.notes : '',
  };
  invoice.payments = [...((invoice.payments as unknown[]) ?? []), payment];
  invoice.balance = Math.round((Number(invoice.balance ?? invoice.total ?? 0) - body.amount) * 100) / 100;
  const before = invoice.state;
  if ((invoice.balance as number) <= 0) invoice.state = 'paid';
  invoice.updated = now();
  void api.emit('invoice.payments.updated', { invoiceId: invoice.id });
  if (before !== invoice.state)
    void api.emit('invoice.state.updated', { invoiceId: invoice.id, to: invoice.state });
  return clone(invoice);
}

export const invoiceRoutes: Routes = (api, { method, parts: [resource, id, sub, subId], body }) => {
  if (resource !== 'invoices' || !id || sub !== 'payments' || subId || method !== 'POST') return undefined;
  return ok(addPayment(api, api.store.get('invoices', id), requireObject(body)), 201);
};
