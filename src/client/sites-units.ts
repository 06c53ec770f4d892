/** Sites and units. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { Site, Unit } from '../types';

export const listSites = (z: ZObject, bundle: Bundle) => listAll<Site>(z, bundle, ['sites']);

export const listUnits = (z: ZObject, bundle: Bundle, filter: { siteId?: string }, max: number) =>
  listAll<Unit>(z, bundle, ['units'], filter, max);

/** A: a single unit by id (the list endpoint is C). */
export const getUnit = (z: ZObject, bundle: Bundle, id: string) =>
  must<Unit>(z, bundle, { path: ['units', id], params: { include: INCLUDE.unit }, what: `Unit ${id}` });

/** One page of units (C: `GET units?siteId=&limit=&offset=`), for the unit dropdown. */
export const unitsPage = (
  z: ZObject,
  bundle: Bundle,
  page: { offset: number; limit: number; siteId?: string },
) =>
  sgRequest<Unit[]>(z, bundle, {
    path: ['units'],
    params: { siteId: page.siteId, limit: page.limit, offset: page.offset },
    what: 'Listing units',
    expect: 'list',
  }).then((list) => list ?? []);

/** C/L: a site by its id or its code (`GET sites/{idOrCode}`); null when there is none. */
export const findSite = (z: ZObject, bundle: Bundle, idOrCode: string) =>
  sgRequest<Site>(z, bundle, { path: ['sites', idOrCode], what: `Site ${idOrCode}`, allowNotFound: true });

/** A unit by id, or null (same A-level GET as getUnit). */
export const findUnit = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<Unit>(z, bundle, {
    path: ['units', id],
    params: { include: INCLUDE.unit },
    what: `Unit ${id}`,
    allowNotFound: true,
  });

/** L (one production client, for access codes): `PUT units/{id} { customFields }`. */
export const updateUnit = (
  z: ZObject,
  bundle: Bundle,
  id: string,
  patch: { customFields: Record<string, unknown> },
) => must<Unit>(z, bundle, { method: 'PUT', path: ['units', id], body: patch, what: `Unit ${id}` });
