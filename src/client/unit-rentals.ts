/** Unit rentals and their charges. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { INCLUDE_PAGE_SIZE, listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { Charge, UnitRental } from '../types';

export const getUnitRental = (z: ZObject, bundle: Bundle, id: string) =>
  must<UnitRental>(z, bundle, {
    path: ['unit-rentals', id],
    params: { include: INCLUDE.unitRental },
    what: `Unit rental ${id}`,
  });

export const findUnitRental = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<UnitRental>(z, bundle, {
    path: ['unit-rentals', id],
    params: { include: INCLUDE.unitRental },
    what: `Unit rental ${id}`,
    allowNotFound: true,
  });

export const listUnitRentals = (
  z: ZObject,
  bundle: Bundle,
  filter: { ownerId?: string; state?: string; updatedAfter?: string },
  max: number,
) => listAll<UnitRental>(z, bundle, ['unit-rentals'], filter, max);

export const updateUnitRental = (z: ZObject, bundle: Bundle, id: string, patch: Record<string, unknown>) =>
  must<UnitRental>(z, bundle, {
    method: 'PUT',
    path: ['unit-rentals', id],
    body: patch,
    what: `Unit rental ${id}`,
  });

/**
 * A: how a custom charge is added through the API. Assumed: a `charges` sub-resource that takes
 * `{ title, amount, qty, startDate, endDate, accountingCodeId, code }` and returns the charge.
 * L: one made from a predefined charge also carries `sourceType: "preset"`, `sourceId: <its id>`.
 */
export const addUnitRentalCharge = (
  z: ZObject,
  bundle: Bundle,
  rentalId: string,
  charge: Omit<Charge, 'id'>,
) =>
  must<Charge>(z, bundle, {
    method: 'POST',
    path: ['unit-rentals', rentalId, 'charges'],
    body: charge,
    what: `Adding a charge to unit rental ${rentalId}`,
  });

/**
 * One page of unit rentals with their unit and customer embedded, for the unit-rental dropdown.
 * A: `include=unit,owner` also works on the list endpoint (C only for single GETs; the help centre
 * advises against include on *large* lists, hence pages of at most 50).
 */
export const unitRentalsPage = (z: ZObject, bundle: Bundle, page: { offset: number; limit: number }) =>
  sgRequest<UnitRental[]>(z, bundle, {
    path: ['unit-rentals'],
    params: { include: 'unit,owner', limit: Math.min(page.limit, INCLUDE_PAGE_SIZE), offset: page.offset },
    what: 'Listing unit rentals',
    expect: 'list',
  }).then((list) => list ?? []);
