/**
 * `npm start` runs operations through zapier-local/lifecycle.ts's tester (`npm run bench` through the same
 * runtime): its performs get the inputs Zapier would hand over (typed fields coerced, defaults filled in),
 * the same function the jest suite's runtime uses, so a local run cannot see an input no Zap would send.
 */
import * as coerce from '../../zapier-local/coerce';
import { appTester, operation } from '../../zapier-local/lifecycle';
import { App, appTester as suiteTester } from '../helpers';

// The module's own function, watched: jest.mock rather than jest.spyOn, since the CommonJS that @swc/jest emits
// exports live bindings (getters) that spyOn cannot redefine.
jest.mock('../../zapier-local/coerce', () => {
  const actual = jest.requireActual<typeof import('../../zapier-local/coerce')>('../../zapier-local/coerce');
  return { ...actual, coercedBundle: jest.fn(actual.coercedBundle) };
});

const AUTH = { apiKey: 'sk_test_fake_not_a_key', businessCode: 'demo' };

beforeEach(() => jest.mocked(coerce.coercedBundle).mockClear());

test('a sandbox perform receives the coerced input, and the suite computes the same one', async () => {
  const seen = jest.mocked(coerce.coercedBundle);
  const perform = operation('searches', 'find_customer', 'perform');
  const typed = { findBy: 'bogus', email: 'jane.doe@example.com' };
  // refused before any request: Find By holds a value no choice has
  await expect(appTester(perform, { authData: AUTH, inputData: typed })).rejects.toThrow(
    /is not one of: Email, Customer ID, Name or Phone/,
  );
  expect(seen).toHaveBeenCalledTimes(1);
  expect(seen.mock.results[0].value).toMatchObject({ inputData: typed, inputDataRaw: typed });
});

test('defaults Zapier fills in reach a sandbox perform (Find By left empty finds by Email)', () => {
  const perform = App.searches.find_customer.operation.perform;
  const bundle = coerce.coercedBundle(App, perform, { inputData: { email: 'jane.doe@example.com' } });
  expect(bundle.inputData).toEqual({ findBy: 'email', email: 'jane.doe@example.com' });
  expect(suiteTester.coerced(perform, { email: 'jane.doe@example.com' })).toEqual(bundle.inputData);
});
