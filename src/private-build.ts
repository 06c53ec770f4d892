/**
 * The build switch for the private build. Zapier allows no static-hook triggers in a public app
 * (integration check D017), so the manual set-up trigger (`webhook_manual`, a static hook whose URL a
 * manager pastes into the portal) is left out unless the app is built with
 * STOREGANISE_MANUAL_WEBHOOK=1 — set it both where the app is built and pushed (Zapier stores the
 * definition made then) and in the app's environment (`zapier-platform env:set`), for a private app only.
 */
export const MANUAL_WEBHOOK_ENV = 'STOREGANISE_MANUAL_WEBHOOK';

export const manualWebhookIncluded = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env[MANUAL_WEBHOOK_ENV]?.trim() === '1';

/** The private build's static-hook trigger (src/triggers/manual.ts), named by refusal messages too. */
export const MANUAL_TRIGGER = { key: 'webhook_manual', label: 'New Event (Manual Webhook Set-Up)' } as const;

/** Where a manager adds a webhook in the Storeganise portal. */
export const WEBHOOKS_PAGE = 'Main Settings > Developer > Webhooks';
