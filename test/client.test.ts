import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { findJob, getJob, getUser, listUnitRentals, retryAfterSeconds, sgRequest } from '../src/client';
import { ADMIN, API_KEY, AUTH, appTester, failure, HOST, sg, userMessage, WEBHOOK_SECRET } from './helpers';

const run = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T>, authData: Record<string, string> = AUTH) =>
  appTester(fn as never, { authData }) as Promise<T>;

const job = { id: 'job_1', type: 'unit_moveIn', state: 'created', ownerId: 'usr_1' };

describe('Storeganise client', () => {
  test('reads a record with the API key, JSON headers and the include set hydration needs', async () => {
    const scope = sg()
      .matchHeader('accept', 'application/json')
      .get(`${ADMIN}/jobs/job_1`)
      .query({ include: 'customFields' })
      .reply(200, job);

    await expect(run((z, b) => getJob(z, b, 'job_1'))).resolves.toEqual(job);
    scope.done();
  });

  test('ids are URL-encoded so a mapped value cannot change the path', async () => {
    const scope = sg().get(`${ADMIN}/users/ops%2Bnight%40mybiz.example`).query(true).reply(200, { id: 'usr_1' });
    await run((z, b) => getUser(z, b, 'ops+night@mybiz.example'));
    scope.done();
  });

  test('an id with a slash or a dot segment is refused before any request', async () => {
    for (const id of ['a/../settings', '..']) {
      const err = userMessage(await failure(run((z, b) => getJob(z, b, id))));
      expect(err).toMatchObject({ code: 'invalid_id', status: 400 });
    }
  });

  test('sends JSON bodies with a JSON content type', async () => {
    const scope = sg()
      .matchHeader('content-type', /application\/json/)
      .post(`${ADMIN}/jobs`, { type: 'task', ownerId: null, data: { title: 'x' } })
      .reply(200, { id: 'job_2' });
    await run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: { type: 'task', ownerId: null, data: { title: 'x' } } }));
    scope.done();
  });

  test('follows limit/offset paging until a short page', async () => {
    const full = Array.from({ length: 1000 }, (_, i) => ({ id: `ur_${i}` }));
    const scope = sg()
      .get(`${ADMIN}/unit-rentals`)
      .query({ state: 'occupied', limit: 1000, offset: 0 })
      .reply(200, full)
      .get(`${ADMIN}/unit-rentals`)
      .query({ state: 'occupied', limit: 1000, offset: 1000 })
      .reply(200, [{ id: 'ur_1000' }, { id: 'ur_1001' }]);

    const rentals = await run((z, b) => listUnitRentals(z, b, { state: 'occupied' }, Infinity));
    expect(rentals).toHaveLength(1002);
    scope.done();
  });

  test('never sends the API key to a host other than the connected business', async () => {
    const other = nock('https://files.example.com', { badheaders: ['authorization'] }).get('/a.pdf').reply(200, 'pdf');
    await run((z) => z.request({ url: 'https://files.example.com/a.pdf' }));
    other.done();
  });

  test('STOREGANISE_API_URL points every request at a local server instead', async () => {
    process.env.STOREGANISE_API_URL = 'http://127.0.0.1:4010/{code}/api/';
    try {
      const scope = nock('http://127.0.0.1:4010')
        .matchHeader('authorization', `ApiKey ${API_KEY}`)
        .get('/mybiz/api/v1/admin/jobs/job_1')
        .query(true)
        .reply(200, job);
      await run((z, b) => getJob(z, b, 'job_1'));
      scope.done();
    } finally {
      delete process.env.STOREGANISE_API_URL;
    }
  });
});

describe('Storeganise errors become errors a Zap user can act on', () => {
  test('401: the key is invalid or revoked, reconnect', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(401, { error: { message: 'Unauthorized' } });
    const err = await failure(run((z, b) => getJob(z, b, 'job_1')));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/invalid or has been revoked\. Reconnect/);
  });

  test('403: names what was refused and the role to give the key', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(403, { error: { message: 'Insufficient role' } });
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toMatchObject({ code: 'forbidden', status: 403 });
    expect(err.message).toMatch(/refused Job job_1 \(403\).*admin role.*Storeganise said: Insufficient role/);
  });

  test('404 outside a search: names the record that was not found', async () => {
    sg().get(`${ADMIN}/jobs/job_404`).query(true).reply(404, { error: { message: 'Not found' } });
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_404'))));
    expect(err).toEqual({ code: 'not_found', status: 404, message: 'Job job_404 was not found in Storeganise business "mybiz".' });
  });

  test('404 in a look-up: no record, no error', async () => {
    sg().get(`${ADMIN}/jobs/job_404`).query(true).reply(404, { error: { message: 'Not found' } });
    await expect(run((z, b) => findJob(z, b, 'job_404'))).resolves.toBeNull();
  });

  test.each([400, 409, 422])('%i: Storeganise\'s own message', async (status) => {
    sg().post(`${ADMIN}/jobs`).reply(status, { error: { message: 'data.title is required' } });
    const err = userMessage(await failure(run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: {} }))));
    expect(err).toEqual({
      code: 'invalid_request',
      status,
      message: `Storeganise rejected the request (${status}): data.title is required`,
    });
  });

  test('429 with Retry-After in seconds: ThrottledError with that delay', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(429, { error: { message: 'Slow down' } }, { 'Retry-After': '30' });
    const err = await failure(run((z, b) => getJob(z, b, 'job_1')));
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err)).toMatchObject({ delay: 30, message: expect.stringMatching(/rate limiting/) });
  });

  test('429 with Retry-After as a date: the seconds until then', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(429, '', { 'Retry-After': at });
    const err = await failure(run((z, b) => getJob(z, b, 'job_1')));
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err).delay).toBeGreaterThanOrEqual(115);
    expect(userMessage(err).delay).toBeLessThanOrEqual(120);
  });

  test('Retry-After parsing: delta-seconds or an HTTP date, clamped to 1–300 s', () => {
    expect(retryAfterSeconds('0')).toBe(1);
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds('301')).toBe(300);
    expect(retryAfterSeconds(undefined)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-02T00:00:00Z'))).toBe(1);
  });

  test.each([500, 502, 503])('%i: Storeganise is unavailable, with the status', async (status) => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(status, '<html>Bad gateway</html>', { 'content-type': 'text/html' });
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toMatchObject({ code: 'unavailable', status });
    expect(err.message).toMatch(new RegExp(`unavailable right now \\(HTTP ${status}\\)`));
  });

  test('a body that is not JSON on success is an error, not a crash downstream', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, 'OK', { 'content-type': 'text/plain' });
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err.code).toBe('not_json');
  });

  test('a network failure names the host and what to check', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/Could not reach Storeganise at mybiz\.storeganise\.com \(ECONNRESET\)\. Check the connection's Business Code/);
  });
});

describe('what users map is sent as it is', () => {
  test('text with {{curly braces}} in a body reaches Storeganise untouched', async () => {
    const body = { type: 'task', ownerId: null, data: { title: 'Template {{bundle.inputData.name}} left as typed' } };
    const scope = sg().post(`${ADMIN}/jobs`, body).reply(200, { id: 'job_3' });
    await run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body }));
    scope.done();
  });

  test('an error that is not a network failure is not reported as one', async () => {
    const err = await failure(run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: { n: BigInt(1) } as never })));
    expect(err.message).not.toMatch(/Could not reach Storeganise/);
  });
});

describe('secrets stay secret', () => {
  const secrets = [API_KEY, WEBHOOK_SECRET];

  test('an error that echoes the key or the secret is redacted', async () => {
    sg()
      .post(`${ADMIN}/jobs`)
      .reply(422, { error: { message: `bad key ${API_KEY} / ${WEBHOOK_SECRET}` } });
    const err = await failure(run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: {} })));
    for (const secret of secrets) expect(err.message).not.toContain(secret);
    expect(err.message).toContain(':censored:');
  });

  test('neither appears in z.console or HTTP logs, for successes and failures alike', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
    process.env.LOG_TO_STDOUT = '1';
    process.env.DETAILED_LOG_TO_STDOUT = '1';
    try {
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, job);
      sg().get(`${ADMIN}/jobs/job_2`).query(true).reply(401, { error: { message: 'nope' } });
      await run(async (z, b) => {
        await getJob(z, b, 'job_1');
        return getJob(z, b, 'job_2').catch((e: Error) => z.console.log(e.message));
      });
    } finally {
      spy.mockRestore();
      delete process.env.LOG_TO_STDOUT;
      delete process.env.DETAILED_LOG_TO_STDOUT;
    }
    const output = lines.join('\n');
    expect(output).toContain(`GET ${HOST}${ADMIN}/jobs/job_1`); // the logs were captured at all
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
