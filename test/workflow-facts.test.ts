/**
 * Facts from production clients, each kept in the client: predefined charges named by their id, the
 * business name from `brandName`/`companyName`, lists with `include` paged by 50, a user GET retried
 * without `include=billing`; and custom fields written to units (access codes).
 */
import { fetchRecord } from '../src/client';
import { type KindKey, RECORD_KINDS } from '../src/record-kinds';
import { ADMIN, App, AUTH, appTester, failure, sg, unansweredRequests, userMessage } from './helpers';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { testConnection } from '../src/authentication';

const app: Record<string, any> = App;
type Row = Record<string, any>;
const create = (key: string, inputData: Record<string, unknown>) =>
  appTester(app.creates[key].operation.perform, { authData: AUTH, inputData }) as Promise<Row>;
/** A record as an instant trigger fetches and hands it on (the record kinds table). */
const hydrate = (kind: KindKey, id: string) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      const record = await fetchRecord(z, bundle, RECORD_KINDS[kind].resource, id);
      return record ? RECORD_KINDS[kind].output(record) : {};
    },
    { authData: AUTH },
  ) as Promise<Row>;

describe('a charge made from a predefined charge names it: sourceType "preset" and its id', () => {
  const include = { include: 'unit,owner,customFields,agreementUrl' };
  const settings = {
    charges: [
      {
        id: '627a0a17afcd8f00041104b5',
        code: 'insurance',
        title: { en: 'Additional Insurance' },
        amount: 15,
        accountingCodeId: 'acc_ins',
      },
      { id: '627a0a17afcd8f00041104b3', title: { en: '$5 Special discount' }, amount: -5 },
    ],
  };

  test.each([
    ['picked from the dropdown (its id)', '627a0a17afcd8f00041104b5'],
    ['mapped by its code', 'insurance'],
  ])('%s', async (_how, value) => {
    const body = {
      title: { en: 'Additional Insurance' },
      amount: 15,
      qty: 1,
      startDate: '2026-12-01',
      endDate: null,
      accountingCodeId: 'acc_ins',
      code: 'insurance',
      sourceType: 'preset',
      sourceId: '627a0a17afcd8f00041104b5',
    };
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, { id: 'ur_1', charges: [] })
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, body)
      .reply(200, { id: 'ch_9', ...body })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, { id: 'ur_1', charges: [{ id: 'ch_9', ...body }] });
    const out = await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      predefinedChargeCode: value,
      startDate: '2026-12-01',
    });
    expect(out.charge).toMatchObject({ id: 'ch_9', sourceType: 'preset', sourceId: '627a0a17afcd8f00041104b5' });
    scope.done();
  });

  test("the dropdown keeps each preset's id (a preset without a code is listed too)", async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const perform = app.triggers.predefined_charge_list.operation.perform;
    await expect(appTester(perform, { authData: AUTH, inputData: {} })).resolves.toEqual([
      { id: '627a0a17afcd8f00041104b5', label: 'Additional Insurance (15.00)' },
      { id: '627a0a17afcd8f00041104b3', label: '$5 Special discount (-5.00)' },
    ]);
  });
});

describe('the business name', () => {
  test.each([
    [{ brandName: 'Acme Storage', companyName: 'Acme Holdings Ltd' }, 'Acme Storage'],
    [{ companyName: 'Pipedream Dev', brand: { color: '#fff' } }, 'Pipedream Dev'],
    [{ brandName: { en: 'Acme Storage', fr: 'Acme Stockage' } }, 'Acme Storage'],
    [{ name: 'Acme' }, 'Acme'],
    [{ brandName: '  ', brand: { name: 'Acme Brand' } }, 'Acme Brand'],
    [{}, 'mybiz'],
  ])('settings %p → "%s"', async (settings, name) => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    await expect(appTester(testConnection, { authData: AUTH })).resolves.toEqual({
      businessCode: 'mybiz',
      businessName: name,
    });
  });
});

describe('lists that embed records (include=) page by 50', () => {
  test('a list with include is read 50 at a time until a short page', async () => {
    const { listAll } = await import('../src/client');
    const page = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: `ur_${from + i}` }));
    const scope = sg()
      .get(`${ADMIN}/unit-rentals`)
      .query({ include: 'unit,owner', limit: 50, offset: 0 })
      .reply(200, page(50, 0))
      .get(`${ADMIN}/unit-rentals`)
      .query({ include: 'unit,owner', limit: 50, offset: 50 })
      .reply(200, page(3, 50));
    const all = await appTester(
      (z: ZObject, bundle: Bundle) => listAll(z, bundle, ['unit-rentals'], { include: 'unit,owner' }),
      { authData: AUTH },
    );
    expect(all).toHaveLength(53);
    scope.done();
  });

  test('a list without include keeps pages of 1000', async () => {
    const { listAll } = await import('../src/client');
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ limit: 1000, offset: 0 })
      .reply(200, [{ id: 'u1' }]);
    await appTester((z: ZObject, bundle: Bundle) => listAll(z, bundle, ['units']), { authData: AUTH });
    scope.done();
  });
});

describe('a user GET that fails with include=billing is retried without it', () => {
  const jane = { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' };

  test.each([500, 400, 403])('after a %s the customer is read without billing', async (status) => {
    const scope = sg()
      .get(`${ADMIN}/users/usr_1`)
      .query({ include: 'customFields,billing' })
      .reply(status, { error: { message: 'Billing provider unavailable' } })
      .get(`${ADMIN}/users/usr_1`)
      .query({ include: 'customFields' })
      .reply(200, jane);
    await expect(hydrate('customer', 'usr_1')).resolves.toMatchObject({ id: 'usr_1', name: 'Jane Doe' });
    scope.done();
  });

  test('a 404 is final: Find Customer reports a miss after one request', async () => {
    const scope = sg()
      .get(`${ADMIN}/users/usr_9`)
      .query({ include: 'customFields,billing' })
      .reply(404, { error: { message: 'Not found' } });
    let result: unknown;
    const tried = await unansweredRequests(async () => {
      result = await appTester(app.searches.find_customer.operation.perform, {
        authData: AUTH,
        inputData: { customerId: 'usr_9' },
      });
    });
    expect(tried).toBe(0);
    expect(result).toEqual([]);
    scope.done();
  });

  test('a 401 is final: the reconnect message, no second request', async () => {
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(401, { error: { message: 'Invalid key' } });
    let err: Error | undefined;
    const tried = await unansweredRequests(async () => {
      err = await failure(hydrate('customer', 'usr_1'));
    });
    expect(tried).toBe(0);
    expect(err?.name).toBe('ExpiredAuthError');
  });

  test('when the retry fails too, its error is the one the user reads', async () => {
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .twice()
      .reply(503, { error: { message: 'Down for maintenance' } });
    expect(userMessage(await failure(hydrate('customer', 'usr_1'))).code).toBe('unavailable');
  });
});

describe('Update Custom Fields on a unit (access codes written back by a gate system)', () => {
  const unitInclude = { include: 'customFields' };
  const unit = (customFields: Row) => ({
    id: 'unit_1',
    siteId: 'site_c',
    name: 'A-104',
    state: 'occupied',
    customFields,
  });
  const settings = { unitCustomFields: [{ code: 'gate_pin', title: { en: 'Gate PIN' }, type: 'string' }] };

  test('reads the unit, merges, PUTs { customFields } to units/{id}, returns the unit re-read', async () => {
    let body: unknown;
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/units/unit_1`)
      .query(unitInclude)
      .reply(200, unit({ gate_pin: '1111', floor: 'Ground' }))
      .put(`${ADMIN}/units/unit_1`, (b) => ((body = b), true))
      .reply(200, unit({ gate_pin: '4821', floor: 'Ground' }))
      .get(`${ADMIN}/units/unit_1`)
      .query(unitInclude)
      .reply(200, unit({ gate_pin: '4821', floor: 'Ground' }));
    const out = await create('update_custom_fields', { recordType: 'unit', recordId: 'unit_1', cf_gate_pin: '4821' });
    expect(body).toEqual({ customFields: { gate_pin: '4821', floor: 'Ground' } });
    expect(out).toEqual({
      id: 'unit_1',
      siteId: 'site_c',
      name: 'A-104',
      state: 'occupied',
      customFields: { gate_pin: '4821', floor: 'Ground' },
    });
    scope.done();
  });

  test('replay: the value is already there, so nothing is written', async () => {
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/units/unit_1`)
      .query(unitInclude)
      .reply(200, unit({ gate_pin: '4821' }));
    let out: Row | undefined;
    const tried = await unansweredRequests(async () => {
      out = await create('update_custom_fields', {
        recordType: 'unit',
        recordId: 'unit_1',
        customFields: { gate_pin: '4821' },
      });
    });
    expect(tried).toBe(0);
    expect(out).toMatchObject({ id: 'unit_1', customFields: { gate_pin: '4821' } });
    scope.done();
  });

  test("the unit's definitions are offered as labelled inputs", async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const fn = app.creates.update_custom_fields.operation.inputFields.find((f: unknown) => typeof f === 'function');
    await expect(appTester(fn, { authData: AUTH, inputData: { recordType: 'unit' } })).resolves.toEqual([
      {
        key: 'cf_gate_pin',
        label: 'Gate PIN',
        helpText: 'Custom field `gate_pin`. Leave empty to keep the current value.',
      },
    ]);
    const recordType = app.creates.update_custom_fields.operation.inputFields.find((f: Row) => f.key === 'recordType');
    expect(recordType.choices).toEqual({ unitRental: 'Unit Rental', customer: 'Customer', unit: 'Unit' });
  });

  test('an unknown unit is the not-found error, before any write', async () => {
    sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/units/unit_404`)
      .query(unitInclude)
      .reply(404, { error: { message: 'Not found' } });
    const err = userMessage(
      await failure(create('update_custom_fields', { recordType: 'unit', recordId: 'unit_404', cf_gate_pin: '1' })),
    );
    expect(err.code).toBe('not_found');
  });
});
