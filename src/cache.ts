/**
 * Zapier's cache (`z.cache`) as the app uses it: scoped to the connection, every call bounded in time,
 * every failure one typed error that says what the cache was for.
 *
 * On Zapier the cache is a remote service: each `get`/`set`/`delete` is an RPC over HTTP that core
 * retries after a 5xx or a network error (3 attempts) and never times out, so a call can fail, hang,
 * or be applied while its answer is lost (docs/zapier-platform.md, "Production semantics"). Callers
 * decide what a failure means for them (docs/failure-semantics.md); this module only makes it visible
 * in time: a call that has not answered after CACHE_TIME.callMs is given up as a `CacheUnavailable`.
 *
 * Scope `['auth']`: what one connection remembers is not seen by other connections. Core's JS forwards
 * `scope` on `get` and `delete` too, but its typings only declare it on `set`; this is the one place that
 * bridges the two. A scoped key is a different key: read it with the scope it was written with.
 */
import { randomUUID } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';

/** How long one cache call may take, core's retries included; tests shorten it. */
export const CACHE_TIME = { callMs: 3_000 };

/** A cache call that failed or did not answer in time: whether it was applied is unknown. */
export class CacheUnavailable extends Error {
  constructor(
    readonly why: 'timeout' | 'error',
    detail?: string,
  ) {
    super(detail ?? `it did not answer within ${CACHE_TIME.callMs / 1000} s`);
    this.name = 'CacheUnavailable';
  }
}

interface ScopedCache {
  get(key: string, scope: string[]): Promise<unknown>;
  set(
    key: string,
    value: unknown,
    ttl: number | null,
    scope: string[],
    nx?: boolean,
  ): Promise<boolean | null>;
  delete(key: string, scope: string[]): Promise<boolean>;
}

const SCOPE = ['auth'];

/** The call, or a CacheUnavailable once it failed or CACHE_TIME.callMs passed (the timer never outlives it). */
function bounded<T>(call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CacheUnavailable('timeout')), CACHE_TIME.callMs);
    Promise.resolve()
      .then(call)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(new CacheUnavailable('error', (err as Error)?.message ?? String(err)));
        },
      );
  });
}

export interface ConnectionCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** true only when no live entry existed and this call stored one */
  setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export function connectionCache(z: ZObject): ConnectionCache {
  const cache = z.cache as unknown as ScopedCache;
  return {
    get: (key) => bounded(() => cache.get(key, SCOPE)),
    set: (key, value, ttlSeconds) =>
      bounded(() => cache.set(key, value, ttlSeconds, SCOPE)).then(() => undefined),
    setIfAbsent: (key, value, ttlSeconds) =>
      bounded(() => cache.set(key, value, ttlSeconds, SCOPE, true)).then((answer) => answer === true),
    delete: (key) => bounded(() => cache.delete(key, SCOPE)).then(() => undefined),
  };
}

/**
 * A value that tells this run's writes from any other's: written with an `nx` set, it lets a run that
 * reads back "not set" see that the entry is its own (the answer to its write was lost and core's
 * retry found it), not a competitor's.
 */
export const runToken = (): string => randomUUID();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many cache calls one run makes at once: a batch of 500 events must not open 500 RPCs together. */
export const CACHE_PARALLEL = 16;

/**
 * `call` for each item, at most CACHE_PARALLEL at once. Once one fails, no further call starts (a cache
 * that failed once is likely down, and each call could take CACHE_TIME.callMs): the items not tried
 * settle as rejected with that first error. Settles like Promise.allSettled, in the items' order.
 */
export async function eachLimited<T, R>(
  items: readonly T[],
  call: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = [];
  let next = 0;
  let failed: { reason: unknown } | undefined;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      if (failed) {
        results[i] = { status: 'rejected', reason: failed.reason };
        continue;
      }
      try {
        results[i] = { status: 'fulfilled', value: await call(items[i]) };
      } catch (reason) {
        failed ??= { reason };
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CACHE_PARALLEL, items.length) }, worker));
  return results;
}
