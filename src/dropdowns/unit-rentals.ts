/**
 * Hidden trigger behind the "Unit Rental" dropdown, labelled "unit name · customer · site"
 * (e.g. "A-104 · Jane Doe · Central London (LON)"). Paged because a business can have thousands of
 * rentals; each page embeds unit and customer, so it holds 50 (lists with `include` page by 50);
 * sites are read once per page.
 */
import { pagedDropdown } from './paged';
import { INCLUDE_PAGE_SIZE, unitRentalsPage } from '../client';
import { fullName } from '../records/outputs';
import type { UnitRental } from '../types';
import { siteNames } from './units';

export const PAGE = INCLUDE_PAGE_SIZE;

export function unitRentalLabel(rental: UnitRental, siteNames: Map<string, string>): string {
  const unit = rental.unit?.name ?? (rental.startDate ? `Rental from ${rental.startDate}` : 'Unit rental');
  const customer = fullName(rental.owner) ?? rental.owner?.email;
  const site = rental.siteId ? siteNames.get(rental.siteId) : undefined;
  return [unit, customer, site].filter(Boolean).join(' · ');
}

export default pagedDropdown({
  key: 'unit_rental_list',
  noun: 'Unit Rental',
  lists: 'unit rentals',
  pageSize: PAGE,
  page: (z, bundle, page) => unitRentalsPage(z, bundle, page),
  context: siteNames,
  label: unitRentalLabel,
  sample: { id: '64f1c2a9e3b7d10012a4d201', label: 'A-104 · Jane Doe · Central London (LON)' },
});
