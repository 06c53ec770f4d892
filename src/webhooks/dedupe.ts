/**
 * Each event runs once per Zap, also when Zapier's cache fails (docs/failure-semantics.md). Zapier does
 * not dedupe hook deliveries (integration checks D010/T002) and Storeganise retries a delivery that was
 * not answered in 2 s, so the same event can arrive twice, even at the same moment.
 *
 * An event is claimed, per Zap (its subscription, `bundle.subscribeData`) and connection, before any
 * request: one `set` with `nx` of `{ run, state: 'claimed' }`, which lapses after CLAIM.ttlSeconds. That
 * is the only cache round trip a delivery waits for before its first request. The claim becomes
 * `handled` (kept HANDLED_TTL) beside the last round of fetches (pipeline.ts), and is released when the
 * run fails, so:
 * - a repeat of a handled event finds `handled`: nothing is output, no request is made;
 * - a run that is cut off (Zapier's time limit, memory) leaves only a claim, which lapses in minutes;
 * - `nx` answering "not set" is told apart from a lost answer by reading the entry back: the run's own
 *   token means core's retry found this run's write (the first answer was lost), not a competitor's;
 * - a competitor's claim is waited on briefly: it becomes `handled` (skip), or goes away (the other run
 *   failed and released it: take it over), or is still held (skip: the other run outputs it or fails).
 */
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { CacheUnavailable, connectionCache, eachLimited, sleep } from '../cache';
import { msLeft } from '../time-limit';

/** Three days: Storeganise retries within seconds; a delivery re-sent by hand comes later. */
export const HANDLED_TTL = 3 * 24 * 60 * 60;

/**
 * A claim lapses after `ttlSeconds` (longer than any run may take: docs/failure-semantics.md); a run
 * that meets another run's claim waits up to `waitMs` for it to be settled, looking every `pollMs`.
 */
export const CLAIM = { ttlSeconds: 120, waitMs: 4_000, pollMs: 250 };

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The Zap an event is delivered to: its subscription (REST hooks). A static hook has none; the Zap id
 * Zapier still passes in `meta` stands in, else nothing (no dedupe rather than a shared key).
 */
export function subscriptionOf(bundle: Bundle): string | undefined {
  const data: unknown = bundle.subscribeData;
  if (data && typeof data === 'object') {
    const id = (data as { id?: unknown }).id;
    return typeof id === 'string' && id ? `sub:${digest(id)}` : `sub:${digest(JSON.stringify(data))}`;
  }
  const zap = (bundle.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  return zap !== undefined && zap !== null && String(zap) ? `zap:${digest(String(zap))}` : undefined;
}

export const handledKey = (subscription: string, eventId: string) =>
  `storeganise:handled:${subscription}:${digest(eventId)}`;

export interface Claim {
  key: string;
  eventId: string;
  /** the token of the run that holds it */
  run: string;
}

export type ClaimResult = { claimed: Claim } | { skip: 'handled' | 'in progress' };

/** What an entry says: handled, claimed by a run, or nothing. */
function entryState(entry: unknown): 'handled' | 'none' | { claimedBy: string } {
  if (entry === null || entry === undefined) return 'none';
  const { run, state } = entry as { run?: unknown; state?: unknown };
  if (state === 'claimed' && typeof run === 'string') return { claimedBy: run };
  // `handled`, or an entry of an earlier version of the app (`{ at }`), which meant handled
  return 'handled';
}

/** Claims an event for this run (`run`: the run's token), unless this Zap has handled or is handling it. */
export function claimEvent(z: ZObject, bundle: Bundle, subscription: string, eventId: string, run: string) {
  return claimKey(z, bundle, handledKey(subscription, eventId), eventId, run);
}

/**
 * Claims anything a Zap must do once (an event, an invoice becoming paid), by its cache key. Throws a
 * CacheUnavailable when the cache cannot say: the caller must not hand the event on as if it knew.
 */
export async function claimKey(
  z: ZObject,
  bundle: Bundle,
  key: string,
  eventId: string,
  run: string,
): Promise<ClaimResult> {
  const cache = connectionCache(z);
  const claimed = { claimed: { key, eventId, run } };
  const mine = () => ({ run, state: 'claimed', at: new Date().toISOString() });
  if (await cache.setIfAbsent(key, mine(), CLAIM.ttlSeconds)) return claimed;
  const deadline = Date.now() + Math.min(CLAIM.waitMs, msLeft(bundle));
  let refused = 0;
  for (;;) {
    const state = entryState(await cache.get(key));
    if (state === 'handled') return { skip: 'handled' };
    if (state === 'none') {
      // released by a run that failed, or lapsed: take it over
      if (await cache.setIfAbsent(key, mine(), CLAIM.ttlSeconds)) return claimed;
      // an empty key that nx will not set twice: the cache is refusing writes (e.g. a write limit)
      if (++refused >= 2) throw new CacheUnavailable('error', 'it did not store the claim');
      continue;
    }
    if (state.claimedBy === run) return claimed; // this run's own write: the first answer was lost
    if (Date.now() >= deadline) return { skip: 'in progress' };
    await sleep(CLAIM.pollMs);
  }
}

/** Marks claims handled (kept HANDLED_TTL); returns those that could not be marked. Never throws. */
export async function markHandled(z: ZObject, claims: readonly Claim[]): Promise<Claim[]> {
  const cache = connectionCache(z);
  const at = new Date().toISOString();
  const results = await eachLimited(claims, (claim) =>
    cache.set(claim.key, { run: claim.run, state: 'handled', at }, HANDLED_TTL),
  );
  return claims.filter((_, i) => results[i].status === 'rejected');
}

/**
 * Forgets claims (and handled marks) of a run that failed, so a retry processes those events. Returns
 * false when one could not be removed: it then lapses after CLAIM.ttlSeconds. Never throws.
 */
export async function releaseClaims(z: ZObject, claims: readonly Claim[]): Promise<boolean> {
  const cache = connectionCache(z);
  const results = await eachLimited(claims, (claim) => cache.delete(claim.key));
  return results.every((result) => result.status === 'fulfilled');
}
