/**
 * Find Unit Rental: by id, or by the customer's e-mail (optionally narrowed by site and unit name).
 * By e-mail: customer → their rentals (one list call) → site filter → each candidate read with the
 * hydration include set (so the output equals a trigger's unit rental) → unit-name filter.
 * When several match, current rentals come first, newest start date first; Zapier uses the first.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findUnitRental, findUserByEmail, listUnitRentals } from '../client';
import { findByField, siteIdField } from '../input-fields';
import { findWay, invalidInput, looksLikeEmail, text } from '../read-input';
import { unitRentalOutput } from '../records/outputs';
import { samples } from '../records/samples';
import type { UnitRental } from '../types';
import { customFieldOutputFields } from '../records/custom-field-labels';
import { outputFieldsFor } from '../records/kinds';

/** At most this many of one customer's rentals are read in full. */
export const MAX_CANDIDATES = 10;

const ENDED = new Set(['ended', 'completed', 'cancelled', 'canceled', 'archived', 'moved_out']);

const WAYS = { customerEmail: 'Customer Email', unitRentalId: 'Unit Rental ID' } as const;

const inputFields = defineInputFields([
  findByField(WAYS, 'customerEmail', 'unit rental'),
  {
    key: 'unitRentalId',
    label: 'Unit Rental ID',
    helpText: "With Find By Unit Rental ID: the unit rental's Storeganise ID.",
  },
  {
    key: 'customerEmail',
    label: 'Customer Email',
    helpText: 'With Find By Customer Email: finds the rentals of the customer with this e-mail address.',
  },
  { ...siteIdField, helpText: 'With Customer Email: only rentals at this site.' },
  {
    key: 'unitName',
    label: 'Unit Name',
    helpText: 'With Customer Email: only the rental of this unit, e.g. A-104 (not case-sensitive).',
  },
]);

const current = (r: UnitRental) => !ENDED.has(String(r.state ?? '').toLowerCase());

export default defineSearch({
  key: 'find_unit_rental',
  noun: 'Unit Rental',
  display: {
    label: 'Find Unit Rental',
    description:
      "Finds a unit rental by its ID, or by the customer's e-mail address (optionally by site and unit name).",
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const { inputData } = bundle;
      const id = text(inputData.unitRentalId);
      const email = text(inputData.customerEmail)?.toLowerCase(); // e-mails are looked up lower-case
      if (
        findWay(z, inputData.findBy, WAYS, { unitRentalId: !!id, customerEmail: !!email }) ===
          'unitRentalId' &&
        id
      ) {
        const rental = await findUnitRental(z, bundle, id);
        return rental ? [unitRentalOutput(rental)] : [];
      }
      if (!email) throw invalidInput(z, 'Fill in the Unit Rental ID or the Customer Email.');
      if (!looksLikeEmail(email)) throw invalidInput(z, `"${email}" is not an e-mail address.`);

      const customer = await findUserByEmail(z, bundle, email);
      if (!customer) return [];

      const siteId = text(inputData.siteId);
      const unitName = text(inputData.unitName)?.toLowerCase();
      const candidates = (await listUnitRentals(z, bundle, { ownerId: customer.id }, Infinity))
        .filter((r) => r.ownerId === customer.id) // also guards against a filter the tenant ignores
        .filter((r) => !siteId || r.siteId === siteId)
        .sort(
          (a, b) =>
            Number(current(b)) - Number(current(a)) ||
            String(b.startDate ?? '').localeCompare(String(a.startDate ?? '')),
        )
        .slice(0, MAX_CANDIDATES);

      const found: UnitRental[] = [];
      for (const candidate of candidates) {
        const rental = await findUnitRental(z, bundle, candidate.id);
        if (rental && (!unitName || rental.unit?.name?.trim().toLowerCase() === unitName)) found.push(rental);
      }
      return found.map(unitRentalOutput);
    },
    outputFields: [...outputFieldsFor('unitRental', ''), customFieldOutputFields('unitRental', '')],
    sample: samples.unitRental,
  },
});
