/**
 * The generator of the named instant triggers: one REST-hook trigger per catalog row
 * (src/events/catalog.ts). Nothing here is specific to one event.
 */
import { defineTrigger } from 'zapier-platform-core';
import type { EventRow } from '../events/catalog';
import { processWebhook } from '../webhooks/pipeline';
import { listSamples, staticSample } from '../webhooks/samples';
import { subscribeWebhook, unsubscribeWebhook } from '../webhooks/subscribe';
import { invoiceStatesField, listValue } from './fields';

export function instantTrigger(row: EventRow) {
  return defineTrigger({
    key: row.key,
    noun: row.noun,
    display: { label: row.label, description: row.description },
    operation: {
      type: 'hook',
      inputFields: row.stateFilter ? [invoiceStatesField] : [],
      performSubscribe: (z, bundle) => subscribeWebhook(z, bundle, [row.type]),
      performUnsubscribe: (z, bundle) => unsubscribeWebhook(z, bundle),
      perform: (z, bundle) =>
        processWebhook(z, bundle, { types: [row.type], states: 'states' in bundle.inputData ? listValue(bundle.inputData.states) : undefined }),
      performList: (z, bundle) => listSamples(z, bundle, row.type),
      sample: staticSample(row.type),
    },
  });
}
