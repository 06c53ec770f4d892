/**
 * Instant triggers fed with records captured from a real Storeganise trial business
 * (test/fixtures/real): a signed delivery names real ids, perform fetches them and hands on what a
 * Zap user expects — who the customer is, the printed invoice number, plain English texts.
 */
import invoice from '../fixtures/real/invoice.json';
import unitRental from '../fixtures/real/unit-rental.json';
import settings from '../fixtures/real/settings.json';
import user from '../fixtures/real/user.json';
import { INCLUDE } from '../../src/client';
import { HYDRATE_WINDOW_MS } from '../../src/triggers/polling';
import { ADMIN, App, appTester, AUTH, sg, unansweredRequests } from '../helpers';
import { signedDelivery } from '../fixtures/deliveries';
import { homer } from '../fixtures/records';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;

function perform(
  key: string,
  type: string,
  data: Dict,
  inputData: Dict = {},
  freshCache = true,
  id = `evt_${key}`,
) {
  const body = { id, created: '2024-09-04T06:44:00.000Z', type, data };
  const bundle = signedDelivery(body, {
    authData: AUTH,
    inputData,
    subscribeData: { id: 'wh_zap_1', events: [] },
  });
  return appTester(triggers[key].operation.perform, bundle, freshCache) as Promise<Dict[]>;
}

/** Runs perform and says how many requests no mock answered (each test mocks exactly what it expects). */
async function performed(key: string, type: string, data: Dict): Promise<{ out: Dict; unanswered: number }> {
  let outputs: Dict[] = [];
  const unanswered = await unansweredRequests(async () => {
    outputs = await perform(key, type, data);
  });
  expect(outputs).toHaveLength(1);
  return { out: outputs[0], unanswered };
}

test('Invoice State Changed: the printed number, the customer named and reachable, line items and currency', async () => {
  const scope = sg()
    .get(`${ADMIN}/invoices/${invoice.id}`)
    .query({ include: INCLUDE.invoice })
    .reply(200, invoice)
    .get(`${ADMIN}/settings`)
    .reply(200, settings)
    .get(`${ADMIN}/users/${homer.id}`)
    .query({ include: INCLUDE.customer })
    .reply(200, homer); // not captured: our stand-in for Homer's own record
  const { out, unanswered } = await performed('invoice_state_changed', 'invoice.state.updated', {
    invoiceId: invoice.id,
    to: 'sent',
  });
  expect(unanswered).toBe(0);
  expect(out).toMatchObject({ to: 'sent', invoiceId: invoice.id });
  expect(out.invoice).toMatchObject({
    invoiceNumber: 'cen000041',
    customerId: homer.id,
    customerName: 'Homer Simpson',
    customerEmail: 'homer.simpson@example.com',
    total: 334.1,
    balance: 334.1,
    currency: 'USD',
    subtotal: 295.75,
    taxTotal: 38.35,
  });
  // the entries as line items an accounting step maps (every value: test/real-records.test.ts)
  expect(
    out.invoice.lineItems.map((l: Dict) => [
      l.description,
      l.quantity,
      l.unitAmount,
      l.taxRate,
      l.tax,
      l.total,
    ]),
  ).toEqual([
    ['Deposit', 1, 99, 0, 0, 99],
    ['Prorated rent', 1, 87.75, 20, 17.55, 105.3],
    ['Rent', 1, 99, 20, 19.8, 118.8],
    ['Admin fee', 1, 10, 10, 1, 11],
  ]);
  scope.done();
});

test('Unit Rental Updated: unit name, customer, English charge titles, preset charges keep their source', async () => {
  sg()
    .get(`${ADMIN}/unit-rentals/${unitRental.id}`)
    .query({ include: INCLUDE.unitRental })
    .reply(200, unitRental);
  const { out, unanswered } = await performed('unit_rental_updated', 'unitRental.updated', {
    unitRentalId: unitRental.id,
    changedKeys: ['customFields.gate_code'],
  });
  expect(unanswered).toBe(0);
  expect(out.unitRental).toMatchObject({
    unitName: 'sv004',
    customerName: 'Bart Simpson',
    customerEmail: 'spaceup+bart@storeganise.com',
    charges: [{ title: 'Admin fee' }],
  });
  expect(out.unitRental.owner.charges[1]).toMatchObject({
    title: 'Additional Insurance',
    sourceType: 'preset',
    sourceId: '627a0a17afcd8f00041104b5',
  });
  expect(JSON.stringify(out)).not.toMatch(/"en":/);
});

test('New Customer: the whole name as the record carries it', async () => {
  sg().get(`${ADMIN}/users/${user.id}`).query({ include: INCLUDE.customer }).reply(200, user);
  const { out, unanswered } = await performed('new_customer', 'user.created', { userId: user.id });
  expect(unanswered).toBe(0);
  expect(out.customer).toMatchObject({
    id: user.id,
    name: 'Charlie Sample',
    email: 'charlie.sample@example.com',
  });
});

test('Unit Updated: a plain unit name such as "sv004"', async () => {
  sg()
    .get(`${ADMIN}/units/${unitRental.unit.id}`)
    .query({ include: INCLUDE.unit })
    .reply(200, unitRental.unit);
  const { out, unanswered } = await performed('unit_updated', 'unit.updated', {
    unitId: unitRental.unit.id,
    changedKeys: ['state'],
  });
  expect(unanswered).toBe(0);
  expect(out.unit).toMatchObject({
    name: 'sv004',
    state: 'reserved',
    featureIds: unitRental.unit.featureIds,
  });
});

test('New Move-In: real rental, unit, customer and site around a job of ours (no job was captured)', async () => {
  const site = settings.sites.find((s) => s.id === unitRental.siteId)!;
  const bart = unitRental.owner;
  const job = {
    id: unitRental.moveInJobId,
    type: 'unit_moveIn',
    state: 'created',
    ownerId: 'api_user',
    data: { unitId: unitRental.unitId, startDate: unitRental.startDate },
    result: { ownerId: bart.id, unitId: unitRental.unitId, siteId: site.id },
    steps: [{ id: 'st_start', type: 'start', state: 'completed', result: { unitRentalId: unitRental.id } }],
  };
  const scope = sg()
    .get(`${ADMIN}/jobs/${job.id}`)
    .query({ include: INCLUDE.job })
    .reply(200, job)
    .get(`${ADMIN}/unit-rentals/${unitRental.id}`)
    .query({ include: INCLUDE.unitRental })
    .reply(200, unitRental)
    .get(`${ADMIN}/users/${bart.id}`)
    .query({ include: INCLUDE.customer })
    .reply(200, bart)
    .get(`${ADMIN}/units/${unitRental.unitId}`)
    .query({ include: INCLUDE.unit })
    .reply(200, unitRental.unit)
    .get(`${ADMIN}/sites/${site.id}`)
    .reply(200, site);
  const { out, unanswered } = await performed('new_move_in', 'job.unit_moveIn.created', { jobId: job.id });
  expect(unanswered).toBe(0);
  expect(out.customer).toMatchObject({ name: 'Bart Simpson', phone: '555-636-1234' });
  expect(out.unit).toMatchObject({ name: 'sv004' });
  // a site's texts are translations { en, de, es, fr, pt }: handed on in English
  expect(out.site).toMatchObject({ name: 'Spring Valley', code: 'spring_valley', title: 'Spring Valley' });
  expect(out.site.subtitle).toBe('Our biggest location with more than 1,000 units!');
  scope.done();
});

/** Derived from the captured invoice: the same invoice once its balance is paid by card (ours). */
const paid = {
  ...invoice,
  state: 'paid',
  amountPaid: 334.1,
  balance: 0,
  payments: [{ id: 'pay_real_1', type: 'manual', amount: 334.1, method: 'card', date: '2024-09-05' }],
};
describe('Invoice Paid with the real invoice', () => {
  const invoiceGet = (record: Dict) =>
    sg().get(`${ADMIN}/invoices/${invoice.id}`).query({ include: INCLUDE.invoice }).reply(200, record);
  const homerGet = () =>
    sg().get(`${ADMIN}/users/${homer.id}`).query({ include: INCLUDE.customer }).reply(200, homer);
  /** The invoice's rental (not captured): the captured rental moved to the invoice's id and site (ours). */
  const rental = {
    ...unitRental,
    id: invoice.unitRentalId,
    siteId: invoice.siteId,
    unit: { ...unitRental.unit, siteId: invoice.siteId },
  };

  test('as captured (sent, 334.10 to pay) a payments update does not fire', async () => {
    invoiceGet(invoice);
    homerGet();
    await expect(
      perform('invoice_paid', 'invoice.payments.updated', { invoiceId: invoice.id }),
    ).resolves.toEqual([]);
  });

  test('once paid it fires once with the customer and the rental; the payments update of the same payment does not', async () => {
    invoiceGet(paid);
    homerGet();
    sg()
      .get(`${ADMIN}/users/${homer.id}`)
      .query({ include: INCLUDE.customer })
      .optionally()
      .reply(200, homer);
    sg().get(`${ADMIN}/unit-rentals/${rental.id}`).query({ include: INCLUDE.unitRental }).reply(200, rental);
    const first = await perform('invoice_paid', 'invoice.state.updated', {
      invoiceId: invoice.id,
      to: 'paid',
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      invoice: { invoiceNumber: 'cen000041', state: 'paid', balance: 0, customerName: 'Homer Simpson' },
      customer: { id: homer.id, email: 'homer.simpson@example.com' },
      unitRental: { id: rental.id, unitName: 'sv004' },
    });

    invoiceGet(paid);
    homerGet();
    const again = await perform(
      'invoice_paid',
      'invoice.payments.updated',
      { invoiceId: invoice.id },
      {},
      false,
      'evt_2',
    );
    expect(again).toEqual([]);
  });

  test.each([
    ['spring_valley', 0],
    ['central', 1],
  ])('Only for Sites: the real invoice is at Central; a Zap for %s gets %s', async (code, count) => {
    const site = settings.sites.find((s) => s.code === code)!.id;
    invoiceGet(paid);
    homerGet();
    sg()
      .get(`${ADMIN}/users/${homer.id}`)
      .query({ include: INCLUDE.customer })
      .optionally()
      .reply(200, homer);
    sg()
      .get(`${ADMIN}/unit-rentals/${rental.id}`)
      .query({ include: INCLUDE.unitRental })
      .optionally()
      .reply(200, rental);
    const out = await perform(
      'invoice_paid',
      'invoice.state.updated',
      { invoiceId: invoice.id, to: 'paid' },
      { siteIds: [site] },
    );
    expect(out).toHaveLength(count);
  });
});

describe('New Paid Invoice (Polling) with the real invoice', () => {
  const poll = (fresh: boolean) =>
    appTester(
      triggers.invoice_paid_polling.operation.perform,
      { authData: AUTH, inputData: {} },
      fresh,
    ) as Promise<Dict[]>;

  test('a listed invoice names its customer as { id, name }: the e-mail is read while the payment can be new to Zapier', async () => {
    const justPaid = { ...paid, updated: new Date().toISOString() };
    const unpaid = { ...invoice, id: '66d8019b88e79a0015dc96ff', sid: 'cen000042' };
    sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => typeof q.updatedAfter === 'string' && !('include' in q))
      .reply(200, [justPaid, unpaid])
      .get(`${ADMIN}/settings`) // beside the list: the currency of the invoices
      .reply(200, settings);
    const homerScope = sg()
      .get(`${ADMIN}/users/${homer.id}`)
      .query({ include: INCLUDE.customer })
      .reply(200, homer);
    const first = await poll(true);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      invoiceId: invoice.id,
      invoice: {
        invoiceNumber: 'cen000041',
        customerName: 'Homer Simpson',
        customerEmail: 'homer.simpson@example.com',
        currency: 'USD',
        taxTotal: 38.35,
      },
    });
    expect(first[0].invoice.lineItems.map((l: Dict) => l.description)).toEqual([
      'Deposit',
      'Prorated rent',
      'Rent',
      'Admin fee',
    ]);
    expect(first[0].invoice.owner).not.toHaveProperty('customFields'); // only the contact fields are kept
    homerScope.done();

    // a poll after the window: Zapier has seen this payment, so it goes as listed, with no request for its customer
    sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => typeof q.updatedAfter === 'string')
      .reply(200, [{ ...justPaid, updated: new Date(Date.now() - HYDRATE_WINDOW_MS - 60_000).toISOString() }])
      .get(`${ADMIN}/settings`) // beside the list: the currency of the invoices
      .reply(200, settings);
    let second: Dict[] = [];
    const tried = await unansweredRequests(async () => {
      second = await poll(false);
    });
    expect(tried).toBe(0);
    expect(second.map((o) => o.id)).toEqual(first.map((o) => o.id)); // the same dedupe id: no second run
    expect(second[0].invoice).toMatchObject({ customerName: 'Homer Simpson', customerEmail: null });
    expect(appTester.cache.find('storeganise:')).toEqual([]); // no customer's data kept in Zapier's cache
  });
});

describe('New Unit Rental (Polling) and New Customer (Polling) with the real records', () => {
  const poll = (key: string) =>
    appTester(triggers[key].operation.perform, { authData: AUTH, inputData: {} }, true) as Promise<Dict[]>;

  test('the captured rental is only reserved: no move-in yet; once occupied it fires with unit and customer', async () => {
    const occupied = {
      ...unitRental,
      id: '66d801ac786e1000159e7dff',
      state: 'occupied',
      updated: new Date().toISOString(),
    }; // ours
    sg()
      .get(`${ADMIN}/unit-rentals`)
      .query((q) => q.include === 'unit,owner' && q.limit === '50')
      .reply(200, [unitRental, occupied]);
    const out = await poll('new_unit_rental_polling');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      id: occupied.id,
      unitRentalId: occupied.id,
      unitRental: {
        unitName: 'sv004',
        customerName: 'Bart Simpson',
        customerEmail: 'spaceup+bart@storeganise.com',
      },
    });
  });

  test('customers created years ago (as captured) do not fire; one created now does', async () => {
    const fresh = { ...user, id: '66ce753e7405aa00158ba5ff', created: new Date().toISOString() }; // ours, derived
    sg().get(`${ADMIN}/users`).query(true).reply(200, [user, bart(), fresh]);
    const out = await poll('new_customer_polling');
    expect(out.map((o) => o.userId)).toEqual([fresh.id]);
    expect(out[0].customer).toMatchObject({ name: 'Charlie Sample', email: 'charlie.sample@example.com' });
  });
});

function bart(): Dict {
  return unitRental.owner;
}
