/**
 * Runs the app's operations the way Zapier does: through core's public Lambda handler
 * (`createAppHandler`, what the built zip's `zapierwrapper.js` calls), one event per run, with
 * `rpc_base` pointing at the local Zapier services (./zapier-service.ts) and a token per run. So `z.cache`
 * and `z.cursor` go over core's real RPC client (its retries, its errors, no timeout of its own) to a
 * store that honours ttl, scope and nx and can fail, hang or lose an answer. On top, what Zapier does
 * before perform: typed input fields coerced (./coerce.ts, the CLI's own coercion).
 *
 *   const run = createZapierRuntime(App);
 *   await run(App.creates.x.operation.perform, { authData, inputData });
 *   run.cache.fail({ method: 'set', nx: true, mode: 'lost', times: 1 }); run.cache.clock.advance(3600);
 *
 * Nothing here replaces a module of core: the handler, the RPC client and the cache are core's own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as core from 'zapier-platform-core';
import { type CacheIdentity, connectionOf, sharedZapierService, ZapierCache } from './zapier-service';
import { coercedBundle, coercedFor, ZAPIER_TIMEZONE } from './coerce';

type Dict = Record<string, unknown>;

export interface RuntimeOptions {
  /** the Zapier account's cache (default: a new one) */
  cache?: ZapierCache;
  /** the Zapier user the runs belong to (for `scope: ['user']`), default "user-1" */
  user?: string;
  /** coerce typed inputs as Zapier does (default true) */
  coerce?: boolean;
  /** the user's Zapier timezone for datetime fields */
  timezone?: string;
}

export interface ZapierRuntime {
  /** Runs a method of the app (a function of its definition, or a spec's own `(z, bundle) => …`). */
  <T = any>(method: unknown, bundle?: object, clearCacheBeforeUse?: boolean): Promise<T>;
  readonly cache: ZapierCache;
  /** the same app and cache, run as another user or with other options */
  as(options: Omit<RuntimeOptions, 'cache'>): ZapierRuntime;
  /** what perform would receive for this input (for asserting on the coercion itself) */
  coerced(method: unknown, inputData: Dict): Dict;
}

type Step = (z: unknown, bundle: unknown) => unknown;
type Handler = (event: Dict) => Promise<{ results: unknown }>;

/** Core's Lambda entry, what the built zip's zapierwrapper.js calls (exported by core, not in its typings). */
const { createAppHandler } = core as unknown as { createAppHandler: (app: object) => Handler };

/**
 * Ad-hoc steps (a spec's own `(z, bundle) => …`) run through one stable entry of a copy of the app,
 * `_localStep`; which step it runs is carried by the call's async context, so concurrent steps stay apart.
 */
const STEP_KEY = '_localStep';
const currentStep = new AsyncLocalStorage<Step>();

interface Prepared {
  handler: Handler;
  /** every function of the definition → its method path, as core names it (`triggers.x.operation.perform`) */
  paths: Map<unknown, string>;
}
const prepared = new WeakMap<object, Prepared>();

function methodPaths(app: object): Map<unknown, string> {
  const paths = new Map<unknown, string>();
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'function') {
      if (!paths.has(value)) paths.set(value, path);
    } else if (Array.isArray(value)) {
      // an array of fields (inputFields with functions in it) is a method too: core resolves it whole
      if (!paths.has(value)) paths.set(value, path);
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(app, '');
  return paths;
}

function prepare(app: object): Prepared {
  let found = prepared.get(app);
  if (!found) {
    const entry: Step = (z, bundle) => {
      const step = currentStep.getStore();
      if (!step) throw new Error('local runtime: an ad-hoc step ran outside its call');
      return step(z, bundle);
    };
    const withEntry = { ...app, [STEP_KEY]: entry };
    found = { handler: createAppHandler(withEntry), paths: methodPaths(app) };
    found.paths.set(entry, STEP_KEY);
    prepared.set(app, found);
  }
  return found;
}

/** Zapier keeps a paging cursor per poll of a `canPaginate` trigger; a run gets its own store key. */
function storeKeyFor(app: object, path: string): string | undefined {
  const match = /^triggers\.([^.]+)\.operation\.(perform|performList)$/.exec(path);
  if (!match) return undefined;
  const op = ((app as Dict).triggers as Dict | undefined)?.[match[1]] as
    { operation?: { canPaginate?: boolean; type?: string } } | undefined;
  const polling = op?.operation?.type !== 'hook';
  const pages =
    !!op?.operation?.canPaginate && (polling ? match[2] === 'perform' : match[2] === 'performList');
  return pages ? `local-${match[1]}` : undefined;
}

export function createZapierRuntime(app: object, options: RuntimeOptions = {}): ZapierRuntime {
  const cache = options.cache ?? new ZapierCache();
  const user = options.user ?? 'user-1';
  const timezone = options.timezone ?? ZAPIER_TIMEZONE;
  const { handler, paths } = prepare(app);
  const coerced = (method: unknown, inputData: Dict): Dict =>
    options.coerce === false ? inputData : coercedFor(app, method, inputData, timezone);

  const run = (async (method: unknown, given: object = {}, clearCacheBeforeUse = false) => {
    if (clearCacheBeforeUse) cache.clear();
    const bundle = given as Dict;
    const input = options.coerce === false ? bundle : coercedBundle(app, method, bundle, timezone);
    const own = typeof method === 'string' ? method : paths.get(method);
    if (own === undefined && typeof method !== 'function')
      throw new Error('local runtime: not a method of the app');
    const path = own ?? STEP_KEY;
    const service = await sharedZapierService();
    // core streams a run's log lines to LOGGING_ENDPOINT (Zapier's log server) when the run has a token
    process.env.LOGGING_ENDPOINT = service.logUrl;
    const identity: CacheIdentity = { user, auth: connectionOf((input as Dict).authData) };
    const token = service.open(cache, identity);
    const storeKey = storeKeyFor(app, path);
    const event = {
      command: 'execute',
      method: path,
      bundle: input,
      rpc_base: service.url,
      token,
      ...(storeKey ? { storeKey } : {}),
      // as core's own tester and `zapier-platform invoke`: log lines to stdout on request
      ...(process.env.LOG_TO_STDOUT ? { logToStdout: true } : {}),
      ...(process.env.DETAILED_LOG_TO_STDOUT ? { detailedLogToStdout: true } : {}),
    };
    try {
      const go = () => handler(event).then((out) => out.results);
      return await (own === undefined ? currentStep.run(method as Step, go) : go());
    } finally {
      service.close(token);
    }
  }) as ZapierRuntime;
  Object.defineProperties(run, {
    cache: { value: cache },
    as: {
      value: (o: Omit<RuntimeOptions, 'cache'>) => createZapierRuntime(app, { ...options, ...o, cache }),
    },
    coerced: { value: coerced },
  });
  return run;
}

export { ZapierCache };
