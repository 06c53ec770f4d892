/**
 * One identical write at a time. Zapier can replay a step while its first run is still working
 * (and a Zap can fire twice at once), so "read first, then write" alone lets two runs both read
 * "not there yet" and both write. A run first takes a short lock in Zapier's cache, keyed by what
 * it writes (`set` with `nx`, the run's token as value), scoped to the connection; the others wait
 * for the lock to go and then read first as usual, so they find and return what the first wrote.
 * If the lock is still held after LOCK.waitMs (or when the step's time runs short) they fail with a
 * ThrottledError, which Zapier retries.
 *
 * Zapier's cache can fail (docs/failure-semantics.md):
 * - `nx` answering "not set" because the answer to this run's own write was lost: the lock is read
 *   back, and this run's token means it holds it;
 * - the cache failing or not answering in time: the write goes on without the lock (reading first
 *   still catches a replay that comes after the write), with a log line;
 * - the lock not removed afterwards: it lapses after LOCK.ttlSeconds.
 * Works on core's test mock too (where `set` always answers true, every run just proceeds).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache, runToken, sleep } from './cache';
import { businessCode } from './client';
import { msLeft } from './time-limit';

/** Timings (ms / s); tests shorten `waitMs` and `pollMs`. A lock outlives a crashed run by at most `ttlSeconds`. */
export const LOCK = { pollMs: 200, waitMs: 10_000, ttlSeconds: 60, retrySeconds: 15 };

export function lockKey(z: ZObject, bundle: Bundle, operation: string, identity: unknown): string {
  return `lock:${operation}:${businessCode(bundle.authData)}:${z.hash('sha256', JSON.stringify(identity))}`;
}

/**
 * Takes the lock: true when this run holds it, false when the cache cannot say (write without it).
 * Throws a ThrottledError when another run holds it past the wait.
 */
async function takeLock(
  z: ZObject,
  bundle: Bundle,
  key: string,
  run: string,
  what: string,
): Promise<boolean> {
  const cache = connectionCache(z);
  const deadline = Date.now() + Math.min(LOCK.waitMs, msLeft(bundle));
  const unavailable = (err: Error) => {
    z.console.log(`Write lock unavailable (Zapier's cache: ${err.message}); writing without it.`);
    return false;
  };
  for (;;) {
    try {
      if (await cache.setIfAbsent(key, run, LOCK.ttlSeconds)) return true;
      // this run's own lock, whose answer was lost and found by core's retry
      if ((await cache.get(key)) === run) return true;
    } catch (err) {
      return unavailable(err as Error);
    }
    if (Date.now() >= deadline) {
      throw new z.errors.ThrottledError(
        `An identical ${what} is being written by another run of this step right now; Zapier will retry this one.`,
        LOCK.retrySeconds,
      );
    }
    await sleep(LOCK.pollMs);
  }
}

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
  const key = lockKey(z, bundle, operation, identity);
  const run = runToken();
  const held = await takeLock(z, bundle, key, run, what);
  try {
    return await write();
  } finally {
    // a lock that cannot be removed lapses after LOCK.ttlSeconds
    if (held)
      await connectionCache(z)
        .delete(key)
        .catch(() => undefined);
  }
}
