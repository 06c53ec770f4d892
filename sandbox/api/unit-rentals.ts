/**
 * Unit rentals' charges: `GET`/`POST /v1/admin/unit-rentals/{id}/charges` (A: how a charge is added
 * through the API is not public; docs/storeganise-api.md). A new charge announces `unitRental.updated`.
 */
import type { Rec } from '../seed';
import { clone, HttpError, now, ok, requireObject } from '../http';
import type { Api, Routes } from './context';

function addCharge(api: Api, rental: Rec, body: Record<string, unknown>): Rec {
  if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) {
    throw new HttpError(400, '"amount" must be a number');
  }
  if (body.title === undefined || body.title === '') throw new HttpError(400, '"title" is required');
  if (typeof body.startDate !== 'string' || Number.isNaN(Date.parse(body.startDate))) {
    throw new HttpError(400, '"startDate" must be a date');
  }
  const stamp = now();
  const charge: Rec = {
    id: api.store.newId('charge'),
    title: typeof body.title === 'string' ? { en: body.title } : body.title,
    amount: body.amount,
    qty: typeof body.qty === 'number' ? body.qty : 1,
    startDate: body.startDate,
    endDate: typeof body.endDate === 'string' ? body.endDate : null,
    accountingCodeId: typeof body.accountingCodeId === 'string' ? body.accountingCodeId : null,
    ...(typeof body.code === 'string' ? { code: body.code } : {}),
    // L: a charge made from a predefined charge carries its source
    ...(body.sourceType === 'preset' && typeof body.sourceId === 'string'
      ? { sourceType: 'preset', sourceId: body.sourceId }
      : {}),
    created: stamp,
    updated: stamp,
  };
  rental.charges = [...((rental.charges as Rec[]) ?? []), charge];
  rental.updated = stamp;
  void api.emit('unitRental.updated', { unitRentalId: rental.id, changedKeys: ['charges'] });
  return clone(charge);
}

export const unitRentalRoutes: Routes = (api, { method, parts: [resource, id, sub, subId], body }) => {
  if (resource !== 'unit-rentals' || !id || sub !== 'charges' || subId) return undefined;
  const rental = api.store.get('unitRentals', id);
  if (method === 'GET') return ok(clone((rental.charges as Rec[]) ?? []));
  if (method === 'POST') return ok(addCharge(api, rental, requireObject(body)), 201);
  return undefined;
};
