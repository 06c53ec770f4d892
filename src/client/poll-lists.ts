/**
 * The lists polling triggers read: the records of a kind changed since a moment (C: `updatedAfter`),
 * one page of a whole list (C: `limit` + `offset`) when Zapier's Transfer pages through the existing
 * records, and the most recently updated jobs of a type (L: `type` and `sort=-updated`).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, pageSizeFor, sgRequest } from './http';
import { withBusinessCurrency } from './invoices';
import type { Invoice, SgRecord } from '../types';

/** The list endpoints polling triggers read, with what each list item embeds. */
const LISTS = {
  customer: { path: 'users', include: undefined },
  // A: `include=` on the list, as on a single GET (lists with include are paged by 50)
  unitRental: { path: 'unit-rentals', include: 'unit,owner' },
  invoice: { path: 'invoices', include: undefined },
} as const;

export type ListKind = keyof typeof LISTS;

const includeOf = (kind: ListKind) => (LISTS[kind].include ? { include: LISTS[kind].include } : {});

/** Invoices come with the business's currency, read beside the list (`withBusinessCurrency`). */
const withCurrency = (z: ZObject, bundle: Bundle, kind: ListKind, listing: Promise<SgRecord[]>) =>
  kind === 'invoice' ? withBusinessCurrency(z, bundle, listing as Promise<Invoice[]>) : listing;

/** C: the records of a kind changed since `updatedAfter` (an ISO date), at most `max`. */
export const listUpdatedSince = (
  z: ZObject,
  bundle: Bundle,
  kind: ListKind,
  updatedAfter: string,
  max: number,
) =>
  withCurrency(
    z,
    bundle,
    kind,
    listAll<SgRecord>(z, bundle, [LISTS[kind].path], { updatedAfter, ...includeOf(kind) }, max),
  );

/** How many records a Transfer page of this kind holds: 50 where the list embeds records, else `size`. */
export const transferPageSize = (kind: ListKind, size: number) =>
  Math.min(size, pageSizeFor(includeOf(kind)));

/** C: page `page` (0, 1, 2…) of the whole list of a kind, `size` records a page: one request. */
export const listPageOf = (z: ZObject, bundle: Bundle, kind: ListKind, page: number, size: number) =>
  withCurrency(
    z,
    bundle,
    kind,
    sgRequest<SgRecord[]>(z, bundle, {
      path: [LISTS[kind].path],
      params: { ...includeOf(kind), limit: size, offset: page * size },
      what: `Listing ${LISTS[kind].path}`,
      expect: 'list',
    }).then((list) => list ?? []),
  );
