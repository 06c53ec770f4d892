/**
 * Each event runs once per Zap. Zapier does not dedupe hook deliveries (integration checks D010/T002),
 * and Storeganise retries a delivery that was not answered in 2 s, so the same event can arrive twice.
 * Handled event ids are remembered in z.cache, per connection, keyed by the Zap's subscription (what
 * performSubscribe returned, `bundle.subscribeData`) and the event id, for HANDLED_TTL seconds.
 *
 * Order (pipeline.ts): already handled → skip; claim with `nx` (a false answer means another run has
 * it: skip); fetch the records; if fetching fails the claim is released, so Zapier's retry of the run
 * processes the event again.
 */
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache } from '../cache';

/** Three days: Storeganise retries within seconds; a Zap run replayed by hand comes later. */
export const HANDLED_TTL = 3 * 24 * 60 * 60;

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
}

export type ClaimResult = { claimed: Claim } | { skip: 'handled' | 'in progress' };

/** Claims an event for this run, unless this Zap has handled or is handling it. */
export function claimEvent(z: ZObject, subscription: string, eventId: string): Promise<ClaimResult> {
  return claimKey(z, handledKey(subscription, eventId), eventId);
}

/** Claims anything this Zap must do once (an event, an invoice becoming paid), by its cache key. */
export async function claimKey(z: ZObject, key: string, eventId: string): Promise<ClaimResult> {
  const cache = connectionCache(z);
  if (await cache.get(key)) return { skip: 'handled' };
  const won = await cache.setIfAbsent(key, { at: new Date().toISOString() }, HANDLED_TTL);
  return won ? { claimed: { key, eventId } } : { skip: 'in progress' };
}

/** Forgets claims whose records could not be fetched, so a retried run processes those events. */
export async function releaseClaims(z: ZObject, claims: readonly Claim[]): Promise<void> {
  const cache = connectionCache(z);
  await Promise.all(claims.map((claim) => cache.delete(claim.key).catch(() => false)));
}
