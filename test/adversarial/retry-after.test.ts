/**
 * Class 4 — Retry-After. Only delta-seconds and the three HTTP-date forms count, and the delay is
 * kept within 1–300 s; anything else leaves Zapier's default. Loose parsing used to read `-1` as a
 * date in 2001 (retry at once) and 24 digits as a 1e23-second wait.
 */
import { MAX_RETRY_AFTER, retryAfterSeconds } from '../../src/client';
import { ADMIN, app, attempt, CASE_MS, expectTypedError, sg, userMessage } from './kit';

const NOW = Date.parse('2026-11-29T06:00:00Z');

describe('class 4: Retry-After is strict and bounded', () => {
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
    ['0', 1],
    [' 45 ', 45],
    ['300', 300],
    ['301', 300],
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
    ['12', 12],
  ])(
    'a 429 with Retry-After %j reaches Zapier as a ThrottledError with delay %p',
    async (header, delay) => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(429, { error: 'slow down' }, { 'Retry-After': header });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expectTypedError(outcome);
      expect(outcome.error?.name).toBe('ThrottledError');
      expect(userMessage(outcome.error).delay).toBe(delay);
    },
    CASE_MS,
  );
});
