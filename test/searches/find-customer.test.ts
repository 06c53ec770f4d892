import {
  ADMIN,
  app,
  asTrigger,
  failure,
  hydrate,
  search,
  sg,
  unansweredRequests,
  userMessage,
} from '../helpers';
import { jane as contact, notFound, owner, userInclude } from '../fixtures/records';

describe('Find Customer', () => {
  const include = { include: 'customFields,billing' };

  test("hit by e-mail: shaped exactly like a trigger's customer", async () => {
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
    sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(true)
      .reply(200, { ...owner, email: 'other@example.com' });
    await expect(search('find_customer', { email: 'jane.doe@example.com' })).resolves.toEqual([]);
  });

  test.each([
    [{}, "Fill in the customer's Email, Customer ID, or Name or Phone."],
    [{ email: 'not an email' }, '"not an email" is not an e-mail address.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(search('find_customer', input)))).toMatchObject({
      code: 'invalid_input',
      message,
    });
  });

  test('Find or Create Customer pairs the search with Create Customer', () => {
    expect(app.searchOrCreates.find_customer).toMatchObject({
      key: 'find_customer',
      search: 'find_customer',
      create: 'create_customer',
    });
    expect(app.searchOrCreates.find_customer.display.label).toBe('Find or Create Customer');
  });
});

describe("Find Customer: the look-ups operators' Zaps start from", () => {
  /**
   * The look-ups operators' Zaps start from: a CRM contact finds the customer by name or phone, an
   * accounting payment finds the invoice by its printed number, an access-control Zap finds the site
   * and the unit by name.
   */

  const jane = { ...contact, customFields: {} };
  const janet = {
    id: 'usr_2',
    email: 'janet@example.com',
    firstName: 'Jane',
    lastName: 'Doerr',
    phone: '+44 20 7946 0000',
  };

  describe('Find Customer by name or phone', () => {
    const searching = (term: string, answer: unknown[]) =>
      sg().get(`${ADMIN}/users`).query({ search: term, limit: 10 }).reply(200, answer);

    test('hit by whole name: the partial match the API also returns is passed over; read by id like a trigger', async () => {
      const scope = searching('jane doe', [janet, jane]);
      sg().get(`${ADMIN}/users/usr_1`).query(userInclude).twice().reply(200, jane);
      const result = await search('find_customer', { nameOrPhone: 'jane doe' });
      expect(result).toEqual([await hydrate('customer', 'usr_1')]);
      expect(result[0]).toMatchObject({ id: 'usr_1', name: 'Jane Doe' });
      scope.done();
    });

    test('hit by phone: a national number finds its international form', async () => {
      searching('020 7946 0958', [jane]);
      sg().get(`${ADMIN}/users/usr_1`).query(userInclude).reply(200, jane);
      await expect(search('find_customer', { nameOrPhone: '020 7946 0958' })).resolves.toMatchObject([
        { id: 'usr_1' },
      ]);
    });

    test('miss: only partial matches is an empty result, not the nearest customer', async () => {
      const scope = searching('Jane Do', [janet, jane]);
      await expect(search('find_customer', { nameOrPhone: 'Jane Do' })).resolves.toEqual([]);
      scope.done();
    });

    test('miss: a phone that shares only its last digits is not a match', async () => {
      searching('7946 0958', [jane]);
      await expect(search('find_customer', { nameOrPhone: '7946 0958' })).resolves.toEqual([]);
    });

    test('E-mail and Customer ID come first when filled in', async () => {
      sg().get(`${ADMIN}/users/usr_1`).query(userInclude).reply(200, jane);
      await expect(
        search('find_customer', { customerId: 'usr_1', nameOrPhone: 'Someone Else' }),
      ).resolves.toMatchObject([{ id: 'usr_1' }]);
    });

    test('bad input: one character is refused before any request', async () => {
      let err: Error | undefined;
      const tried = await unansweredRequests(async () => {
        err = await failure(search('find_customer', { nameOrPhone: ' J ' }));
      });
      expect(tried).toBe(0);
      expect(userMessage(err)).toMatchObject({
        code: 'invalid_input',
        message: 'Name or Phone must be at least 2 characters (got "J").',
      });
    });
  });
  describe('Find Customer by e-mail falls back to the search when the look-up answers 404', () => {
    test('hit: an exact, case-insensitive e-mail match among the search answers, read by id', async () => {
      const scope = sg()
        .get(`${ADMIN}/users/jane.doe%40example.com`)
        .query(userInclude)
        .reply(404, notFound)
        .get(`${ADMIN}/users`)
        .query({ search: 'jane.doe@example.com', limit: 10 })
        .reply(200, [
          { ...janet, email: 'jane.doe@example.com.au' },
          { ...jane, email: 'Jane.Doe@Example.com' },
        ])
        .get(`${ADMIN}/users/usr_1`)
        .query(userInclude)
        .reply(200, { ...jane, email: 'Jane.Doe@Example.com' });
      await expect(search('find_customer', { email: 'JANE.DOE@example.com' })).resolves.toMatchObject([
        { id: 'usr_1' },
      ]);
      scope.done();
    });

    test('Find Unit Rental and Create Customer use the same fallback (one client function)', async () => {
      const scope = sg()
        .get(`${ADMIN}/users/jane.doe%40example.com`)
        .query(true)
        .reply(404, notFound)
        .get(`${ADMIN}/users`)
        .query({ search: 'jane.doe@example.com', limit: 10 })
        .reply(200, [jane])
        .get(`${ADMIN}/users/usr_1`)
        .query(userInclude)
        .reply(200, jane)
        .get(`${ADMIN}/unit-rentals`)
        .query({ ownerId: 'usr_1', limit: 1000, offset: 0 })
        .reply(200, []);
      await expect(search('find_unit_rental', { customerEmail: 'jane.doe@example.com' })).resolves.toEqual(
        [],
      );
      scope.done();
    });
  });
});
