/**
 * What a failed delivery tells Zapier and the Zap's owner (docs/failure-semantics.md).
 *
 * Zapier never replays a trigger, and Storeganise does not send a delivery again once Zapier has taken
 * it; the one second chance a hook perform has is a ThrottledError, which Zapier retries once, after its
 * delay (at most 300 s: docs/zapier-platform.md). So a failure that may pass (Zapier's cache or
 * Storeganise unavailable, a timeout) is thrown as one, with a delay that lets a claim this run may
 * have left lapse first; every message names the events, the records they are about (so the owner can
 * act on them by hand if the retry fails too), what the app was doing, and what happens next.
 */
import type { ZObject } from 'zapier-platform-core';
import { boundText, errorFields } from '../client';
import { kindOf } from '../records/kinds';
import { CLAIM } from './dedupe';
import { namedRecords, type WebhookEvent } from './event-records';
import { short } from './judge-event';

/** Zapier's retry of a throttled hook perform: at most this long (docs/zapier-platform.md). */
export const MAX_RETRY_DELAY = 300;
/** The retry comes after a claim this run may have left has lapsed. */
export const RETRY_AFTER_CLAIM = CLAIM.ttlSeconds + 30;
/** A Storeganise outage: Zapier's default delay. */
export const RETRY_TRANSIENT = 60;

/** "event evt_1 (job 64f…)", for up to three events. */
export function eventsNamed(events: readonly WebhookEvent[]): string {
  const named = events.slice(0, 3).map((event) => {
    const record = namedRecords(event)[0];
    return `${short(event.id)}${record ? ` (${kindOf(record.kind).noun.toLowerCase()} ${short(record.id)})` : ''}`;
  });
  const more = events.length > 3 ? ` and ${events.length - 3} more` : '';
  return `Storeganise event${events.length > 1 ? 's' : ''} ${named.join(', ')}${more}`;
}

const retryNote = (seconds: number) =>
  `Zapier tries this delivery once more in ${seconds} s; if that fails too, nothing is handed on for ` +
  'these events: act on the records named here by hand.';

/** Zapier's cache could not say whether the events were handled: nothing was handed on. */
export function cannotClaim(z: ZObject, events: readonly WebhookEvent[], cause: unknown): Error {
  return new z.errors.ThrottledError(
    `Zapier's cache failed while this Zap checked whether ${eventsNamed(events)} had already been handled ` +
      `(${boundText(errorFields(cause).message, 200)}), so nothing was handed on yet. ${retryNote(RETRY_AFTER_CLAIM)}`,
    RETRY_AFTER_CLAIM,
  );
}

/** Is this failure one that may pass by itself: Storeganise unavailable (5xx, network, timeout) or throttling? */
function mayPass(err: unknown): boolean {
  if ((err as Error)?.name === 'ThrottledError') return true;
  return errorFields(err).code === 'unavailable';
}

/**
 * What became of a failed run's claims: `released` (deleted), `lapse` (the delete failed: the claims
 * lapse after CLAIM.ttlSeconds) or `stuck` (the delete failed after a handled mark went out beside the
 * failed round: the events may stay recorded as handled).
 */
export type Released = 'released' | 'lapse' | 'stuck';

/**
 * The error a delivery ends with when fetching its records failed. A failure that may pass is retried
 * once by Zapier, after the claims can have lapsed; a final error reads as itself; events that may stay
 * recorded as handled are reported with their records, since no retry would hand them on.
 */
export function fetchFailed(
  z: ZObject,
  events: readonly WebhookEvent[],
  err: unknown,
  released: Released,
): unknown {
  const fields = errorFields(err);
  if (released === 'stuck') {
    const one = events.length === 1;
    const note =
      `${eventsNamed(events)} ${one ? 'was' : 'were'} not handed on, and Zapier's cache failed as the app undid ` +
      `its record of ${one ? 'it' : 'them'}: ${one ? 'it' : 'they'} may stay recorded as handled for 3 days, so ` +
      'a new delivery would not run this Zap. Act on the records named here by hand.';
    if (!mayPass(err)) z.console.log(`Storeganise webhook: ${note}`);
    return mayPass(err)
      ? new z.errors.Error(`${boundText(fields.message, 500)} ${note}`, 'not_handed_on')
      : err;
  }
  if (!mayPass(err)) return err; // a final error (the key, a role, an id) reads as itself
  const delay = Math.min(
    MAX_RETRY_DELAY,
    Math.max(fields.delay ?? RETRY_TRANSIENT, released === 'released' ? 0 : RETRY_AFTER_CLAIM),
  );
  return new z.errors.ThrottledError(
    `${eventsNamed(events)} could not be handed on: ${boundText(fields.message, 500)} ${retryNote(delay)}`,
    delay,
  );
}
