import nock from 'nock';
import { type Bundle, errors, type ZObject } from 'zapier-platform-core';
import {
  addStoreganiseHeaders,
  adminUrl,
  apiBase,
  connectedBusinessCode,
  getJob,
  getUser,
  isNetworkError,
  isOurs,
  listAll,
  listJobs,
  listUnitRentals,
  must,
  sgRequest,
} from '../../src/client';
import { ADMIN, API_KEY, appTester, AUTH, failure, sg, userMessage } from '../helpers';

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
    const scope = sg()
      .get(`${ADMIN}/users/ops%2Bnight%40mybiz.example`)
      .query(true)
      .reply(200, { id: 'usr_1' });
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
      sgRequest(z, b, {
        method: 'POST',
        path: ['jobs'],
        body: { type: 'task', ownerId: null, data: { title: 'x' } },
      }),
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

describe('what users map is sent as it is', () => {
  test('text with {{curly braces}} in a body reaches Storeganise untouched', async () => {
    const body = {
      type: 'task',
      ownerId: null,
      data: { title: 'Template {{bundle.inputData.name}} left as typed' },
    };
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

describe('answers the caller cannot use', () => {
  test('an empty answer where a record is needed names what came back empty', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, '');
    sg().post(`${ADMIN}/things`).reply(200, '');
    expect(userMessage(await failure(run((z, b) => getJob(z, b, 'job_1'))))).toEqual({
      message: 'Job job_1 came back empty from Storeganise.',
      code: 'empty_response',
    });
    expect(
      userMessage(await failure(run((z, b) => must(z, b, { method: 'POST', path: ['things'] })))),
    ).toEqual({
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
      userMessage(await failure(run((z, b) => sgRequest(z, b, { path: ['things'], expect: 'list' }))))
        .message,
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

describe("from the operators' workflows", () => {
  /**
   * Facts from production clients, each kept in the client: predefined charges named by their id, the
   * business name from `brandName`/`companyName`, lists with `include` paged by 50, a user GET retried
   * without `include=billing`; and custom fields written to units (access codes).
   */

  describe('lists that embed records (include=) page by 50', () => {
    test('a list with include is read 50 at a time until a short page', async () => {
      const { listAll } = await import('../../src/client');
      const page = (n: number, from: number) =>
        Array.from({ length: n }, (_, i) => ({ id: `ur_${from + i}` }));
      const scope = sg()
        .get(`${ADMIN}/unit-rentals`)
        .query({ include: 'unit,owner', limit: 50, offset: 0 })
        .reply(200, page(50, 0))
        .get(`${ADMIN}/unit-rentals`)
        .query({ include: 'unit,owner', limit: 50, offset: 50 })
        .reply(200, page(3, 50));
      const all = await appTester(
        (z: ZObject, bundle: Bundle) => listAll(z, bundle, ['unit-rentals'], { include: 'unit,owner' }),
        { authData: AUTH },
      );
      expect(all).toHaveLength(53);
      scope.done();
    });

    test('a list without include keeps pages of 1000', async () => {
      const { listAll } = await import('../../src/client');
      const scope = sg()
        .get(`${ADMIN}/units`)
        .query({ limit: 1000, offset: 0 })
        .reply(200, [{ id: 'u1' }]);
      await appTester((z: ZObject, bundle: Bundle) => listAll(z, bundle, ['units']), { authData: AUTH });
      scope.done();
    });
  });
});

describe('what counts as a network failure (named as such, with the host only)', () => {
  const system = (code: string) => Object.assign(new Error('x'), { code });
  test.each([
    ['node-fetch’s FetchError', Object.assign(new Error('x'), { name: 'FetchError' })],
    ['an AbortError (timeout)', Object.assign(new Error('x'), { name: 'AbortError' })],
    ['a system error', Object.assign(new Error('x'), { type: 'system' })],
    ['ECONNRESET', system('ECONNRESET')],
    ['ENOTFOUND', system('ENOTFOUND')],
    ['EAI_AGAIN', system('EAI_AGAIN')],
  ])('%s is one', (_name, err) => {
    expect(isNetworkError(err)).toBe(true);
  });

  test.each([
    ['a plain Error', new Error('x')],
    ['a lower-case code', system('econnreset')],
    ['a code that is only E', system('E')],
    ['a code with other characters', system('ECONN-RESET')],
    ['a code that is not text', Object.assign(new Error('x'), { code: 42 })],
    ['another type', Object.assign(new Error('x'), { type: 'invalid-json' })],
    ['another name', Object.assign(new Error('x'), { name: 'TypeError' })],
    ['nothing at all', undefined],
    ['null', null],
  ])('%s is not', (_name, err) => {
    expect(isNetworkError(err)).toBe(false);
  });

  test.each([
    'AppError',
    'ResponseError',
    'ThrottledError',
    'ExpiredAuthError',
    'RefreshAuthError',
    'HaltedError',
    'StopRequestError',
  ])("Zapier's %s already says the right thing, even with a system error's marks", (name) => {
    const err = Object.assign(new Error('x'), { name, code: 'ECONNRESET', type: 'system' });
    expect(isNetworkError(err)).toBe(false);
  });
});

describe('the base URL and the headers each request gets', () => {
  const bundleOf = () => ({ authData: { ...AUTH } }) as unknown as Bundle;
  const z = { errors } as unknown as ZObject;
  const saved = process.env.STOREGANISE_API_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.STOREGANISE_API_URL;
    else process.env.STOREGANISE_API_URL = saved;
  });

  test('the override is trimmed and loses every trailing slash; {code} is the business code', () => {
    process.env.STOREGANISE_API_URL = '  http://127.0.0.1:4010/{code}/api///  ';
    expect(apiBase(AUTH)).toBe('http://127.0.0.1:4010/mybiz/api');
    expect(adminUrl(AUTH, '//jobs/job_1')).toBe('http://127.0.0.1:4010/mybiz/api/v1/admin/jobs/job_1');
  });

  test('admin URLs join the path once, whether or not it starts with a slash', () => {
    expect(adminUrl(AUTH, 'jobs')).toBe('https://mybiz.storeganise.com/api/v1/admin/jobs');
    expect(adminUrl(AUTH, '/jobs')).toBe('https://mybiz.storeganise.com/api/v1/admin/jobs');
  });

  test('only URLs under the business’s API are ours; with no valid code, none is', () => {
    expect(isOurs('https://mybiz.storeganise.com/api/v1/admin/jobs', AUTH)).toBe(true);
    expect(isOurs('https://mybiz.storeganise.com/apix', AUTH)).toBe(false);
    expect(isOurs(undefined, AUTH)).toBe(false);
    expect(isOurs('', AUTH)).toBe(false);
    expect(isOurs('https://x.storeganise.com/api/v1', { ...AUTH, businessCode: 'evil.example/' })).toBe(
      false,
    );
  });

  test('a failure other than a wrong code, while reading the code, is not disguised as one', () => {
    const authData = {
      get businessCode(): string {
        throw new RangeError('unexpected');
      },
    };
    expect(() => connectedBusinessCode(z, authData as never)).toThrow(RangeError);
  });

  test('JSON content type only when there is a body; the key, no early 429, no redirects followed', () => {
    const get = addStoreganiseHeaders(
      { url: `${apiBase(AUTH)}/v1/admin/jobs`, method: 'GET', headers: { 'X-Extra': '1' } },
      z,
      bundleOf(),
    ) as Record<string, any>;
    expect(get.headers).toEqual({
      Accept: 'application/json',
      'X-Extra': '1',
      Authorization: `ApiKey ${API_KEY}`,
    });
    expect(get.throwForThrottlingEarly).toBe(false);
    expect(get.redirect).toBe('manual');
    for (const body of [{ body: '{}' }, { json: { a: 1 } }]) {
      const post = addStoreganiseHeaders(
        { url: `${apiBase(AUTH)}/v1/admin/jobs`, method: 'POST', ...body },
        z,
        bundleOf(),
      ) as Record<string, any>;
      expect(post.headers['Content-Type']).toBe('application/json');
    }
  });

  test('requests to other hosts are left exactly as they were', () => {
    const request = { url: 'https://files.example.com/a.pdf', headers: {} };
    expect(addStoreganiseHeaders({ ...request }, z, bundleOf())).toEqual(request);
  });
});

describe('paging and empty answers', () => {
  test('listAll stops at max: no page beyond it, and a page longer than asked is cut', async () => {
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ limit: 2, offset: 0 })
      .reply(200, [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }]);
    const all = await run((z, b) => listAll(z, b, ['units'], {}, 2));
    expect(all).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    scope.done();
  });

  test('listAll asks for no page once it holds max records, even when the last page was full', async () => {
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ limit: 2, offset: 0 })
      .reply(200, [{ id: 'u1' }, { id: 'u2' }]);
    expect(await run((z, b) => listAll(z, b, ['units'], {}, 2))).toHaveLength(2);
    scope.done();
  });

  test('a page that is not a list is named by what was listed', async () => {
    sg().get(`${ADMIN}/unit-rentals/ur_1/charges`).query(true).reply(200, { id: 'u1' });
    const err = userMessage(await failure(run((z, b) => listAll(z, b, ['unit-rentals', 'ur_1', 'charges']))));
    expect(err.message).toMatch(
      /^Storeganise answered Listing unit-rentals\/ur_1\/charges with one record where a list of records/,
    );
  });

  test('a needed record that comes back empty is named by its path when it has no name', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, '');
    const err = userMessage(await failure(run((z, b) => must(z, b, { path: ['jobs', 'job_1'] }))));
    expect(err).toEqual({ code: 'empty_response', message: 'jobs/job_1 came back empty from Storeganise.' });
  });

  test('undefined parameters are not sent, empty ones neither', async () => {
    const scope = sg().get(`${ADMIN}/jobs`).query({ a: 'x', n: 0, f: false }).reply(200, []);
    const params = { a: 'x', n: 0, f: false, u: undefined, e: '' };
    await run((z, b) => sgRequest(z, b, { path: ['jobs'], params, expect: 'list' }));
    scope.done();
  });
});
