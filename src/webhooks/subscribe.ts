/**
 * REST-hook subscribe / unsubscribe through the client's webhook functions (an A-level contract:
 * README "API assumptions"). When a business refuses the call, the user is told what to do; only
 * the private build, which has the manual set-up trigger, points to it (the public app has none: D017).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { deleteWebhook, errorFields, registerWebhook } from '../client';
import { eventTypeLabel } from '../events/catalog';
import { MANUAL_TRIGGER, manualWebhookIncluded, WEBHOOKS_PAGE } from '../private-build';

/** What a refusal can point to instead: the polling triggers that cover the same events (by label). */
export interface Alternatives {
  polling: readonly string[];
  /** the private build's manual set-up trigger is there (default: as built) */
  manual?: boolean;
}

export interface SubscribeData {
  id: string;
  events: string[];
  /** The registered webhook's own signing secret, when Storeganise returns one (A). */
  secret?: string;
}

const named = (events: string[]) =>
  events
    .map((type) => (eventTypeLabel(type) === type ? type : `${eventTypeLabel(type)} (${type})`))
    .join(', ');

export function refusalMessage(status: number, events: string[], alternatives: Alternatives): string {
  const manual = alternatives.manual ?? manualWebhookIncluded();
  const polling = alternatives.polling.length
    ? `Use ${alternatives.polling.map((l) => `"${l}"`).join(' or ')} instead: ${alternatives.polling.length > 1 ? 'they need' : 'it needs'} no webhook and ${alternatives.polling.length > 1 ? 'check' : 'checks'} every few minutes.`
    : 'The polling triggers (their names end in "(Polling)") need no webhook and check every few minutes.';
  if (status === 403) {
    const why =
      "Storeganise refused to register this Zap's webhook (403): the API key's role may not manage webhooks. " +
      'Give the key the admin role in Main Settings > Developer > API keys and turn the Zap on again';
    return manual ? `${why}, or set the webhook up by hand: ${byHand(events)}` : `${why}. ${polling}`.trim();
  }
  const why = `Your Storeganise business does not let apps register webhooks through the API (HTTP ${status}), so this trigger cannot receive ${named(events)}.`;
  if (manual) return `${why} Set the webhook up by hand instead: ${byHand(events)}`;
  return `${why} ${polling} Or ask Storeganise support to enable webhook registration through the API for your business.`.replace(
    /\s+/g,
    ' ',
  );
}

const byHand = (events: string[]) =>
  `use the "${MANUAL_TRIGGER.label}" trigger instead of this one, copy the webhook URL it shows, then in Storeganise open ${WEBHOOKS_PAGE}, add a webhook with that URL and tick the event${events.length > 1 ? 's' : ''} ${named(events)}.`;

/**
 * Registers the Zap's hook URL for `events`; a refusal names the `alternatives` (the triggers layer
 * knows which polling triggers cover these events).
 */
export async function subscribeWebhook(
  z: ZObject,
  bundle: Bundle,
  events: string[],
  alternatives: Alternatives,
): Promise<SubscribeData> {
  const url = bundle.targetUrl;
  if (!url)
    throw new z.errors.Error(
      'Zapier gave no webhook URL to register with Storeganise.',
      'missing_target_url',
    );
  const alert = bundle.authData.alertEmail?.trim();
  let registration;
  try {
    registration = await registerWebhook(z, bundle, { url, events, alertEmails: alert ? [alert] : [] });
  } catch (err) {
    const status = errorFields(err).status;
    if (status === 403 || status === 404 || status === 405) {
      throw new z.errors.Error(
        refusalMessage(status, events, alternatives),
        'webhook_registration_refused',
        status,
      );
    }
    throw err;
  }
  if (typeof registration.id !== 'string' || !registration.id) {
    throw new z.errors.Error(
      `Storeganise accepted the webhook but returned no id to remove it with later. Check ${WEBHOOKS_PAGE} for a webhook to ${url} and remove it before trying again.`,
      'webhook_without_id',
    );
  }
  const secret =
    typeof registration.secret === 'string' && registration.secret ? registration.secret : undefined;
  return { id: registration.id, events, ...(secret ? { secret } : {}) };
}

/** Removes the webhook subscribe registered; one already gone (404) counts as removed. */
export async function unsubscribeWebhook(z: ZObject, bundle: Bundle): Promise<{ removed: string | null }> {
  const id = bundle.subscribeData?.id;
  if (typeof id !== 'string' || !id) {
    z.console.log('Storeganise webhook: nothing to remove (the subscription holds no webhook id).');
    return { removed: null };
  }
  await deleteWebhook(z, bundle, id);
  return { removed: id };
}
