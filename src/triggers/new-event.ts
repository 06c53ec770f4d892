/** New Event: any Storeganise event type, from the catalog's dropdown or typed in (future types). */
import { defineTrigger } from 'zapier-platform-core';
import { eventCustomFieldOutputFields, eventOutputFields } from '../webhooks/event-output-fields';
import { processWebhook } from '../webhooks/pipeline';
import { listSamples, staticSample } from '../webhooks/event-samples';
import { subscribeWebhook, unsubscribeWebhook } from '../webhooks/subscribe';
import { pollingAlternatives } from './alternatives';
import { checkedEventTypes, eventTypeField } from './filter-fields';

/** What the sample shows before a type is chosen. */
export const DEFAULT_SAMPLE_TYPE = 'job.unit_moveIn.completed';

const chosenType = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export default defineTrigger({
  key: 'new_event',
  noun: 'Event',
  display: {
    label: 'New Event',
    description:
      'Triggers when an event of the type you choose happens, including event types added after this integration was released.',
  },
  operation: {
    type: 'hook',
    inputFields: [eventTypeField],
    performSubscribe: (z, bundle) => {
      const types = checkedEventTypes(z, [chosenType(bundle.inputData.eventType)]);
      return subscribeWebhook(z, bundle, types, pollingAlternatives(types));
    },
    performUnsubscribe: (z, bundle) => unsubscribeWebhook(z, bundle),
    perform: (z, bundle) => processWebhook(z, bundle, { types: [chosenType(bundle.inputData.eventType)] }),
    performList: (z, bundle) => {
      const type = chosenType(bundle.inputData.eventType);
      return listSamples(z, bundle, type ? checkedEventTypes(z, [type])[0] : DEFAULT_SAMPLE_TYPE);
    },
    sample: staticSample(DEFAULT_SAMPLE_TYPE),
    outputFields: [
      ...eventOutputFields(DEFAULT_SAMPLE_TYPE),
      // the custom fields of what the chosen type hands on (a user.* type: the customer's); core does
      // not default inputData when it asks for fields, so a bare bundle reads as no type chosen
      eventCustomFieldOutputFields((bundle) => [
        chosenType(bundle.inputData?.eventType) || DEFAULT_SAMPLE_TYPE,
      ]),
    ],
  },
});
