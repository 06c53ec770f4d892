/**
 * z.cache scoped to the connection (`['auth']`): what one Storeganise connection remembers is never
 * seen by another. Core's runtime takes the scope on get/set/delete alike; its type names it on
 * `set` only, hence the one widened signature here.
 */
import type { ZObject } from 'zapier-platform-core';

const SCOPE = ['auth'];

type ScopedGet = (key: string, scope?: string[]) => Promise<unknown>;
type ScopedDelete = (key: string, scope?: string[]) => Promise<boolean>;

export const cacheGet = (z: ZObject, key: string): Promise<unknown> => (z.cache.get as ScopedGet)(key, SCOPE);

/** Stores a value; with `nx`, only when the key is absent. Resolves false when `nx` found the key taken. */
export async function cacheSet(z: ZObject, key: string, value: unknown, ttl: number, nx = false): Promise<boolean> {
  const answer = await z.cache.set(key, value, ttl, SCOPE, nx);
  return answer !== false;
}

export const cacheDelete = (z: ZObject, key: string): Promise<boolean> => (z.cache.delete as ScopedDelete)(key, SCOPE);
