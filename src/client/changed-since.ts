/** C: the records of a kind changed since a moment (`updatedAfter`), for the polling triggers. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll } from './http';
import { withBusinessCurrency } from './invoices';
import type { Invoice, SgRecord } from '../types';

/** The list endpoints polling triggers read, with what each list item embeds. */
const LISTS = {
  customer: { path: 'users', include: undefined },
  // A: `include=` on the list, as on a single GET (lists with include are paged by 50)
  unitRental: { path: 'unit-rentals', include: 'unit,owner' },
  invoice: { path: 'invoices', include: undefined },
} as const;

/**
 * C: the records of a kind changed since `updatedAfter` (an ISO date), at most `max`. Invoices come
 * with the business's currency, read beside the list (`withBusinessCurrency`).
 */
export function listUpdatedSince(
  z: ZObject,
  bundle: Bundle,
  kind: keyof typeof LISTS,
  updatedAfter: string,
  max: number,
): Promise<SgRecord[]> {
  const listing = listAll<SgRecord>(
    z,
    bundle,
    [LISTS[kind].path],
    { updatedAfter, ...(LISTS[kind].include ? { include: LISTS[kind].include } : {}) },
    max,
  );
  return kind === 'invoice' ? withBusinessCurrency(z, bundle, listing as Promise<Invoice[]>) : listing;
}
