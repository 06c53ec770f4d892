/** Every search of the app, and the search-or-create pairs built on them. */
import type { SearchOrCreates } from 'zapier-platform-core';
import createCustomer from '../creates/create-customer';
import findCustomer from './find-customer';
import findInvoice from './find-invoice';
import findJob from './find-job';
import findSite from './find-site';
import findUnit from './find-unit';
import findUnitRental from './find-unit-rental';

export const searches = {
  [findJob.key]: findJob,
  [findUnitRental.key]: findUnitRental,
  [findCustomer.key]: findCustomer,
  [findInvoice.key]: findInvoice,
  [findSite.key]: findSite,
  [findUnit.key]: findUnit,
};

export const searchOrCreates = {
  [findCustomer.key]: {
    key: findCustomer.key,
    display: {
      label: 'Find or Create Customer',
      description:
        'Finds a customer by e-mail address, ID, name or phone number, and creates one when none is found.',
    },
    search: findCustomer.key,
    create: createCustomer.key,
  },
} satisfies SearchOrCreates;
