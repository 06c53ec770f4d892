/** Every search of the app, and the search-or-create pairs built on them. */
import findCustomer from './find-customer';
import findInvoice from './find-invoice';
import findJob from './find-job';
import findUnitRental from './find-unit-rental';

export const searches = {
  [findJob.key]: findJob,
  [findUnitRental.key]: findUnitRental,
  [findCustomer.key]: findCustomer,
  [findInvoice.key]: findInvoice,
};

export const searchOrCreates = {
  find_customer: {
    key: 'find_customer',
    display: {
      label: 'Find or Create Customer',
      description: 'Finds a customer by e-mail address or ID, and creates one when none is found.',
    },
    search: 'find_customer',
    create: 'create_customer',
  },
};
