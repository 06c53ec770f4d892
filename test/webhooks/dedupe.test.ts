/**
 * Each event runs once per Zap (src/webhooks/dedupe.ts): through runs on the local Zapier service (ttl,
 * scope and nx as in production), and the claim itself against every answer a cache can give. What
 * happens when the cache fails is docs/failure-semantics.md (test/failure-semantics.test.ts).
 * Core's own test mock ignores nx, so a repeat is not caught there: dedupe needs Zapier's cache.
 */
import nock from 'nock';
import { createHmac } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  CLAIM,
  claimEvent,
  HANDLED_TTL,
  handledKey,
  markHandled,
  releaseClaims,
  subscriptionOf,
} from '../../src/webhooks/dedupe';
import { processWebhook } from '../../src/webhooks/pipeline';
import { TIME_LIMIT } from '../../src/time-limit';
import { ADMIN, App, appTester, AUTH, sg, watchStrayRequests, WEBHOOK_SECRET } from '../helpers';

type Dict = Record<string, any>;
const perform = (App.triggers as Dict).new_customer.operation.perform;
const EVENT = { id: 'evt_dup', type: 'user.created', created: null, data: { userId: 'usr_1' } };

function delivery(body: unknown, subscribeData: Dict | undefined, authData: Dict = AUTH): Dict {
  const content = JSON.stringify(body);
  const signature = createHmac('sha256', String(authData.webhookSecret ?? WEBHOOK_SECRET))
    .update(content)
    .digest('base64');
  return {
    authData,
    inputData: {},
    subscribeData,
    cleanedRequest: body,
    rawRequest: { method: 'POST', querystring: '', content, headers: { 'Http-Sg-Signature': signature } },
  };
}
const user = () =>
  sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1', email: 'jane.doe@example.com' });

let unmatched: jest.Mock;
let stopWatching: () => void;
beforeEach(() => {
  unmatched = jest.fn();
  stopWatching = watchStrayRequests(unmatched);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  appTester.cache.clear();
});
afterEach(() => {
  stopWatching();
  jest.restoreAllMocks();
});

describe('on a production-like z.cache (ttl, scope, nx)', () => {
  test('a redelivery outputs nothing and costs no request; the entry is scoped to the connection and kept at least a day', async () => {
    user();
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_A' }))).toHaveLength(1);
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_A' }))).toEqual([]);
    expect(unmatched).not.toHaveBeenCalled();
    const [entry] = appTester.cache.find('storeganise:handled:');
    expect(entry).toMatchObject({ scope: ['auth'] });
    expect(HANDLED_TTL).toBeGreaterThanOrEqual(24 * 60 * 60);
    appTester.cache.clock.advance(24 * 60 * 60);
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_A' }))).toEqual([]); // a day later: still handled
  });

  test('another Zap on the same event, or another connection, still gets it', async () => {
    user();
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_A' }))).toHaveLength(1);
    user();
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_B' }))).toHaveLength(1);
    const other = { ...AUTH, businessCode: 'otherbiz' };
    nock('https://otherbiz.storeganise.com')
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(200, { id: 'usr_1' });
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_A' }, other))).toHaveLength(1);
  });

  test('two runs of one Zap at the same moment: exactly one outputs the event (nx)', async () => {
    sg().get(`${ADMIN}/users/usr_1`).query(true).times(2).reply(200, { id: 'usr_1' });
    const runs = await Promise.all([
      appTester(perform, delivery(EVENT, { id: 'wh_A' })),
      appTester(perform, delivery(EVENT, { id: 'wh_A' })),
    ]);
    expect(runs.map((r: unknown[]) => r.length).sort()).toEqual([0, 1]);
  });

  test('a failed fetch releases the event: the retried run processes it', async () => {
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(500, { error: { message: 'boom' } });
    await expect(appTester(perform, delivery(EVENT, { id: 'wh_A' }))).rejects.toThrow();
    expect(appTester.cache.find('storeganise:handled:')).toEqual([]);
    user();
    expect(await appTester(perform, delivery(EVENT, { id: 'wh_A' }))).toHaveLength(1);
  });
});

describe('the claim itself', () => {
  const saved = { ...CLAIM };
  beforeAll(() => Object.assign(CLAIM, { waitMs: 200, pollMs: 20 }));
  afterAll(() => Object.assign(CLAIM, saved));

  /** A z whose cache answers `nx` with `setAnswer` and reads back `entry`. */
  const fakeZ = (setAnswer: boolean | null, entry: unknown) => {
    const calls: unknown[][] = [];
    const z = {
      console: { log: () => undefined },
      errors: { HaltedError: Error, Error },
      request: jest.fn(),
      cache: {
        get: async (...args: unknown[]) => (calls.push(['get', ...args]), entry),
        set: async (...args: unknown[]) => (calls.push(['set', ...args]), setAnswer),
        delete: async () => true,
      },
    };
    return { z: z as unknown as ZObject, calls };
  };
  const other = { run: 'run-2', state: 'claimed', at: 'now' };

  test("one nx set of this run's claim, lapsing in minutes, scoped to the connection", async () => {
    const { z, calls } = fakeZ(true, null);
    expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toEqual({
      claimed: { key: handledKey('sub:x', 'evt_1'), eventId: 'evt_1', run: 'run-1' },
    });
    expect(calls).toEqual([
      [
        'set',
        handledKey('sub:x', 'evt_1'),
        { run: 'run-1', state: 'claimed', at: expect.any(String) },
        CLAIM.ttlSeconds,
        ['auth'],
        true,
      ],
    ]);
  });

  test.each([false, null])(
    "an nx answer of %p with another run's claim there: waited on, then skipped, no request",
    async (answer) => {
      const { z, calls } = fakeZ(answer, other);
      expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toEqual({ skip: 'in progress' });
      expect(calls.filter(([m]) => m === 'get').length).toBeGreaterThan(2); // looked again while waiting
      expect(calls.filter(([m]) => m === 'get').length).toBeLessThan(20); // not a tight loop
      const out = await processWebhook(z, delivery(EVENT, { id: 'wh_A' }) as unknown as Bundle, {
        types: ['user.created'],
      });
      expect(out).toEqual([]);
      expect((z as unknown as { request: jest.Mock }).request).not.toHaveBeenCalled();
    },
  );

  test("an nx answer of false with this run's own claim there (the answer was lost): claimed", async () => {
    const { z } = fakeZ(false, { run: 'run-1', state: 'claimed', at: 'now' });
    expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toMatchObject({
      claimed: { run: 'run-1' },
    });
  });

  test.each([{ run: 'run-2', state: 'handled' }, { at: '2026-11-01T00:00:00Z' }, 'x', 42])(
    'an entry %p that is not a claim in progress means handled',
    async (entry) => {
      const { z } = fakeZ(false, entry);
      expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toEqual({ skip: 'handled' });
    },
  );

  test('a cache that answers "not set" on an empty key, twice more, is failing: no claim is pretended', async () => {
    const { z, calls } = fakeZ(false, null);
    await expect(claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).rejects.toThrow(
      'it did not store the claim',
    );
    expect(calls.filter(([m]) => m === 'set')).toHaveLength(3);
  });

  test('marks are handled entries kept HANDLED_TTL; a mark or release that fails is reported, not thrown', async () => {
    const calls: unknown[][] = [];
    const z = {
      cache: {
        set: async (...args: unknown[]) => {
          calls.push(args);
          if (args[0] === 'k2') throw new Error('down');
          return true;
        },
        delete: async (key: string) => {
          if (key === 'k2') throw new Error('down');
          return true;
        },
      },
    } as unknown as ZObject;
    const claims = [
      { key: 'k1', eventId: 'e1', run: 'r' },
      { key: 'k2', eventId: 'e2', run: 'r' },
    ];
    expect(await markHandled(z, claims)).toEqual([claims[1]]);
    expect(calls[0]).toEqual([
      'k1',
      { run: 'r', state: 'handled', at: expect.any(String) },
      HANDLED_TTL,
      ['auth'],
    ]);
    expect(await releaseClaims(z, claims)).toBe(false);
    expect(await releaseClaims(z, [claims[0]])).toBe(true);
    expect(HANDLED_TTL).toBe(3 * 24 * 3600);
  });

  test('the Zap is told apart by what subscribe returned; a static hook by its Zap id, else not at all', () => {
    const of = (b: Dict) => subscriptionOf(b as Bundle);
    expect(of({ subscribeData: { id: 'wh_1' } })).not.toBe(of({ subscribeData: { id: 'wh_2' } }));
    expect(of({ subscribeData: { id: 'wh_1', secret: 'x' } })).toBe(of({ subscribeData: { id: 'wh_1' } }));
    expect(of({ meta: { zap: { id: 42 } } })).toMatch(/^zap:/);
    expect(of({})).toBeUndefined();
    expect(handledKey('sub:x', 'evt_1')).not.toContain('evt_1'); // ids are digested: bounded key length
  });

  test('a subscription without a string id is told apart by all it holds, never by a shared key', () => {
    const of = (b: Dict) => subscriptionOf(b as Bundle);
    const numbered = of({ subscribeData: { id: 42 } });
    expect(numbered).toMatch(/^sub:[0-9a-f]{32}$/);
    expect(numbered).not.toBe(of({ subscribeData: { id: 43 } }));
    expect(of({ subscribeData: { id: '' } })).toMatch(/^sub:[0-9a-f]{32}$/);
    expect(of({ subscribeData: { id: '' } })).not.toBe(of({ subscribeData: { id: '', url: 'b' } }));
    expect(of({ subscribeData: { url: 'a' } })).not.toBe(of({ subscribeData: { url: 'b' } }));
    expect(of({ subscribeData: { id: 'wh_1' } })).toMatch(/^sub:[0-9a-f]{32}$/);
  });

  test('no subscription (subscribeData null or not an object): the Zap id stands in; a null or empty Zap id is none', () => {
    const of = (b: Dict) => subscriptionOf(b as Bundle);
    const zap = of({ meta: { zap: { id: '42' } } });
    expect(zap).toMatch(/^zap:[0-9a-f]{32}$/);
    expect(of({ subscribeData: null, meta: { zap: { id: 42 } } })).toBe(zap);
    expect(of({ subscribeData: 'wh_1', meta: { zap: { id: 42 } } })).toBe(zap);
    expect(of({ meta: { zap: { id: 43 } } })).not.toBe(zap);
    for (const meta of [{ zap: { id: null } }, { zap: { id: '' } }, { zap: {} }, {}, undefined])
      expect(of({ subscribeData: null, meta })).toBeUndefined();
  });

  test('a handled key names the Zap and a bounded digest of the event, nothing else', () => {
    expect(handledKey('sub:x', 'evt_1')).toMatch(/^storeganise:handled:sub:x:[0-9a-f]{32}$/);
    expect(handledKey('sub:x', 'evt_1')).not.toBe(handledKey('sub:x', 'evt_2'));
  });

  test('a claim left without a run to name (not a claim in progress) counts as handled', async () => {
    for (const entry of [{ state: 'claimed' }, { state: 'claimed', run: 42 }]) {
      const { z } = fakeZ(false, entry);
      expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toEqual({ skip: 'handled' });
    }
  });

  test('an entry gone since the nx answer (read back as nothing, null or undefined) is taken over', async () => {
    for (const gone of [null, undefined]) {
      const answers = [false, true];
      const calls: string[] = [];
      const z = {
        cache: {
          get: async () => (calls.push('get'), gone),
          set: async () => (calls.push('set'), answers.shift()),
        },
      } as unknown as ZObject;
      expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toMatchObject({
        claimed: { run: 'run-1', eventId: 'evt_1' },
      });
      expect(calls).toEqual(['set', 'get', 'set']);
    }
  });

  describe('a run with no time left in its step', () => {
    const time = { ...TIME_LIMIT };
    // the step's clock stands still at the moment its time runs out: a wait can only end by the deadline
    beforeEach(() => {
      Object.assign(TIME_LIMIT, { stepMs: TIME_LIMIT.reserveMs });
      jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 8));
    });
    afterEach(() => Object.assign(TIME_LIMIT, time));

    test("does not wait on another run's claim: it looks once and skips the event as in progress", async () => {
      const gets: unknown[] = [];
      const z = {
        cache: {
          set: async () => false,
          // a run that waited would look again: a second look ends the spec instead of looping
          get: async () => (gets.push(1), gets.length > 1 ? Promise.reject(new Error('waited')) : other),
        },
      } as unknown as ZObject;
      expect(await claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).toEqual({ skip: 'in progress' });
      expect(gets).toHaveLength(1);
    });

    test('still reports a cache that refuses to store the claim (a failure, not a time-out), rather than skipping the event', async () => {
      const { z } = fakeZ(false, null);
      await expect(claimEvent(z, {} as Bundle, 'sub:x', 'evt_1', 'run-1')).rejects.toMatchObject({
        name: 'CacheUnavailable',
        why: 'error',
        message: 'it did not store the claim',
      });
    });
  });
});
