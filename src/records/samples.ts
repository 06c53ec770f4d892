/**
 * Realistic records, shaped exactly like live output (they go through the same output functions).
 * Used as static `sample` data and as the fallback when an account has nothing to show yet.
 * No real person, business or credential appears here.
 */
import {
  customerOutput,
  invoiceOutput,
  jobOutput,
  siteOutput,
  unitOutput,
  unitRentalOutput,
} from './outputs';
import type { Invoice, Job, Site, Unit, UnitRental, User } from '../types';

const customer: User = {
  id: '64f1c2a9e3b7d10012a4c001',
  email: 'jane.doe@example.com',
  firstName: 'Jane',
  lastName: 'Doe',
  name: 'Jane Doe', // real customer records carry the whole name too
  phone: '+44 20 7946 0958',
  companyName: '',
  customFields: { preferred_contact: 'email' },
  created: '2026-10-02T09:14:27.512Z',
  updated: '2026-11-20T16:03:11.004Z',
};

const site: Site = {
  id: '64f1c2a9e3b7d10012a4a001',
  code: 'LON',
  title: { en: 'Central London' },
  address: '1 Example Street, London',
  customFields: {},
  created: '2024-01-15T09:00:00.000Z',
  updated: '2026-10-01T08:00:00.000Z',
};

const unit: Unit = {
  id: '64f1c2a9e3b7d10012a4b104',
  siteId: site.id,
  name: 'A-104',
  state: 'occupied',
  customFields: { floor: 'Ground' },
  created: '2025-03-11T08:00:00.000Z',
  updated: '2026-11-21T10:30:00.000Z',
};

const unitRental: UnitRental = {
  id: '64f1c2a9e3b7d10012a4d201',
  unitId: unit.id,
  siteId: unit.siteId,
  ownerId: customer.id,
  state: 'occupied',
  startDate: '2026-11-21',
  endDate: null,
  price: 129,
  deposit: 50,
  overdue: false,
  charges: [
    {
      id: '64f1c2a9e3b7d10012a4e301',
      title: { en: 'Padlock' },
      amount: 12.5,
      qty: 1,
      sourceType: 'preset', // made from a predefined charge, as real charges name theirs
      sourceId: '627a0a17afcd8f00041104b9',
      startDate: '2026-11-21',
      endDate: '2026-11-21',
      accountingCodeId: null,
    },
  ],
  customFields: { gate_code: '4821' },
  created: '2026-11-20T16:02:55.118Z',
  updated: '2026-11-21T10:30:00.000Z',
  unit,
  owner: customer,
};

const job: Job = {
  id: '64f1c2a9e3b7d10012a4f401',
  type: 'unit_moveIn',
  state: 'completed',
  step: 'completed',
  ownerId: customer.id,
  siteId: unit.siteId,
  data: { unitId: unit.id, startDate: '2026-11-21', unitTypeId: '64f1c2a9e3b7d10012a4c777' },
  result: { unitId: unit.id, ownerId: customer.id, siteId: unit.siteId },
  steps: [
    {
      id: '64f1c2a9e3b7d10012a4f410',
      type: 'start',
      state: 'completed',
      completedAt: '2026-11-20T16:03:00.000Z',
      result: { unitRentalId: unitRental.id, unitId: unit.id },
    },
    {
      id: '64f1c2a9e3b7d10012a4f411',
      type: 'unit_moveIn_agreement',
      state: 'completed',
      completedAt: '2026-11-20T16:10:02.000Z',
    },
    {
      id: '64f1c2a9e3b7d10012a4f412',
      type: 'unit_moveIn_payment',
      state: 'completed',
      completedAt: '2026-11-20T16:12:40.000Z',
    },
  ],
  customFields: {},
  created: '2026-11-20T16:02:55.118Z',
  updated: '2026-11-21T10:30:00.000Z',
};

// Shaped like the real trial business's invoice (test/fixtures/real/invoice.json): rent taxed at the
// entry's `taxPct`, a deposit without one (tax 0), totals before and after tax.
const invoice: Invoice = {
  id: '64f1c2a9e3b7d10012a50501',
  sid: 'lon010234', // real invoice numbers are text: the site's prefix and a counter, e.g. cen000041
  state: 'paid',
  ownerId: customer.id,
  owner: customer,
  siteId: unit.siteId,
  unitRentalId: unitRental.id,
  entries: [
    {
      id: '64f1c2a9e3b7d10012a50521',
      desc: 'Deposit',
      date: '2026-11-21',
      code: 'deposit',
      tags: ['deposit'],
      amount: 50,
      qty: 1,
      subtotal: 50,
      tax: 0,
      total: 50,
      type: 'deposit',
    },
    {
      id: '64f1c2a9e3b7d10012a50522',
      desc: 'Rent A-104 (21 Nov – 20 Dec)',
      date: '2026-11-21',
      endDate: '2026-12-21',
      code: 'rent',
      tags: ['rent'],
      amount: 129,
      qty: 1,
      subtotal: 129,
      taxPct: 20,
      tax: 25.8,
      total: 154.8,
      type: 'revenue',
    },
    {
      id: '64f1c2a9e3b7d10012a50523',
      desc: 'Padlock',
      date: '2026-11-21',
      code: 'products',
      tags: ['charge'],
      amount: 12.5,
      qty: 1,
      subtotal: 12.5,
      taxPct: 20,
      tax: 2.5,
      total: 15,
      type: 'revenue',
    },
  ],
  subtotal: 191.5,
  tax: 28.3,
  total: 219.8,
  amountPaid: 219.8,
  balance: 0,
  payments: [
    {
      id: '64f1c2a9e3b7d10012a50511',
      type: 'manual',
      amount: 219.8,
      method: 'card',
      date: '2026-11-21',
      notes: '',
    },
  ],
  customFields: {},
  created: '2026-11-21T10:31:00.000Z',
  updated: '2026-11-21T10:45:12.000Z',
  businessCurrency: 'GBP', // from the business's settings (`currencyCode`), as the client attaches it
};

export const samples = {
  customer: customerOutput(customer),
  unit: unitOutput(unit),
  unitRental: unitRentalOutput(unitRental),
  job: jobOutput(job),
  invoice: invoiceOutput(invoice),
  site: siteOutput(site),
};

export type Samples = typeof samples;

/** The same records as Storeganise answers them, before the output functions (for specs and the sandbox). */
export const answers = { customer, unit, unitRental, job, invoice, site };
