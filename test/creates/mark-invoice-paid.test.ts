import { ADMIN, create, failure, sg, userMessage } from '../helpers';

import { include, invoice } from '../fixtures/invoices';

describe('Mark Invoice Paid', () => {
  test('sends exactly { state: "paid" } and returns the whole invoice as a trigger would', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice())
      .put(`${ADMIN}/invoices/inv_1`, { state: 'paid' })
      .reply(200, { id: 'inv_1', state: 'paid' })
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice({ state: 'paid' }));
    const out = await create('mark_invoice_paid', { invoiceId: 'inv_1' });
    scope.done();
    expect(out).toMatchObject({
      id: 'inv_1',
      state: 'paid',
      customerEmail: 'jane.doe@example.com',
      invoiceNumber: '10234',
    });
  });

  test('replay: an invoice already paid is returned without a write', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice({ state: 'paid' }));
    await expect(create('mark_invoice_paid', { invoiceId: 'inv_1' })).resolves.toMatchObject({
      state: 'paid',
    });
    scope.done();
  });

  test("422: Storeganise's own message", async () => {
    sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice({ state: 'draft' }))
      .put(`${ADMIN}/invoices/inv_1`)
      .reply(422, { error: { message: 'A draft invoice cannot be marked paid' } });
    const err = userMessage(await failure(create('mark_invoice_paid', { invoiceId: 'inv_1' })));
    expect(err.message).toBe('Storeganise rejected the request (422): A draft invoice cannot be marked paid');
  });

  test('bad input: no invoice id', async () => {
    expect(userMessage(await failure(create('mark_invoice_paid', { invoiceId: '' })))).toMatchObject({
      code: 'invalid_input',
      message: 'Invoice ID is required.',
    });
  });
});
