/**
 * The app tester the jest suite runs operations with: core's own `createAppTester` (the real Lambda
 * handler and its runtime checks) plus what production does around it and core's tester does not:
 * - `z.cache` is a StrictCache (./cache.ts: ttl, scope, nx), one per tester, shared by its runs;
 * - the input of every trigger, search and create `perform` goes through Zapier's coercion of typed
 *   fields first (sandbox/coerce.ts, which the sandbox's runs share), driven by the operation's static
 *   `inputFields`; `inputDataRaw` keeps what was typed.
 *
 *   const tester = createStrictAppTester(App);
 *   await tester(App.creates.x.operation.perform, { authData, inputData });
 *   tester.cache.clock.advance(3600); tester.cache.find('x:'); tester.as({ user: 'user-2' })
 */
import { createAppTester } from 'zapier-platform-core';
import { connectionOf, createStrictCache, type StrictCache } from './cache';
import { coercedBundle, coercedFor, ZAPIER_TIMEZONE } from './coerce';
import { StrictRuntimeHandle } from './handle';

type Dict = Record<string, unknown>;

export interface StrictAppTesterOptions {
  cache?: StrictCache;
  /** the Zapier user the runs belong to (for `scope: ['user']`), default "user-1" */
  user?: string;
  /** coerce typed inputs as Zapier does (default true) */
  coerce?: boolean;
  /** the user's Zapier timezone for datetime fields */
  timezone?: string;
}

export interface StrictAppTester {
  <T = any>(method: unknown, bundle?: object, clearCacheBeforeUse?: boolean): Promise<T>;
  readonly cache: StrictCache;
  /** the same app and cache, run as another user or with other options */
  as(options: Omit<StrictAppTesterOptions, 'cache'>): StrictAppTester;
  /** what perform would receive for this input (for asserting on the coercion itself) */
  coerced(method: unknown, inputData: Dict): Dict;
}

export function createStrictAppTester(app: object, options: StrictAppTesterOptions = {}): StrictAppTester {
  const cache = options.cache ?? createStrictCache();
  const user = options.user ?? 'user-1';
  const inner = createAppTester(app as never) as unknown as ((
    m: unknown,
    b: Dict,
    c?: boolean,
  ) => Promise<unknown>) & {
    zcacheTestObj: unknown;
  };
  const handle = new StrictRuntimeHandle(cache, (bundle) => ({ user, auth: connectionOf(bundle.authData) }));

  const timezone = options.timezone ?? ZAPIER_TIMEZONE;
  const coerced = (method: unknown, inputData: Dict): Dict =>
    options.coerce === false ? inputData : coercedFor(app, method, inputData, timezone);

  const tester = ((method: unknown, given: object = {}, clearCacheBeforeUse = false) => {
    const bundle = given as Dict;
    if (clearCacheBeforeUse) cache.clear();
    inner.zcacheTestObj = handle;
    return inner(method, options.coerce === false ? bundle : coercedBundle(app, method, bundle, timezone));
  }) as StrictAppTester;
  Object.defineProperties(tester, {
    cache: { value: cache },
    as: {
      value: (o: Omit<StrictAppTesterOptions, 'cache'>) =>
        createStrictAppTester(app, { ...options, ...o, cache }),
    },
    coerced: { value: coerced },
  });
  return tester;
}
