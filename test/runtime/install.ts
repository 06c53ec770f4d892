/**
 * Puts the strict runtime under core's app tester for the jest suite (loaded by test/setup.ts).
 *
 * Core builds one RPC client per run (`src/tools/create-rpc-client.js`, required by
 * `create-lambda-handler.js`) and `z.cache` calls it. This module mock wraps that client: a run whose
 * tester carries a strict-runtime handle (see ./app-tester.ts) sends its `zcache_*` calls to that
 * tester's StrictCache with every argument core passes (ttl, scope, nx); every other run, and every
 * other RPC method, goes to core's own client untouched (so core's permissive mock still works).
 */
import { STRICT_RUNTIME, type StrictRuntimeHandle } from './handle';

const target = require.resolve('zapier-platform-core/src/tools/create-rpc-client');

jest.doMock(target, () => {
  const actual = jest.requireActual(target) as (
    event: Record<string, unknown>,
  ) => (m: string, ...p: unknown[]) => unknown;
  return (event: { zcacheTestObj?: unknown; bundle?: { authData?: unknown } } & Record<string, unknown>) => {
    const core = actual(event);
    const handle = (event.zcacheTestObj as { [STRICT_RUNTIME]?: StrictRuntimeHandle } | undefined)?.[
      STRICT_RUNTIME
    ];
    if (!handle) return core;
    const cache = handle.cache.rpc(handle.identity(event.bundle ?? {}));
    return (method: string, ...params: unknown[]) =>
      method.startsWith('zcache_') ? cache(method, ...params) : core(method, ...params);
  };
});
