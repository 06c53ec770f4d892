import { ADMIN, create, failure, sg, userMessage } from '../helpers';
import { jane, userInclude } from '../fixtures/records';

describe('Create Customer', () => {
  test('creates with exactly the fields filled in, then returns the customer as a trigger would', async () => {
    const body = {
      email: 'sam.lee@example.com',
      firstName: 'Sam',
      lastName: 'Lee',
      phone: '+44 161 496 0000',
    };
    const scope = sg()
      .get(`${ADMIN}/users/sam.lee%40example.com`)
      .query(userInclude)
      .reply(404, { error: { message: 'Not found' } })
      .get(`${ADMIN}/users`)
      .query({ search: 'sam.lee@example.com', limit: 10 })
      .reply(200, [])
      .post(`${ADMIN}/users`, (b) => {
        expect(b).toEqual(body);
        return true;
      })
      .reply(200, { id: 'usr_2', ...body })
      .get(`${ADMIN}/users/usr_2`)
      .query(userInclude)
      .reply(200, { id: 'usr_2', ...body, customFields: {} });
    const out = await create('create_customer', {
      email: 'sam.lee@example.com',
      firstName: 'Sam',
      lastName: ' Lee ',
      phone: '+44 161 496 0000',
      companyName: '',
    });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_2', name: 'Sam Lee', duplicateSkipped: false });
  });

  test('replay: a customer with the e-mail already exists, so it is returned and nothing is created', async () => {
    const scope = sg().get(`${ADMIN}/users/jane.doe%40example.com`).query(userInclude).reply(200, jane);
    const out = await create('create_customer', { email: 'jane.doe@example.com', firstName: 'Jane' });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_1', name: 'Jane Doe', duplicateSkipped: true });
  });

  test('replay with the e-mail typed in another case still finds the customer (looked up lower-case)', async () => {
    const scope = sg().get(`${ADMIN}/users/jane.doe%40example.com`).query(userInclude).reply(200, jane);
    const out = await create('create_customer', { email: 'Jane.Doe@Example.com', firstName: 'Jane' });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_1', duplicateSkipped: true });
  });

  test('replay where the e-mail look-up answers 404 but the search finds the customer: nothing is created', async () => {
    const scope = sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(userInclude)
      .reply(404, { error: { message: 'Not found' } })
      .get(`${ADMIN}/users`)
      .query({ search: 'jane.doe@example.com', limit: 10 })
      .reply(200, [jane])
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, jane);
    const out = await create('create_customer', { email: 'jane.doe@example.com', firstName: 'Jane' });
    scope.done();
    expect(out).toMatchObject({ id: 'usr_1', duplicateSkipped: true });
  });

  test("422: Storeganise's own message", async () => {
    sg()
      .get(`${ADMIN}/users/sam%40example.com`)
      .query(true)
      .reply(404, { error: { message: 'Not found' } })
      .get(`${ADMIN}/users`)
      .query(true)
      .reply(200, [])
      .post(`${ADMIN}/users`)
      .reply(422, { error: { message: 'phone is not a valid phone number' } });
    const err = userMessage(
      await failure(create('create_customer', { email: 'sam@example.com', phone: 'abc' })),
    );
    expect(err).toMatchObject({
      status: 422,
      message: 'Storeganise rejected the request (422): phone is not a valid phone number',
    });
  });

  test.each([
    [{ firstName: 'Sam' }, 'Email is required.'],
    [{ email: 'sam at example' }, '"sam at example" is not an e-mail address.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(create('create_customer', input)))).toMatchObject({
      code: 'invalid_input',
      message,
    });
  });
});
