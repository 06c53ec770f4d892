/**
 * Records captured from a real Storeganise trial business (test/fixtures/real, see its README) fed to
 * the connection label, the searches, the dropdowns and the record fetch as API answers. They are what a
 * Zap user meets on a live account; each test says what the user sees.
 */
import invoice from './fixtures/real/invoice.json';
import settings from './fixtures/real/settings.json';
import unitRental from './fixtures/real/unit-rental.json';
import user from './fixtures/real/user.json';
import { testConnection, connectionLabel } from '../src/authentication';

import { ADMIN, app, appTester, AUTH, hydrate, type Row, search, sg } from './helpers';
import { homer, rentalInclude, userInclude } from './fixtures/records';

const dropdown = (key: string, inputData: Record<string, unknown> = {}) =>
  appTester(
    app.triggers[key].operation.perform as never,
    { authData: AUTH, inputData, meta: {} } as never,
  ) as Promise<Array<{ id: string; label: string }>>;

const invoiceInclude = { include: 'owner,customFields' };
const sites = settings.sites;
const unit = unitRental.unit;
/** Bart, the rental's customer, as `GET users/{id}` answers. */
const bart = unitRental.owner;

describe('the connection label names the business as its settings do', () => {
  test('"Pipedream Dev (mybiz)": the name is companyName; brand holds only colours', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const info = await appTester(testConnection, { authData: AUTH });
    expect(info.businessName).toBe('Pipedream Dev');
    await expect(appTester(connectionLabel as never, { authData: AUTH, inputData: info })).resolves.toBe(
      'Pipedream Dev (mybiz)',
    );
  });
});

/**
 * The real invoice's four entries as an accounting step's line items, every value as the invoice
 * states it. The deposit has no `taxPct` and `tax: 0` on an invoice whose `taxPercent` is 20: its tax
 * rate is 0, not the invoice's.
 */
const REAL_LINE_ITEMS = [
  {
    id: '66d8019b88e79a0015dc96a2',
    description: 'Deposit',
    quantity: 1,
    unitAmount: 99,
    subtotal: 99,
    taxRate: 0,
    tax: 0,
    total: 99,
    code: 'deposit',
    type: 'deposit',
    servicePeriodStart: '2024-09-04',
    servicePeriodEnd: null,
  },
  {
    id: '66d8019b88e79a0015dc96a3',
    description: 'Prorated rent',
    quantity: 1,
    unitAmount: 87.75,
    subtotal: 87.75,
    taxRate: 20,
    tax: 17.55,
    total: 105.3,
    code: 'rent',
    type: 'revenue',
    servicePeriodStart: '2024-09-04',
    servicePeriodEnd: '2024-10-01',
  },
  {
    id: '66d8019b88e79a0015dc96a4',
    description: 'Rent',
    quantity: 1,
    unitAmount: 99,
    subtotal: 99,
    taxRate: 20,
    tax: 19.8,
    total: 118.8,
    code: 'rent',
    type: 'revenue',
    servicePeriodStart: '2024-10-01',
    servicePeriodEnd: '2024-11-01',
  },
  {
    id: '66d8019b88e79a0015dc96a5',
    description: 'Admin fee',
    quantity: 1,
    unitAmount: 10,
    subtotal: 10,
    taxRate: 10,
    tax: 1,
    total: 11,
    code: 'products',
    type: 'revenue',
    servicePeriodStart: '2024-10-01',
    servicePeriodEnd: null,
  },
];

describe('an invoice: text numbers, a customer embedded as { id, name }', () => {
  test('Find Invoice by its printed number hands on who the customer is: id, name and e-mail', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query(true)
      .reply(200, [invoice])
      .get(`${ADMIN}/invoices/${invoice.id}`)
      .query(invoiceInclude)
      .reply(200, invoice)
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/users/${homer.id}`)
      .query(userInclude)
      .reply(200, homer);
    const [found] = await search('find_invoice', { invoiceNumber: '#CEN000041' });
    expect(found).toMatchObject({
      id: '66d8019b88e79a0015dc969d',
      invoiceNumber: 'cen000041',
      state: 'sent',
      total: 334.1,
      balance: 334.1,
      customerId: homer.id,
      customerName: 'Homer Simpson',
      customerEmail: 'homer.simpson@example.com',
      owner: { id: homer.id, name: 'Homer Simpson', email: homer.email },
      currency: 'USD',
    });
    // entry descriptions are plain text already; nothing that is not a translation is flattened
    expect(found.entries.map((e: Row) => e.desc)).toEqual(['Deposit', 'Prorated rent', 'Rent', 'Admin fee']);
    expect(found.tags).toEqual(['moveIn', 'month']);
    scope.done();
  });

  test('an accounting step takes it as it is: each entry a line item, the totals and the currency code on top', async () => {
    sg()
      .get(`${ADMIN}/invoices/${invoice.id}`)
      .query(invoiceInclude)
      .reply(200, invoice)
      .get(`${ADMIN}/settings`)
      .reply(200, settings) // "currency": "$", "currencyCode": "USD"
      .get(`${ADMIN}/users/${homer.id}`)
      .query(userInclude)
      .reply(200, homer);
    const [found] = await search('find_invoice', { invoiceId: invoice.id });
    expect(found.lineItems).toEqual(REAL_LINE_ITEMS);
    expect(found).toMatchObject({
      currency: 'USD',
      subtotal: 295.75,
      taxTotal: 38.35,
      total: 334.1,
      amountPaid: 0,
      balance: 334.1,
    });
    // what Storeganise sent stays beside them, tags and all
    expect(found.entries[1]).toMatchObject({ desc: 'Prorated rent', tags: ['rent', 'prorated'], taxPct: 20 });
  });

  test.each([
    [403, 'a key whose role may not read the settings'],
    [500, 'Storeganise failing on the settings'],
  ])(
    'settings answering %s (%s): currency empty, the invoice and its line items handed on all the same',
    async (status) => {
      sg()
        .get(`${ADMIN}/invoices/${invoice.id}`)
        .query(invoiceInclude)
        .reply(200, invoice)
        .get(`${ADMIN}/settings`)
        .reply(status, { error: { message: 'No settings for you' } })
        .get(`${ADMIN}/users/${homer.id}`)
        .query(userInclude)
        .reply(200, homer);
      const [found] = await search('find_invoice', { invoiceId: invoice.id });
      expect(found).toMatchObject({
        currency: null,
        invoiceNumber: 'cen000041',
        total: 334.1,
        taxTotal: 38.35,
      });
      expect(found.lineItems).toEqual(REAL_LINE_ITEMS);
    },
  );

  test('when the customer cannot be read, the invoice still names them from what it carries', async () => {
    sg()
      .get(`${ADMIN}/invoices/${invoice.id}`)
      .query(invoiceInclude)
      .reply(200, invoice)
      .get(`${ADMIN}/users/${homer.id}`)
      .query(userInclude)
      .reply(404, { error: { message: 'Not found' } });
    await expect(hydrate('invoice', invoice.id)).resolves.toMatchObject({
      invoiceNumber: 'cen000041',
      customerId: homer.id,
      customerName: 'Homer Simpson',
      customerEmail: null,
    });
  });
});

describe('the invoice and customer dropdowns', () => {
  test('an invoice reads as printed, with its customer named from { id, name }', async () => {
    sg().get(`${ADMIN}/invoices`).query({ limit: 100, offset: 0 }).reply(200, [invoice]);
    await expect(dropdown('invoice_list')).resolves.toEqual([
      { id: invoice.id, label: 'CEN000041 · 334.10 · sent · Homer Simpson' },
    ]);
  });

  test('a customer reads "Charlie Sample <charlie.sample@example.com>"', async () => {
    sg().get(`${ADMIN}/users`).query({ limit: 100, offset: 0 }).reply(200, [user, bart]);
    await expect(dropdown('customer_list')).resolves.toEqual([
      { id: user.id, label: 'Charlie Sample <charlie.sample@example.com>' },
      { id: bart.id, label: 'Bart Simpson <spaceup+bart@storeganise.com>' },
    ]);
  });
});

describe('a unit rental with its unit and customer embedded', () => {
  test('Find Unit Rental: unit name, customer name and e-mail; charge titles in English; presets keep their source', async () => {
    sg().get(`${ADMIN}/unit-rentals/${unitRental.id}`).query(rentalInclude).reply(200, unitRental);
    const [found] = await search('find_unit_rental', { unitRentalId: unitRental.id });
    expect(found).toMatchObject({
      unitName: 'sv004',
      customerName: 'Bart Simpson',
      customerEmail: 'spaceup+bart@storeganise.com',
      state: 'reserved',
      charges: [{ title: 'Admin fee', amount: 10 }],
      owner: { name: 'Bart Simpson', phone: '555-636-1234', itemCounts: { box: 5 } },
    });
    expect(found.owner.charges).toEqual([
      expect.objectContaining({
        title: '$5 Special discount',
        sourceType: 'preset',
        sourceId: '627a0a17afcd8f00041104b3',
      }),
      expect.objectContaining({
        title: 'Additional Insurance',
        sourceType: 'preset',
        sourceId: '627a0a17afcd8f00041104b5',
      }),
    ]);
    expect(found.systemCharges).toEqual({ unitDeposit: {}, unitRent: {} });
  });

  test('the unit-rental dropdown: "sv004 · Bart Simpson · Spring Valley (spring_valley)"', async () => {
    sg()
      .get(`${ADMIN}/unit-rentals`)
      .query({ include: 'unit,owner', limit: 50, offset: 0 })
      .reply(200, [unitRental])
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, sites);
    await expect(dropdown('unit_rental_list')).resolves.toEqual([
      { id: unitRental.id, label: 'sv004 · Bart Simpson · Spring Valley (spring_valley)' },
    ]);
  });
});

describe('a customer', () => {
  test('Find Customer by whole name, then by phone', async () => {
    sg().get(`${ADMIN}/users`).query({ search: 'charlie sample', limit: 10 }).reply(200, [user]);
    sg().get(`${ADMIN}/users/${user.id}`).query(userInclude).reply(200, user);
    await expect(search('find_customer', { nameOrPhone: 'charlie sample' })).resolves.toMatchObject([
      { id: user.id, name: 'Charlie Sample', email: 'charlie.sample@example.com' },
    ]);
    sg().get(`${ADMIN}/users`).query({ search: '555 636 1234', limit: 10 }).reply(200, [bart]);
    sg().get(`${ADMIN}/users/${bart.id}`).query(userInclude).reply(200, bart);
    await expect(search('find_customer', { nameOrPhone: '555 636 1234' })).resolves.toMatchObject([
      { id: bart.id, name: 'Bart Simpson' },
    ]);
  });
});

describe('sites: titles are translations { en, de, es, fr, pt }', () => {
  test('the site dropdown labels them in English with their code', async () => {
    sg().get(`${ADMIN}/sites`).query(true).reply(200, sites);
    await expect(dropdown('site_list')).resolves.toEqual([
      { id: '66ce753e7405aa00158ba679', label: 'Central (central)' },
      { id: '66ce753e7405aa00158ba68e', label: 'Spring Valley (spring_valley)' },
      { id: '66ce753e7405aa00158ba69f', label: 'Sunset Park (sunset)' },
      { id: '66ce753e7405aa00158ba6b0', label: 'Vegas Strip Parking & Vehicle Storage (vegas-strip)' },
    ]);
  });

  test('Find Site by its German subtitle is no match, by its name is; texts are handed on in English', async () => {
    sg().get(`${ADMIN}/sites`).query(true).twice().reply(200, sites);
    await expect(search('find_site', { site: 'Direkt am Park' })).resolves.toEqual([]);
    const [found] = await search('find_site', { site: 'sunset park' });
    expect(found).toMatchObject({
      code: 'sunset',
      title: 'Sunset Park',
      subtitle: 'By the park',
      address: '2640 East Sunset Road, \nLas Vegas',
    });
    expect(found.occupancy).toEqual({ blocked: 0, available: 153, reserved: 1, occupied: 1, overdue: 1 });
  });
});

describe('units: plain names such as "sv004"', () => {
  test('Find Unit by name within its site, and the unit dropdown label', async () => {
    sg().get(`${ADMIN}/units`).query({ siteId: unit.siteId, limit: 1000, offset: 0 }).reply(200, [unit]);
    sg().get(`${ADMIN}/units/${unit.id}`).query({ include: 'customFields' }).reply(200, unit);
    await expect(search('find_unit', { siteId: unit.siteId, unitName: 'SV004' })).resolves.toMatchObject([
      { id: unit.id, name: 'sv004', state: 'reserved', featureIds: unit.featureIds },
    ]);
    sg()
      .get(`${ADMIN}/units`)
      .query({ siteId: unit.siteId, limit: 100, offset: 0 })
      .reply(200, [unit])
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, sites);
    await expect(dropdown('unit_list', { siteId: unit.siteId })).resolves.toEqual([
      { id: unit.id, label: 'sv004 (reserved) · Spring Valley (spring_valley)' },
    ]);
  });
});
