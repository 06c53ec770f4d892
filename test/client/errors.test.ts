import type { Bundle, ZObject } from 'zapier-platform-core';
import { findJob, getJob, retryAfterSeconds, sgRequest } from '../../src/client';
import { ADMIN, AUTH, appTester, failure, sg, userMessage } from '../helpers';

const run = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T>, authData: Record<string, string> = AUTH) =>
  appTester(fn as never, { authData }) as Promise<T>;

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
