/**
 * Class 5 — error bodies. Storeganise's own words are found in every common shape and reach the user
 * as one readable, bounded line; a body that is huge, deep or odd never becomes a huge or broken error.
 */
import { MAX_MESSAGE, storeganiseMessage } from '../../src/client';
import { ADMIN, app, attempt, CASE_MS, expectNoSecret, expectTypedError, sg } from './kit';

const deep = (levels: number) => `${'{"error":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`;

describe("class 5: Storeganise's words, in any common shape, bounded", () => {
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
    ['a bare string body', 'oops'],
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
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      const err = expectTypedError(outcome, code);
      expect(err.message.length).toBeLessThan(MAX_MESSAGE + 400);
      expect(err.message).toMatch(/x…$/);
    },
    CASE_MS,
  );

  test(
    'an error body nested 100,000 levels deep: a typed error, no stack overflow',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(422, deep(100_000), { 'content-type': 'application/json' });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectTypedError(outcome, 'invalid_request').message).toMatch(
        /Storeganise rejected Job job_1 \(HTTP 422\)/,
      );
    },
    CASE_MS,
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
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectTypedError(outcome, 'unavailable').message.length).toBeLessThan(400);
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test(
    'a huge content-type on a non-JSON success is bounded too',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(200, 'not json', { 'content-type': `text/${'x'.repeat(10_000)}` });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(expectTypedError(outcome, 'not_json').message.length).toBeLessThan(400);
    },
    CASE_MS,
  );
});
