/**
 * Invoice Paid (issue 11): fires once when an invoice becomes fully paid — the state change to paid,
 * or a payments update that leaves nothing to pay — with the invoice, its customer and unit rental.
 */
import { createHmac } from 'node:crypto';
import { ADMIN, App, appTester, AUTH, failure, sg, watchStrayRequests, WEBHOOK_SECRET } from '../helpers';
import { isFullyPaid, paymentsDigest } from '../../src/webhooks/paid-episodes';
import { customer, rental as janesRental, stamps, unit as occupiedUnit } from '../fixtures/records';
import { sampleParityViolations } from '../publishing-rules';

type Dict = Record<string, any>;
const trigger = (App.triggers as Dict).invoice_paid;

function delivery(body: unknown, subscribeData: Dict = { id: 'wh_paid' }, inputData: Dict = {}) {
  const content = JSON.stringify(body);
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(content).digest('base64');
  return {
    authData: AUTH,
    inputData,
    subscribeData,
    cleanedRequest: body,
    rawRequest: { method: 'POST', querystring: '', content, headers: { 'Http-Sg-Signature': signature } },
  };
}
const run = (body: unknown, subscribeData?: Dict, inputData?: Dict) =>
  appTester(trigger.operation.perform, delivery(body, subscribeData, inputData)) as Promise<Dict[]>;

const owner = { ...customer, customFields: {} };
const unit = { ...occupiedUnit, customFields: {} };
const payment = (id: string, amount: number) => ({
  id,
  type: 'manual',
  amount,
  method: 'card',
  date: '2026-11-21',
  notes: '',
});
const invoice = (over: Dict = {}) => ({
  id: 'inv_1',
  sid: 'lon010234',
  state: 'paid',
  ownerId: 'usr_1',
  owner,
  siteId: 'site_1',
  unitRentalId: 'ur_1',
  entries: [{ desc: 'Rent', qty: 1, amount: 141.5, subtotal: 141.5, tax: 0, total: 141.5 }],
  subtotal: 141.5,
  tax: 0,
  total: 141.5,
  balance: 0,
  payments: [payment('pay_1', 141.5)],
  customFields: {},
  ...stamps,
  ...over,
});
const rental = { ...janesRental, unit, owner };

/** The invoice, and beside it the business settings that name its currency. */
const answerInvoice = (body: Dict) =>
  sg()
    .get(`${ADMIN}/invoices/inv_1`)
    .query({ include: 'owner,customFields' })
    .reply(200, body)
    .get(`${ADMIN}/settings`)
    .reply(200, { currency: '£', currencyCode: 'GBP' });
const answerRelated = () =>
  sg()
    .get(`${ADMIN}/users/usr_1`)
    .query({ include: 'customFields,billing' })
    .reply(200, owner)
    .get(`${ADMIN}/unit-rentals/ur_1`)
    .query({ include: 'unit,owner,customFields,agreementUrl' })
    .reply(200, rental);
const stateEvent = (id: string, to = 'paid') => ({
  id,
  type: 'invoice.state.updated',
  created: stamps.updated,
  data: { invoiceId: 'inv_1', to },
});
const paymentsEvent = (id: string) => ({
  id,
  type: 'invoice.payments.updated',
  created: stamps.updated,
  data: { invoiceId: 'inv_1' },
});

let unmatched: jest.Mock;
let stopWatching: () => void;
beforeEach(() => {
  unmatched = jest.fn();
  stopWatching = watchStrayRequests(unmatched);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  appTester.cache.clear();
});
afterEach(() => {
  stopWatching();
  jest.restoreAllMocks();
});

test('the state change to paid: the invoice, its customer and unit rental, shaped like the sample (T006)', async () => {
  answerInvoice(invoice());
  answerRelated();
  const [out, ...rest] = await run(stateEvent('e1'));
  expect(rest).toEqual([]);
  expect(out).toMatchObject({
    id: 'e1',
    invoiceId: 'inv_1',
    invoice: {
      invoiceNumber: 'lon010234',
      balance: 0,
      currency: 'GBP',
      lineItems: [{ description: 'Rent', quantity: 1, unitAmount: 141.5, total: 141.5 }],
    },
    customer: { email: 'jane.doe@example.com' },
    unitRental: { id: 'ur_1', unitName: 'A-104' },
  });
  expect(sampleParityViolations('invoice_paid', trigger.operation.sample, out)).toEqual([]);
  expect(unmatched).not.toHaveBeenCalled();
});

test('a partial payment does not fire (the invoice read, no more); the payment that leaves nothing to pay does', async () => {
  answerInvoice(invoice({ state: 'sent', balance: 41.5, payments: [payment('pay_1', 100)] }));
  expect(await run(paymentsEvent('p1'))).toEqual([]);
  answerInvoice(
    invoice({ state: 'sent', balance: 0, payments: [payment('pay_1', 100), payment('pay_2', 41.5)] }),
  );
  answerRelated();
  expect((await run(paymentsEvent('p2'))).map((o) => o.id)).toEqual(['p2']);
  expect(unmatched).not.toHaveBeenCalled();
});

test('the two events of one payment fire once, in one delivery or in two', async () => {
  answerInvoice(invoice());
  answerRelated();
  expect(await run([paymentsEvent('a1'), stateEvent('a2')])).toHaveLength(1);
  answerInvoice(invoice());
  expect(await run(paymentsEvent('a3'))).toEqual([]); // same payments: this Zap already fired for them
  expect(unmatched).not.toHaveBeenCalled();
});

test('paid again after a refund and a new payment fires again; a redelivery never does', async () => {
  answerInvoice(invoice());
  answerRelated();
  expect(await run(stateEvent('r1'))).toHaveLength(1);
  expect(await run(stateEvent('r1'))).toEqual([]); // redelivery: no request
  answerInvoice(
    invoice({ payments: [payment('pay_1', 141.5), payment('ref_1', -141.5), payment('pay_3', 141.5)] }),
  );
  answerRelated();
  expect(await run(stateEvent('r2'))).toHaveLength(1);
  expect(unmatched).not.toHaveBeenCalled();
});

test('a state change to another state does not fire', async () => {
  answerInvoice(invoice({ state: 'failed' }));
  expect(await run(stateEvent('f1', 'failed'))).toEqual([]);
});

test('a state change that does not say it is to paid does not fire, and fails nothing, even on a paid invoice', async () => {
  for (const to of [undefined, 7, null]) {
    answerInvoice(invoice());
    const event = { ...stateEvent(`n${String(to)}`), data: { invoiceId: 'inv_1', to } };
    expect(await run(event)).toEqual([]);
  }
  expect(unmatched).not.toHaveBeenCalled();
});

test('a delivery with no payment event in it outputs nothing and asks Storeganise nothing', async () => {
  expect(await run([])).toEqual([]);
  expect(
    await run({ id: 'c1', type: 'invoice.created', created: stamps.updated, data: { invoiceId: 'inv_1' } }),
  ).toEqual([]);
  expect(unmatched).not.toHaveBeenCalled();
});

test('sample data: only fully paid invoices, with their customer and unit rental', async () => {
  sg()
    .get(`${ADMIN}/invoices`)
    .query(true)
    .reply(200, [invoice({ id: 'inv_2', state: 'sent', balance: 10 }), invoice()])
    .get(`${ADMIN}/settings`)
    .reply(200, { currency: '£', currencyCode: 'GBP' });
  answerRelated();
  const out = (await appTester(trigger.operation.performList, { authData: AUTH, inputData: {} })) as Dict[];
  expect(out.map((o) => o.invoiceId)).toEqual(['inv_1']);
  expect(out[0]).toMatchObject({
    customer: { id: 'usr_1' },
    unitRental: { id: 'ur_1' },
    invoice: { currency: 'GBP', lineItems: [{ description: 'Rent' }] },
  });
  expect(unmatched).not.toHaveBeenCalled();
});

test('it registers both event types and is labelled in the editor', async () => {
  const scope = sg()
    .post(
      `${ADMIN}/webhooks`,
      (body) =>
        JSON.stringify(body.events) === JSON.stringify(['invoice.state.updated', 'invoice.payments.updated']),
    )
    .reply(201, { id: 'wh_9' });
  await appTester(trigger.operation.performSubscribe, {
    authData: AUTH,
    inputData: {},
    targetUrl: 'https://hooks.zapier.com/x',
  });
  scope.done();
  const labels = Object.fromEntries((trigger.operation.outputFields as Dict[]).map((f) => [f.key, f.label]));
  expect(labels).toMatchObject({
    customer__email: 'Customer Email',
    invoice__balance: 'Invoice Balance',
    unitRental__unitName: 'Unit Rental Unit Name',
  });
});

test('an invoice whose state is paid fires on a payments update, whatever its balance says', async () => {
  answerInvoice(invoice({ state: 'Paid', balance: 12.5 }));
  answerRelated();
  expect((await run(paymentsEvent('s1'))).map((o) => o.id)).toEqual(['s1']);
  expect(unmatched).not.toHaveBeenCalled();
});

test('fully paid: the state says paid, or nothing is left to pay on an invoice that had something to pay', () => {
  expect(isFullyPaid({ state: 'paid', balance: 50, total: 50 })).toBe(true);
  expect(isFullyPaid({ state: 'PAID' })).toBe(true);
  expect(isFullyPaid({ state: 'sent', balance: 0, total: 141.5 })).toBe(true);
  expect(isFullyPaid({ state: 'sent', balance: -5, total: 141.5 })).toBe(true); // overpaid
  expect(isFullyPaid({ state: 'sent', balance: 0 })).toBe(true); // no total given
  expect(isFullyPaid({ state: 'sent', balance: 0, total: 0 })).toBe(false); // a zero invoice was never paid
  expect(isFullyPaid({ state: 'sent', balance: 0.01, total: 141.5 })).toBe(false);
  expect(isFullyPaid({ state: 'sent', balance: '0', total: 141.5 })).toBe(false); // not a number
  expect(isFullyPaid({ state: 'sent', balance: Number.NaN, total: 141.5 })).toBe(false);
  expect(isFullyPaid({ state: 'sent', balance: 0, total: Number.NaN })).toBe(true); // an unreadable total is no total
  expect(isFullyPaid({ state: 7, balance: 10 })).toBe(false);
  expect(isFullyPaid(null)).toBe(false);
  expect(isFullyPaid(undefined)).toBe(false);
});

test('the paid episode changes with a payment’s id, amount or date, not with the order they are listed in', () => {
  const p1 = payment('pay_1', 100);
  const p2 = { ...payment('pay_2', 41.5), date: '2026-11-22' };
  const digest = paymentsDigest({ payments: [p1, p2] });
  expect(digest).toMatch(/^[0-9a-f]{16}$/);
  expect(paymentsDigest({ payments: [p2, p1] })).toBe(digest);
  expect(paymentsDigest({ payments: [p1, { ...p2, id: 'pay_3' }] })).not.toBe(digest);
  expect(paymentsDigest({ payments: [p1, { ...p2, amount: 41 }] })).not.toBe(digest);
  expect(paymentsDigest({ payments: [p1, { ...p2, date: '2026-11-23' }] })).not.toBe(digest);
  expect(paymentsDigest({ payments: [p1, { ...p2, notes: 'edited' }] })).toBe(digest); // an edit is no new payment
  // no payments list reads as no payments; a null entry does not break the digest
  expect(paymentsDigest({})).toBe(paymentsDigest({ payments: [] }));
  expect(paymentsDigest({ payments: 'none' })).toBe(paymentsDigest({ payments: [] }));
  expect(paymentsDigest({ payments: [null] })).toMatch(/^[0-9a-f]{16}$/);
  expect(paymentsDigest({ payments: [null] })).not.toBe(paymentsDigest({ payments: [] }));
});

test('the paid episode of a payment is the same in every version of the app, so a payment in flight across a deploy fires once', () => {
  // sha256 of "pay_1|100|2026-11-21\npay_2|41.5|2026-11-22", its first 16 hex digits
  const p2 = { ...payment('pay_2', 41.5), date: '2026-11-22' };
  expect(paymentsDigest({ payments: [p2, payment('pay_1', 100)] })).toBe('d89e3fc9eb153bf8');
  expect(paymentsDigest({ payments: [] })).toBe('e3b0c44298fc1c14'); // sha256 of nothing
  // a payment without an id, amount or date reads each as empty: "pay_1||" and "||"
  expect(paymentsDigest({ payments: [{ id: 'pay_1' }, {}] })).toBe('b67ea0128ca9c7b3');
});

test('each Zap fires once for a payment: two Zaps on the same invoice both fire', async () => {
  answerInvoice(invoice());
  answerRelated();
  expect(await run(stateEvent('z1'), { id: 'wh_zap_a' })).toHaveLength(1);
  answerInvoice(invoice());
  answerRelated();
  expect(await run(stateEvent('z1'), { id: 'wh_zap_b' })).toHaveLength(1);
  answerInvoice(invoice());
  expect(await run(paymentsEvent('z2'), { id: 'wh_zap_b' })).toEqual([]);
  expect(unmatched).not.toHaveBeenCalled();
});

test("when the invoice's customer or rental cannot be read, the step fails and Zapier's retry still fires", async () => {
  answerInvoice(invoice());
  sg()
    .get(`${ADMIN}/users/usr_1`)
    .query(true)
    .times(2) // read again without billing, as any failing customer read is
    .reply(503, { error: { message: 'down for a moment' } })
    .get(`${ADMIN}/unit-rentals/ur_1`)
    .query(true)
    .reply(200, rental);
  const error = await failure(run(stateEvent('x1')));
  expect(error.name).toBe('ThrottledError');
  answerInvoice(invoice());
  answerRelated();
  expect((await run(stateEvent('x1'))).map((o) => o.id)).toEqual(['x1']);
  expect(unmatched).not.toHaveBeenCalled();
});

test('Only for Sites: a paid invoice at another site does not fire', async () => {
  answerInvoice(invoice({ siteId: 'site_2' }));
  sg()
    .get(`${ADMIN}/users/usr_1`)
    .query(true)
    .reply(200, owner)
    .get(`${ADMIN}/unit-rentals/ur_1`)
    .query(true)
    .reply(200, { ...rental, siteId: 'site_2' });
  expect(await run(stateEvent('o1'), undefined, { siteIds: ['site_1'] })).toEqual([]);
  answerInvoice(invoice({ payments: [payment('pay_2', 141.5)] })); // paid at the chosen site
  answerRelated();
  expect((await run(stateEvent('o2'), undefined, { siteIds: ['site_1'] })).map((o) => o.id)).toEqual(['o2']);
  expect(unmatched).not.toHaveBeenCalled();
});
