import { samples } from '../../src/records/samples';
import {
  ADMIN,
  app,
  appTester,
  AUTH,
  create,
  failure,
  type Row,
  sg,
  unansweredRequests,
  userMessage,
} from '../helpers';
import { jane, rentalInclude, userInclude } from '../fixtures/records';

describe('Update Custom Fields', () => {
  const settings = {
    unitRentalCustomFields: [
      { code: 'gate_code', title: { en: 'Gate code' }, type: 'string' },
      { code: 'insured_value', title: 'Insured value', type: 'number' },
      { code: 'has-alarm', title: 'Alarm fitted', type: 'boolean' },
      { code: 'inspection', title: 'Next inspection', type: 'date' },
      {
        code: 'access',
        title: 'Access level',
        type: 'select',
        options: [{ value: 'std', title: { en: 'Standard' } }, '24h'],
      },
    ],
  };
  const rental = {
    id: 'ur_1',
    ownerId: 'usr_1',
    customFields: { gate_code: '4821', notes: 'keep' },
    unit: { id: 'u1', name: 'A-104' },
    owner: jane,
  };
  const dynamicFields = (inputData: Row) => {
    const fn = app.creates.update_custom_fields.operation.inputFields.find(
      (f: unknown) => typeof f === 'function',
    );
    return appTester(fn, { authData: AUTH, inputData }) as Promise<Row[]>;
  };

  test("fields come from the business's definitions, labelled by title; text that the app reads, yes/no as a dropdown", async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    await expect(dynamicFields({ recordType: 'unitRental' })).resolves.toEqual([
      {
        key: 'cf_gate_code',
        label: 'Gate code',
        helpText: 'Custom field `gate_code`. Leave empty to keep the current value.',
      },
      // no Zapier types: a `number` field would hand "abc" over as 0, a `datetime` one unreadable text as now
      { key: 'cf_insured_value', label: 'Insured value', helpText: expect.any(String) },
      {
        key: 'cfx_6861732d616c61726d',
        label: 'Alarm fitted',
        choices: { true: 'Yes', false: 'No' },
        helpText: expect.any(String),
      },
      { key: 'cf_inspection', label: 'Next inspection', helpText: expect.any(String) },
      {
        key: 'cf_access',
        label: 'Access level',
        choices: { std: 'Standard', '24h': '24h' },
        helpText: expect.any(String),
      },
    ]);
  });

  test("through Zapier's own input-fields command: static fields, then the definitions, then the by-code field", async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const fields = (await appTester(app.creates.update_custom_fields.operation.inputFields, {
      authData: AUTH,
      inputData: { recordType: 'unitRental' },
    })) as Row[];
    expect(fields.map((f) => f.key)).toEqual([
      'recordType',
      'recordId',
      'cf_gate_code',
      'cf_insured_value',
      'cfx_6861732d616c61726d',
      'cf_inspection',
      'cf_access',
      'customFields',
    ]);
    expect(fields.every((f) => typeof f.label === 'string' && f.label)).toBe(true);
  });

  test('fallback: no definitions in settings, no dynamic fields, and the by-code field is always there', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, { name: 'My Biz' });
    await expect(dynamicFields({ recordType: 'customer' })).resolves.toEqual([]);
    await expect(dynamicFields({})).resolves.toEqual([]); // no record type yet: nothing to load
    const byCode = app.creates.update_custom_fields.operation.inputFields.find(
      (f: Row) => f.key === 'customFields',
    );
    expect(byCode).toMatchObject({ dict: true, label: 'Custom Fields (by Code)' });
  });

  test('unit rental: values converted to their types, merged with the current ones, exactly this PUT', async () => {
    const merged = {
      gate_code: '1234',
      notes: 'keep',
      insured_value: 5000,
      'has-alarm': true,
      inspection: '2027-01-15',
      extra: 'x',
    };
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
      cfx_6861732d616c61726d: 'yes',
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
    const out = await create('update_custom_fields', {
      recordType: 'customer',
      recordId: 'usr_1',
      customFields: { preferred_contact: 'sms', vip: 'yes' },
    });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_1', name: 'Jane Doe', customFields: { vip: 'yes' } });
  });

  test('replay: the values are already there, so nothing is written', async () => {
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(rentalInclude)
      .reply(200, rental);
    await expect(
      create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', cf_gate_code: '4821' }),
    ).resolves.toMatchObject({ id: 'ur_1' });
    scope.done();
  });

  test("422: Storeganise's own message", async () => {
    sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(true)
      .reply(200, rental)
      .put(`${ADMIN}/unit-rentals/ur_1`)
      .reply(422, { error: { message: 'customFields.gate_code must be 4 digits' } });
    const err = userMessage(
      await failure(
        create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', cf_gate_code: '12' }),
      ),
    );
    expect(err.message).toBe(
      'Storeganise rejected the request (422): customFields.gate_code must be 4 digits',
    );
  });

  test.each([
    [{ recordType: 'unitRental', recordId: 'ur_1' }, 'Fill in at least one custom field to update.'],
    [
      { recordType: 'unitRental', recordId: 'ur_1', cf_gate_code: '  ' },
      'Fill in at least one custom field to update.',
    ],
    [
      { recordType: 'site', recordId: 's1', cf_gate_code: '1' },
      'Record Type must be one of: unitRental, customer, unit.',
    ],
    [{ recordType: 'customer', cf_gate_code: '1' }, 'Record ID is required.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(create('update_custom_fields', input)))).toMatchObject({
      code: 'invalid_input',
      message,
    });
  });

  test.each([
    [
      'a yes/no field given text that is neither is refused, not stored as "no"',
      { cfx_6861732d616c61726d: 'maybe' },
      'Alarm fitted must be yes or no (true/false), got "maybe".',
    ],
    [
      'a value that does not fit its type is refused',
      { cf_insured_value: 'lots' },
      'Insured value must be a number (got "lots").',
    ],
  ])('%s', async (_name, field, message) => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const err = userMessage(
      await failure(create('update_custom_fields', { recordType: 'unitRental', recordId: 'ur_1', ...field })),
    );
    expect(err).toMatchObject({ code: 'invalid_input', message });
  });

  test('samples are the shared records', () => {
    expect(app.creates.update_custom_fields.operation.sample).toEqual(samples.unitRental);
    expect(app.creates.update_customer.operation.sample).toEqual(samples.customer);
    expect(app.creates.create_customer.operation.sample).toEqual({
      ...samples.customer,
      duplicateSkipped: false,
    });
  });
});

describe("from the operators' workflows", () => {
  /**
   * Facts from production clients, each kept in the client: predefined charges named by their id, the
   * business name from `brandName`/`companyName`, lists with `include` paged by 50, a user GET retried
   * without `include=billing`; and custom fields written to units (access codes).
   */

  const create = (key: string, inputData: Record<string, unknown>) =>
    appTester(app.creates[key].operation.perform, { authData: AUTH, inputData }) as Promise<Row>;

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
      const out = await create('update_custom_fields', {
        recordType: 'unit',
        recordId: 'unit_1',
        cf_gate_pin: '4821',
      });
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
      const fn = app.creates.update_custom_fields.operation.inputFields.find(
        (f: unknown) => typeof f === 'function',
      );
      await expect(appTester(fn, { authData: AUTH, inputData: { recordType: 'unit' } })).resolves.toEqual([
        {
          key: 'cf_gate_pin',
          label: 'Gate PIN',
          helpText: 'Custom field `gate_pin`. Leave empty to keep the current value.',
        },
      ]);
      const recordType = app.creates.update_custom_fields.operation.inputFields.find(
        (f: Row) => f.key === 'recordType',
      );
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
        await failure(
          create('update_custom_fields', { recordType: 'unit', recordId: 'unit_404', cf_gate_pin: '1' }),
        ),
      );
      expect(err.code).toBe('not_found');
    });
  });
});
