/**
 * Zapier's cache, scoped to the connection (`scope: ['auth']`): what one connection remembers (a
 * task it created, a lock on a write) is not seen by other users' or other connections' runs.
 * Core's JS forwards a `scope` argument on `get` and `delete` too, but its typings only declare it on
 * `set`; this is the one place that bridges the two. A scoped key is a different key: read it with
 * the same scope it was written with.
 */
import type { ZObject } from 'zapier-platform-core';

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

export function connectionCache(z: ZObject) {
  const cache = z.cache as unknown as ScopedCache;
  return {
    get: (key: string) => cache.get(key, SCOPE),
    set: (key: string, value: unknown, ttlSeconds: number) => cache.set(key, value, ttlSeconds, SCOPE),
    /** true only when no live entry existed and this call stored one */
    setIfAbsent: async (key: string, value: unknown, ttlSeconds: number) =>
      (await cache.set(key, value, ttlSeconds, SCOPE, true)) === true,
    delete: (key: string) => cache.delete(key, SCOPE),
  };
}
