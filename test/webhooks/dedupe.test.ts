/**
 * Each event runs once per Zap (src/webhooks/dedupe.ts): on the suite's strict z.cache (ttl, scope,
 * nx as in production), on core's permissive mock (which answers true to every nx set), and against
 * an nx answer of false (another run of the same Zap holds the event).
 */
import nock from 'nock';
import { createHmac } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { claimEvent, HANDLED_TTL, handledKey, subscriptionOf } from '../../src/webhooks/dedupe';
import { processWebhook } from '../../src/webhooks/pipeline';
import {
  ADMIN,
  App,
  appTester,
  AUTH,
  permissiveAppTester,
  sg,
  watchStrayRequests,
  WEBHOOK_SECRET,
} from '../helpers';

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

describe("on core's permissive test cache", () => {
  test('a redelivery is still caught (the key is read before it is set)', async () => {
    user();
    expect(await permissiveAppTester(perform, delivery(EVENT, { id: 'wh_P' }), true)).toHaveLength(1);
    expect(await permissiveAppTester(perform, delivery(EVENT, { id: 'wh_P' }))).toEqual([]);
    expect(unmatched).not.toHaveBeenCalled();
  });
});

describe('the claim itself', () => {
  const fakeZ = (setAnswer: boolean | null) => {
    const calls: unknown[][] = [];
    const z = {
      console: { log: () => undefined },
      errors: { HaltedError: Error, Error },
      request: jest.fn(),
      cache: {
        get: async (...args: unknown[]) => (calls.push(['get', ...args]), null),
        set: async (...args: unknown[]) => (calls.push(['set', ...args]), setAnswer),
        delete: async () => true,
      },
    };
    return { z: z as unknown as ZObject, calls };
  };

  test('an nx answer of false means another run holds the event: skipped, no request', async () => {
    const { z, calls } = fakeZ(false);
    expect(await claimEvent(z, 'sub:x', 'evt_1')).toEqual({ skip: 'in progress' });
    expect(calls[1]).toEqual([
      'set',
      handledKey('sub:x', 'evt_1'),
      expect.any(Object),
      HANDLED_TTL,
      ['auth'],
      true,
    ]);
    const out = await processWebhook(z, delivery(EVENT, { id: 'wh_A' }) as unknown as Bundle, {
      types: ['user.created'],
    });
    expect(out).toEqual([]);
    expect((z as unknown as { request: jest.Mock }).request).not.toHaveBeenCalled();
  });

  test('the Zap is told apart by what subscribe returned; a static hook by its Zap id, else not at all', () => {
    const of = (b: Dict) => subscriptionOf(b as Bundle);
    expect(of({ subscribeData: { id: 'wh_1' } })).not.toBe(of({ subscribeData: { id: 'wh_2' } }));
    expect(of({ subscribeData: { id: 'wh_1', secret: 'x' } })).toBe(of({ subscribeData: { id: 'wh_1' } }));
    expect(of({ meta: { zap: { id: 42 } } })).toMatch(/^zap:/);
    expect(of({})).toBeUndefined();
    expect(handledKey('sub:x', 'evt_1')).not.toContain('evt_1'); // ids are digested: bounded key length
  });
});
