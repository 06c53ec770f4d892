/**
 * One identical write at a time. Zapier can replay a step while its first run is still working
 * (and a Zap can fire twice at once), so "read first, then write" alone lets two runs both read
 * "not there yet" and both write. A run first takes a short lock in Zapier's cache, keyed by what
 * it writes (`set` with `nx`: only one run gets `true`), scoped to the connection; the others wait
 * for the lock to go and then read first as usual, so they find and return what the first wrote.
 * If the lock is still held after LOCK.waitMs they fail with a ThrottledError, which Zapier retries.
 *
 * Works on any cache: where `set` always answers true (core's test mock), every run just proceeds.
 * Anything but `true` from an `nx` set means "not taken" (Zapier's typings allow `false` and `null`).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache } from './cache';
import { businessCode } from './client';

/** Timings (ms / s); tests shorten `waitMs`. A lock outlives a crashed run by at most `ttlSeconds`. */
export const LOCK = { pollMs: 200, waitMs: 10_000, ttlSeconds: 60, retrySeconds: 15 };

export function lockKey(z: ZObject, bundle: Bundle, operation: string, identity: unknown): string {
  return `lock:${operation}:${businessCode(bundle.authData)}:${z.hash('sha256', JSON.stringify(identity))}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` (which reads first) while holding the lock for `identity`; `what` names the write in
 * the retry message, e.g. "charge".
 */
export async function oneAtATime<T>(
  z: ZObject,
  bundle: Bundle,
  operation: string,
  what: string,
  identity: unknown,
  write: () => Promise<T>,
): Promise<T> {
  const cache = connectionCache(z);
  const key = lockKey(z, bundle, operation, identity);
  const deadline = Date.now() + LOCK.waitMs;
  const take = () =>
    cache.setIfAbsent(key, Date.now(), LOCK.ttlSeconds).catch((err: Error) => {
      // the cache itself failing must not block the write: reading first still catches replays
      z.console.log(`write lock unavailable (${err.message}); writing without it`);
      return true;
    });
  while (!(await take())) {
    if (Date.now() >= deadline) {
      throw new z.errors.ThrottledError(
        `An identical ${what} is being written by another run of this step right now; Zapier will retry this one.`,
        LOCK.retrySeconds,
      );
    }
    await sleep(LOCK.pollMs);
  }
  try {
    return await write();
  } finally {
    // a lock that cannot be removed expires after LOCK.ttlSeconds
    await cache.delete(key).catch(() => false);
  }
}
