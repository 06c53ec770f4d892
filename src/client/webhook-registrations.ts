/** Webhook registration for REST-hook triggers (A: no public source). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { must, sgRequest } from './http';
import type { WebhookRegistration } from '../types';

/**
 * A: no public source documents webhook registration. Assumed contract:
 * `POST webhooks { url, events: [type…], alertEmails: [email…] }` → `{ id, secret?, … }` (`secret`:
 * that webhook's signing secret, if it has its own); `DELETE webhooks/{id}`.
 */
export const registerWebhook = (
  z: ZObject,
  bundle: Bundle,
  hook: { url: string; events: string[]; alertEmails: string[] },
) =>
  must<WebhookRegistration>(z, bundle, {
    method: 'POST',
    path: ['webhooks'],
    body: hook,
    what: 'Registering the Zap as a Storeganise webhook',
  });

/** A: see registerWebhook. "Already gone" (404) counts as success. */
export async function deleteWebhook(z: ZObject, bundle: Bundle, id: string): Promise<void> {
  await sgRequest(z, bundle, {
    method: 'DELETE',
    path: ['webhooks', id],
    what: `Webhook ${id}`,
    allowNotFound: true,
    expect: 'any',
  });
}
