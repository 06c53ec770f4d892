/**
 * Which sandbox test/sandbox/e2e.test.ts runs against: the default one, or (from
 * test/sandbox/e2e-strict.test.ts) a strict one.
 */
export const sandboxMode = { strict: false };
