/**
 * Class 1 — ids that would change the endpoint. An id comes from a webhook, a mapped field or an
 * answer; whatever it holds, a request either goes to exactly `<resource>/<that id>` or is not made.
 */
import fc from 'fast-check';
import { errors, type ZObject } from 'zapier-platform-core';
import { buildPath, MAX_SEGMENT } from '../../src/client';
import { fuzzParameters } from '../fuzz-scale';
import {
  ADMIN,
  app,
  attempt,
  CASE_MS,
  expectNoSecret,
  expectTypedError,
  HOST,
  sg,
  signedDelivery,
} from './kit';

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

const z = { errors } as unknown as ZObject;

describe('class 1: an id never changes the endpoint', () => {
  test.each(HOSTILE_IDS)(
    'Find Job with %s: refused with a typed error, no request',
    async (_name, id) => {
      const outcome = await attempt(app.searches.find_job.operation.perform, { inputData: { jobId: id } });
      expect(outcome.stray).toEqual([]);
      const err = expectTypedError(outcome);
      expect(['invalid_id', 'invalid_input']).toContain(err.code);
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test(
    'Add Custom Charge with unit rental ".." neither reads nor posts anything (it used to POST /admin/charges)',
    async () => {
      const outcome = await attempt(app.creates.add_unit_rental_charge.operation.perform, {
        inputData: { unitRentalId: '..', description: 'Late fee', amount: '10', startDate: '2026-12-01' },
      });
      expect(outcome.stray).toEqual([]);
      expect(expectTypedError(outcome, 'invalid_id').message).toMatch(
        /cannot be sent to Storeganise: it is a dot segment/,
      );
    },
    CASE_MS,
  );

  test(
    'a webhook-borne record id that is hostile is dropped before the trigger fetches it; the batch goes on',
    async () => {
      for (const id of ['..', 'a/b', 'x\u0000']) {
        const event = {
          id: `evt_${encodeURIComponent(id)}`,
          type: 'unitRental.updated',
          created: null,
          data: { unitRentalId: id },
        };
        // alone in its delivery: nothing usable, the run halts saying why
        const alone = await attempt(
          app.triggers.unit_rental_updated.operation.perform,
          signedDelivery(event),
        );
        expect(alone.stray).toEqual([]);
        expect(alone.error?.name).toBe('HaltedError');
        expect(alone.error?.message).toContain('has a "data.unitRentalId" that is not an id');
        // beside a good event: the good one is handed on, the hostile one dropped with a log line
        sg().get(`${ADMIN}/unit-rentals/ur_ok`).query(true).reply(200, { id: 'ur_ok' });
        const good = { ...event, id: `evt_ok_${encodeURIComponent(id)}`, data: { unitRentalId: 'ur_ok' } };
        const batch = await attempt(
          app.triggers.unit_rental_updated.operation.perform,
          signedDelivery([event, good] as never),
        );
        expect(batch.stray).toEqual([]);
        expect((batch.result as Array<{ id: string }>).map((o) => o.id)).toEqual([good.id]);
        expect(batch.logs).toContain('dropped 1 malformed event(s)');
      }
    },
    CASE_MS,
  );

  test(
    'turning a Zap off with a stored webhook id of ".." deletes nothing',
    async () => {
      const outcome = await attempt(app.triggers.new_move_in.operation.performUnsubscribe, {
        subscribeData: { id: '..', events: ['job.unit_moveIn.created'] },
      });
      expect(outcome.stray).toEqual([]);
      expectTypedError(outcome, 'invalid_id');
    },
    CASE_MS,
  );

  test.each([
    ['an encoded parent segment', 'unit-rentals/%2e%2e/settings'],
    ['an encoded slash', 'unit-rentals/a%2F..%2F..%2Fsettings'],
    ['a double-encoded parent segment', 'jobs/%252e%252e'],
    ['a lone surrogate', 'jobs/\ud800'],
  ])(
    'API Request with %s in the path: refused, no request',
    async (_name, path) => {
      const outcome = await attempt(app.creates.api_request.operation.perform, {
        inputData: { method: 'GET', path },
      });
      expect(outcome.stray).toEqual([]);
      expectTypedError(outcome);
    },
    CASE_MS,
  );

  test(
    'real ids with unusual but harmless characters reach exactly their own path',
    async () => {
      const scope = sg()
        .get(`${ADMIN}/users/ops%2Bnight%40mybiz.example`)
        .query(true)
        .reply(200, { id: 'usr_1', email: 'ops+night@mybiz.example' })
        .get(`${ADMIN}/jobs/job%20%3F%23%26%3D1`)
        .query(true)
        .reply(200, { id: 'job ?#&=1', type: 'task', state: 'created' });
      const customer = await attempt(app.searches.find_customer.operation.perform, {
        inputData: { email: 'ops+night@mybiz.example' },
      });
      const job = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job ?#&=1' },
      });
      expect([customer.error, job.error, customer.stray, job.stray]).toEqual([undefined, undefined, [], []]);
      scope.done();
    },
    CASE_MS,
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
