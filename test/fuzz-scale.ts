/**
 * How many generated cases the fuzz suites run. `npm test` runs the base counts, sized to keep the suite
 * fast; `FUZZ_SCALE=10 npx jest test/adversarial test/webhooks` runs ten times as many (same seeds, so the
 * base cases are always among them) before a release or after touching the security path.
 */
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const SCALE = Number.isFinite(scale) && scale > 0 ? scale : 1;

export const fuzzCases = (base: number): number => Math.max(1, Math.round(base * SCALE));
