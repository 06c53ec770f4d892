import { samples } from '../../src/records/samples';
import { ADMIN, app, create, failure, type Row, sg, userMessage } from '../helpers';

import { include, invoice } from '../fixtures/invoices';
const cardPayment = {
  type: 'manual',
  amount: 141.5,
  method: 'card',
  date: '2026-12-01',
  notes: 'Terminal ref 7781',
};

describe('Add Invoice Payment', () => {
  test('records exactly this payment, then returns the whole invoice with it', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice())
      .post(`${ADMIN}/invoices/inv_1/payments`, (body) => {
        expect(body).toEqual(cardPayment);
        return true;
      })
      .reply(200, { id: 'pay_1', ...cardPayment })
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice({ state: 'paid', balance: 0, payments: [{ id: 'pay_1', ...cardPayment }] }));

    const out = await create('add_invoice_payment', {
      invoiceId: 'inv_1',
      amount: '141.50',
      method: 'card',
      date: 'Dec 1 2026',
      notes: ' Terminal ref 7781 ',
    });
    scope.done();
    expect(out).toMatchObject({
      id: 'inv_1',
      state: 'paid',
      balance: 0,
      invoiceNumber: '10234',
      customerName: 'Jane Doe',
      payment: { id: 'pay_1', amount: 141.5, method: 'card' },
      duplicateSkipped: false,
    });
  });

  test('an empty date means today (UTC); an empty note is not sent', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice())
      .post(`${ADMIN}/invoices/inv_1/payments`, { type: 'manual', amount: 20, method: 'cash', date: today })
      .reply(200, invoice()) // some tenants may answer with the invoice rather than the payment
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(
        200,
        invoice({
          payments: [
            { id: 'pay_2', type: 'manual', amount: 20, method: 'cash', date: `${today}T00:00:00.000Z` },
          ],
        }),
      );
    const out = await create('add_invoice_payment', {
      invoiceId: 'inv_1',
      amount: 20,
      method: 'Cash',
      date: '',
      notes: '',
    });
    scope.done();
    expect(out.payment).toMatchObject({ id: 'pay_2', amount: 20 });
  });

  test('replay: the same payment already on the invoice is returned and nothing is recorded', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice({ state: 'paid', balance: 0, payments: [{ id: 'pay_1', ...cardPayment }] }));
    const out = await create('add_invoice_payment', {
      invoiceId: 'inv_1',
      amount: 141.5,
      method: 'card',
      date: '2026-12-01',
      notes: 'Terminal ref 7781',
    });
    scope.done();
    expect(out).toMatchObject({ duplicateSkipped: true, payment: { id: 'pay_1' }, state: 'paid' });
  });

  test('a payment on another date is not a duplicate', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice({ payments: [{ id: 'pay_1', ...cardPayment, date: '2026-11-01' }] }))
      .post(`${ADMIN}/invoices/inv_1/payments`, cardPayment)
      .reply(200, { id: 'pay_3', ...cardPayment })
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice());
    await create('add_invoice_payment', {
      invoiceId: 'inv_1',
      amount: 141.5,
      method: 'card',
      date: '2026-12-01',
      notes: 'Terminal ref 7781',
    });
    scope.done();
  });

  test("422: Storeganise's own message reaches the user", async () => {
    sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice())
      .post(`${ADMIN}/invoices/inv_1/payments`)
      .reply(422, { error: { message: 'amount exceeds the invoice balance' } });
    const err = userMessage(
      await failure(
        create('add_invoice_payment', {
          invoiceId: 'inv_1',
          amount: 999,
          method: 'card',
          date: '2026-12-01',
        }),
      ),
    );
    expect(err).toMatchObject({
      status: 422,
      message: 'Storeganise rejected the request (422): amount exceeds the invoice balance',
    });
  });

  test('404: names the invoice', async () => {
    sg()
      .get(`${ADMIN}/invoices/inv_9`)
      .query(include)
      .reply(404, { error: { message: 'Not found' } });
    const err = userMessage(
      await failure(create('add_invoice_payment', { invoiceId: 'inv_9', amount: 5, method: 'cash' })),
    );
    expect(err).toMatchObject({
      code: 'not_found',
      message: 'Invoice inv_9 was not found in Storeganise business "mybiz".',
    });
  });

  test.each([
    [
      { amount: 5, method: 'bitcoin' },
      'Method must be one of cash, card, cheque, transfer, other (got "bitcoin").',
    ],
    [{ amount: 0, method: 'cash' }, 'Amount must not be 0.'],
    [{ amount: 'abc', method: 'cash' }, 'Amount must be a number (got "abc").'],
    [{ amount: '', method: 'cash' }, 'Amount is required.'],
    [{ method: 'cash' }, 'Amount is required.'],
    [
      { amount: 5, method: 'cash', date: 'someday' },
      'Date: "someday" is not a date Storeganise can use. Use YYYY-MM-DD, e.g. 2026-12-01.',
    ],
  ])('bad input %p', async (input, message) => {
    const err = userMessage(await failure(create('add_invoice_payment', { invoiceId: 'inv_1', ...input })));
    expect(err).toMatchObject({ code: 'invalid_input', message });
  });

  test('method offers exactly the methods Storeganise knows', () => {
    const method = app.creates.add_invoice_payment.operation.inputFields.find((f: Row) => f.key === 'method');
    expect(Object.keys(method.choices)).toEqual(['cash', 'card', 'cheque', 'transfer', 'other']);
  });

  test('sample is the shared invoice with its payment', () => {
    expect(app.creates.add_invoice_payment.operation.sample).toEqual({
      ...samples.invoice,
      payment: samples.invoice.payments![0],
      duplicateSkipped: false,
    });
  });
});
