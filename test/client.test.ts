import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import {
  apiKeyForHeader,
  buildPath,
  findJob,
  getJob,
  getUser,
  isOurs,
  listJobs,
  listUnitRentals,
  MAX_SEGMENT,
  must,
  pageSizeFor,
  retryAfterSeconds,
  sgRequest,
  unusableSegment,
} from '../src/client';
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
    await run((z, b) =>
      sgRequest(z, b, { method: 'POST', path: ['jobs'], body: { type: 'task', ownerId: null, data: { title: 'x' } } }),
    );
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
    const other = nock('https://files.example.com', { badheaders: ['authorization'] })
      .get('/a.pdf')
      .reply(200, 'pdf');
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
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(401, { error: { message: 'Unauthorized' } });
    const err = await failure(run((z, b) => getJob(z, b, 'job_1')));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/invalid or has been revoked\. Reconnect/);
  });

  test('403: names what was refused and the role to give the key', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(403, { error: { message: 'Insufficient role' } });
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toMatchObject({ code: 'forbidden', status: 403 });
    expect(err.message).toMatch(/refused Job job_1 \(403\).*admin role.*Storeganise said: Insufficient role/);
  });

  test('404 outside a search: names the record that was not found', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_404`)
      .query(true)
      .reply(404, { error: { message: 'Not found' } });
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_404'))));
    expect(err).toEqual({
      code: 'not_found',
      status: 404,
      message: 'Job job_404 was not found in Storeganise business "mybiz".',
    });
  });

  test('404 in a look-up: no record, no error', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_404`)
      .query(true)
      .reply(404, { error: { message: 'Not found' } });
    await expect(run((z, b) => findJob(z, b, 'job_404'))).resolves.toBeNull();
  });

  test.each([400, 409, 422])("%i: Storeganise's own message", async (status) => {
    sg()
      .post(`${ADMIN}/jobs`)
      .reply(status, { error: { message: 'data.title is required' } });
    const err = userMessage(
      await failure(run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: {} }))),
    );
    expect(err).toEqual({
      code: 'invalid_request',
      status,
      message: `Storeganise rejected the request (${status}): data.title is required`,
    });
  });

  test('429 with Retry-After in seconds: ThrottledError with that delay', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(429, { error: { message: 'Slow down' } }, { 'Retry-After': '30' });
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
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(status, '<html>Bad gateway</html>', { 'content-type': 'text/html' });
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
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(
      /Could not reach Storeganise at mybiz\.storeganise\.com \(ECONNRESET\)\. Check the connection's Business Code/,
    );
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
    const err = await failure(
      run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: { n: BigInt(1) } as never })),
    );
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
      sg()
        .get(`${ADMIN}/jobs/job_2`)
        .query(true)
        .reply(401, { error: { message: 'nope' } });
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

describe('the path builder and the key header, on their own', () => {
  const z = { errors } as unknown as ZObject;
  const refusal = (segments: unknown[]) => {
    try {
      buildPath(z, segments as never);
    } catch (err) {
      return userMessage(err);
    }
    return undefined;
  };

  test.each([
    [0, undefined],
    [12, undefined],
    [-1, 'is not a whole number'],
    [1.5, 'is not a whole number'],
    [2 ** 53, 'is not a whole number'],
    [null, 'is not text'],
    [{ id: 'x' }, 'is not text'],
    ['', 'is empty'],
    ['x'.repeat(MAX_SEGMENT), undefined],
    ['x'.repeat(MAX_SEGMENT + 1), `is longer than ${MAX_SEGMENT} characters`],
    ['..', 'is a dot segment, which would change the address'],
    ['.', 'is a dot segment, which would change the address'],
    ['...', undefined],
    ['a/b', 'contains a slash'],
    ['a\\b', 'contains a slash'],
    ['100%', 'contains %'],
    ['a\u0000', 'contains a control character'],
    ['a\u009f', 'contains a control character'],
    ['a\u00a0b', undefined],
    ['\ud83d\udd11', undefined],
    ['\ud83d', 'contains a broken character (a lone surrogate)'],
    ['\udd11x', 'contains a broken character (a lone surrogate)'],
    ['a\u200bb', 'contains an invisible character'],
    ['a\ufeff', 'contains an invisible character'],
    [' a', 'starts or ends with white space'],
    ['a\u3000', 'starts or ends with white space'],
  ])('segment %j: %s', (segment, why) => {
    expect(unusableSegment(segment)).toBe(why);
    const err = refusal(['jobs', segment]);
    if (why === undefined) expect(err).toBeUndefined();
    else
      expect(err).toMatchObject({ code: 'invalid_id', status: 400, message: expect.stringContaining(`: it ${why}.`) });
  });

  test('the refusal quotes the id escaped and cut to 40 characters, and names what to map', () => {
    expect(refusal(['jobs', `${'a'.repeat(50)}/`])?.message).toBe(
      `The id "${'a'.repeat(40)}…" cannot be sent to Storeganise: it contains a slash. Map the record's own id ` +
        '(e.g. 64f1c2a9e3b7d10012a4d201) into this field.',
    );
    expect(refusal(['jobs', 'a\u0000'])?.message).toMatch(/^The id "a\\u0000" cannot/);
    expect(refusal(['jobs', null])?.message).toMatch(/^The id object cannot/);
  });

  test('segments are encoded and joined; no segment at all is refused', () => {
    expect(buildPath(z, ['users', 'a+b@c.d', 7])).toBe('users/a%2Bb%40c.d/7');
    expect(refusal([])).toEqual({ message: 'No Storeganise endpoint was named.', code: 'invalid_id', status: 400 });
  });

  test('the API key is cleaned for the header, or refused without being quoted', () => {
    expect(apiKeyForHeader(z, { apiKey: `\u200b ${API_KEY}\ufeff\n` })).toBe(API_KEY);
    for (const apiKey of [undefined, 42, '', ' \u200b ']) {
      expect(() => apiKeyForHeader(z, { apiKey } as never)).toThrow(
        'Enter a Storeganise API key (Main Settings > Developer > API keys).',
      );
    }
    for (const apiKey of ['a b', 'a\u007f', 'a€', 'a\u0080']) {
      const err = (() => {
        try {
          apiKeyForHeader(z, { apiKey });
        } catch (e) {
          return userMessage(e);
        }
      })();
      expect(err).toMatchObject({ code: 'invalid_api_key', status: 400 });
      expect(err?.message).toMatch(/^The API key contains a character that cannot be sent/);
    }
  });

  test("only URLs under the connected business's API are ours", () => {
    expect(isOurs(`${HOST}${ADMIN}/jobs`, AUTH)).toBe(true);
    expect(isOurs(`${HOST}/apix`, AUTH)).toBe(false);
    expect(isOurs(undefined, AUTH)).toBe(false);
    expect(isOurs('', AUTH)).toBe(false);
    expect(isOurs(`${HOST}${ADMIN}/jobs`, { ...AUTH, businessCode: 'evil.example' })).toBe(false);
  });

  test('pages of 50 when a list embeds records, else 1000', () => {
    expect(pageSizeFor({ include: 'unit' })).toBe(50);
    expect(pageSizeFor({ include: '' })).toBe(1000);
    expect(pageSizeFor({})).toBe(1000);
    expect(pageSizeFor()).toBe(1000);
  });
});

describe('answers the caller cannot use', () => {
  test('an empty answer where a record is needed names what came back empty', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, '');
    sg().post(`${ADMIN}/things`).reply(200, '');
    expect(userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))))).toEqual({
      message: 'Job job_1 came back empty from Storeganise.',
      code: 'empty_response',
    });
    expect(userMessage(await failure(run((z, b) => must(z, b, { method: 'POST', path: ['things'] }))))).toEqual({
      message: 'things came back empty from Storeganise.',
      code: 'empty_response',
    });
  });

  test('a wrong shape names the request and what came back', async () => {
    sg().get(`${ADMIN}/things/1`).reply(200, [1]);
    expect(userMessage(await failure(run((z, b) => sgRequest(z, b, { path: ['things', 1] }))))).toEqual({
      message:
        'Storeganise answered GET things/1 with a list that holds something other than records where one record was ' +
        'expected. Check that "mybiz" is your business code; if it is, Storeganise changed this answer: contact the ' +
        "app's support.",
      code: 'unexpected_response',
    });
    sg().get(`${ADMIN}/things`).reply(200, '"x"', { 'content-type': 'application/json' });
    expect(
      userMessage(await failure(run((z, b) => sgRequest(z, b, { path: ['things'], expect: 'list' })))).message,
    ).toMatch(/with a bare string where a list of records was expected/);
    sg().delete(`${ADMIN}/things/1`).reply(200, [1]);
    await expect(
      run((z, b) => sgRequest(z, b, { method: 'DELETE', path: ['things', 1], expect: 'any' })),
    ).resolves.toEqual([1]);
  });

  test('a list page with no body ends the listing', async () => {
    sg().get(`${ADMIN}/jobs`).query(true).reply(200, '');
    await expect(run((z, b) => listJobs(z, b, {}, 10))).resolves.toEqual([]);
  });

  test('empty and undefined parameters are not sent', async () => {
    const scope = sg().get(`${ADMIN}/jobs`).query({ type: 'task', limit: 10, offset: 0 }).reply(200, []);
    await run((z, b) => listJobs(z, b, { type: 'task', state: '' }, 10));
    scope.done();
  });

  test.each([
    [{ code: 'ENOTFOUND' }, 'ENOTFOUND'],
    [{ code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
  ])('a network failure %j is reported as unreachable', async (shape, shown) => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .replyWithError(Object.assign(new Error('x'), shape));
    const err = userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toEqual({
      code: 'unavailable',
      message: `Could not reach Storeganise at mybiz.storeganise.com (${shown}). Check the connection's Business Code, or try again in a few minutes.`,
    });
  });

  test("a bad business code is the user's error, before any request", async () => {
    const err = userMessage(
      await failure(run((z, b) => getJob(z, b, 'job_1'), { ...AUTH, businessCode: 'evil.example' })),
    );
    expect(err).toMatchObject({ code: 'invalid_business_code', status: 400 });
  });
});
