/**
 * Every trigger of the app besides the dropdowns: one instant trigger per row of the event catalog,
 * the generic New Event, and — in the private build only (build.ts) —
 * the manual set-up hook.
 */
import { EVENT_CATALOG } from '../events/catalog';
import { manualWebhookIncluded } from '../private-build';
import { instantTrigger } from './instant';
import invoicePaid from './invoice-paid';
import manual from './manual';
import newEvent from './new-event';
import { pollingTriggers } from './polling';
import { pollingTwins } from './polling-twins';

const instant = Object.fromEntries(EVENT_CATALOG.map((row) => [row.key, instantTrigger(row)]));

export const triggers = {
  ...instant,
  [invoicePaid.key]: invoicePaid,
  [newEvent.key]: newEvent,
  ...pollingTriggers,
  ...pollingTwins,
  ...(manualWebhookIncluded() ? { [manual.key]: manual } : {}),
};
