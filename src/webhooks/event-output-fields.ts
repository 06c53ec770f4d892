/**
 * Zapier `outputFields` for an event type: human labels for the keys users map ("Customer Email",
 * "Unit Name", "Site Name"…), derived from the record kinds table and the catalog, so they cannot
 * drift from what eventOutput() hands on.
 */
import { type DataKey, isJobEvent, isRecordIdKey, JOB_CONTEXT, RECORD_IDS } from '../events/catalog';
import { outputFieldsFor } from '../records/kinds';
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

export interface OutputField {
  key: string;
  label: string;
}

export function eventOutputFields(type: string): OutputField[] {
  const fields: OutputField[] = [
    { key: 'id', label: 'Event ID' },
    { key: 'type', label: 'Event Type' },
    { key: 'created', label: 'Event Created' },
  ];
  const keys = declaredKeys(type);
  for (const key of keys) fields.push({ key, label: DATA_LABELS[key] });
  const seen = new Set<string>();
  const records = [
    ...keys.filter(isRecordIdKey).map((key) => RECORD_IDS[key]),
    ...(isJobEvent(type) ? JOB_CONTEXT : []),
  ];
  for (const { key, kind, label } of records) {
    if (seen.has(key)) continue;
    seen.add(key);
    fields.push(...outputFieldsFor(kind, key, label));
  }
  return fields;
}
