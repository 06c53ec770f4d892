/** src/cache.ts: Zapier's cache as the app uses it — bounded in time, typed failures, a few calls at once. */
import type { ZObject } from 'zapier-platform-core';
import {
  CACHE_PARALLEL,
  CACHE_TIME,
  CacheUnavailable,
  connectionCache,
  eachLimited,
  runToken,
} from '../src/cache';

const zWith = (cache: Record<string, (...args: any[]) => Promise<unknown>>) =>
  ({ cache }) as unknown as ZObject;

describe('every cache call is bounded and fails as one typed error', () => {
  const saved = CACHE_TIME.callMs;
  afterEach(() => (CACHE_TIME.callMs = saved));

  test('a call that does not answer in time is given up as CacheUnavailable (timeout), naming the bound', async () => {
    CACHE_TIME.callMs = 50;
    const cache = connectionCache(zWith({ get: () => new Promise(() => undefined) }));
    const err = await cache.get('k').catch((e) => e);
    expect(err).toBeInstanceOf(CacheUnavailable);
    expect(err).toMatchObject({ why: 'timeout', message: 'it did not answer within 0.05 s' });
  });

  test("a call that fails is CacheUnavailable (error) with core's words", async () => {
    const cache = connectionCache(
      zWith({
        delete: () =>
          Promise.reject(new Error('RPC request failed after 3 attempts: Unable to reach the RPC server')),
      }),
    );
    await expect(cache.delete('k')).rejects.toMatchObject({
      name: 'CacheUnavailable',
      why: 'error',
      message: 'RPC request failed after 3 attempts: Unable to reach the RPC server',
    });
  });

  test('a call that fails with no error object at all is still CacheUnavailable (error), at once', async () => {
    CACHE_TIME.callMs = 1_000; // a handler that broke on it would leave the call to the timeout
    for (const thrown of [undefined, null, 'refused'])
      await expect(
        connectionCache(zWith({ get: () => Promise.reject(thrown) })).get('k'),
      ).rejects.toMatchObject({
        name: 'CacheUnavailable',
        why: 'error',
        message: String(thrown),
      });
  });

  test('the time bound never outlives its call: no timer is left once a call answers or fails', async () => {
    jest.useFakeTimers();
    try {
      const cache = connectionCache(
        zWith({ get: () => Promise.resolve(1), delete: () => Promise.reject(new Error('x')) }),
      );
      await cache.get('k');
      await cache.delete('k').catch(() => undefined);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  test('scoped to the connection on every call; only a true nx answer is a claim', async () => {
    const calls: unknown[][] = [];
    const answer =
      (value: unknown) =>
      (...args: unknown[]) => (calls.push(args), Promise.resolve(value));
    for (const [nx, won] of [
      [true, true],
      [false, false],
      [null, false],
    ] as const) {
      const cache = connectionCache(zWith({ set: answer(nx), get: answer(1), delete: answer(true) }));
      expect(await cache.setIfAbsent('k', 'v', 60)).toBe(won);
    }
    const cache = connectionCache(zWith({ set: answer(true), get: answer(1), delete: answer(true) }));
    await cache.get('g');
    await cache.set('s', 1, 5);
    await cache.delete('d');
    expect(calls.slice(-3)).toEqual([
      ['g', ['auth']],
      ['s', 1, 5, ['auth']],
      ['d', ['auth']],
    ]);
    expect(calls[0]).toEqual(['k', 'v', 60, ['auth'], true]);
  });

  test('each run has its own token', () => {
    expect(runToken()).not.toBe(runToken());
    expect(runToken()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a batch makes a few cache calls at once, and stops once the cache fails', () => {
  test(`at most ${CACHE_PARALLEL} at once, results in the items' order`, async () => {
    let open = 0;
    let most = 0;
    const items = Array.from({ length: 100 }, (_, i) => i);
    const results = await eachLimited(items, async (i) => {
      most = Math.max(most, ++open);
      await new Promise((resolve) => setImmediate(resolve));
      open -= 1;
      return i * 2;
    });
    expect(most).toBe(CACHE_PARALLEL);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual(items.map((i) => i * 2));
  });

  test('after the first failure no call starts: the rest settle with that error', async () => {
    const started: number[] = [];
    const boom = new Error('down');
    const results = await eachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      async (i) => {
        started.push(i);
        if (i === 3) throw boom;
        await new Promise((resolve) => setImmediate(resolve));
        return i;
      },
    );
    expect(started.length).toBeLessThanOrEqual(CACHE_PARALLEL);
    expect(results[3]).toEqual({ status: 'rejected', reason: boom });
    expect(results[49]).toEqual({ status: 'rejected', reason: boom });
    expect(await eachLimited([], async () => 1)).toEqual([]);
  });
});
