/**
 * Hidden trigger behind the "Unit" dropdown: "A-104 (occupied) · Central London (LON)".
 * Paged (100 a page); when the form has a Site chosen, only that site's units are listed.
 */
import { defineTrigger } from 'zapier-platform-core';
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

export default defineTrigger({
  key: 'unit_list',
  noun: 'Unit',
  display: { label: 'List Units', description: 'Lists units for dropdowns.', hidden: true },
  operation: {
    canPaginate: true,
    perform: async (z, bundle) => {
      const page = Number(bundle.meta?.page ?? 0) || 0;
      const form: Record<string, unknown> = bundle.inputData; // the action's form, e.g. its Site field
      const [units, sites] = await Promise.all([
        unitsPage(z, bundle, { offset: page * PAGE, limit: PAGE, siteId: text(form.siteId) }),
        listSites(z, bundle),
      ]);
      const siteNames = new Map(sites.map((s) => [s.id, siteLabel(s)]));
      // the whole page, archived units included (their label says so): a page filtered down to nothing
      // would tell Zapier there are no more pages
      return units.map((unit) => ({ id: unit.id, label: unitLabel(unit, siteNames) }));
    },
    sample: { id: '64f1c2a9e3b7d10012a4b104', label: 'A-104 (occupied) · Central London (LON)' },
  },
});
