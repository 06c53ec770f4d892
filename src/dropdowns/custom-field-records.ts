/**
 * Hidden trigger behind Update Custom Fields' "Record" dropdown: the records of the Record Type
 * chosen in the same form, labelled as their own dropdowns label them (unit rentals, customers,
 * units), one page at a time. It lists nothing until a Record Type is chosen.
 */
import { defineTrigger } from 'zapier-platform-core';
import { INCLUDE_PAGE_SIZE, listSites, unitRentalsPage, unitsPage, usersPage } from '../client';
import { formValue, text } from '../read-input';
import { customerLabel, PAGE } from './customers';
import { siteLabel } from './sites';
import { unitRentalLabel } from './unit-rentals';
import { unitLabel } from './units';

export default defineTrigger({
  key: 'custom_field_record_list',
  noun: 'Record',
  display: {
    label: 'List Records With Custom Fields',
    description: 'Lists the unit rentals, customers or units chosen in the form, for dropdowns.',
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: async (z, bundle) => {
      const page = Number(bundle.meta?.page ?? 0) || 0;
      const type = text(formValue(bundle.inputData, 'recordType'));
      if (type === 'customer') {
        const users = await usersPage(z, bundle, { offset: page * PAGE, limit: PAGE });
        return users.map((user) => ({ id: user.id, label: customerLabel(user) }));
      }
      if (type !== 'unitRental' && type !== 'unit') return [];
      const siteNames = async () => new Map((await listSites(z, bundle)).map((s) => [s.id, siteLabel(s)]));
      if (type === 'unit') {
        const [units, names] = await Promise.all([
          unitsPage(z, bundle, { offset: page * PAGE, limit: PAGE }),
          siteNames(),
        ]);
        return units.map((unit) => ({ id: unit.id, label: unitLabel(unit, names) }));
      }
      const size = INCLUDE_PAGE_SIZE;
      const [rentals, names] = await Promise.all([
        unitRentalsPage(z, bundle, { offset: page * size, limit: size }),
        siteNames(),
      ]);
      return rentals.map((rental) => ({ id: rental.id, label: unitRentalLabel(rental, names) }));
    },
    sample: { id: '64f1c2a9e3b7d10012a4d201', label: 'A-104 · Jane Doe · Central London (LON)' },
  },
});
