/**
 * Facts from production clients, each kept in the client: predefined charges named by their id, the
 * business name from `brandName`/`companyName`, lists with `include` paged by 50, a user GET retried
 * without `include=billing`; and custom fields written to units (access codes).
 */

import {
  ADMIN,
  app,
  appTester,
  AUTH,
  failure,
  hydrate,
  sg,
  unansweredRequests,
  userMessage,
} from '../helpers';
import { owner } from '../fixtures/records';

describe('a user GET that fails with include=billing is retried without it', () => {
  const jane = owner;

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
