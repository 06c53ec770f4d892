/**
 * Find By: each search that finds a record in several ways has one required choice (Zapier's check D009),
 * defaulting to the way users most often have. It decides when several fields are filled in; a step left
 * at its default still finds by the one field the user did fill in; an unknown choice is refused.
 */
import { ADMIN, app, failure, search, sg, userMessage } from '../helpers';

const jane = { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' };
const ann = { id: 'usr_2', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' };

test.each([
  ['find_customer', 'email'],
  ['find_invoice', 'invoiceNumber'],
  ['find_unit', 'unitName'],
  ['find_unit_rental', 'customerEmail'],
])('%s has a required Find By defaulting to %s, and its choices name existing fields', (key, first) => {
  const fields: Array<Record<string, any>> = app.searches[key].operation.inputFields;
  const findBy = fields.find((f) => f.key === 'findBy')!;
  expect(findBy).toMatchObject({ required: true, default: first });
  for (const way of Object.keys(findBy.choices)) expect(fields.map((f) => f.key)).toContain(way);
});

test('Find By decides which of two filled fields is used', async () => {
  sg().get(`${ADMIN}/users/usr_2`).query(true).reply(200, ann);
  const [found] = await search('find_customer', {
    findBy: 'customerId',
    email: jane.email,
    customerId: 'usr_2',
  });
  expect(found).toMatchObject({ id: 'usr_2', email: 'ann@example.com' });
});

test('Find By may be mapped as its label, any case', async () => {
  sg().get(`${ADMIN}/users/usr_2`).query(true).reply(200, ann);
  await expect(
    search('find_customer', { findBy: 'customer id', email: jane.email, customerId: 'usr_2' }),
  ).resolves.toMatchObject([{ id: 'usr_2' }]);
});

test('a step left at the default way finds by the field that is filled in', async () => {
  sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, jane);
  await expect(search('find_customer', { findBy: 'email', customerId: 'usr_1' })).resolves.toMatchObject([
    { id: 'usr_1' },
  ]);
});

test('an unknown Find By is refused before any request, naming the choices', async () => {
  const error = userMessage(
    await failure(search('find_invoice', { findBy: 'customer', invoiceId: 'inv_1' })),
  );
  expect(error).toMatchObject({
    code: 'invalid_input',
    message: 'Find By "customer" is not one of: Invoice Number, Invoice ID.',
  });
});
