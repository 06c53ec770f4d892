/**
 * Hidden trigger behind the "Unit" dropdown: "A-104 (occupied) · Central London (LON)".
 * Paged (100 a page); when the form has a Site chosen, only that site's units are listed.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { pagedDropdown } from './paged';
import { listSites, unitsPage } from '../client';
import { text } from '../read-input';
import type { Unit } from '../types';
import { siteLabel } from './sites';

export const PAGE = 100;

export function unitLabel(unit: Unit, siteNames: Map<string, string>): string {
  const name = unit.name ? `${unit.name}${unit.state ? ` (${unit.state})` : ''}` : `Unit ${unit.id}`;
  const site = unit.siteId ? siteNames.get(unit.siteId) : undefined;
  return [name, site].filter(Boolean).join(' · ');
}

/** Site names by id, for the labels. */
export const siteNames = async (z: ZObject, bundle: Bundle) =>
  new Map((await listSites(z, bundle)).map((s) => [s.id, siteLabel(s)]));

export default pagedDropdown({
  key: 'unit_list',
  noun: 'Unit',
  lists: 'units',
  pageSize: PAGE,
  // when the form has a Site chosen, only that site's units; archived units too (their label says so)
  page: (z, bundle, { offset, limit, form }) =>
    unitsPage(z, bundle, { offset, limit, siteId: text(form.siteId) }),
  context: siteNames,
  label: unitLabel,
  sample: { id: '64f1c2a9e3b7d10012a4b104', label: 'A-104 (occupied) · Central London (LON)' },
});
