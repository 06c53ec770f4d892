import { type KindKey, RECORD_KINDS } from '../src/record-kinds';
import { samples } from '../src/record-samples';
import { ADMIN, App, AUTH, appTester, failure, sg, userMessage } from './helpers';

/** The app as plain data, so tests can index operations by key. */
const app: Record<string, any> = App;

type Row = Record<string, any>;
const search = (key: string, inputData: Record<string, unknown>) =>
  appTester(app.searches[key].operation.perform as never, { authData: AUTH, inputData }) as Promise<Row[]>;
/** A record as an instant trigger hands it on (the record kinds table's output function). */
const asTrigger = (kind: KindKey, record: Row) => RECORD_KINDS[kind].output(record as never);

const owner = { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' };
const job = {
  id: 'job_1',
  type: 'unit_moveIn',
  state: 'completed',
  ownerId: 'api_user',
  data: { unitId: 'unit_1' },
  result: { ownerId: 'usr_1', unitRentalId: 'ur_1' },
  steps: [{ id: 's1', type: 'unit_moveIn_agreement', state: 'completed', title: { en: 'Agreement' } }],
};
const rental = (id: string, extra: Row = {}) => ({
  id,
  unitId: 'unit_1',
  siteId: 'site_lon',
  ownerId: 'usr_1',
  state: 'occupied',
  startDate: '2026-11-21',
  charges: [{ id: 'ch_1', title: { en: 'Padlock' }, amount: 12.5 }],
  unit: { id: 'unit_1', name: 'A-104' },
  owner,
  ...extra,
});
const invoice = { id: 'inv_1', sid: 10234, state: 'sent', ownerId: 'usr_1', owner, total: 141.5, balance: 141.5 };
const notFound = { error: { message: 'Not found' } };

describe('Find Job', () => {
  test('hit: the job, shaped exactly like a trigger\'s job', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query({ include: 'customFields' }).reply(200, job);
    const [found, ...rest] = await search('find_job', { jobId: ' job_1 ' });
    expect(rest).toEqual([]);
    expect(found).toEqual(asTrigger('job', job));
    expect(found).toMatchObject({ id: 'job_1', customerId: 'usr_1', unitRentalId: 'ur_1', unitId: 'unit_1' });
    expect(found.steps[0].title).toBe('Agreement');
  });

  test('miss: an empty result, not an error', async () => {
    const scope = sg().get(`${ADMIN}/jobs/job_404`).query(true).reply(404, notFound);
    await expect(search('find_job', { jobId: 'job_404' })).resolves.toEqual([]);
    scope.done();
  });

  test('bad input: a blank id is refused before any request', async () => {
    const err = userMessage(await failure(search('find_job', { jobId: '  ' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Job ID is required.' });
  });

  test('other failures are not swallowed as a miss', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(403, { error: { message: 'Insufficient role' } });
    expect(userMessage(await failure(search('find_job', { jobId: 'job_1' }))).code).toBe('forbidden');
  });
});

describe('Find Unit Rental', () => {
  const include = { include: 'unit,owner,customFields,agreementUrl' };

  test('hit by id: shaped exactly like a trigger\'s unit rental', async () => {
    sg().get(`${ADMIN}/unit-rentals/ur_1`).query(include).reply(200, rental('ur_1'));
    const result = await search('find_unit_rental', { unitRentalId: 'ur_1' });
    expect(result).toEqual([asTrigger('unitRental', rental('ur_1'))]);
    expect(result[0]).toMatchObject({ unitName: 'A-104', customerName: 'Jane Doe', customerEmail: 'jane.doe@example.com' });
    expect(result[0].charges[0].title).toBe('Padlock');
  });

  test('miss by id: empty', async () => {
    sg().get(`${ADMIN}/unit-rentals/ur_404`).query(true).reply(404, notFound);
    await expect(search('find_unit_rental', { unitRentalId: 'ur_404' })).resolves.toEqual([]);
  });

  test('hit by customer e-mail, narrowed by site and unit name; current rentals first', async () => {
    const scope = sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(true)
      .reply(200, owner)
      .get(`${ADMIN}/unit-rentals`)
      .query({ ownerId: 'usr_1', limit: 1000, offset: 0 })
      .reply(200, [
        { id: 'ur_old', ownerId: 'usr_1', siteId: 'site_lon', state: 'ended', startDate: '2025-01-01' },
        { id: 'ur_man', ownerId: 'usr_1', siteId: 'site_man', state: 'occupied', startDate: '2026-10-01' },
        { id: 'ur_1', ownerId: 'usr_1', siteId: 'site_lon', state: 'occupied', startDate: '2026-11-21' },
        { id: 'ur_other', ownerId: 'usr_9', siteId: 'site_lon', state: 'occupied' }, // a filter the tenant ignored
      ])
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental('ur_1'))
      .get(`${ADMIN}/unit-rentals/ur_old`)
      .query(include)
      .reply(200, rental('ur_old', { state: 'ended', unit: { id: 'unit_2', name: 'B-200' } }));

    const result = await search('find_unit_rental', { customerEmail: 'Jane.Doe@example.com', siteId: 'site_lon', unitName: 'a-104' });
    expect(result.map((r) => r.id)).toEqual(['ur_1']);
    scope.done();
  });

  test('by e-mail without filters: every rental of the customer, current first', async () => {
    sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(true)
      .reply(200, owner)
      .get(`${ADMIN}/unit-rentals`)
      .query(true)
      .reply(200, [
        { id: 'ur_old', ownerId: 'usr_1', state: 'ended', startDate: '2025-01-01' },
        { id: 'ur_1', ownerId: 'usr_1', state: 'occupied', startDate: '2026-11-21' },
      ])
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(true)
      .reply(200, rental('ur_1'))
      .get(`${ADMIN}/unit-rentals/ur_old`)
      .query(true)
      .reply(200, rental('ur_old', { state: 'ended' }));
    const result = await search('find_unit_rental', { customerEmail: 'jane.doe@example.com' });
    expect(result.map((r) => r.id)).toEqual(['ur_1', 'ur_old']);
  });

  test('miss by e-mail: no such customer is an empty result', async () => {
    sg().get(`${ADMIN}/users/nobody%40example.com`).query(true).reply(404, notFound);
    sg().get(`${ADMIN}/users`).query({ search: 'nobody@example.com', limit: 10 }).reply(200, []);
    await expect(search('find_unit_rental', { customerEmail: 'nobody@example.com' })).resolves.toEqual([]);
  });

  test('miss by e-mail: the customer has no rental at that site', async () => {
    sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(true)
      .reply(200, owner)
      .get(`${ADMIN}/unit-rentals`)
      .query(true)
      .reply(200, [{ id: 'ur_1', ownerId: 'usr_1', siteId: 'site_lon' }]);
    await expect(search('find_unit_rental', { customerEmail: 'jane.doe@example.com', siteId: 'site_man' })).resolves.toEqual([]);
  });

  test.each([
    [{}, 'Fill in the Unit Rental ID or the Customer Email.'],
    [{ customerEmail: 'jane' }, '"jane" is not an e-mail address.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(search('find_unit_rental', input)))).toMatchObject({ code: 'invalid_input', message });
  });
});

describe('Find Customer', () => {
  const include = { include: 'customFields,billing' };

  test('hit by e-mail: shaped exactly like a trigger\'s customer', async () => {
    sg().get(`${ADMIN}/users/jane.doe%40example.com`).query(include).reply(200, owner);
    const result = await search('find_customer', { email: ' Jane.Doe@Example.com ' });
    expect(result).toEqual([asTrigger('customer', owner)]);
    expect(result[0].name).toBe('Jane Doe');
  });

  test('hit by id', async () => {
    sg().get(`${ADMIN}/users/usr_1`).query(include).reply(200, owner);
    await expect(search('find_customer', { customerId: 'usr_1' })).resolves.toMatchObject([{ id: 'usr_1' }]);
  });

  test('miss: empty (the look-up answers 404 and the search finds no such e-mail)', async () => {
    sg().get(`${ADMIN}/users/nobody%40example.com`).query(true).reply(404, notFound);
    const search1 = sg()
      .get(`${ADMIN}/users`)
      .query({ search: 'nobody@example.com', limit: 10 })
      .reply(200, [{ id: 'usr_7', email: 'nobody@example.com.au' }]);
    await expect(search('find_customer', { email: 'nobody@example.com' })).resolves.toEqual([]);
    search1.done();
  });

  test('a look-up that answers with someone else is a miss, not a wrong customer', async () => {
    sg().get(`${ADMIN}/users/jane.doe%40example.com`).query(true).reply(200, { ...owner, email: 'other@example.com' });
    await expect(search('find_customer', { email: 'jane.doe@example.com' })).resolves.toEqual([]);
  });

  test.each([
    [{}, "Fill in the customer's Email, Customer ID, or Name or Phone."],
    [{ email: 'not an email' }, '"not an email" is not an e-mail address.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(search('find_customer', input)))).toMatchObject({ code: 'invalid_input', message });
  });

  test('Find or Create Customer pairs the search with Create Customer', () => {
    expect(app.searchOrCreates.find_customer).toMatchObject({ key: 'find_customer', search: 'find_customer', create: 'create_customer' });
    expect(app.searchOrCreates.find_customer.display.label).toBe('Find or Create Customer');
  });
});

describe('Find Invoice', () => {
  const include = { include: 'owner,customFields' };

  test('hit by id: shaped exactly like a trigger\'s invoice', async () => {
    sg().get(`${ADMIN}/invoices/inv_1`).query(include).reply(200, invoice);
    const result = await search('find_invoice', { invoiceId: 'inv_1' });
    expect(result).toEqual([asTrigger('invoice', invoice)]);
    expect(result[0]).toMatchObject({ invoiceNumber: '10234', customerEmail: 'jane.doe@example.com' });
  });

  test('hit by number: matched on our side, then read by id with the hydration include', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => !('sid' in q) && q.limit === '1000' && q.offset === '0' && typeof q.updatedAfter === 'string')
      .reply(200, [{ id: 'inv_9', sid: 99 }, { id: 'inv_1', sid: 10234 }])
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice);
    await expect(search('find_invoice', { invoiceNumber: '#10234' })).resolves.toMatchObject([{ id: 'inv_1', invoiceNumber: '10234' }]);
    scope.done();
  });

  test('miss by number: a tenant that ignores the filter cannot hand back another invoice', async () => {
    sg().get(`${ADMIN}/invoices`).query(true).reply(200, [{ id: 'inv_9', sid: 99 }]);
    await expect(search('find_invoice', { invoiceNumber: '10234' })).resolves.toEqual([]);
  });

  test('miss by id: empty', async () => {
    sg().get(`${ADMIN}/invoices/inv_404`).query(true).reply(404, notFound);
    await expect(search('find_invoice', { invoiceId: 'inv_404' })).resolves.toEqual([]);
  });

  test('bad input: neither id nor number', async () => {
    const err = userMessage(await failure(search('find_invoice', { invoiceNumber: ' # ' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Fill in the Invoice ID or the Invoice Number.' });
  });
});

describe('search samples are the shared realistic records', () => {
  test.each([
    ['find_job', 'job'],
    ['find_unit_rental', 'unitRental'],
    ['find_customer', 'customer'],
    ['find_invoice', 'invoice'],
  ] as const)('%s sample is samples.%s (built by the same output function as live results)', (key, kind) => {
    expect(app.searches[key].operation.sample).toBe(samples[kind]);
  });
});
