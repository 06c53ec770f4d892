import { ADMIN, API_KEY, app, create, failure, sg, unansweredRequests, userMessage } from '../helpers';
import { CASE_TIMEOUT_MS, expectZapierError, runRecorded } from '../fixtures/recorded-run';

const request = (inputData: Record<string, unknown>) => create('api_request', inputData);

describe('API Request (Beta)', () => {
  test('GET with query: status, headers without credentials or cookies, parsed body', async () => {
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_1`)
      .query({ include: 'unit,owner', limit: '5' })
      .reply(
        200,
        { id: 'ur_1', charges: [] },
        { 'Set-Cookie': 'session=abc', 'X-Request-Id': 'req-1', Authorization: `ApiKey ${API_KEY}` },
      );
    const out = await request({
      method: 'GET',
      path: '/v1/admin/unit-rentals/ur_1?include=unit,owner',
      query: { limit: 5 },
    });
    scope.done();
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ id: 'ur_1', charges: [] });
    expect(out.headers['x-request-id']).toBe('req-1');
    expect(out.headers).not.toHaveProperty('set-cookie');
    expect(out.headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(out)).not.toContain(API_KEY);
  });

  test('a successful answer that is not JSON (an export, say) is handed on as text', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices/inv_1/pdf-link`)
      .reply(200, 'https://files.example/inv_1.pdf', { 'content-type': 'text/plain' });
    await expect(request({ method: 'GET', path: 'invoices/inv_1/pdf-link' })).resolves.toMatchObject({
      status: 200,
      body: 'https://files.example/inv_1.pdf',
    });
    scope.done();
  });

  test.each(['units', '/units', 'v1/admin/units', '/api/v1/admin/units'])(
    'path %s means /v1/admin/units',
    async (path) => {
      const scope = sg().get(`${ADMIN}/units`).reply(200, []);
      await expect(request({ method: 'GET', path })).resolves.toMatchObject({ status: 200, body: [] });
      scope.done();
    },
  );

  test("POST sends the JSON body exactly, with the connection's auth", async () => {
    const body = {
      type: 'task',
      ownerId: null,
      data: { targetType: 'unit', targetId: 'unit_1', title: 'Check lock' },
    };
    const scope = sg()
      .matchHeader('content-type', /application\/json/)
      .post(`${ADMIN}/jobs`, body)
      .reply(201, { id: 'job_1' });
    await expect(
      request({ method: 'post', path: 'jobs', body: JSON.stringify(body) }),
    ).resolves.toMatchObject({ status: 201, body: { id: 'job_1' } });
    scope.done();
  });

  test('an empty answer (204) has a null body', async () => {
    sg().delete(`${ADMIN}/webhooks/wh_1`).reply(204);
    await expect(request({ method: 'DELETE', path: 'webhooks/wh_1' })).resolves.toMatchObject({
      status: 204,
      body: null,
    });
  });

  test("422: Storeganise's own message, like every other step", async () => {
    sg()
      .put(`${ADMIN}/unit-rentals/ur_1`)
      .reply(422, { error: { message: 'price must be positive' } });
    const err = userMessage(
      await failure(request({ method: 'PUT', path: 'unit-rentals/ur_1', body: '{"price": -1}' })),
    );
    expect(err).toMatchObject({
      code: 'invalid_request',
      status: 422,
      message: 'Storeganise rejected the request (422): price must be positive',
    });
  });

  test.each([
    ['https://evil.example.com/steal', /absolute URL/],
    ['http://mybiz.storeganise.com/api/v1/admin/units', /absolute URL/],
    ['//evil.example.com/steal', /another host/],
    ['../../settings', /step outside/],
    ['units/../../v2/secret', /step outside/],
    ['units/%2e%2e/%2E%2E/x', /step outside/],
    ['units/..%2fsettings', /step outside/],
    ['units/%2F%2Fevil', /step outside/],
    ['units\\..\\x', /backslash/],
    ['units/a b', /space/],
    ['units#frag', /#/],
    ['units//x', /empty segment/],
    ['/v1/admin/', /names no endpoint/],
    ['units/%zz', /malformed/],
  ])('path %s is refused before any request', async (path, why) => {
    const err = userMessage(await failure(request({ method: 'GET', path })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(why);
    expect(await unansweredRequests(() => request({ method: 'GET', path }))).toBe(0);
  });

  test.each([
    ['an encoded parent segment', 'unit-rentals/%2e%2e/settings'],
    ['an encoded slash', 'unit-rentals/a%2F..%2F..%2Fsettings'],
    ['a double-encoded parent segment', 'jobs/%252e%252e'],
    ['a lone surrogate', 'jobs/\ud800'],
  ])(
    'a path with %s: refused with a typed error, no request',
    async (_name, path) => {
      const outcome = await runRecorded(app.creates.api_request.operation.perform, {
        inputData: { method: 'GET', path },
      });
      expect(outcome.stray).toEqual([]);
      expectZapierError(outcome);
    },
    CASE_TIMEOUT_MS,
  );

  test.each([
    [
      { method: 'GET', path: 'units', body: '{"a":1}' },
      'A GET request takes no Body; use Query String Parameters.',
    ],
    [{ method: 'POST', path: 'units', body: '{oops' }, /^Body is not valid JSON/],
    [{ method: 'TRACE', path: 'units' }, 'HTTP Method must be one of GET, POST, PUT, PATCH, DELETE.'],
  ])('bad input %p', async (input, message) => {
    const err = userMessage(await failure(request(input)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });
});
