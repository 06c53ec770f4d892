import { type Bundle, errors, type HttpResponse, type ZObject } from 'zapier-platform-core';
/**
 * Storeganise's answers as errors a Zap user can act on (src/client/errors.ts): each status, the error
 * middleware on its own, Storeganise's own words in any shape and bounded however large, and Retry-After.
 */
import {
  errorForResponse,
  findJob,
  getJob,
  handleStoreganiseErrors,
  MAX_MESSAGE,
  MAX_RETRY_AFTER,
  redirectTarget,
  retryAfterSeconds,
  sgRequest,
  storeganiseMessage,
} from '../../src/client';
import { ADMIN, API_KEY, app, AUTH, failure, runWithConnection, sg, userMessage } from '../helpers';
import { CASE_TIMEOUT_MS, expectNoSecret, expectZapierError, runRecorded } from '../fixtures/recorded-run';

describe('Storeganise errors become errors a Zap user can act on', () => {
  test('401: the key is invalid or revoked, reconnect', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(401, { error: { message: 'Unauthorized' } });
    const err = await failure(runWithConnection((z, b) => getJob(z, b, 'job_1')));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/invalid or has been revoked\. Reconnect/);
  });

  test('403: names what was refused and the role to give the key', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(403, { error: { message: 'Insufficient role' } });
    const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toMatchObject({ code: 'forbidden', status: 403 });
    expect(err.message).toMatch(/refused Job job_1 \(403\).*admin role.*Storeganise said: Insufficient role/);
  });

  test('404 outside a search: names the record that was not found', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_404`)
      .query(true)
      .reply(404, { error: { message: 'Not found' } });
    const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_404'))));
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
    await expect(runWithConnection((z, b) => findJob(z, b, 'job_404'))).resolves.toBeNull();
  });

  test.each([400, 409, 422])("%i: Storeganise's own message", async (status) => {
    sg()
      .post(`${ADMIN}/jobs`)
      .reply(status, { error: { message: 'data.title is required' } });
    const err = userMessage(
      await failure(
        runWithConnection((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: {} })),
      ),
    );
    expect(err).toEqual({
      code: 'invalid_request',
      status,
      message: `Storeganise rejected the request (${status}): data.title is required`,
    });
  });

  test('429 with Retry-After as a date: the seconds until then', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(429, '', { 'Retry-After': at });
    const err = await failure(runWithConnection((z, b) => getJob(z, b, 'job_1')));
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
    const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_1'))));
    expect(err).toMatchObject({ code: 'unavailable', status });
    expect(err.message).toMatch(new RegExp(`unavailable right now \\(HTTP ${status}\\)`));
  });

  test('a body that is not JSON on success is an error, not a crash downstream', async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, 'OK', { 'content-type': 'text/plain' });
    const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_1'))));
    expect(err.code).toBe('not_json');
  });

  test('a network failure names the host and what to check', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const err = userMessage(await failure(runWithConnection((z, b) => getJob(z, b, 'job_1'))));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(
      /Could not reach Storeganise at mybiz\.storeganise\.com \(ECONNRESET\)\. Check the connection's Business Code/,
    );
  });
});

describe('the error middleware on its own (answers the client did not shape)', () => {
  type Answer = {
    status: number;
    url?: string;
    method?: string;
    data?: unknown;
    content?: string;
    headers?: Record<string, string>;
    middlewareData?: Record<string, unknown>;
    input?: unknown;
  };
  const z = { errors } as unknown as ZObject;
  const bundle = { authData: AUTH } as unknown as Bundle;
  const response = (a: Answer) => {
    const headers = new Map(Object.entries(a.headers ?? {}));
    return {
      status: a.status,
      data: a.data,
      content: a.content ?? (a.data === undefined ? '' : JSON.stringify(a.data)),
      headers: { get: (name: string) => headers.get(name) ?? null },
      getHeader: (name: string) => headers.get(name) ?? null,
      request: { url: a.url, method: a.method, middlewareData: a.middlewareData, input: a.input },
    } as unknown as HttpResponse & { skipThrowForStatus?: boolean };
  };
  const handle = (a: Answer) => handleStoreganiseErrors(response(a), z, bundle);
  const thrown = (a: Answer): Error => {
    try {
      handle(a);
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected the middleware to throw');
  };
  const OURS = `https://mybiz.storeganise.com${ADMIN}`;

  test('without the client’s description, the request is named by method and path under the admin API', () => {
    const err = userMessage(
      thrown({ status: 404, url: `${OURS}/jobs/job_7?include=unit`, method: 'DELETE' }),
    );
    expect(err).toEqual({
      code: 'not_found',
      status: 404,
      message: 'DELETE jobs/job_7 was not found in Storeganise business "mybiz".',
    });
    const get = userMessage(thrown({ status: 404, url: `${OURS}/units/u_1` }));
    expect(get.message).toBe('GET units/u_1 was not found in Storeganise business "mybiz".');
  });

  test('a request the client made is judged even at another base URL (a sandbox), and one with no URL too', () => {
    const sandbox = thrown({
      status: 503,
      url: 'http://127.0.0.1:4010/api/v1/admin/jobs/j',
      middlewareData: { storeganise: true, what: 'Job j' },
    });
    expect(userMessage(sandbox)).toMatchObject({ code: 'unavailable', status: 503 });
    const noUrl = userMessage(errorForResponse(z, response({ status: 418 }), AUTH));
    expect(noUrl).toEqual({
      code: 'invalid_request',
      status: 418,
      message: 'Storeganise rejected GET  (HTTP 418).',
    });
  });

  test('a 404 the client did not allow is an error even without its middleware data', () => {
    expect(userMessage(thrown({ status: 404, url: `${OURS}/jobs/x` })).code).toBe('not_found');
    const allowed = response({ status: 404, url: `${OURS}/jobs/x`, middlewareData: { allowNotFound: true } });
    expect(handleStoreganiseErrors(allowed, z, bundle)).toBe(allowed);
    expect(allowed.skipThrowForStatus).toBe(true);
  });

  test('every 3xx is a redirect error that says nothing was sent on, and which business code to check', () => {
    const err = userMessage(
      thrown({
        status: 300,
        url: `${OURS}/jobs/j`,
        headers: { location: 'https://elsewhere.example/a?key=1' },
      }),
    );
    expect(err).toEqual({
      code: 'redirect',
      status: 300,
      message:
        'Storeganise answered GET jobs/j with a redirect (HTTP 300) to https://elsewhere.example/a. Requests ' +
        'with your API key are never sent on to another address, so nothing was sent there. Check that ' +
        '"mybiz" is your Storeganise business code.',
    });
  });

  test('a success that is not JSON names its content type (or "none"); white space alone is an empty answer', () => {
    const html = userMessage(thrown({ status: 200, url: `${OURS}/jobs`, content: '<html>' }));
    expect(html).toEqual({
      code: 'not_json',
      status: 200,
      message:
        'Storeganise answered GET jobs with something that is not JSON (content-type: none). Check that ' +
        '"mybiz" is your Storeganise business code.',
    });
    const typed = thrown({
      status: 200,
      url: `${OURS}/jobs`,
      content: 'x',
      headers: { 'content-type': 'text/html' },
    });
    expect(userMessage(typed).message).toContain('(content-type: text/html)');
    const blank = response({ status: 200, url: `${OURS}/jobs`, content: ' \n\t ' });
    expect(handleStoreganiseErrors(blank, z, bundle)).toBe(blank);
    const text = response({
      status: 200,
      url: `${OURS}/x`,
      content: 'ok',
      middlewareData: { acceptText: true },
    });
    expect(handleStoreganiseErrors(text, z, bundle)).toBe(text);
  });

  test('where a redirect pointed: no address, a relative one resolved, or one that is not a URL', () => {
    expect(redirectTarget(null, `${OURS}/jobs`)).toBe('no address');
    expect(redirectTarget('/login?next=1', `${OURS}/jobs`)).toBe('https://mybiz.storeganise.com/login');
    expect(redirectTarget('http://[not-a-host', `${OURS}/jobs`)).toBe('an address that is not a URL');
  });

  test('a business code that is not valid is shown as "?" in a message, never thrown from it', () => {
    const err = errorForResponse(z, response({ status: 404, url: `${OURS}/jobs/x` }), {
      ...AUTH,
      businessCode: 'evil.example/',
    });
    expect(userMessage(err).message).toBe('GET jobs/x was not found in Storeganise business "?".');
  });

  test('an answer with no content at all is an empty answer, not one that is not JSON', () => {
    const empty = response({ status: 204, url: `${OURS}/jobs/x` });
    (empty as { content?: string }).content = undefined;
    expect(handleStoreganiseErrors(empty, z, bundle)).toBe(empty);
  });

  test('answers to other hosts pass untouched', () => {
    const other = response({ status: 500, url: 'https://api.example.com/x' });
    expect(handleStoreganiseErrors(other, z, bundle)).toBe(other);
  });

  test("core's request trail is censored as each answer is logged, whatever shape the input has", () => {
    const whatHappened = [`GET ${OURS}/jobs`, `Received content "${API_KEY}"`];
    const ok = response({ status: 200, url: `${OURS}/jobs`, data: [], input: { _zapier: { whatHappened } } });
    handleStoreganiseErrors(ok, z, bundle);
    expect(whatHappened).toEqual([`GET ${OURS}/jobs`, 'Received content ":censored:"']);
    for (const input of [undefined, {}, { _zapier: {} }, { _zapier: { whatHappened: 'text' } }]) {
      const r = response({ status: 200, url: `${OURS}/jobs`, data: [], input });
      expect(handleStoreganiseErrors(r, z, bundle)).toBe(r);
    }
  });

  test('each entry of the trail is censored once: a delivery of many requests costs linear, not quadratic', () => {
    const entries = [`GET ${OURS}/jobs/1`, `Received content "${API_KEY}"`];
    const reads = new Map<number, number>();
    const trail = new Proxy(entries, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop))
          reads.set(Number(prop), (reads.get(Number(prop)) ?? 0) + 1);
        return Reflect.get(target, prop, receiver);
      },
    });
    const answer = () =>
      handleStoreganiseErrors(
        response({ status: 200, url: `${OURS}/jobs`, data: [], input: { _zapier: { whatHappened: trail } } }),
        z,
        bundle,
      );
    answer();
    entries.push(`GET ${OURS}/jobs/2`, `Received content "${API_KEY}2"`);
    answer();
    answer(); // nothing new: nothing read
    expect([...reads.values()]).toEqual([1, 1, 1, 1]);
    expect(entries[3]).toBe('Received content ":censored:2"');
  });
});

describe("Storeganise's words: only from a JSON object, trimmed", () => {
  test('padding around the words is dropped', () => {
    expect(storeganiseMessage({ message: '   spaced out \n' })).toBe('spaced out');
  });

  test('a null error falls through to the message', () => {
    expect(storeganiseMessage({ error: null, message: 'outer' })).toBe('outer');
  });

  test('anything but an object is never read, whatever properties it carries', () => {
    expect(storeganiseMessage(Object.assign(() => 0, { message: 'from a function' }))).toBeUndefined();
    expect(storeganiseMessage('text')).toBeUndefined();
  });
});

test('Retry-After as an asctime date (it names no zone) is read as UTC, any month, one or two digit days', () => {
  expect(retryAfterSeconds('Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 0))).toBe(37);
  expect(retryAfterSeconds('Tue Jan 15 23:59:50 2030', Date.UTC(2030, 0, 15, 23, 58, 0))).toBe(110);
  expect(retryAfterSeconds('Fri Dec 31 00:00:10 1999', Date.UTC(1999, 11, 31))).toBe(10);
  expect(retryAfterSeconds('Sun Nov 6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 0))).toBeUndefined();
});

test('Retry-After dates in every month, in each form, are read to the second', () => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  months.forEach((month, index) => {
    const now = Date.UTC(2030, index, 15, 12, 0, 0);
    const day = new Date(now).toUTCString().slice(0, 3);
    expect([month, retryAfterSeconds(`${day}, 15 ${month} 2030 12:00:42 GMT`, now)]).toEqual([month, 42]);
    expect([month, retryAfterSeconds(`${day} ${month} 15 12:00:42 2030`, now)]).toEqual([month, 42]);
  });
});

test('a Retry-After shaped like a date but impossible is no delay of ours', () => {
  expect(retryAfterSeconds('Sun, 99 Nov 2026 06:00:30 GMT')).toBeUndefined();
  expect(retryAfterSeconds('Sun, 29 Nov 2026 99:00:30 GMT')).toBeUndefined();
});

test('Retry-After absent is no delay of ours (Zapier’s default)', () => {
  expect(retryAfterSeconds(null)).toBeUndefined();
  expect(retryAfterSeconds(undefined)).toBeUndefined();
  expect(retryAfterSeconds('   ')).toBeUndefined();
});

/** An error body nested `levels` deep, as text (building it never recurses). */
const deep = (levels: number) => `${'{"error":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`;

describe("Storeganise's words, in any common shape, bounded", () => {
  test.each([
    ['error.message', { error: { message: 'data.title is required' } }, 'data.title is required'],
    ['error as a string', { error: 'Unit rental is not active' }, 'Unit rental is not active'],
    ['message', { message: 'amount must be positive' }, 'amount must be positive'],
    [
      'errors[].message',
      { errors: [{ message: 'a is wrong' }, { message: 'b is wrong' }] },
      'a is wrong; b is wrong',
    ],
    ['errors as strings', { errors: ['first', 'second'] }, 'first; second'],
    ['error.message beats message', { error: { message: 'inner' }, message: 'outer' }, 'inner'],
    ['blank error falls through to message', { error: '  ', message: 'outer' }, 'outer'],
    [
      'line breaks and control characters',
      { message: 'line one\r\nline two\u0000\u001b[31m' },
      'line one line two [31m',
    ],
  ])('%s', (_name, body, words) => {
    expect(storeganiseMessage(body)).toBe(words);
  });

  test.each([
    ['a number', { message: 42 }],
    ['an object', { message: { nested: 'x' } }],
    ['a list body', ['oops']],
    ['null errors', { errors: [null, 1, {}] }],
  ])('%s carries no words: the generic message is used', (_name, body) => {
    expect(storeganiseMessage(body)).toBeUndefined();
  });

  test('at most five listed errors are read', () => {
    const errors = Array.from({ length: 100_000 }, (_, i) => ({ message: `e${i}` }));
    expect(storeganiseMessage({ errors })).toBe('e0; e1; e2; e3; e4');
  });

  test('a 10 MB message is cut to a readable length', () => {
    const words = storeganiseMessage({ error: { message: 'x'.repeat(10_000_000) } }) ?? '';
    expect(words.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(words).toMatch(/x…$/);
  });

  // Through the whole runtime with 1 MB: the same path as 10 MB, at a size that keeps a part of the suite
  // well under core's memory guard (it ends the process above 450 MB, as on Zapier).
  test.each([
    [422, 'invalid_request'],
    [403, 'forbidden'],
    [503, 'unavailable'],
  ])(
    'a %i with a 1 MB message is cut to a readable length',
    async (status, code) => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(status, { error: { message: 'x'.repeat(1_000_000) } });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      const err = expectZapierError(outcome, code);
      expect(err.message.length).toBeLessThan(MAX_MESSAGE + 400);
      expect(err.message).toMatch(/x…$/);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'an error body nested 100,000 levels deep: a typed error, no stack overflow',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(422, deep(100_000), { 'content-type': 'application/json' });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectZapierError(outcome, 'invalid_request').message).toMatch(
        /Storeganise rejected Job job_1 \(HTTP 422\)/,
      );
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a 1 MB HTML error page: a short typed error',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(502, `<html>${'<p>down</p>'.repeat(100_000)}</html>`, {
          'content-type': 'text/html',
        });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectZapierError(outcome, 'unavailable').message.length).toBeLessThan(400);
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a huge content-type on a non-JSON success is bounded too',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(200, 'not json', { 'content-type': `text/${'x'.repeat(10_000)}` });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectZapierError(outcome, 'not_json').message.length).toBeLessThan(400);
    },
    CASE_TIMEOUT_MS,
  );
});

const NOW = Date.parse('2026-11-29T06:00:00Z');

/**
 * Only delta-seconds and the three HTTP-date forms count, and the delay is kept within 1–300 s; anything else
 * leaves Zapier's default. Loose parsing used to read `-1` as a date in 2001 (retry at once) and 24 digits as a
 * 1e23-second wait.
 */
describe('Retry-After is strict and bounded', () => {
  test.each([
    ['-1', undefined],
    ['+5', undefined],
    ['1.5', undefined],
    ['1e3', undefined],
    ['0x10', undefined],
    ['5 seconds', undefined],
    ['', undefined],
    ['Infinity', undefined],
    ['NaN', undefined],
    ['2026-11-29T06:01:00Z', undefined], // ISO is not an HTTP date
    ['Sun, 29 Nov 2026 06:01:00 UTC', undefined], // only GMT is
    ['Sun, 29 Nov 2026 06:01:00 +0000', undefined],
    ['sun, 29 nov 2026 06:01:00 gmt', undefined],
    ['Sun, 29 Nov 2026 25:61:00 GMT', undefined], // the right form, but no such time
    ['1'.repeat(24), MAX_RETRY_AFTER],
    ['9'.repeat(400), MAX_RETRY_AFTER],
    [' 45 ', 45],
    ['300', 300],
    ['Sun, 29 Nov 2026 06:00:30 GMT', 30],
    ['Sunday, 29-Nov-26 06:00:30 GMT', 30],
    ['Sun Nov 29 06:00:30 2026', 30],
    ['Sun, 29 Nov 2026 05:00:00 GMT', 1], // in the past: retry soon, not "now"
    ['Mon, 29 Nov 2027 06:00:00 GMT', 300],
  ])('%j → %p', (header, expected) => {
    expect(retryAfterSeconds(header, NOW)).toBe(expected);
  });

  test('a megabyte of junk is rejected quickly, without a pathological regex', () => {
    expect(retryAfterSeconds(`Sun, ${'9'.repeat(1_000_000)}`, NOW)).toBeUndefined();
    expect(retryAfterSeconds(' '.repeat(1_000_000), NOW)).toBeUndefined();
  });

  test.each([
    ['-1', undefined],
    ['1'.repeat(24), MAX_RETRY_AFTER],
    ['30', 30],
  ])(
    'a 429 with Retry-After %j reaches Zapier as a ThrottledError with delay %p',
    async (header, delay) => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(429, { error: { message: 'Slow down' } }, { 'Retry-After': header });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expectZapierError(outcome);
      expect(outcome.error?.name).toBe('ThrottledError');
      expect(userMessage(outcome.error).delay).toBe(delay);
      expect(userMessage(outcome.error).message).toMatch(/rate limiting/);
    },
    CASE_TIMEOUT_MS,
  );
});
