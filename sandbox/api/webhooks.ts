/**
 * The webhook registration contract the app assumes (A: no public source; docs/storeganise-api.md):
 * `POST /v1/admin/webhooks { url, events, alertEmails }` → the webhook, `GET`, `DELETE …/{id}`.
 */
import type { Webhook } from '../deliveries';
import { HttpError, now, ok, requireObject } from '../http';
import type { Api, Routes } from './context';

/** Registers a webhook as a manager would in Main Settings > Developer > Webhooks. */
export function addWebhook(
  api: Api,
  hook: { url: string; events: string[]; alertEmails?: string[] },
): Webhook {
  const webhook: Webhook = {
    id: api.store.newId('webhook'),
    url: hook.url,
    events: [...hook.events],
    alertEmails: hook.alertEmails ?? [],
    created: now(),
  };
  api.webhooks.set(webhook.id, webhook);
  return webhook;
}

function webhookOr404(api: Api, id: string): Webhook {
  const hook = api.webhooks.get(id);
  if (!hook) throw new HttpError(404, `Webhook ${id} not found`);
  return hook;
}

export const webhookRoutes: Routes = (api, { method, parts: [resource, id, sub], body }) => {
  if (resource !== 'webhooks' || sub) return undefined;
  if (!id && method === 'GET') return ok([...api.webhooks.values()]);
  if (!id && method === 'POST') {
    const hook = requireObject(body);
    if (typeof hook.url !== 'string' || !/^https?:\/\//.test(hook.url)) {
      throw new HttpError(400, '"url" must be an http(s) URL');
    }
    if (
      !Array.isArray(hook.events) ||
      !hook.events.length ||
      !hook.events.every((e) => typeof e === 'string')
    ) {
      throw new HttpError(400, '"events" must list at least one event type');
    }
    const alertEmails = Array.isArray(hook.alertEmails)
      ? hook.alertEmails.filter((e): e is string => typeof e === 'string')
      : [];
    return ok(addWebhook(api, { url: hook.url, events: hook.events as string[], alertEmails }), 201);
  }
  if (id && method === 'GET') return ok(webhookOr404(api, id));
  if (id && method === 'DELETE') {
    webhookOr404(api, id);
    api.webhooks.delete(id);
    return ok({ id, deleted: true });
  }
  return undefined;
};
