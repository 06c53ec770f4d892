/**
 * Zapier stops a step after 30 s (actions, polls, a hook's processing: docs/zapier-platform.md), and then
 * the owner reads Zapier's "timed out", not what the app was waiting for. So each step keeps its own
 * budget, below Zapier's limit with a margin: waits (a lock held by another run, a claim in progress)
 * and requests to Storeganise take what is left of it, keeping back enough to clean up (release a
 * claim, remove a lock) and say why it stopped.
 */
export const TIME_LIMIT = {
  /** what a step may spend in all: Zapier's 30 s less a margin for core's own work around perform */
  stepMs: 25_000,
  /** kept back from waits and requests for the clean-up after a failure (one cache call, bounded) */
  reserveMs: 3_500,
  /** a request is never given less than this, however late in the step */
  minRequestMs: 1_000,
};

const started = new WeakMap<object, number>();

/**
 * Milliseconds this step has left, counted from the first time it asked (the bundle is the step's own
 * object: core builds one per run). Less the reserve: what a wait or a request may take.
 */
export function msLeft(bundle: object): number {
  let start = started.get(bundle);
  if (start === undefined) {
    start = Date.now();
    started.set(bundle, start);
  }
  return TIME_LIMIT.stepMs - TIME_LIMIT.reserveMs - (Date.now() - start);
}

/** How long a request may take now: what the step has left, but never less than minRequestMs. */
export const requestTimeoutMs = (bundle: object) => Math.max(TIME_LIMIT.minRequestMs, msLeft(bundle));
