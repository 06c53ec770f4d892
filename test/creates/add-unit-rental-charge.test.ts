import nock from 'nock';
import { samples } from '../../src/records/samples';
import { ADMIN, app, appTester, AUTH, create, failure, type Row, sg, userMessage } from '../helpers';

const include = { include: 'unit,owner,customFields,agreementUrl' };
const padlock = {
  id: 'ch_1',
  title: { en: 'Padlock' },
  amount: 12.5,
  qty: 1,
  startDate: '2026-11-21',
  endDate: '2026-11-21',
};
const rental = (charges: Row[]) => ({
  id: 'ur_1',
  unitId: 'unit_1',
  siteId: 'site_lon',
  ownerId: 'usr_1',
  state: 'occupied',
  charges,
  unit: { id: 'unit_1', name: 'A-104' },
  owner: { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' },
});
const settings = {
  charges: [
    { code: 'padlock', title: { en: 'Padlock' }, amount: 12.5, accountingCodeId: 'acc_locks' },
    { code: 'late_fee', title: { en: 'Late payment fee' }, amount: 25 },
  ],
};
const lateFee = {
  title: { en: 'Late payment fee' },
  amount: 25,
  qty: 1,
  startDate: '2026-12-01',
  endDate: '2026-12-01',
};

describe('Add Custom Charge to Unit Rental', () => {
  test('a custom one-off charge: exactly this body, then the whole rental with the new charge', async () => {
    const added = { id: 'ch_2', ...lateFee };
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([padlock]))
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, (body) => {
        expect(body).toEqual(lateFee);
        return true;
      })
      .reply(200, added)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([padlock, added]));

    const out = await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      description: 'Late payment fee',
      amount: '25',
      startDate: '2026-12-01T09:30:00Z',
      endDate: 'Dec 1 2026',
    });
    scope.done();
    expect(out).toMatchObject({
      id: 'ur_1',
      unitName: 'A-104',
      customerName: 'Jane Doe',
      duplicateSkipped: false,
      charge: { id: 'ch_2', title: 'Late payment fee', amount: 25 },
    });
    expect(out.charges.map((c: Row) => c.title)).toEqual(['Padlock', 'Late payment fee']);
  });

  test('a predefined charge: its title, amount and accounting code, with quantity and its code', async () => {
    const body = {
      title: { en: 'Padlock' },
      amount: 12.5,
      qty: 2,
      startDate: '2026-12-01',
      endDate: '2026-12-01',
      accountingCodeId: 'acc_locks',
      code: 'padlock',
    };
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, settings)
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([]))
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, body)
      .reply(200, { id: 'ch_3', ...body })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([{ id: 'ch_3', ...body }]));
    const out = await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      predefinedChargeCode: 'padlock',
      quantity: '2',
      startDate: '1 December 2026',
      endDate: '2026-12-01',
    });
    scope.done();
    expect(out.charge).toMatchObject({ id: 'ch_3', title: 'Padlock', code: 'padlock' });
  });

  test('a recurring discount: negative amount, no end date, own accounting code', async () => {
    const body = {
      title: { en: 'Loyalty discount' },
      amount: -10,
      qty: 1,
      startDate: '2026-12-01',
      endDate: null,
      accountingCodeId: 'acc_disc',
    };
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([]))
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, body)
      .reply(200, { id: 'ch_4', ...body })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([{ id: 'ch_4', ...body }]));
    await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      description: 'Loyalty discount',
      amount: '-10',
      startDate: '2026-12-01',
      endDate: '',
      accountingCode: 'acc_disc',
    });
    scope.done();
  });

  test('replay: an identical charge already on the rental is returned and nothing is added', async () => {
    const existing = { id: 'ch_2', ...lateFee, startDate: '2026-12-01T00:00:00.000Z' };
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([padlock, existing]));
    // No POST is set up: one would fail the test ("net connect disabled" / no match).
    const out = await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      description: ' late payment fee ',
      amount: 25,
      startDate: '2026-12-01',
      endDate: '2026-12-01',
    });
    scope.done();
    expect(out).toMatchObject({ duplicateSkipped: true, charge: { id: 'ch_2' } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  test('replay with "skip if identical" off adds the charge again, as asked', async () => {
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([{ id: 'ch_2', ...lateFee }]))
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, lateFee)
      .reply(200, { id: 'ch_5', ...lateFee })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([]));
    const out = await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      description: 'Late payment fee',
      amount: 25,
      startDate: '2026-12-01',
      endDate: '2026-12-01',
      skipDuplicates: 'false',
    });
    scope.done();
    expect(out).toMatchObject({ duplicateSkipped: false, charge: { id: 'ch_5' } });
  });

  test('a charge that differs in amount is not a duplicate', async () => {
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([{ id: 'ch_2', ...lateFee, amount: 30 }]))
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, lateFee)
      .reply(200, { id: 'ch_6', ...lateFee })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([]));
    await create('add_unit_rental_charge', {
      unitRentalId: 'ur_1',
      description: 'Late payment fee',
      amount: 25,
      startDate: '2026-12-01',
      endDate: '2026-12-01',
    });
    scope.done();
  });

  test("422: Storeganise's own message reaches the user", async () => {
    sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental([]))
      .post(`${ADMIN}/unit-rentals/ur_1/charges`)
      .reply(422, { error: { message: 'startDate must not be before the rental start' } });
    const err = userMessage(
      await failure(
        create('add_unit_rental_charge', {
          unitRentalId: 'ur_1',
          description: 'Fee',
          amount: 5,
          startDate: '2020-01-01',
        }),
      ),
    );
    expect(err).toMatchObject({
      code: 'invalid_request',
      status: 422,
      message: 'Storeganise rejected the request (422): startDate must not be before the rental start',
    });
  });

  test('an unknown predefined charge names the ones that exist', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, settings);
    const err = userMessage(
      await failure(
        create('add_unit_rental_charge', {
          unitRentalId: 'ur_1',
          predefinedChargeCode: 'gold_lock',
          startDate: '2026-12-01',
        }),
      ),
    );
    expect(err.message).toBe(
      'There is no predefined charge "gold_lock" in your Storeganise settings. Available: Padlock (12.50), Late payment fee (25.00).',
    );
  });

  test.each([
    [
      { description: 'Fee', startDate: '2026-12-01' },
      'Pick a Predefined Charge, or fill in both Description and Amount.',
    ],
    [
      { amount: 5, startDate: '2026-12-01' },
      'Pick a Predefined Charge, or fill in both Description and Amount.',
    ],
    [
      { description: 'Fee', amount: 'five', startDate: '2026-12-01' },
      'Amount must be a number (got "five").',
    ],
    [{ description: 'Fee', amount: 5, startDate: '' }, 'Start Date is required.'],
    [
      { description: 'Fee', amount: 5, startDate: '01/02/2026' },
      /^Start Date: "01\/02\/2026" could be day-first or month-first/,
    ],
    [
      { description: 'Fee', amount: 5, startDate: '2026-12-05', endDate: '2026-12-01' },
      'End Date 2026-12-01 is before Start Date 2026-12-05.',
    ],
    [
      { description: 'Fee', amount: 5, startDate: '2026-12-01', quantity: '0' },
      'Quantity must be more than 0.',
    ],
    [
      { description: 'Fee', amount: 5, startDate: '2026-12-01', quantity: 'two' },
      'Quantity must be a number (got "two").',
    ],
    // what a `number` field would have turned into 0, and an empty amount: never a charge of 0
    [{ description: 'Fee', amount: '0', startDate: '2026-12-01' }, /^Amount must not be 0/],
    [{ description: 'Fee', amount: '0,00', startDate: '2026-12-01' }, /^Amount must not be 0/],
    [{ description: 'Fee', amount: 'abc', startDate: '2026-12-01' }, 'Amount must be a number (got "abc").'],
    [
      { description: 'Fee', amount: '', startDate: '2026-12-01' },
      'Pick a Predefined Charge, or fill in both Description and Amount.',
    ],
    [
      { description: 'Fee', amount: '   ', startDate: '2026-12-01' },
      'Pick a Predefined Charge, or fill in both Description and Amount.',
    ],
    // what a `datetime` field would have turned into today
    [{ description: 'Fee', amount: 5, startDate: 'next blurb' }, /^Start Date: "next blurb" is not a date/],
  ])('bad input %p is refused before any request', async (input, message) => {
    const err = userMessage(
      await failure(create('add_unit_rental_charge', { unitRentalId: 'ur_1', ...input })),
    );
    expect(err.code).toBe('invalid_input');
    expect(err.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  test('fields: rental dropdown with search, predefined charge dropdown, skip-duplicates on by default', () => {
    const fields: Row[] = app.creates.add_unit_rental_charge.operation.inputFields;
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(Object.keys(byKey)).toEqual([
      'unitRentalId',
      'predefinedChargeCode',
      'description',
      'amount',
      'quantity',
      'startDate',
      'endDate',
      'accountingCode',
      'skipDuplicates',
    ]);
    expect(byKey.unitRentalId).toMatchObject({
      dynamic: 'unit_rental_list.id.label',
      search: 'find_unit_rental.id',
      required: true,
    });
    expect(byKey.predefinedChargeCode.dynamic).toBe('predefined_charge_list.id.label');
    expect(byKey.skipDuplicates).toMatchObject({ type: 'boolean', default: 'true' });
  });

  test('sample is the shared rental with its charge, as the action returns it', () => {
    expect(app.creates.add_unit_rental_charge.operation.sample).toEqual({
      ...samples.unitRental,
      charge: samples.unitRental.charges![0],
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
      expect(out.charge).toMatchObject({
        id: 'ch_9',
        sourceType: 'preset',
        sourceId: '627a0a17afcd8f00041104b5',
      });
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
});
