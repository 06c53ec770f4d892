/** The marker a strict app tester hands core (as its `zcacheTestObj`) so ./install.ts can find its cache. */
import type { CacheIdentity, StrictCache } from './cache';

export const STRICT_RUNTIME = Symbol.for('storeganise-zapier.strict-runtime');

/**
 * Deliberately not a plain object: if ./install.ts were not loaded, core would not take it for its
 * own cache mock and the run would fail loudly ("No deploy key found") instead of silently
 * falling back to the permissive mock.
 */
export class StrictRuntimeHandle {
  constructor(
    readonly cache: StrictCache,
    readonly identity: (bundle: { authData?: unknown }) => CacheIdentity,
  ) {}

  get [STRICT_RUNTIME]() {
    return this;
  }
}
