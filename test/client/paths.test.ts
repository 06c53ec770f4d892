/**
 * The path builder (src/client/paths.ts) on its own, then through whole Zap steps: an id comes from a webhook,
 * a mapped field or an answer; whatever it holds, a request either goes to exactly `<resource>/<that id>` or is
 * not made.
 */
import fc from 'fast-check';
import type { ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { buildPath, MAX_SEGMENT, unusableSegment } from '../../src/client';
import { fuzzParameters } from '../fuzz-scale';
import { ADMIN, app, HOST, sg, userMessage } from '../helpers';
import { CASE_TIMEOUT_MS, expectNoSecret, expectZapierError, runRecorded } from '../fixtures/recorded-run';

const z = { errors } as unknown as ZObject;

describe('the path builder, on its own', () => {
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
      expect(err).toMatchObject({
        code: 'invalid_id',
        status: 400,
        message: expect.stringContaining(`: it ${why}.`),
      });
  });

  test('the refusal quotes the id escaped and cut to 40 characters, and names what to map', () => {
    expect(refusal(['jobs', `${'a'.repeat(50)}/`])?.message).toBe(
      `The id "${'a'.repeat(40)}…" cannot be sent to Storeganise: it contains a slash. Map the record's own id ` +
        '(e.g. 64f1c2a9e3b7d10012a4d201) into this field.',
    );
    // exactly 40 characters are quoted whole
    expect(refusal(['jobs', `${'b'.repeat(39)}/`])?.message).toMatch(
      new RegExp(`^The id "${'b'.repeat(39)}/" cannot`),
    );
    expect(refusal(['jobs', 'a\u0000'])?.message).toMatch(/^The id "a\\u0000" cannot/);
    expect(refusal(['jobs', null])?.message).toMatch(/^The id object cannot/);
  });

  test('segments are encoded and joined; no segment at all is refused', () => {
    expect(buildPath(z, ['users', 'a+b@c.d', 7])).toBe('users/a%2Bb%40c.d/7');
    expect(refusal([])).toEqual({
      message: 'No Storeganise endpoint was named.',
      code: 'invalid_id',
      status: 400,
    });
  });
});

const HOSTILE_IDS: Array<[string, string]> = [
  ['a parent segment', '..'],
  ['a current segment', '.'],
  ['a parent segment with spaces around it', ' .. '],
  ['a path with slashes', '../settings'],
  ['a backslash path', '..\\settings'],
  ['a percent-encoded parent segment', '%2e%2e'],
  ['a double-encoded slash', 'job%252F..'],
  ['a NUL byte', 'job_1\u0000'],
  ['a line break (header/log injection)', 'job_1\r\nX-Injected: 1'],
  ['a DEL character', 'job\u007f1'],
  ['a lone high surrogate (an untyped URIError before)', 'job_\ud800'],
  ['a lone low surrogate', '\udc00job'],
  ['a zero-width space', 'job_1\u200b'],
  ['a right-to-left override', 'job_\u202e1'],
  ['an id longer than any real id', 'j'.repeat(MAX_SEGMENT + 1)],
  ['a megabyte of dots', '.'.repeat(1_000_000)],
];

describe('an id never changes the endpoint, whichever step it reaches', () => {
  test.each(HOSTILE_IDS)(
    'Find Job with %s: refused with a typed error, no request',
    async (_name, id) => {
      const run = await runRecorded(app.searches.find_job.operation.perform, { inputData: { jobId: id } });
      expect(run.stray).toEqual([]);
      const err = expectZapierError(run);
      expect(['invalid_id', 'invalid_input']).toContain(err.code);
      expectNoSecret(run);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'Add Custom Charge with unit rental ".." neither reads nor posts anything (it used to POST /admin/charges)',
    async () => {
      const run = await runRecorded(app.creates.add_unit_rental_charge.operation.perform, {
        inputData: { unitRentalId: '..', description: 'Late fee', amount: '10', startDate: '2026-12-01' },
      });
      expect(run.stray).toEqual([]);
      expect(expectZapierError(run, 'invalid_id').message).toMatch(
        /cannot be sent to Storeganise: it is a dot segment/,
      );
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'turning a Zap off with a stored webhook id of ".." deletes nothing',
    async () => {
      const run = await runRecorded(app.triggers.new_move_in.operation.performUnsubscribe, {
        subscribeData: { id: '..', events: ['job.unit_moveIn.created'] },
      });
      expect(run.stray).toEqual([]);
      expectZapierError(run, 'invalid_id');
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'ids are URL-encoded: real ids with unusual but harmless characters reach exactly their own path',
    async () => {
      const scope = sg()
        .get(`${ADMIN}/users/ops%2Bnight%40mybiz.example`)
        .query(true)
        .reply(200, { id: 'usr_1', email: 'ops+night@mybiz.example' })
        .get(`${ADMIN}/jobs/job%20%3F%23%26%3D1`)
        .query(true)
        .reply(200, { id: 'job ?#&=1', type: 'task', state: 'created' });
      const customer = await runRecorded(app.searches.find_customer.operation.perform, {
        inputData: { email: 'ops+night@mybiz.example' },
      });
      const job = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job ?#&=1' },
      });
      expect([customer.error, job.error, customer.stray, job.stray]).toEqual([undefined, undefined, [], []]);
      scope.done();
    },
    CASE_TIMEOUT_MS,
  );

  test('generated ids: every path the builder accepts stays exactly one segment below its resource', () => {
    const alphabet = [
      '.',
      '/',
      '\\',
      '%',
      '2',
      'e',
      'f',
      'a',
      ' ',
      '?',
      '#',
      '\u0000',
      '\ud800',
      '\udc00',
      '\u200b',
      ';',
      ':',
      '@',
      '~',
    ];
    let accepted = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 6 }), (id) => {
        let path: string;
        try {
          path = buildPath(z, ['jobs', id]);
        } catch (err) {
          expect((err as Error).name).toBe('AppError');
          return;
        }
        accepted += 1;
        const url = new URL(`${HOST}${ADMIN}/${path}`);
        const below = url.pathname.slice(`${ADMIN}/`.length).split('/');
        expect(url.origin).toBe(HOST);
        expect(below).toHaveLength(2);
        expect(below[0]).toBe('jobs');
        expect(decodeURIComponent(below[1])).toBe(id);
        expect(url.search + url.hash).toBe('');
      }),
      fuzzParameters(3000),
    );
    expect(accepted).toBeGreaterThan(100); // the generator also produced usable ids
  });
});
