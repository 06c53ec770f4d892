/**
 * Invoice Paid (issue 11): fires once when an invoice becomes fully paid — the state change to paid,
 * or a payments update that leaves nothing to pay — with the invoice, its customer and unit rental.
 */
import { createHmac } from 'node:crypto';
import { ADMIN, App, appTester, AUTH, sg, watchStrayRequests, WEBHOOK_SECRET } from '../helpers';
import { customer, stamps, unit as occupiedUnit } from '../fixtures/records';
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
const run = (body: unknown, subscribeData?: Dict) =>
  appTester(trigger.operation.perform, delivery(body, subscribeData)) as Promise<Dict[]>;

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
const rental = {
  id: 'ur_1',
  unitId: 'unit_1',
  siteId: 'site_1',
  ownerId: 'usr_1',
  state: 'occupied',
  startDate: '2026-11-21',
  endDate: null,
  price: 129,
  deposit: 50,
  overdue: false,
  charges: [],
  customFields: {},
  unit,
  owner,
  ...stamps,
};

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
