/**
 * A `z.cache` as strict as Zapier's server-side store, for the jest suite.
 *
 * Why: core's test double (`zapier-platform-core/src/tools/create-rpc-client.js`, `rpcCacheMock`)
 * keeps one plain object per app tester, drops `ttl`, `scope` and `nx` on the floor and answers
 * `true` to every `set`, so code that relies on a lock, an expiry or a per-connection key is tested
 * against a cache that can never disagree. This store honours the arguments core really sends.
 *
 * Sources (checked November 2026, core 19.1.0):
 * - core `src/tools/create-cache.js`: `get(key, scope)`, `set(key, value, ttl, scope, nx)`,
 *   `delete(key, scope)` become `rpc('zcache_get' | 'zcache_set' | 'zcache_delete', …)` with the value
 *   JSON-encoded; `ttl` must be an integer (seconds), `scope` an array of "user" / "auth", `nx` a boolean.
 * - core `types/custom.d.ts`: `set(…): Promise<boolean | null>`; `get(key)` (the typings omit the
 *   scope argument that the JS accepts and forwards).
 * - zapier-platform changelog: "Add scopes as an option for zcache usage" (#849), "Adds `nx` argument
 *   to `z.cache.set()`" (#900).
 *
 * Semantics emulated (the server is not public; each line says what it rests on):
 * - `ttl` in seconds; an entry is gone once `ttl` seconds have passed on the controllable clock.
 *   No `ttl` = no expiry here (assumed; production may apply its own maximum).
 * - `scope` (core accepts "user" and "auth"; what each isolates is inferred from the names, the
 *   server is not public): no scope or `[]` = one key for the whole integration (every user and
 *   connection: the worst case for leaks between accounts); `['auth']` = per connection;
 *   `['user']` = per Zapier user; both = per user and connection. A scoped key is a different key:
 *   `get` without the scope does not see a value `set` with it.
 * - `nx`: set only when no live entry exists; otherwise nothing changes and the answer is `false`
 *   (Redis' SET NX answers nil: the typings allow `null` — pass `{ nxMiss: null }` to get that).
 *   Code must treat anything but `true` as "not set".
 * - Every call yields to the event loop before it is applied (option `latency`), so concurrent
 *   Zap runs interleave the way two Lambda invocations do, while each operation stays atomic.
 *
 * Identity: a connection is its `authData` (same authData = same connection, as one Zapier
 * connection always hands the same authData); the user is the tester's `user` (default "user-1").
 */
import { createHash } from 'node:crypto';

export type CacheScope = ('user' | 'auth')[] | null;

export interface CacheIdentity {
  /** the Zapier user running the Zap */
  user: string;
  /** the connection (authentication) the step runs with */
  auth: string;
}

export interface CacheEntry {
  key: string;
  /** the parsed value, as `z.cache.get` returns it */
  value: unknown;
  scope: ('user' | 'auth')[];
  user?: string;
  auth?: string;
  /** clock second after which the entry is gone, or null for no expiry */
  expiresAt: number | null;
}

export interface CacheCall {
  method: 'get' | 'set' | 'delete';
  key: string;
  scope: ('user' | 'auth')[];
  ttl?: number | null;
  nx?: boolean | null;
  identity: CacheIdentity;
  result: unknown;
}

export interface StrictCacheOptions {
  /** the clock's start, in seconds (default: a fixed 2026-11-22T08:00:00Z) */
  now?: number;
  /** what a refused `nx` set answers (default false) */
  nxMiss?: false | null;
  /** event-loop turns each call waits before it is applied (default 1) */
  latency?: number;
}

interface Stored {
  json: string;
  expiresAt: number | null;
  scope: ('user' | 'auth')[];
  user?: string;
  auth?: string;
  key: string;
}

const normScope = (scope: unknown): ('user' | 'auth')[] =>
  Array.isArray(scope) ? [...new Set(scope as ('user' | 'auth')[])].sort() : [];

/** A connection's identity: a short hash of its authData (never the secrets themselves). */
export function connectionOf(authData: unknown): string {
  const stable = JSON.stringify(authData ?? {}, Object.keys((authData ?? {}) as object).sort());
  return `conn-${createHash('sha256').update(stable).digest('hex').slice(0, 10)}`;
}

export class StrictCache {
  private store = new Map<string, Stored>();
  private seconds: number;
  readonly nxMiss: false | null;
  readonly latency: number;
  /** every call in order, for assertions ("two set nx, one true") */
  readonly calls: CacheCall[] = [];

  constructor(options: StrictCacheOptions = {}) {
    this.seconds = options.now ?? Date.parse('2026-11-22T08:00:00Z') / 1000;
    this.nxMiss = options.nxMiss === null ? null : false;
    this.latency = options.latency ?? 1;
  }

  /** The controllable clock, in whole seconds. */
  readonly clock = {
    now: () => this.seconds,
    advance: (seconds: number) => {
      this.seconds += seconds;
    },
  };

  private storageKey(key: string, scope: ('user' | 'auth')[], id: CacheIdentity): string {
    return JSON.stringify([
      scope.includes('user') ? id.user : null,
      scope.includes('auth') ? id.auth : null,
      key,
    ]);
  }

  private live(storageKey: string): Stored | undefined {
    const entry = this.store.get(storageKey);
    if (entry && entry.expiresAt !== null && this.seconds >= entry.expiresAt) {
      this.store.delete(storageKey);
      return undefined;
    }
    return entry;
  }

  /** `zcache_get`: the JSON text stored, or null (core parses it). */
  get(key: string, scope: unknown, id: CacheIdentity): string | null {
    const s = normScope(scope);
    const result = this.live(this.storageKey(key, s, id))?.json ?? null;
    this.calls.push({ method: 'get', key, scope: s, identity: id, result });
    return result;
  }

  /** `zcache_set`: value is the JSON text core sends. */
  set(key: string, json: string, ttl: number | null, scope: unknown, nx: boolean | null, id: CacheIdentity) {
    const s = normScope(scope);
    const sk = this.storageKey(key, s, id);
    let result: boolean | null;
    if (nx && this.live(sk)) {
      result = this.nxMiss;
    } else {
      this.store.set(sk, {
        json,
        key,
        scope: s,
        expiresAt: ttl === null || ttl === undefined ? null : this.seconds + ttl,
        ...(s.includes('user') ? { user: id.user } : {}),
        ...(s.includes('auth') ? { auth: id.auth } : {}),
      });
      result = true;
    }
    this.calls.push({ method: 'set', key, scope: s, ttl, nx, identity: id, result });
    return result;
  }

  /** `zcache_delete`: true when a live entry was removed. */
  delete(key: string, scope: unknown, id: CacheIdentity): boolean {
    const s = normScope(scope);
    const sk = this.storageKey(key, s, id);
    const result = this.live(sk) !== undefined && this.store.delete(sk);
    this.calls.push({ method: 'delete', key, scope: s, identity: id, result });
    return result;
  }

  /** The live entries, parsed, for inspection. */
  entries(): CacheEntry[] {
    return [...this.store.keys()]
      .map((sk) => this.live(sk))
      .filter((e): e is Stored => e !== undefined)
      .map(({ json, ...rest }) => ({ ...rest, value: JSON.parse(json) }));
  }

  /** Live entries whose key starts with `prefix` (keys usually start with the operation's name). */
  find(prefix: string): CacheEntry[] {
    return this.entries().filter((e) => e.key.startsWith(prefix));
  }

  /** Forget everything (the clock keeps its time; the call log is emptied too). */
  clear() {
    this.store.clear();
    this.calls.length = 0;
  }

  /**
   * The RPC function core's `z.cache` calls, bound to one run's identity. Calls other than the
   * cache's are refused: this runtime only stands in for `z.cache`.
   */
  rpc(identity: CacheIdentity) {
    return async (method: string, ...params: unknown[]): Promise<unknown> => {
      for (let i = 0; i < this.latency; i += 1) await new Promise((resolve) => setImmediate(resolve));
      const [key, a, b, c, d] = params as [string, unknown, unknown, unknown, unknown];
      if (method === 'zcache_get') return this.get(key, a, identity);
      if (method === 'zcache_set') {
        return this.set(
          key,
          a as string,
          (b ?? null) as number | null,
          c,
          (d ?? null) as boolean | null,
          identity,
        );
      }
      if (method === 'zcache_delete') return this.delete(key, a, identity);
      throw new Error(`The strict test runtime has no RPC method "${method}".`);
    };
  }
}

export const createStrictCache = (options?: StrictCacheOptions) => new StrictCache(options);
