/**
 * Zapier coerces what users type into `number`, `integer`, `boolean` and `datetime` fields before
 * perform runs (zapier-local/coerce.ts calls the CLI's own `resolveInputDataTypes`, what
 * `zapier-platform invoke` runs); the suite's appTester applies it to every perform. These specs pin
 * what that coercion does, and that the app's amounts and dates therefore reach it as typed.
 */
import { ADMIN, App, AUTH, appTester, sg } from '../helpers';
import { coerceInput } from '../../zapier-local/coerce';

type Row = Record<string, any>;
const app: Row = App;

describe("Zapier's coercion of typed input fields (as `zapier-platform invoke` applies it)", () => {
  const fields = [
    { key: 'n', type: 'number' },
    { key: 'i', type: 'integer' },
    { key: 'b', type: 'boolean' },
    { key: 'd', type: 'datetime' },
    { key: 's', type: 'string' },
    { key: 'q', type: 'number', default: '1' },
  ];

  test.each([
    ['n', 'abc', 0],
    ['n', '', 0],
    ['n', '12,50', 12],
    ['n', '1,234.50', 1],
    ['n', '£12.50', 12.5],
    ['i', '7.9', 7],
    ['b', 'no', false],
    ['b', 'maybe', true],
    ['s', '12,50', '12,50'],
  ])('%s: %p arrives as %p', (key, typed, arrives) => {
    expect(coerceInput({ [key]: typed }, fields)[key]).toBe(arrives);
  });

  test('datetime: 01/02/2026 is January 2 (US order) in the Zap’s timezone; unreadable text becomes now', () => {
    expect(coerceInput({ d: '01/02/2026' }, fields).d).toBe('2026-01-02T09:00:00-06:00');
    const now = coerceInput({ d: 'next blurb' }, fields).d as string;
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(60_000);
  });

  test('an empty field with a default gets the default; fields the operation does not declare pass as typed', () => {
    expect(coerceInput({ q: '', other: '12,50' }, fields)).toEqual({ q: 1, other: '12,50' });
  });

  test('the suite applies it to every perform: a `boolean` field typed "maybe" arrives as true', () => {
    const perform = app.creates.add_unit_rental_charge.operation.perform;
    expect(appTester.coerced(perform, { skipDuplicates: 'maybe', amount: '12,50' })).toMatchObject({
      skipDuplicates: true,
      amount: '12,50',
    });
  });
});

describe('amounts and dates reach the app as typed', () => {
  /** every static input field of every operation, with where it is */
  const allFields = (['triggers', 'searches', 'creates'] as const).flatMap((kind) =>
    Object.entries(app[kind] as Row).flatMap(([key, op]) =>
      ((op as Row).operation.inputFields ?? [])
        .filter((f: unknown) => f && typeof f === 'object')
        .map((f: Row) => ({ where: `${kind}.${key}.${f.key}`, type: f.type })),
    ),
  );

  test('no input field is `number`, `integer` or `datetime`: Zapier would make "abc" 0 and "12,50" 12', () => {
    expect(allFields.filter((f) => ['number', 'integer', 'datetime'].includes(f.type))).toEqual([]);
  });

  test('a European amount and a day-first date go through a real run unchanged and are read right', async () => {
    const include = { include: 'unit,owner,customFields,agreementUrl' };
    const rental = {
      id: 'ur_1',
      unitId: 'unit_1',
      ownerId: 'usr_1',
      charges: [],
      unit: { id: 'unit_1', name: 'A-104' },
    };
    const charge = {
      title: { en: 'Padlock' },
      amount: 1234.5,
      qty: 2.5,
      startDate: '2026-12-25',
      endDate: null,
    };
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, rental)
      .post(`${ADMIN}/unit-rentals/ur_1/charges`, (body) => (expect(body).toEqual(charge), true))
      .reply(200, { id: 'ch_1', ...charge })
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query(include)
      .reply(200, { ...rental, charges: [{ id: 'ch_1', ...charge }] });
    await appTester(app.creates.add_unit_rental_charge.operation.perform, {
      authData: AUTH,
      inputData: {
        unitRentalId: 'ur_1',
        description: 'Padlock',
        amount: '1.234,50',
        quantity: '2,5',
        startDate: '25/12/2026',
      },
    });
    scope.done();
  });
});
