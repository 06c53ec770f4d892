import nock from 'nock';
import { samples } from '../src/record-samples';
import { ADMIN, App, AUTH, appTester, failure, sg, userMessage } from './helpers';

/** The app as plain data, so tests can index operations by key. */
const app: Record<string, any> = App;
type Row = Record<string, any>;
const create = (key: string, inputData: Record<string, unknown>) =>
  appTester(app.creates[key].operation.perform, { authData: AUTH, inputData }) as Promise<Row>;

const userInclude = { include: 'customFields,billing' };
const rentalInclude = { include: 'unit,owner,customFields,agreementUrl' };
const jane = { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe', phone: '+44 20 7946 0958', customFields: { preferred_contact: 'email' } };

describe('Create Task', () => {
  const task = { targetType: 'unit', targetId: 'unit_1', title: 'Check lock on unit A-104', desc: 'Customer reported a stiff latch.' };
  const input = { unitId: 'unit_1', title: task.title, description: task.desc };
  const jobInclude = { include: 'customFields' };
  /** A fresh Zapier cache for the first run of each test: replays are then the test's own. */
  const firstRun = (inputData: Record<string, unknown>) =>
    appTester(app.creates.create_task.operation.perform, { authData: AUTH, inputData }, true) as Promise<Row>;

  /** The first run: job_9 is created (the Zapier cache starts empty). */
  async function createdOnce(): Promise<void> {
    const scope = sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', data: task });
    await firstRun(input);
    scope.done();
  }

  test('creates exactly this task job and returns the whole job as a trigger\'s job', async () => {
    const scope = sg()
      .post(`${ADMIN}/jobs`, (b) => {
        expect(b).toEqual({ type: 'task', ownerId: null, data: task });
        return true;
      })
      .reply(200, { id: 'job_9', type: 'task', state: 'created', ownerId: null, data: task })
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', ownerId: null, data: task, customFields: { priority: 'high' } });
    const out = await firstRun(input);
    scope.done();
    expect(out).toMatchObject({ id: 'job_9', type: 'task', customerId: null, customFields: { priority: 'high' }, duplicateSkipped: false });
  });

  test('on a customer: targetType user, no description sent when empty', async () => {
    const scope = sg()
      .post(`${ADMIN}/jobs`, { type: 'task', ownerId: null, data: { targetType: 'user', targetId: 'usr_1', title: 'Call about overdue invoice' } })
      .reply(200, { id: 'job_10', type: 'task', data: {} })
      .get(`${ADMIN}/jobs/job_10`)
      .query(jobInclude)
      .reply(200, { id: 'job_10', type: 'task', data: {} });
    await firstRun({ customerId: 'usr_1', title: 'Call about overdue invoice', description: '' });
    scope.done();
  });

  test('replay: the task created by the first run is still open, so it is returned and nothing is created', async () => {
    await createdOnce();

    const replay = sg().get(`${ADMIN}/jobs/job_9`).query(jobInclude).reply(200, { id: 'job_9', type: 'task', state: 'created', data: task });
    const out = await create('create_task', input);
    replay.done();
    expect(out).toMatchObject({ id: 'job_9', duplicateSkipped: true });
  });

  test('the task is remembered for 7 days, per connection (strict z.cache: ttl and scope)', async () => {
    await createdOnce();
    expect(appTester.cache.find('create_task:')).toEqual([
      expect.objectContaining({ value: 'job_9', scope: ['auth'], expiresAt: appTester.cache.clock.now() + 7 * 24 * 3600 }),
    ]);
    // another connection (another business) does not see it: its own task is created
    const other = { ...AUTH, businessCode: 'otherbiz' };
    const otherScope = nock('https://otherbiz.storeganise.com')
      .post(`${ADMIN}/jobs`).reply(200, { id: 'job_20', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_20`).query(jobInclude).reply(200, { id: 'job_20', type: 'task', state: 'created', data: task });
    const elsewhere = (await appTester(app.creates.create_task.operation.perform, { authData: other, inputData: input })) as Row;
    otherScope.done();
    expect(elsewhere).toMatchObject({ id: 'job_20', duplicateSkipped: false });
    // a week later the first connection's replay window is over: a new task is created
    appTester.cache.clock.advance(7 * 24 * 3600);
    const later = sg()
      .post(`${ADMIN}/jobs`).reply(200, { id: 'job_30', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_30`).query(jobInclude).reply(200, { id: 'job_30', type: 'task', state: 'created', data: task });
    expect(await create('create_task', input)).toMatchObject({ id: 'job_30', duplicateSkipped: false });
    later.done();
  });

  test('the same task after the first one was completed is created anew', async () => {
    await createdOnce();

    const scope = sg()
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'completed', data: task })
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_11', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_11`)
      .query(jobInclude)
      .reply(200, { id: 'job_11', type: 'task', state: 'created', data: task });
    await expect(create('create_task', input)).resolves.toMatchObject({ id: 'job_11', duplicateSkipped: false });
    scope.done();
  });

  test('a different title is a different task, even right after the first', async () => {
    await createdOnce();

    const scope = sg()
      .post(`${ADMIN}/jobs`, (b) => b.data.title === 'Check lock on unit A-105')
      .reply(200, { id: 'job_12', type: 'task', state: 'created' })
      .get(`${ADMIN}/jobs/job_12`)
      .query(jobInclude)
      .reply(200, { id: 'job_12', type: 'task', state: 'created' });
    await expect(create('create_task', { ...input, title: 'Check lock on unit A-105' })).resolves.toMatchObject({ id: 'job_12' });
    scope.done();
  });

  test('with Skip If an Identical One Exists off, a replay creates again', async () => {
    await createdOnce();

    const scope = sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_13', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_13`)
      .query(jobInclude)
      .reply(200, { id: 'job_13', type: 'task', state: 'created', data: task });
    await expect(create('create_task', { ...input, skipDuplicates: 'false' })).resolves.toMatchObject({ id: 'job_13' });
    scope.done();
  });

  test('422: Storeganise\'s own message', async () => {
    sg().post(`${ADMIN}/jobs`).reply(422, { error: { message: 'data.targetId is not a unit' } });
    const err = userMessage(await failure(firstRun({ unitId: 'usr_1', title: 'x' })));
    expect(err).toMatchObject({ status: 422, message: 'Storeganise rejected the request (422): data.targetId is not a unit' });
  });

  test.each([
    [{ title: 'x' }, 'Fill in either Unit or Customer ID (exactly one).'],
    [{ title: 'x', unitId: 'u', customerId: 'c' }, 'Fill in either Unit or Customer ID (exactly one).'],
    [{ unitId: 'u' }, 'Title is required.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(create('create_task', input)))).toMatchObject({ code: 'invalid_input', message });
  });
});

describe('Update Custom Fields', () => {
  const settings = {
    unitRentalCustomFields: [
      { code: 'gate_code', title: { en: 'Gate code' }, type: 'string' },
      { code: 'insured_value', title: 'Insured value', type: 'number' },
      { code: 'has-alarm', title: 'Alarm fitted', type: 'boolean' },
      { code: 'inspection', title: 'Next inspection', type: 'date' },
      { code: 'access', title: 'Access level', type: 'select', options: [{ value: 'std', title: { en: 'Standard' } }, '24h'] },
    ],
  };
  const rental = { id: 'ur_1', ownerId: 'usr_1', customFields: { gate_code: '4821', notes: 'keep' }, unit: { id: 'u1', name: 'A-104' }, owner: jane };
  const dynamicFields = (inputData: Row) => {
    const fn = app.creates.update_custom_fields.operation.inputFields.find((f: unknown) => typeof f === 'function');
    return appTester(fn, { authData: AUTH, inputData }) as Promise<Row[]>;
  };

  test('fields come from the business\'s definitions, labelled by title; text that the app reads, yes/no as a dropdown', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    await expect(dynamicFields({ recordType: 'unitRental' })).resolves.toEqual([
      { key: 'cf_gate_code', label: 'Gate code', helpText: 'Custom field `gate_code`. Leave empty to keep the current value.' },
      // no Zapier types: a `number` field would hand "abc" over as 0, a `datetime` one unreadable text as now
      { key: 'cf_insured_value', label: 'Insured value', helpText: expect.any(String) },
      { key: 'cfx_6861732d616c61726d', label: 'Alarm fitted', choices: { true: 'Yes', false: 'No' }, helpText: expect.any(String) },
      { key: 'cf_inspection', label: 'Next inspection', helpText: expect.any(String) },
      { key: 'cf_access', label: 'Access level', choices: { std: 'Standard', '24h': '24h' }, helpText: expect.any(String) },
    ]);
  });

  test('through Zapier\'s own input-fields command: static fields, then the definitions, then the by-code field', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const fields = (await appTester(app.creates.update_custom_fields.operation.inputFields, {
      authData: AUTH,
      inputData: { recordType: 'unitRental' },
    })) as Row[];
    expect(fields.map((f) => f.key)).toEqual([
      'recordType', 'recordId', 'cf_gate_code', 'cf_insured_value', 'cfx_6861732d616c61726d', 'cf_inspection', 'cf_access', 'customFields',
    ]);
    expect(fields.every((f) => typeof f.label === 'string' && f.label)).toBe(true);
  });

  test('fallback: no definitions in settings, no dynamic fields, and the by-code field is always there', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, { name: 'My Biz' });
    await expect(dynamicFields({ recordType: 'customer' })).resolves.toEqual([]);
    await expect(dynamicFields({})).resolves.toEqual([]); // no record type yet: nothing to load
    const byCode = app.creates.update_custom_fields.operation.inputFields.find((f: Row) => f.key === 'customFields');
    expect(byCode).toMatchObject({ dict: true, label: 'Custom Fields (by Code)' });
  });

  test('unit rental: values converted to their types, merged with the current ones, exactly this PUT', async () => {
    const merged = { gate_code: '1234', notes: 'keep', insured_value: 5000, 'has-alarm': true, inspection: '2027-01-15', extra: 'x' };
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(rentalInclude)
      .reply(200, rental)
      .put(`${ADMIN}/unit-rentals/ur_1`, (b) => {
        expect(b).toEqual({ customFields: merged });
        return true;
      })
      .reply(200, { id: 'ur_1' })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(rentalInclude)
      .reply(200, { ...rental, customFields: merged });
    const out = await create('update_custom_fields', {
      recordType: 'unitRental',
      recordId: 'ur_1',
      cf_gate_code: '1234',
      cf_insured_value: '5,000',
      'cfx_6861732d616c61726d': 'yes',
      cf_inspection: 'Jan 15 2027',
      cf_access: '',
      customFields: { extra: 'x' },
    });
    scope.done();
    expect(out).toMatchObject({ id: 'ur_1', unitName: 'A-104', customFields: merged });
  });

  test('customer, with the by-code fallback when settings define nothing', async () => {
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, {})
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, jane)
      .put(`${ADMIN}/users/usr_1`, { customFields: { preferred_contact: 'sms', vip: 'yes' } })
      .reply(200, jane)
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, { ...jane, customFields: { preferred_contact: 'sms', vip: 'yes' } });
    const out = await create('update_custom_fields', { recordType: 'customer', recordId: 'usr_1', customFields: { preferred_contact: 'sms', vip: 'yes' } });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_1', name: 'Jane Doe', customFields: { vip: 'yes' } });
  });

  test('replay: the values are already there, so nothing is written', async () => {
    const scope = sg().get(`${ADMIN}/settings`).reply(200, settings).get(`${ADMIN}/unit-rentals/ur_1`).query(rentalInclude).reply(200, rental);
    await expect(create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', cf_gate_code: '4821' })).resolves.toMatchObject({ id: 'ur_1' });
    scope.done();
  });

  test('422: Storeganise\'s own message', async () => {
    sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(true)
      .reply(200, rental)
      .put(`${ADMIN}/unit-rentals/ur_1`)
      .reply(422, { error: { message: 'customFields.gate_code must be 4 digits' } });
    const err = userMessage(await failure(create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', cf_gate_code: '12' })));
    expect(err.message).toBe('Storeganise rejected the request (422): customFields.gate_code must be 4 digits');
  });

  test.each([
    [{ recordType: 'unitRental', recordId: 'ur_1' }, 'Fill in at least one custom field to update.'],
    [{ recordType: 'unitRental', recordId: 'ur_1', cf_gate_code: '  ' }, 'Fill in at least one custom field to update.'],
    [{ recordType: 'site', recordId: 's1', cf_gate_code: '1' }, 'Record Type must be one of: unitRental, customer, unit.'],
    [{ recordType: 'customer', cf_gate_code: '1' }, 'Record ID is required.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(create('update_custom_fields', input)))).toMatchObject({ code: 'invalid_input', message });
  });

  test('a yes/no field given text that is neither is refused, not stored as "no"', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const err = userMessage(await failure(create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', cfx_6861732d616c61726d: 'maybe' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Alarm fitted must be yes or no (true/false), got "maybe".' });
  });

  test('a value that does not fit its type is refused', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const err = userMessage(await failure(create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', cf_insured_value: 'lots' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Insured value must be a number (got "lots").' });
  });

  test('samples are the shared records', () => {
    expect(app.creates.update_custom_fields.operation.sample).toBe(samples.unitRental);
    expect(app.creates.update_customer.operation.sample).toBe(samples.customer);
    expect(app.creates.create_customer.operation.sample).toEqual({ ...samples.customer, duplicateSkipped: false });
  });
});
