/**
 * fast-check's run parameters for the fuzz suites. `npm test` runs the base counts with a fixed seed, so every
 * run checks the same cases; `FUZZ_SCALE=10` runs ten times as many and `FUZZ_SEED=<n>` other ones
 * (`FUZZ_SCALE=10 FUZZ_SEED=$RANDOM npx jest test/client test/webhooks` before a release or after touching
 * the security path). A failure prints the seed and path that replay it, and the smallest input found.
 */
import type { Parameters } from 'fast-check';

const scale = Number(process.env.FUZZ_SCALE ?? 1);
const SCALE = Number.isFinite(scale) && scale > 0 ? scale : 1;
const seed = Number(process.env.FUZZ_SEED ?? 20261128);
const SEED = Number.isSafeInteger(seed) ? seed : 20261128;

/** How many generated cases a suite runs: its base count, scaled by FUZZ_SCALE. */
export const fuzzRuns = (base: number): number => Math.max(1, Math.round(base * SCALE));

/** `fc.assert` parameters: `base` runs (scaled) from the suite's seed. */
export const fuzzParameters = <T>(base: number): Parameters<T> => ({ numRuns: fuzzRuns(base), seed: SEED });
