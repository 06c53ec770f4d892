/**
 * The manual set-up trigger: a static hook whose URL a manager pastes into the Storeganise portal.
 * Same pipeline as the REST hooks (verified events, records fetched) without the (assumed) webhook
 * registration API. A static hook is not allowed in a public app (D017): only the private build has it
 * (src/triggers/build.ts).
 */
import { defineTrigger } from 'zapier-platform-core';
import { eventCustomFieldOutputFields, eventOutputFields } from '../webhooks/event-output-fields';
import { processWebhook } from '../webhooks/pipeline';
import { listSamples, staticSample } from '../webhooks/event-samples';
import { MANUAL_TRIGGER, WEBHOOKS_PAGE } from '../private-build';
import { checkedEventTypes, eventTypesToKeepField, listValue } from './filter-fields';
import { DEFAULT_SAMPLE_TYPE } from './new-event';

export const DIRECTIONS =
  `Copy the webhook URL below. In the Storeganise operations portal, a manager opens **${WEBHOOKS_PAGE}**, adds a webhook, ` +
  'pastes the URL, ticks the events this Zap should receive (e.g. Move-In Completed, Invoice State Changed) and enters an ' +
  "Alert Receivers e-mail. To have forged events dropped, copy that webhook's signing secret into the Webhook Signing Secret " +
  'of your Storeganise connection in Zapier.';

export default defineTrigger({
  key: MANUAL_TRIGGER.key,
  noun: 'Event',
  display: {
    label: MANUAL_TRIGGER.label,
    description:
      'Triggers when an event arrives at a webhook a manager set up by hand in the operations portal; works for every business.',
    directions: DIRECTIONS,
  },
  operation: {
    type: 'hook',
    inputFields: [eventTypesToKeepField],
    perform: (z, bundle) => processWebhook(z, bundle, { types: listValue(bundle.inputData.eventTypes) }),
    performList: (z, bundle) => {
      const [first] = checkedEventTypes(z, listValue(bundle.inputData.eventTypes));
      return listSamples(z, bundle, first ?? DEFAULT_SAMPLE_TYPE);
    },
    sample: staticSample(DEFAULT_SAMPLE_TYPE),
    outputFields: [
      ...eventOutputFields(DEFAULT_SAMPLE_TYPE),
      eventCustomFieldOutputFields((bundle) => {
        const kept = listValue(bundle.inputData?.eventTypes); // core does not default inputData for fields
        return kept.length ? kept : [DEFAULT_SAMPLE_TYPE];
      }),
    ],
  },
});
