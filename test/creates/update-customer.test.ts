import { ADMIN, create, failure, sg, userMessage } from '../helpers';
import { jane, userInclude } from '../fixtures/records';

describe('Update Customer', () => {
  test('sends only what changes, then returns the customer as a trigger would', async () => {
    const scope = sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, jane)
      .put(`${ADMIN}/users/usr_1`, (b) => {
        expect(b).toEqual({ lastName: 'Smith' });
        return true;
      })
      .reply(200, { ...jane, lastName: 'Smith' })
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, { ...jane, lastName: 'Smith' });
    const out = await create('update_customer', {
      customerId: 'usr_1',
      firstName: 'Jane',
      lastName: 'Smith',
      phone: '',
    });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_1', name: 'Jane Smith' });
  });

  test('replay: nothing would change, so nothing is written', async () => {
    const scope = sg().get(`${ADMIN}/users/usr_1`).query(userInclude).reply(200, jane);
    await expect(
      create('update_customer', { customerId: 'usr_1', firstName: 'Jane', lastName: 'Doe' }),
    ).resolves.toMatchObject({ name: 'Jane Doe' });
    scope.done();
  });

  test("409: Storeganise's own message", async () => {
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(200, jane)
      .put(`${ADMIN}/users/usr_1`)
      .reply(409, { error: { message: 'email already in use' } });
    const err = userMessage(
      await failure(create('update_customer', { customerId: 'usr_1', email: 'taken@example.com' })),
    );
    expect(err.message).toBe('Storeganise rejected the request (409): email already in use');
  });

  test.each([
    [{ customerId: 'usr_1' }, 'Fill in at least one field to change.'],
    [{ customerId: 'usr_1', email: 'nope' }, '"nope" is not an e-mail address.'],
    [{ firstName: 'Jane' }, 'Customer ID is required.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(create('update_customer', input)))).toMatchObject({
      code: 'invalid_input',
      message,
    });
  });
});
