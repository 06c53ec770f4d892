/**
 * src/webhooks/delivery-failures.ts: what a failed delivery tells Zapier (retry or not, and when) and
 * the Zap's owner (which events, which records, what happens next).
 */
import { errors } from 'zapier-platform-core';
import type { ZObject } from 'zapier-platform-core';
import { errorFields } from '../../src/client';
import type { WebhookEvent } from '../../src/webhooks/event-records';
import {
  cannotClaim,
  eventsNamed,
  fetchFailed,
  MAX_RETRY_DELAY,
  RETRY_AFTER_CLAIM,
  RETRY_TRANSIENT,
} from '../../src/webhooks/delivery-failures';

const log = jest.fn();
const z = { errors, console: { log } } as unknown as ZObject;
beforeEach(() => log.mockReset());

const event = (id: string, data: Record<string, unknown> = { jobId: `job_${id}` }): WebhookEvent => ({
  id,
  type: 'job.unit_moveIn.created',
  created: null,
  data,
});
const unavailable = (message = 'Storeganise answered 503') => new errors.Error(message, 'unavailable', 503);
const final = () => new errors.Error('The API key was refused (401)', 'auth', 401);
const fields = (err: unknown) => ({ name: (err as Error).name, ...errorFields(err) });

test('the delays: Zapier retries at most 300 s later; after a claim it waits for the claim to lapse (150 s); else 60 s', () => {
  expect(MAX_RETRY_DELAY).toBe(300);
  expect(RETRY_AFTER_CLAIM).toBe(150);
  expect(RETRY_TRANSIENT).toBe(60);
});

test('events are named with the record each is about, three at most', () => {
  expect(eventsNamed([event('e1')])).toBe('Storeganise event e1 (job job_e1)');
  expect(eventsNamed([event('e1'), event('e2', { userId: 'usr_2' })])).toBe(
    'Storeganise events e1 (job job_e1), e2 (customer usr_2)',
  );
  expect(eventsNamed([event('e1'), event('e2'), event('e3')])).toBe(
    'Storeganise events e1 (job job_e1), e2 (job job_e2), e3 (job job_e3)',
  );
  expect(eventsNamed([event('e1'), event('e2'), event('e3'), event('e4'), event('e5')])).toBe(
    'Storeganise events e1 (job job_e1), e2 (job job_e2), e3 (job job_e3) and 2 more',
  );
  expect(eventsNamed([event('e1', {})])).toBe('Storeganise event e1');
  expect(eventsNamed([event('e'.repeat(50), { jobId: 'j'.repeat(50) })])).toBe(
    `Storeganise event ${'e'.repeat(40)}… (job ${'j'.repeat(40)}…)`,
  );
});

test("Zapier's cache failing before anything was handed on: retried after the claim lapses, the cause quoted", () => {
  const err = cannotClaim(
    z,
    [event('e1')],
    new Error('RPC request failed after 3 attempts: ' + 'x'.repeat(300)),
  );
  const out = fields(err);
  expect(out.name).toBe('ThrottledError');
  expect(out.delay).toBe(150);
  expect(out.message).toMatch(
    /^Zapier's cache failed while this Zap checked whether Storeganise event e1 \(job job_e1\) had already been handled \(RPC request failed after 3 attempts: x+…\), so nothing was handed on yet\. Zapier tries this delivery once more in 150 s; if that fails too, nothing is handed on for these events: act on the records named here by hand\.$/,
  );
  expect(out.message).not.toContain('x'.repeat(200)); // the cause is bounded to 200 characters
});

test('a final error (the key, a role, an id) reads as itself: a retry could not help', () => {
  const err = final();
  expect(fetchFailed(z, [event('e1')], err, 'released')).toBe(err);
  expect(fetchFailed(z, [event('e1')], err, 'lapse')).toBe(err);
  expect(log).not.toHaveBeenCalled();
});

test('Storeganise unavailable with the claims released: retried after Zapier’s default delay', () => {
  const out = fields(fetchFailed(z, [event('e1')], unavailable(), 'released'));
  expect(out).toEqual({
    name: 'ThrottledError',
    delay: 60,
    message:
      'Storeganise event e1 (job job_e1) could not be handed on: Storeganise answered 503 Zapier tries this ' +
      'delivery once more in 60 s; if that fails too, nothing is handed on for these events: act on the records ' +
      'named here by hand.',
  });
});

test('claims that could not be released: the retry waits until they lapse, never beyond 300 s', () => {
  expect(fields(fetchFailed(z, [event('e1')], unavailable(), 'lapse')).delay).toBe(150);
  // Storeganise asking for longer (429 Retry-After) is honoured up to Zapier's cap
  const throttled = new errors.ThrottledError('Storeganise is rate limiting requests (429).', 200);
  expect(fields(fetchFailed(z, [event('e1')], throttled, 'lapse')).delay).toBe(200);
  expect(fields(fetchFailed(z, [event('e1')], throttled, 'released')).delay).toBe(200);
  const long = new errors.ThrottledError('Storeganise is rate limiting requests (429).', 900);
  expect(fields(fetchFailed(z, [event('e1')], long, 'released')).delay).toBe(300);
  // a short delay asked for is kept when nothing is left to lapse
  const short = new errors.ThrottledError('Storeganise is rate limiting requests (429).', 5);
  expect(fields(fetchFailed(z, [event('e1')], short, 'released')).delay).toBe(5);
});

test('events that may stay recorded as handled are reported by name, since no retry would hand them on', () => {
  const one = fetchFailed(z, [event('e1')], unavailable(), 'stuck');
  expect(fields(one)).toEqual({
    name: 'AppError',
    code: 'not_handed_on',
    message:
      "Storeganise answered 503 Storeganise event e1 (job job_e1) was not handed on, and Zapier's cache failed " +
      'as the app undid its record of it: it may stay recorded as handled for 3 days, so a new delivery would ' +
      'not run this Zap. Act on the records named here by hand.',
  });
  expect(log).not.toHaveBeenCalled(); // the error itself says it

  const two = fields(fetchFailed(z, [event('e1'), event('e2')], unavailable(), 'stuck'));
  expect(two.message).toContain(
    'Storeganise events e1 (job job_e1), e2 (job job_e2) were not handed on, and Zapier’s cache'.replace(
      '’',
      "'",
    ),
  );
  expect(two.message).toContain('undid its record of them: they may stay recorded as handled for 3 days');
});

test('a final error whose claims may stay recorded reads as itself, and the log names the events', () => {
  const err = final();
  expect(fetchFailed(z, [event('e1')], err, 'stuck')).toBe(err);
  expect(log).toHaveBeenCalledTimes(1);
  expect(log.mock.calls[0][0]).toBe(
    "Storeganise webhook: Storeganise event e1 (job job_e1) was not handed on, and Zapier's cache failed as the " +
      'app undid its record of it: it may stay recorded as handled for 3 days, so a new delivery would not run ' +
      'this Zap. Act on the records named here by hand.',
  );
});

test('a long cause is bounded to 500 characters in the message', () => {
  const out = fields(fetchFailed(z, [event('e1')], unavailable('y'.repeat(800)), 'released'));
  expect(out.message).toContain(`${'y'.repeat(499)}… Zapier tries`);
  expect(out.message).not.toContain('y'.repeat(500));
  const stuck = fields(fetchFailed(z, [event('e1')], unavailable('y'.repeat(800)), 'stuck'));
  expect(stuck.message.startsWith(`${'y'.repeat(499)}… Storeganise event e1`)).toBe(true);
});
