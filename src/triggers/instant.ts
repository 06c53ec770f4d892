/**
 * The generator of the named instant triggers: one REST-hook trigger per catalog row
 * (src/events/catalog.ts). Nothing here is specific to one event.
 */
import { defineTrigger } from 'zapier-platform-core';
import { type EventRow, isVisible, rowTypes } from '../events/catalog';
import { eventCustomFieldOutputFields, eventOutputFields } from '../webhooks/event-output-fields';
import { processWebhook } from '../webhooks/pipeline';
import { listSamples, staticSample } from '../webhooks/event-samples';
import { subscribeWebhook, unsubscribeWebhook } from '../webhooks/subscribe';
import { pollingAlternatives } from './alternatives';
import { changedFieldsField, invoiceStatesField, listValue, sitesField } from './filter-fields';

export function instantTrigger(row: EventRow) {
  const types = rowTypes(row);
  const states = (inputData: Record<string, unknown>) =>
    row.stateFilter ? listValue(inputData.states) : undefined;
  // customers belong to no site; every other record names one
  const bySite = row.kind !== 'customer';
  const sites = (inputData: Record<string, unknown>) => (bySite ? listValue(inputData.siteIds) : undefined);
  const byChange = (row.alsoData as readonly string[] | undefined)?.includes('changedKeys') ?? false;
  const changed = (inputData: Record<string, unknown>) =>
    byChange ? listValue(inputData.changedFields) : undefined;
  const selection = (inputData: Record<string, unknown>) => ({
    states: states(inputData),
    sites: sites(inputData),
    changed: changed(inputData),
  });
  return defineTrigger({
    key: row.key,
    noun: row.noun,
    display: { label: row.label, description: row.description, ...(isVisible(row) ? {} : { hidden: true }) },
    operation: {
      type: 'hook',
      inputFields: [
        ...(row.stateFilter ? [invoiceStatesField] : []),
        ...(byChange ? [changedFieldsField] : []),
        ...(bySite ? [sitesField] : []),
      ],
      performSubscribe: (z, bundle) => subscribeWebhook(z, bundle, types, pollingAlternatives(types)),
      performUnsubscribe: (z, bundle) => unsubscribeWebhook(z, bundle),
      perform: (z, bundle) => processWebhook(z, bundle, { types, ...selection(bundle.inputData) }),
      performList: (z, bundle) => listSamples(z, bundle, row.type, selection(bundle.inputData)),
      sample: staticSample(row.type),
      outputFields: [...eventOutputFields(row.type), eventCustomFieldOutputFields([row.type])],
    },
  });
}
