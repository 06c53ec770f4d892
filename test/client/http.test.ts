/**
 * The client's requests (src/client/http.ts): the key, headers and base URL each gets, paging, network
 * failures, a redirect never followed, and an answer of the wrong shape never handed on.
 */
import nock from 'nock';
import { type Bundle, errors, type ZObject } from 'zapier-platform-core';
import {
  addStoreganiseHeaders,
  adminUrl,
  apiBase,
  apiKeyForHeader,
  connectedBusinessCode,
  getJob,
  isNetworkError,
  isOurs,
  listAll,
  listJobs,
  listUnitRentals,
  must,
  pageSizeFor,
  sgRequest,
} from '../../src/client';
import {
  ADMIN,
  API_KEY,
  app,
  appTester,
  AUTH,
  failure,
  HOST,
  runWithConnection,
  sg,
  userMessage,
} from '../helpers';
import { signedDelivery } from '../fixtures/deliveries';
import { CASE_TIMEOUT_MS, expectNoSecret, expectZapierError, runRecorded } from '../fixtures/recorded-run';

const job = { id: 'job_1', type: 'unit_moveIn', state: 'created', ownerId: 'usr_1' };

describe('Storeganise client', () => {
  test('reads a record with the API key, JSON headers and the include set hydration needs', async () => {
    const scope = sg()
      .matchHeader('accept', 'application/json')
      .get(`${ADMIN}/jobs/job_1`)
      .query({ include: 'customFields' })
      .reply(200, job);

    await expect(runWithConnection((z, b) => getJob(z, b, 'job_1'))).resolves.toEqual(job);
    scope.done();
  });

  test('an id with a slash or a dot segment is refused before any request', async () => {
    for (const id of ['a/../settings', '..']) {
      const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, id))));
      expect(err).toMatchObject({ code: 'invalid_id', status: 400 });
    }
  });

  test('sends JSON bodies with a JSON content type', async () => {
    const scope = sg()
      .matchHeader('content-type', /application\/json/)
      .post(`${ADMIN}/jobs`, { type: 'task', ownerId: null, data: { title: 'x' } })
      .reply(200, { id: 'job_2' });
    await runWithConnection((z, b) =>
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

    const rentals = await runWithConnection((z, b) => listUnitRentals(z, b, { state: 'occupied' }, Infinity));
    expect(rentals).toHaveLength(1002);
    scope.done();
  });

  test('never sends the API key to a host other than the connected business', async () => {
    const other = nock('https://files.example.com', { badheaders: ['authorization'] })
      .get('/a.pdf')
      .reply(200, 'pdf');
    await runWithConnection((z) => z.request({ url: 'https://files.example.com/a.pdf' }));
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
      await runWithConnection((z, b) => getJob(z, b, 'job_1'));
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
    await runWithConnection((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body }));
    scope.done();
  });

  test('an error that is not a network failure is not reported as one', async () => {
    const err = await failure(
      runWithConnection((z, b) =>
        sgRequest(z, b, { method: 'POST', path: ['jobs'], body: { n: BigInt(1) } as never }),
      ),
    );
    expect(err.message).not.toMatch(/Could not reach Storeganise/);
  });
});

describe('answers the caller cannot use', () => {
  test('an empty answer where a record is needed names what came back empty', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, '');
    sg().post(`${ADMIN}/things`).reply(200, '');
    expect(userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_1'))))).toEqual({
      message: 'Job job_1 came back empty from Storeganise.',
      code: 'empty_response',
    });
    expect(
      userMessage(
        await failure(runWithConnection((z, b) => must(z, b, { method: 'POST', path: ['things'] }))),
      ),
    ).toEqual({
      message: 'things came back empty from Storeganise.',
      code: 'empty_response',
    });
  });

  test('a wrong shape names the request and what came back', async () => {
    sg().get(`${ADMIN}/things/1`).reply(200, [1]);
    expect(
      userMessage(await failure(runWithConnection((z, b) => sgRequest(z, b, { path: ['things', 1] })))),
    ).toEqual({
      message:
        'Storeganise answered GET things/1 with a list that holds something other than records where one record was ' +
        'expected. Check that "mybiz" is your business code; if it is, Storeganise changed this answer: contact the ' +
        "app's support.",
      code: 'unexpected_response',
    });
    sg().get(`${ADMIN}/things`).reply(200, '"x"', { 'content-type': 'application/json' });
    expect(
      userMessage(
        await failure(runWithConnection((z, b) => sgRequest(z, b, { path: ['things'], expect: 'list' }))),
      ).message,
    ).toMatch(/with a bare string where a list of records was expected/);
    sg().delete(`${ADMIN}/things/1`).reply(200, [1]);
    await expect(
      runWithConnection((z, b) => sgRequest(z, b, { method: 'DELETE', path: ['things', 1], expect: 'any' })),
    ).resolves.toEqual([1]);
  });

  test('a list page with no body ends the listing', async () => {
    sg().get(`${ADMIN}/jobs`).query(true).reply(200, '');
    await expect(runWithConnection((z, b) => listJobs(z, b, {}, 10))).resolves.toEqual([]);
  });

  test('empty and undefined parameters are not sent', async () => {
    const scope = sg().get(`${ADMIN}/jobs`).query({ type: 'task', limit: 10, offset: 0 }).reply(200, []);
    await runWithConnection((z, b) => listJobs(z, b, { type: 'task', state: '' }, 10));
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
    const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toEqual({
      code: 'unavailable',
      message: `Could not reach Storeganise at mybiz.storeganise.com (${shown}). Check the connection's Business Code, or try again in a few minutes.`,
    });
  });

  test("a bad business code is the user's error, before any request", async () => {
    const err = userMessage(
      await failure(
        runWithConnection((z, b) => getJob(z, b, 'job_1'), { ...AUTH, businessCode: 'evil.example' }),
      ),
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
    expect(isOurs(`${HOST}${ADMIN}/jobs`, { ...AUTH, businessCode: 'evil.example' })).toBe(false);
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
  test('pages of 50 when a list embeds records, else 1000', () => {
    expect(pageSizeFor({ include: 'unit' })).toBe(50);
    expect(pageSizeFor({ include: '' })).toBe(1000);
    expect(pageSizeFor({})).toBe(1000);
    expect(pageSizeFor()).toBe(1000);
  });

  test('listAll stops at max: no page beyond it, and a page longer than asked is cut', async () => {
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ limit: 2, offset: 0 })
      .reply(200, [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }]);
    const all = await runWithConnection((z, b) => listAll(z, b, ['units'], {}, 2));
    expect(all).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    scope.done();
  });

  test('listAll asks for no page once it holds max records, even when the last page was full', async () => {
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ limit: 2, offset: 0 })
      .reply(200, [{ id: 'u1' }, { id: 'u2' }]);
    expect(await runWithConnection((z, b) => listAll(z, b, ['units'], {}, 2))).toHaveLength(2);
    scope.done();
  });

  test('a page that is not a list is named by what was listed', async () => {
    sg().get(`${ADMIN}/unit-rentals/ur_1/charges`).query(true).reply(200, { id: 'u1' });
    const err = userMessage(
      await failure(runWithConnection((z, b) => listAll(z, b, ['unit-rentals', 'ur_1', 'charges']))),
    );
    expect(err.message).toMatch(
      /^Storeganise answered Listing unit-rentals\/ur_1\/charges with one record where a list of records/,
    );
  });

  test('a needed record that comes back empty is named by its path when it has no name', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, '');
    const err = userMessage(
      await failure(runWithConnection((z, b) => must(z, b, { path: ['jobs', 'job_1'] }))),
    );
    expect(err).toEqual({ code: 'empty_response', message: 'jobs/job_1 came back empty from Storeganise.' });
  });

  test('undefined parameters are not sent, empty ones neither', async () => {
    const scope = sg().get(`${ADMIN}/jobs`).query({ a: 'x', n: 0, f: false }).reply(200, []);
    const params = { a: 'x', n: 0, f: false, u: undefined, e: '' };
    await runWithConnection((z, b) => sgRequest(z, b, { path: ['jobs'], params, expect: 'list' }));
    scope.done();
  });
});

describe('a key pasted with junk: cleaned for the header, or refused before any request', () => {
  test.each([
    ['a trailing zero-width space', `${API_KEY}\u200b`],
    ['a leading BOM', `\ufeff${API_KEY}`],
    ['surrounding spaces and a line break', `  ${API_KEY}\n`],
    ['a word joiner inside', `${API_KEY.slice(0, 5)}\u2060${API_KEY.slice(5)}`],
  ])(
    'a key with %s is cleaned: the connection works with the clean key',
    async (_name, apiKey) => {
      const scope = nock(HOST, { reqheaders: { authorization: `ApiKey ${API_KEY}` } })
        .get(`${ADMIN}/settings`)
        .reply(200, { name: 'Acme' });
      const outcome = await runRecorded(app.authentication.test, { authData: { ...AUTH, apiKey } });
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toEqual({ businessCode: 'mybiz', businessName: 'Acme' });
      scope.done();
    },
    CASE_TIMEOUT_MS,
  );

  test.each([
    ['a line break inside', `${API_KEY.slice(0, 8)}\r\n${API_KEY.slice(8)}`],
    ['a euro sign', `${API_KEY}€`],
    ['a space inside', `${API_KEY.slice(0, 8)} ${API_KEY.slice(8)}`],
    ['a NUL byte', `${API_KEY}\u0000`],
    ['an emoji', `${API_KEY}🔑`],
  ])(
    'a key with %s is refused with a clear typed error that does not hold it, before any request',
    async (_name, apiKey) => {
      for (const run of [app.authentication.test, app.searches.find_job.operation.perform]) {
        const outcome = await runRecorded(run, {
          authData: { ...AUTH, apiKey },
          inputData: { jobId: 'job_1' },
        });
        expect(expectZapierError(outcome, 'invalid_api_key').message).toMatch(
          /cannot be sent.*Copy the key again/,
        );
        expect(outcome.stray).toEqual([]);
        expectNoSecret(outcome, [apiKey, API_KEY.slice(8)]);
      }
    },
    CASE_TIMEOUT_MS,
  );
});

/** A host that would gladly take whatever is sent to it; the case fails if it is ever reached. */
function trap(origin: string) {
  const seen: string[] = [];
  const scope = nock(origin).persist();
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    scope.intercept(/.*/, method).reply(function reply() {
      seen.push(`${method} ${this.req.path} auth=${this.req.headers.authorization ?? 'none'}`);
      return [200, { id: 'job_1', stolen: true }];
    });
  }
  return { seen, scope };
}

const TARGETS: Array<[string, string, string]> = [
  ['another host', 'https://evil.example', 'https://evil.example/collect?key=1#x'],
  [
    'another business',
    'https://other.storeganise.com',
    'https://other.storeganise.com/api/v1/admin/jobs/job_1?a=b',
  ],
  [
    'a subdomain of the business',
    'https://x.mybiz.storeganise.com',
    'https://x.mybiz.storeganise.com/api/v1/admin/jobs/job_1',
  ],
  [
    'another port',
    'https://mybiz.storeganise.com:8443',
    'https://mybiz.storeganise.com:8443/api/v1/admin/jobs/job_1',
  ],
  ['plain http', 'http://mybiz.storeganise.com', 'http://mybiz.storeganise.com/api/v1/admin/jobs/job_1'],
  ['credentials in the address', 'https://evil.example', 'https://user:pass@evil.example/in'],
];

describe('a redirect is never followed', () => {
  test.each(TARGETS)(
    'a GET redirected to %s: typed error naming the target without query; the key goes nowhere',
    async (_name, origin, location) => {
      const caught = trap(origin);
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(302, '', { Location: location });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      const err = expectZapierError(outcome, 'redirect');
      const shown = new URL(location);
      expect(err.message).toContain(`${shown.origin}${shown.pathname}`);
      expect(err.message).not.toMatch(/\?|#x|user|pass/);
      expect(caught.seen).toEqual([]);
      expect(outcome.stray).toEqual([]);
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
  );

  test.each([307, 308])(
    'a %i on Create Customer re-posts nothing anywhere: one POST, then a typed error',
    async (status) => {
      const caught = trap('https://evil.example');
      const scope = sg()
        .get(/\/api\/v1\/admin\/users\/.*/)
        .query(true)
        .reply(404, {})
        .get(`${ADMIN}/users`)
        .query(true)
        .reply(200, [])
        .post(`${ADMIN}/users`)
        .once()
        .reply(status, '', { Location: 'https://evil.example/api/v1/admin/users' });
      const outcome = await runRecorded(app.creates.create_customer.operation.perform, {
        inputData: {
          email: 'new@mybiz.example',
          firstName: 'Ada',
          lastName: 'Lovelace',
          phone: '+44 20 7946 0000',
        },
      });
      expectZapierError(outcome, 'redirect');
      expect(caught.seen).toEqual([]);
      expect(outcome.stray).toEqual([]);
      scope.done();
    },
    CASE_TIMEOUT_MS,
  );

  test(
    "API Request: a 307 with a body is not replayed to the target, and the target's answer is not handed on",
    async () => {
      const caught = trap('https://evil.example');
      sg().post(`${ADMIN}/jobs`).reply(307, '', { Location: 'https://evil.example/jobs' });
      const outcome = await runRecorded(app.creates.api_request.operation.perform, {
        inputData: { method: 'POST', path: 'jobs', body: '{"type":"task","data":{"title":"x"}}' },
      });
      expectZapierError(outcome, 'redirect');
      expect(outcome.result).toBeUndefined();
      expect(caught.seen).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a same-origin redirect (e.g. to a login page) is not followed either, and names the full target',
    async () => {
      sg().get(`${ADMIN}/settings`).reply(301, '', { Location: '/login?next=/api' });
      const outcome = await runRecorded(app.authentication.test, {});
      expect(expectZapierError(outcome, 'redirect').message).toContain(
        'https://mybiz.storeganise.com/login.',
      );
      expect(outcome.stray).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a redirect whose address echoes the key has it censored; one without an address says so',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(302, '', { Location: `https://evil.example/${API_KEY}` })
        .get(`${ADMIN}/jobs/job_2`)
        .query(true)
        .reply(303, '');
      const echoed = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectZapierError(echoed, 'redirect').message).toContain('https://evil.example/:censored:');
      expectNoSecret(echoed);
      const bare = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_2' },
      });
      expect(expectZapierError(bare, 'redirect').message).toContain('to no address');
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a record fetch redirected mid-run fails typed, with no record from the other host',
    async () => {
      const caught = trap('https://evil.example');
      sg()
        .get(`${ADMIN}/unit-rentals/ur_1`)
        .query(true)
        .reply(302, '', { Location: 'https://evil.example/ur_1' });
      const event = {
        id: 'evt_redirect',
        type: 'unitRental.updated',
        created: null,
        data: { unitRentalId: 'ur_1' },
      };
      const outcome = await runRecorded(
        app.triggers.unit_rental_updated.operation.perform,
        signedDelivery(event),
      );
      expectZapierError(outcome, 'redirect');
      expect(caught.seen).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );
});

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

describe('every answer has the shape its caller expects', () => {
  test.each(WRONG_FOR_A_RECORD)(
    'Find Job answered with %s: a typed error, no record made of it',
    async (_name, body) => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(200, JSON.stringify(body), { 'content-type': 'application/json' });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectZapierError(outcome, 'unexpected_response').message).toMatch(
        /where one record was expected/,
      );
      expect(outcome.result).toBeUndefined();
    },
    CASE_TIMEOUT_MS,
  );

  test.each(WRONG_FOR_A_RECORD)(
    'the connection test answered with %s: a typed error',
    async (_name, body) => {
      sg().get(`${ADMIN}/settings`).reply(200, JSON.stringify(body), { 'content-type': 'application/json' });
      expectZapierError(await runRecorded(app.authentication.test, {}), 'unexpected_response');
    },
    CASE_TIMEOUT_MS,
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
      const outcome = await runRecorded(app.searches.find_unit_rental.operation.perform, {
        inputData: { customerEmail: 'ada@mybiz.example' },
      });
      expect(expectZapierError(outcome, 'unexpected_response').message).toMatch(
        /where a list of records was expected/,
      );
    },
    CASE_TIMEOUT_MS,
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
      expectZapierError(
        await runRecorded(app.triggers.unit_rental_list.operation.perform, { meta: { page: 0 } }),
        'unexpected_response',
      );
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'turning a Zap on, the webhook registration answered with a list: a typed error, nothing stored',
    async () => {
      sg()
        .post(`${ADMIN}/webhooks`)
        .reply(200, [{ id: 'wh_1' }]);
      const outcome = await runRecorded(app.triggers.new_move_in.operation.performSubscribe, {
        targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc',
      });
      expectZapierError(outcome, 'unexpected_response');
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
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
      const outcome = await runRecorded(app.creates.add_invoice_payment.operation.perform, {
        inputData: { invoiceId: 'inv_1', amount: '10', method: 'cash' },
      });
      expectZapierError(outcome, 'unexpected_response');
      expect(outcome.stray).toEqual([]); // no POST of the payment
    },
    CASE_TIMEOUT_MS,
  );
});
