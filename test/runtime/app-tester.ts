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
import { AsyncLocalStorage } from 'node:async_hooks';
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

type Step = (z: unknown, bundle: unknown) => unknown;

/**
 * Ad-hoc steps (a spec's own `(z, bundle) => …`) run through one stable entry of a copy of the app.
 * Core's tester would instead add `_testRequest` to the definition for each call, search the whole app
 * for the function twice and prepare the changed definition twice (~20 ms a call, 15× a real
 * operation's run). The copy differs from the app only by that entry; which step it runs is carried by
 * the call's async context, so concurrent steps on one tester stay apart.
 */
const STEP_KEY = '_strictRuntimeStep';
const currentStep = new AsyncLocalStorage<Step>();
const withStepEntry = new WeakMap<object, { app: object; entry: Step }>();

function stepEntryOf(app: object) {
  let found = withStepEntry.get(app);
  if (!found) {
    const entry: Step = (z, bundle) => {
      const step = currentStep.getStore();
      if (!step) throw new Error('strict runtime: an ad-hoc step ran outside its call');
      return step(z, bundle);
    };
    found = { app: { ...app, [STEP_KEY]: entry }, entry };
    withStepEntry.set(app, found);
  }
  return found;
}

/** Every function of an app's definition (core finds those by reference; anything else is an ad-hoc step). */
const functionsOf = new WeakMap<object, Set<unknown>>();

function ownFunctions(app: object): Set<unknown> {
  let found = functionsOf.get(app);
  if (!found) {
    const functions = new Set<unknown>();
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (typeof value === 'function') functions.add(value);
      else if (value && typeof value === 'object' && !seen.has(value)) {
        seen.add(value);
        Object.values(value).forEach(walk);
      }
    };
    walk(app);
    functionsOf.set(app, (found = functions));
  }
  return found;
}

export function createStrictAppTester(app: object, options: StrictAppTesterOptions = {}): StrictAppTester {
  const cache = options.cache ?? createStrictCache();
  const user = options.user ?? 'user-1';
  const steps = stepEntryOf(app);
  const inner = createAppTester(steps.app as never) as unknown as ((
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
    const input = options.coerce === false ? bundle : coercedBundle(app, method, bundle, timezone);
    if (typeof method === 'function' && !ownFunctions(app).has(method))
      return currentStep.run(method as Step, () => inner(steps.entry, input));
    return inner(method, input);
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
