/**
 * Class 6 — shape guards. Every answer is checked for the shape its caller expects: a list where one
 * record belongs (or a record where a list belongs, or a list of non-records) is a typed error, never
 * data handed on with keys "0", "1", … or a TypeError further down.
 */
import { ADMIN, app, attempt, CASE_MS, expectNoSecret, expectTypedError, sg } from './kit';

const WRONG_FOR_A_RECORD: Array<[string, unknown]> = [
  ['an empty list', []],
  ['a list holding the record', [{ id: 'job_1', type: 'task' }]],
  ['a string', 'job_1'],
  ['a number', 42],
  ['true', true],
];

const WRONG_FOR_A_LIST: Array<[string, unknown]> = [
  ['one record', { id: 'ur_1', ownerId: 'usr_1' }],
  ['a list with null in it', [{ id: 'ur_1', ownerId: 'usr_1' }, null]],
  ['a list of strings', ['ur_1', 'ur_2']],
  ['a list of lists', [[{ id: 'ur_1' }]]],
  ['a string', 'ur_1'],
];

describe('class 6: every answer has the shape its caller expects', () => {
  test.each(WRONG_FOR_A_RECORD)(
    'Find Job answered with %s: a typed error, no record made of it',
    async (_name, body) => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(200, JSON.stringify(body), { 'content-type': 'application/json' });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectTypedError(outcome, 'unexpected_response').message).toMatch(
        /where one record was expected/,
      );
      expect(outcome.result).toBeUndefined();
    },
    CASE_MS,
  );

  test.each(WRONG_FOR_A_RECORD)(
    'the connection test answered with %s: a typed error',
    async (_name, body) => {
      sg().get(`${ADMIN}/settings`).reply(200, JSON.stringify(body), { 'content-type': 'application/json' });
      expectTypedError(await attempt(app.authentication.test, {}), 'unexpected_response');
    },
    CASE_MS,
  );

  test.each(WRONG_FOR_A_LIST)(
    'Find Unit Rental by e-mail, rentals answered with %s: a typed error',
    async (_name, body) => {
      sg()
        .get(`${ADMIN}/users/ada%40mybiz.example`)
        .query(true)
        .reply(200, { id: 'usr_1', email: 'ada@mybiz.example' })
        .get(`${ADMIN}/unit-rentals`)
        .query(true)
        .reply(200, JSON.stringify(body), { 'content-type': 'application/json' });
      const outcome = await attempt(app.searches.find_unit_rental.operation.perform, {
        inputData: { customerEmail: 'ada@mybiz.example' },
      });
      expect(expectTypedError(outcome, 'unexpected_response').message).toMatch(
        /where a list of records was expected/,
      );
    },
    CASE_MS,
  );

  test.each(WRONG_FOR_A_LIST)(
    'the unit rental dropdown answered with %s: a typed error',
    async (_name, body) => {
      sg()
        .get(`${ADMIN}/unit-rentals`)
        .query(true)
        .reply(200, JSON.stringify(body), { 'content-type': 'application/json' })
        .get(`${ADMIN}/sites`)
        .query(true)
        .reply(200, [{ id: 'site_1', code: 'LON', title: 'Central London' }]);
      expectTypedError(
        await attempt(app.triggers.unit_rental_list.operation.perform, { meta: { page: 0 } }),
        'unexpected_response',
      );
    },
    CASE_MS,
  );

  test(
    'turning a Zap on, the webhook registration answered with a list: a typed error, nothing stored',
    async () => {
      sg()
        .post(`${ADMIN}/webhooks`)
        .reply(200, [{ id: 'wh_1' }]);
      const outcome = await attempt(app.triggers.new_move_in.operation.performSubscribe, {
        targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc',
      });
      expectTypedError(outcome, 'unexpected_response');
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test(
    'a record action whose re-read answers with a list fails typed instead of writing from bad data',
    async () => {
      sg()
        .get(`${ADMIN}/invoices/inv_1`)
        .query(true)
        .reply(200, [{ id: 'inv_1', payments: [] }])
        .get(`${ADMIN}/settings`) // read beside the invoice, for its currency
        .reply(200, { currencyCode: 'GBP' });
      const outcome = await attempt(app.creates.add_invoice_payment.operation.perform, {
        inputData: { invoiceId: 'inv_1', amount: '10', method: 'cash' },
      });
      expectTypedError(outcome, 'unexpected_response');
      expect(outcome.stray).toEqual([]); // no POST of the payment
    },
    CASE_MS,
  );
});
