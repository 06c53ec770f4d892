/**
 * What every collection answers (sites, units, users, unit rentals, invoices, jobs): the list with
 * `limit`/`offset` and filters, one record with `include=`, and `PUT`/`PATCH` merging the fields sent
 * (custom fields key by key). A change announces the event Storeganise sends for that record.
 */
import type { Rec } from '../seed';
import { clone, HttpError, isObject, now, ok } from '../http';
import { type Collection, COLLECTION_PATHS } from '../store';
import type { Api, Routes } from './context';

/** The event a changed record announces (docs/storeganise-api.md), from its id and changed keys. */
type ChangeEvent = (record: Rec, changed: string[]) => [string, Record<string, unknown>] | undefined;
const CHANGE_EVENTS: Partial<Record<Collection, ChangeEvent>> = {
  unitRentals: (r, changed) => ['unitRental.updated', { unitRentalId: r.id, changedKeys: changed }],
  users: (r) => ['user.updated', { userId: r.id }],
  units: (r, changed) => ['unit.updated', { unitId: r.id, changedKeys: changed }],
  invoices: (r, changed) =>
    changed.includes('state') ? ['invoice.state.updated', { invoiceId: r.id, to: r.state }] : undefined,
};

function update(api: Api, collection: Collection, id: string, patch: Record<string, unknown>): Rec {
  const record = api.store.get(collection, id);
  const changed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (['id', 'created', 'updated'].includes(key)) continue;
    if (key === 'customFields' && isObject(value)) {
      const current = (isObject(record.customFields) ? record.customFields : {}) as Record<string, unknown>;
      for (const [field, v] of Object.entries(value)) {
        if (JSON.stringify(current[field]) !== JSON.stringify(v)) changed.push(`customFields.${field}`);
        current[field] = v;
      }
      record.customFields = current;
      continue;
    }
    if (JSON.stringify(record[key]) !== JSON.stringify(value)) changed.push(key);
    record[key] = value;
  }
  if (changed.length) {
    record.updated = now();
    const event = CHANGE_EVENTS[collection]?.(record, changed);
    if (event) void api.emit(...event);
  }
  return clone(record);
}

export const recordRoutes: Routes = (api, { method, parts, query, body }) => {
  const [resource, id, sub] = parts;
  const collection = Object.hasOwn(COLLECTION_PATHS, resource) ? COLLECTION_PATHS[resource] : undefined;
  if (!collection) return undefined;
  const where = `/v1/admin/${resource}${id ? '/{id}' : ''}`;
  if (sub) throw new HttpError(404, `No route ${method} /v1/admin/${parts.join('/')}`);
  if (!id && method === 'GET') return ok(api.store.list(collection, query));
  if (id && method === 'GET') {
    const include = api.store.includes(collection, query, false);
    return ok(api.store.expand(collection, api.store.get(collection, id), include));
  }
  if (id && (method === 'PUT' || method === 'PATCH')) {
    if (!isObject(body)) throw new HttpError(400, 'The request body must be a JSON object');
    return ok(update(api, collection, id, body));
  }
  throw new HttpError(405, `${method} is not allowed on ${where}`);
};
