/**
 * One record of any kind by id, as triggers hand records on: the kind's include set, a 404 read as
 * "no longer there" (null) rather than an error, and anything but one record refused.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, sgRequest } from './http';
import { RESOURCES, type ResourceKind } from './include';
import { findInvoice } from './invoices';
import { findUser } from './users';
import type { SgRecord } from '../types';

export function fetchRecord(
  z: ZObject,
  bundle: Bundle,
  kind: ResourceKind,
  id: string,
): Promise<SgRecord | null> {
  const { path, include, what } = RESOURCES[kind];
  // customers: the user GET that retries without `billing` when that include fails (L); invoices: with
  // the customer's e-mail read when the embedded owner lacks it (real records)
  const answer =
    kind === 'customer'
      ? findUser(z, bundle, id)
      : kind === 'invoice'
        ? findInvoice(z, bundle, id)
        : sgRequest<SgRecord>(z, bundle, {
            path: [path, id],
            params: include ? { include } : {},
            what: `${what} ${id}`,
            allowNotFound: true,
          });
  return answer.then((record: unknown) => {
    if (record === null || (typeof record === 'object' && !Array.isArray(record)))
      return record as SgRecord | null;
    throw new z.errors.Error(
      `Storeganise answered GET ${path}/… with something that is not one ${what.toLowerCase()}.`,
      'unexpected_shape',
    );
  });
}

/** The list endpoints polling triggers read, with what each list item embeds. */
const LISTS = {
  customer: { path: 'users', include: undefined },
  // A: `include=` on the list, as on a single GET (lists with include are paged by 50)
  unitRental: { path: 'unit-rentals', include: 'unit,owner' },
  invoice: { path: 'invoices', include: undefined },
} as const;

/** C: the records of a kind changed since `updatedAfter` (an ISO date), at most `max`. */
export const listUpdatedSince = (
  z: ZObject,
  bundle: Bundle,
  kind: keyof typeof LISTS,
  updatedAfter: string,
  max: number,
) =>
  listAll<SgRecord>(
    z,
    bundle,
    [LISTS[kind].path],
    { updatedAfter, ...(LISTS[kind].include ? { include: LISTS[kind].include } : {}) },
    max,
  );
