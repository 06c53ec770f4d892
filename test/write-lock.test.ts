/**
 * Concurrent identical writes (a Zapier replay while the first run is still working, or a Zap that
 * fires twice at once) make ONE write: the runs take a short z.cache `nx` lock keyed by what they
 * write, scoped to the connection; the others wait, then read first and return what the first wrote.
 * Run against the strict cache (test/runtime/cache.ts), where only one `nx` set can win, and against
 * core's permissive mock, where every set answers true.
 */
import nock from 'nock';
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { TIME_LIMIT } from '../src/time-limit';
import { LOCK, lockKey, oneAtATime } from '../src/write-lock';
import { ADMIN, App, AUTH, failure, permissiveAppTester, sg } from './helpers';
import { createZapierRuntime as createStrictAppTester } from '../zapier-local/runtime';

type Row = Record<string, any>;
const app: Row = App;
/** The lock's timings as the app ships them (specs below shorten the waits). */
const TIMINGS = { ...LOCK };

const rentalInclude = { include: 'unit,owner,customFields,agreementUrl' };
const invoiceInclude = { include: 'owner,customFields' };
const userInclude = { include: 'customFields,billing' };
const charge = {
  title: { en: 'Late payment fee' },
  amount: 25,
  qty: 1,
  startDate: '2026-12-01',
  endDate: '2026-12-01',
};
const payment = { type: 'manual', amount: 141.5, method: 'card', date: '2026-12-01' };
const sam = { email: 'sam.lee@example.com', firstName: 'Sam' };
const rental = (charges: Row[]) => ({
  id: 'ur_1',
  unitId: 'unit_1',
  ownerId: 'usr_1',
  charges,
  unit: { id: 'unit_1', name: 'A-104' },
});
const invoice = (payments: Row[]) => ({ id: 'inv_1', sid: 10234, state: 'sent', total: 141.5, payments });

/** Each write: its input, and the Storeganise answers: before it, the POST, after it (read by every later run). */
const WRITES = [
  {
    key: 'add_unit_rental_charge',
    input: {
      unitRentalId: 'ur_1',
      description: 'Late payment fee',
      amount: '25',
      startDate: '2026-12-01',
      endDate: '2026-12-01',
    },
    mock: (runsAfter: number) =>
      sg()
        .get(`${ADMIN}/unit-rentals/ur_1`)
        .query(rentalInclude)
        .reply(200, rental([]))
        .post(`${ADMIN}/unit-rentals/ur_1/charges`)
        .reply(200, { id: 'ch_9', ...charge })
        .get(`${ADMIN}/unit-rentals/ur_1`)
        .query(rentalInclude)
        .times(runsAfter)
        .reply(200, rental([{ id: 'ch_9', ...charge }])),
    written: (out: Row) => out.charge.id,
    id: 'ch_9',
  },
  {
    key: 'add_invoice_payment',
    input: { invoiceId: 'inv_1', amount: '141.50', method: 'card', date: '2026-12-01' },
    mock: (runsAfter: number) =>
      sg()
        .get(`${ADMIN}/invoices/inv_1`)
        .query(invoiceInclude)
        .reply(200, invoice([]))
        .post(`${ADMIN}/invoices/inv_1/payments`)
        .reply(200, { id: 'pay_9', ...payment })
        .get(`${ADMIN}/invoices/inv_1`)
        .query(invoiceInclude)
        .times(runsAfter)
        .reply(200, invoice([{ id: 'pay_9', ...payment }])),
    written: (out: Row) => out.payment.id,
    id: 'pay_9',
  },
  {
    key: 'create_customer',
    input: sam,
    mock: (runsAfter: number) =>
      sg()
        .get(`${ADMIN}/users/sam.lee%40example.com`)
        .query(userInclude)
        .reply(404, { error: { message: 'Not found' } })
        .get(`${ADMIN}/users`)
        .query({ search: 'sam.lee@example.com', limit: 10 })
        .reply(200, [])
        .post(`${ADMIN}/users`)
        .reply(200, { id: 'usr_9', ...sam })
        .get(`${ADMIN}/users/usr_9`)
        .query(userInclude)
        .reply(200, { id: 'usr_9', ...sam })
        .get(`${ADMIN}/users/sam.lee%40example.com`)
        .query(userInclude)
        .times(runsAfter - 1)
        .reply(200, { id: 'usr_9', ...sam }),
    written: (out: Row) => out.id,
    id: 'usr_9',
  },
];

describe.each(WRITES)(
  '$key: three identical calls at the same moment',
  ({ key, input, mock, written, id }) => {
    // the lock polls in real time (its clock is Date.now): poll every 5 ms, not 200, so a waiting run costs
    // milliseconds; the order of events, not their duration, is what these specs prove
    const timings = { ...LOCK };
    beforeAll(() => Object.assign(LOCK, { pollMs: 5 }));
    afterAll(() => Object.assign(LOCK, timings));

    const run = (tester: (m: unknown, b: object) => Promise<unknown>) =>
      tester(app.creates[key].operation.perform, { authData: AUTH, inputData: input }) as Promise<Row>;

    test('make one write; the other two return what the first wrote', async () => {
      const tester = createStrictAppTester(App);
      const posts: string[] = [];
      const scope = mock(3);
      scope.on(
        'request',
        (req: { method: string; path: string }) => req.method === 'POST' && posts.push(req.path),
      );
      const outs = await Promise.all([run(tester), run(tester), run(tester)]);
      scope.done();
      expect(posts).toHaveLength(1);
      expect(outs.map(written)).toEqual([id, id, id]);
      expect(outs.map((o) => o.duplicateSkipped).sort()).toEqual([false, true, true]);
      // the lock was taken once per run, won by one at a time, and is gone afterwards
      expect(tester.cache.calls.filter((c) => c.method === 'set' && c.nx && c.result === true)).toHaveLength(
        3,
      );
      expect(
        tester.cache.calls.filter((c) => c.method === 'set').every((c) => c.scope.join() === 'auth'),
      ).toBe(true);
      expect(tester.cache.find('lock:')).toEqual([]);
    });

    test('a lock still held after the wait ends in a ThrottledError, which Zapier retries; nothing is sent', async () => {
      const tester = createStrictAppTester(App);
      const holdLock = async (z: ZObject, bundle: Row) => {
        const cache = z.cache as unknown as { set: (...a: unknown[]) => Promise<unknown> };
        // the same identity the action derives: take it from a real run's lock key (one prior run, recorded)
        return cache.set(bundle.inputData.key, 1, 60, ['auth'], true);
      };
      mock(1);
      await run(tester); // records the lock key this write uses
      const taken = tester.cache.calls.find((c) => c.method === 'set')!.key;
      expect(taken).toMatch(new RegExp(`^lock:${key}:mybiz:`));
      nock.cleanAll();
      await tester(holdLock, { authData: AUTH, inputData: { key: taken } });
      LOCK.waitMs = 100; // restored by afterAll
      const err = await failure(run(tester));
      expect(err.name).toBe('ThrottledError');
      expect(err.message).toMatch(/being written by another run of this step/);
    });

    test("on core's permissive cache (every set answers true) a call and its replay still work", async () => {
      mock(2);
      const first = await run(permissiveAppTester as never);
      const replay = await run(permissiveAppTester as never);
      expect([written(first), written(replay)]).toEqual([id, id]);
      expect([first.duplicateSkipped, replay.duplicateSkipped]).toEqual([false, true]);
    });
  },
);

test('the lock key is per connection and per write, and never holds the input in clear', async () => {
  const keyOf = (authData: Row, identity: unknown) =>
    createStrictAppTester(App)((z: ZObject, bundle: never) => ({ key: lockKey(z, bundle, 'op', identity) }), {
      authData,
    }) as Promise<Row>;
  const a = (await keyOf(AUTH, { email: 'sam.lee@example.com' })).key;
  expect((await keyOf({ ...AUTH, businessCode: 'otherbiz' }, { email: 'sam.lee@example.com' })).key).not.toBe(
    a,
  );
  expect((await keyOf(AUTH, { email: 'jo@example.com' })).key).not.toBe(a);
  expect(a).not.toContain('sam.lee');
});

describe('the lock itself', () => {
  class ThrottledError extends Error {
    constructor(
      message: string,
      readonly delay: number,
    ) {
      super(message);
      this.name = 'ThrottledError';
    }
  }
  /** A z whose cache answers `set` and `get` as given (by default: true, and nothing), noting every call. */
  function fakeZ(cache: { set?: () => Promise<unknown>; get?: () => Promise<unknown> }) {
    const calls: unknown[][] = [];
    const logged: string[] = [];
    const z = {
      hash: (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex'),
      errors: { ThrottledError },
      console: { log: (line: string) => void logged.push(line) },
      cache: {
        set: (...args: unknown[]) => (calls.push(['set', ...args]), (cache.set ?? (async () => true))()),
        get: (...args: unknown[]) => (calls.push(['get', ...args]), (cache.get ?? (async () => null))()),
        delete: async (...args: unknown[]) => (calls.push(['delete', ...args]), true),
      },
    };
    return { z: z as unknown as ZObject, calls, logged };
  }
  const bundle = () => ({ authData: AUTH }) as unknown as Bundle;
  const write = jest.fn(async () => 'written');
  beforeEach(() => write.mockClear());

  test("ships with a 60 s lapse, a 10 s wait looked at every 200 ms, and Zapier's retry 15 s later", () => {
    expect(TIMINGS).toEqual({ pollMs: 200, waitMs: 10_000, ttlSeconds: 60, retrySeconds: 15 });
  });

  test("one nx set of this run's token, scoped to the connection and lapsing after LOCK.ttlSeconds; removed after the write", async () => {
    const { z, calls } = fakeZ({});
    expect(await oneAtATime(z, bundle(), 'op', 'charge', { a: 1 }, write)).toBe('written');
    const key = lockKey(z, bundle(), 'op', { a: 1 });
    expect(calls).toEqual([
      ['set', key, expect.stringMatching(/^[0-9a-f-]{36}$/), LOCK.ttlSeconds, ['auth'], true],
      ['delete', key, ['auth']],
    ]);
  });

  test("a lock read back as this run's own (the nx answer was lost) is held: one write, then removed", async () => {
    let token: unknown;
    const { z, calls } = fakeZ({});
    (z.cache as unknown as Row).set = async (...args: unknown[]) => (
      (token = args[1]),
      calls.push(['set']),
      false
    );
    (z.cache as unknown as Row).get = async () => token;
    expect(await oneAtATime(z, bundle(), 'op', 'charge', { a: 1 }, write)).toBe('written');
    expect(write).toHaveBeenCalledTimes(1);
    expect(calls.map(([method]) => method)).toEqual(['set', 'delete']);
  });

  describe('held by another run', () => {
    afterEach(() => Object.assign(LOCK, TIMINGS));

    test('waits, looking again every pollMs (never in a tight loop), then asks Zapier to retry; nothing is written', async () => {
      Object.assign(LOCK, { waitMs: 100, pollMs: 20 });
      const { z, calls } = fakeZ({ set: async () => false, get: async () => 'another-run' });
      const err = await failure(oneAtATime(z, bundle(), 'op', 'charge', { a: 1 }, write));
      expect(err).toBeInstanceOf(ThrottledError);
      expect(err).toMatchObject({ delay: LOCK.retrySeconds });
      expect(err.message).toBe(
        'An identical charge is being written by another run of this step right now; Zapier will retry this one.',
      );
      const looks = calls.filter(([method]) => method === 'get').length;
      expect(looks).toBeGreaterThanOrEqual(2);
      expect(looks).toBeLessThan(20);
      expect(write).not.toHaveBeenCalled();
      expect(calls.some(([method]) => method === 'delete')).toBe(false); // not its lock to remove
    });

    test('with no time left in its step, it does not wait: one look, then the retry', async () => {
      const time = { ...TIME_LIMIT };
      Object.assign(TIME_LIMIT, { stepMs: TIME_LIMIT.reserveMs });
      // the clock stands still where the step's time runs out: only the deadline can end the wait
      jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 8));
      let looks = 0;
      const { z } = fakeZ({
        set: async () => false,
        get: async () => (++looks > 1 ? Promise.reject(new Error('waited')) : 'another-run'),
      });
      try {
        const err = await failure(oneAtATime(z, bundle(), 'op', 'charge', { a: 1 }, write));
        expect(err).toBeInstanceOf(ThrottledError);
        expect(looks).toBe(1);
      } finally {
        Object.assign(TIME_LIMIT, time);
        jest.restoreAllMocks();
      }
    });
  });

  test("Zapier's cache failing: the write goes on without the lock, says so once, and removes no lock", async () => {
    const { z, calls, logged } = fakeZ({ set: () => Promise.reject(new Error('RPC request failed')) });
    expect(await oneAtATime(z, bundle(), 'op', 'charge', { a: 1 }, write)).toBe('written');
    expect(logged).toEqual([
      "Write lock unavailable (Zapier's cache: RPC request failed); writing without it.",
    ]);
    expect(calls.map(([method]) => method)).toEqual(['set']);
  });

  test('a write that fails still removes the lock, and fails as itself', async () => {
    const { z, calls } = fakeZ({});
    const boom = new Error('Storeganise refused');
    await expect(oneAtATime(z, bundle(), 'op', 'charge', { a: 1 }, () => Promise.reject(boom))).rejects.toBe(
      boom,
    );
    expect(calls.map(([method]) => method)).toEqual(['set', 'delete']);
  });
});
