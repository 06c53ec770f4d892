/**
 * Find Unit: by its name within a site (C: `GET units?siteId=`; names are unique within a site, not
 * across sites), matched whole and not case-sensitive, then read by id with its custom fields, as
 * the Unit Fields Changed trigger hands a unit on. Or directly by ID.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findUnit, listUnits } from '../client';
import { findByField, siteIdField } from '../input-fields';
import { findWay, invalidInput, text } from '../read-input';
import { unitOutput } from '../records/outputs';
import { samples } from '../records/samples';
import { customFieldOutputFields } from '../records/custom-field-labels';
import { outputFieldsFor } from '../records/kinds';

/** At most this many units of one site are read to find a name (one page). */
export const MAX_UNITS_PER_SITE = 1000;

const WAYS = { unitName: 'Site and Unit Name', unitId: 'Unit ID' } as const;

const inputFields = defineInputFields([
  findByField(WAYS, 'unitName', 'unit'),
  { key: 'unitId', label: 'Unit ID', helpText: "With Find By Unit ID: the unit's Storeganise ID." },
  {
    ...siteIdField,
    helpText: 'With Find By Site and Unit Name: the site the unit is at (unit names repeat across sites).',
  },
  {
    key: 'unitName',
    label: 'Unit Name',
    helpText:
      "With Find By Site and Unit Name: the unit's name as on the site plan, e.g. A-104 (not case-sensitive).",
  },
]);

const key = (s: unknown) =>
  String(s ?? '')
    .trim()
    .toLowerCase();

export default defineSearch({
  key: 'find_unit',
  noun: 'Unit',
  display: { label: 'Find Unit', description: 'Finds a unit by its name within a site, or by its ID.' },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const id = text(bundle.inputData.unitId);
      const unitName = text(bundle.inputData.unitName);
      if (
        findWay(z, bundle.inputData.findBy, WAYS, { unitId: !!id, unitName: !!unitName }) === 'unitId' &&
        id
      ) {
        const unit = await findUnit(z, bundle, id);
        return unit ? [unitOutput(unit)] : [];
      }
      const siteId = text(bundle.inputData.siteId);
      const name = unitName;
      if (!name) throw invalidInput(z, 'Fill in the Unit ID, or the Site and the Unit Name.');
      if (!siteId) throw invalidInput(z, `Pick the Site of unit "${name}": unit names repeat across sites.`);
      const match = (await listUnits(z, bundle, { siteId }, MAX_UNITS_PER_SITE)).find(
        (unit) => (!unit.siteId || unit.siteId === siteId) && key(unit.name) === key(name), // guards an ignored filter
      );
      if (!match) return [];
      const unit = await findUnit(z, bundle, match.id);
      return unit ? [unitOutput(unit)] : [];
    },
    outputFields: [...outputFieldsFor('unit', ''), customFieldOutputFields('unit', '')],
    sample: samples.unit,
  },
});
