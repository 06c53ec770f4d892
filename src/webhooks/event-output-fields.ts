/**
 * Zapier `outputFields` for an event type: human labels for the keys users map ("Customer Email",
 * "Unit Name", "Site Name"…), derived from the record kinds table and the catalog, so they cannot
 * drift from what eventOutput() hands on; and the custom fields of those records under the business's
 * own titles ("Customer Gate PIN"), read from its settings when Zapier asks for the fields.
 */
import type { Bundle } from 'zapier-platform-core';
import { type DataKey, isJobEvent, isRecordIdKey, JOB_CONTEXT, RECORD_IDS } from '../events/catalog';
import {
  customFieldOutputFieldsOf,
  type DynamicOutputFields,
  type HandedOn,
} from '../records/custom-field-labels';
import { type OutputField, outputFieldsFor } from '../records/kinds';
import { declaredKeys } from './event-output';

const DATA_LABELS: Record<DataKey, string> = {
  jobId: 'Job ID',
  unitRentalId: 'Unit Rental ID',
  invoiceId: 'Invoice ID',
  userId: 'Customer ID',
  unitId: 'Unit ID',
  newRentalId: 'New Unit Rental ID',
  oldRentalId: 'Old Unit Rental ID',
  changedKeys: 'Changed Fields',
  to: 'New State',
};

/** The records an event of this type hands on, each output key once: those its data names, then a job's. */
export function eventRecords(type: string): HandedOn[] {
  const keys = declaredKeys(type);
  const records = new Map<string, HandedOn>();
  for (const { key, kind, label } of [
    ...keys.filter(isRecordIdKey).map((key) => RECORD_IDS[key]),
    ...(isJobEvent(type) ? JOB_CONTEXT : []),
  ]) {
    if (!records.has(key)) records.set(key, { key, kind, label });
  }
  return [...records.values()];
}

export function eventOutputFields(type: string): OutputField[] {
  const fields: OutputField[] = [
    { key: 'id', label: 'Event ID' },
    { key: 'type', label: 'Event Type' },
    { key: 'created', label: 'Event Created' },
  ];
  for (const key of declaredKeys(type)) fields.push({ key, label: DATA_LABELS[key] });
  for (const { key, kind, label } of eventRecords(type)) fields.push(...outputFieldsFor(kind, key, label));
  return fields;
}

/**
 * The `outputFields` item that labels the custom fields of what events of these types hand on (the
 * types fixed, or read from the step's input: New Event's chosen type).
 */
export function eventCustomFieldOutputFields(
  types: readonly string[] | ((bundle: Bundle) => readonly string[]),
): DynamicOutputFields {
  return customFieldOutputFieldsOf((bundle) => {
    const records = new Map<string, HandedOn>();
    for (const type of typeof types === 'function' ? types(bundle) : types)
      for (const record of eventRecords(type)) if (!records.has(record.key)) records.set(record.key, record);
    return [...records.values()];
  });
}
