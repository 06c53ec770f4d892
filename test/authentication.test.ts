import nock from 'nock';
import authentication, { connectionLabel, testConnection } from '../src/authentication';
import {
  ADMIN,
  API_KEY,
  appTester,
  AUTH,
  failure,
  HOST,
  sg,
  unansweredRequests,
  userMessage,
} from './helpers';

describe('connecting a Storeganise business', () => {
  test('a valid key passes the test and the label shows the business name and code', async () => {
    const scope = sg().get(`${ADMIN}/settings`).reply(200, { name: 'Acme Self Storage', currency: 'GBP' });

    const info = await appTester(testConnection, { authData: AUTH });
    expect(info).toEqual({ businessCode: 'mybiz', businessName: 'Acme Self Storage' });

    const label = await appTester(connectionLabel as never, { authData: AUTH, inputData: info });
    expect(label).toBe('Acme Self Storage (mybiz)');
    scope.done();
  });

  test('a pasted portal address connects to the business it names', async () => {
    const scope = nock('https://acme-test.storeganise.com').get(`${ADMIN}/settings`).reply(200, {});

    const info = await appTester(testConnection, {
      authData: { ...AUTH, businessCode: 'https://acme-test.storeganise.com/manage/settings' },
    });
    expect(info).toEqual({ businessCode: 'acme-test', businessName: 'acme-test' });
    scope.done();
  });

  test('without a name in the settings the label is the code alone', async () => {
    const label = await appTester(connectionLabel as never, {
      authData: AUTH,
      inputData: { businessCode: 'mybiz', businessName: 'mybiz' },
    });
    expect(label).toBe('mybiz');
  });

  test('a revoked or mistyped key fails with a reconnect message', async () => {
    sg()
      .get(`${ADMIN}/settings`)
      .reply(401, { error: { message: 'Invalid API key' } });

    const err = await failure(appTester(testConnection, { authData: AUTH }));
    expect(err.name).toBe('ExpiredAuthError');
    expect(userMessage(err).message).toMatch(/API key.*invalid or has been revoked.*Reconnect/);
  });

  test('a key without rights fails with a message about its role', async () => {
    sg()
      .get(`${ADMIN}/settings`)
      .reply(403, { error: { message: 'Forbidden' } });

    const err = await failure(appTester(testConnection, { authData: AUTH }));
    expect(userMessage(err)).toMatchObject({ code: 'forbidden', status: 403 });
    expect(userMessage(err).message).toMatch(/admin role/);
  });

  test('an address that is not Storeganise is refused before any request is made', async () => {
    const bundle = { authData: { ...AUTH, businessCode: 'https://evil.example/' } };
    const err = await failure(appTester(testConnection, bundle));
    expect(userMessage(err)).toMatchObject({ code: 'invalid_business_code' });
    expect(userMessage(err).message).toMatch(/not a Storeganise business code/);
    expect(await unansweredRequests(() => appTester(testConnection, bundle))).toBe(0);
  });

  test('an empty API key is refused before any request is made', async () => {
    const err = await failure(appTester(testConnection, { authData: { ...AUTH, apiKey: ' ' } }));
    expect(userMessage(err)).toMatchObject({ code: 'missing_api_key' });
  });

  test('an alert e-mail that is not an address is refused', async () => {
    const err = await failure(
      appTester(testConnection, { authData: { ...AUTH, alertEmail: 'ops at mybiz' } }),
    );
    expect(userMessage(err)).toMatchObject({ code: 'invalid_alert_email' });
  });

  test('a host that answers HTML instead of JSON is reported as not a Storeganise business', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, '<html>Welcome</html>', { 'content-type': 'text/html' });

    const err = await failure(appTester(testConnection, { authData: AUTH }));
    expect(userMessage(err)).toMatchObject({ code: 'not_json' });
    expect(userMessage(err).message).toMatch(/"mybiz" is your Storeganise business code/);
  });

  test('the API key is a password field and the only credential sent', async () => {
    const fields = authentication.fields as Array<{ key: string; type?: string; required?: boolean }>;
    expect(fields.find((f) => f.key === 'apiKey')).toMatchObject({ type: 'password', required: true });
    expect(fields.find((f) => f.key === 'webhookSecret')).toMatchObject({
      type: 'password',
      required: false,
    });
    expect(fields.map((f) => f.key)).not.toContain('baseUrl');

    const scope = nock(HOST, { badheaders: ['x-webhook-secret'] })
      .matchHeader('authorization', `ApiKey ${API_KEY}`)
      .matchHeader('accept', 'application/json')
      .get(`${ADMIN}/settings`)
      .reply(200, {});
    await appTester(testConnection, { authData: AUTH });
    scope.done();
  });
});

describe("from the operators' workflows", () => {
  /**
   * Facts from production clients, each kept in the client: predefined charges named by their id, the
   * business name from `brandName`/`companyName`, lists with `include` paged by 50, a user GET retried
   * without `include=billing`; and custom fields written to units (access codes).
   */

  describe('the business name', () => {
    test.each([
      [{ brandName: 'Acme Storage', companyName: 'Acme Holdings Ltd' }, 'Acme Storage'],
      [{ companyName: 'Pipedream Dev', brand: { color: '#fff' } }, 'Pipedream Dev'],
      [{ brandName: { en: 'Acme Storage', fr: 'Acme Stockage' } }, 'Acme Storage'],
      [{ name: 'Acme' }, 'Acme'],
      [{ brandName: '  ', brand: { name: 'Acme Brand' } }, 'Acme Brand'],
      [{}, 'mybiz'],
    ])('settings %p → "%s"', async (settings, name) => {
      sg().get(`${ADMIN}/settings`).reply(200, settings);
      await expect(appTester(testConnection, { authData: AUTH })).resolves.toEqual({
        businessCode: 'mybiz',
        businessName: name,
      });
    });
  });
});
