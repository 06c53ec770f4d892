/** Input fields of the instant triggers, and reading what users put in them. */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import { isEventType } from '../events/catalog';

export const EVENT_TYPE_DROPDOWN = 'event_type_list.id.label';

/** Invoice states Storeganise is known to use (others can be typed in: the list is not closed). */
const INVOICE_STATES = ['draft', 'sent', 'paid', 'failed'];

export const invoiceStatesField = defineInputField({
  key: 'states',
  label: 'Only When the New State Is',
  list: true,
  required: false,
  choices: Object.fromEntries(INVOICE_STATES.map((s) => [s, s[0].toUpperCase() + s.slice(1)])),
  helpText:
    'Optional. Trigger only when the invoice changes to one of these states (e.g. only **Paid**). Leave empty to trigger on every state change. Other states can be typed in as custom values.',
});

/**
 * Update events that say what changed (`data.changedKeys`, dotted paths such as `customFields.gate_code`):
 * only events where one of the chosen fields changed, so an access-code Zap runs for a new gate code and
 * not for every price or note edit.
 */
export const changedFieldsField = defineInputField({
  key: 'changedFields',
  label: 'Only When These Fields Change',
  list: true,
  required: false,
  helpText:
    'Optional. Trigger only when one of these fields changed, named as in Changed Fields, e.g. ' +
    '`customFields.gate_code` for one custom field, `customFields` for any custom field, or `price`. ' +
    'Leave empty to trigger on every change.',
});

/** Instant triggers whose records belong to a site: only events for the chosen sites. */
export const sitesField = defineInputField({
  key: 'siteIds',
  label: 'Only for Sites',
  list: true,
  required: false,
  dynamic: 'site_list.id.label',
  helpText: 'Optional. Trigger only for events at these sites. Leave empty to trigger for every site.',
});

export const eventTypeField = defineInputField({
  key: 'eventType',
  label: 'Event Type',
  required: true,
  dynamic: EVENT_TYPE_DROPDOWN,
  helpText:
    'The Storeganise event to trigger on. Pick one, or enter an event type Storeganise added recently as a custom value, e.g. `job.unit_moveIn.completed`.',
});

export const eventTypesToKeepField = defineInputField({
  key: 'eventTypes',
  label: 'Event Types to Keep',
  list: true,
  required: false,
  dynamic: EVENT_TYPE_DROPDOWN,
  helpText:
    'Optional. Only these events trigger the Zap; leave empty to trigger on every event the webhook sends. Custom values (e.g. `job.unit_moveIn.completed`) are accepted for events not in the list.',
});

/** A list field's value: Zapier hands on an array, a mapped value may be comma-separated text. */
export function listValue(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\n]/) : [];
  return items
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Checks typed-in event types before a subscription or a test, with a message that says what is wrong. */
export function checkedEventTypes(z: ZObject, types: string[]): string[] {
  const bad = types.filter((t) => !isEventType(t));
  if (bad.length) {
    throw new z.errors.Error(
      `"${bad[0]}" is not a Storeganise event type. Pick one from the list or enter a dotted name such as job.unit_moveIn.completed.`,
      'invalid_event_type',
      400,
    );
  }
  return types;
}
