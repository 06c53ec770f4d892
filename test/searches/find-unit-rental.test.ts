import { ADMIN, asTrigger, failure, type Row, search, sg, userMessage } from '../helpers';
import { notFound, owner } from '../fixtures/records';

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

describe('Find Unit Rental', () => {
  const include = { include: 'unit,owner,customFields,agreementUrl' };

  test("hit by id: shaped exactly like a trigger's unit rental", async () => {
    sg().get(`${ADMIN}/unit-rentals/ur_1`).query(include).reply(200, rental('ur_1'));
    const result = await search('find_unit_rental', { unitRentalId: 'ur_1' });
    expect(result).toEqual([asTrigger('unitRental', rental('ur_1'))]);
    expect(result[0]).toMatchObject({
      unitName: 'A-104',
      customerName: 'Jane Doe',
      customerEmail: 'jane.doe@example.com',
    });
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

    const result = await search('find_unit_rental', {
      customerEmail: 'Jane.Doe@example.com',
      siteId: 'site_lon',
      unitName: 'a-104',
    });
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
    await expect(
      search('find_unit_rental', { customerEmail: 'jane.doe@example.com', siteId: 'site_man' }),
    ).resolves.toEqual([]);
  });

  test.each([
    [{}, 'Fill in the Unit Rental ID or the Customer Email.'],
    [{ customerEmail: 'jane' }, '"jane" is not an e-mail address.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(search('find_unit_rental', input)))).toMatchObject({
      code: 'invalid_input',
      message,
    });
  });
});
