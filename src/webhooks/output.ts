/**
 * The one shape every instant trigger hands on, built by ONE function for live events (records as
 * dehydrated pointers), for sample data (records resolved inline) and for static samples.
 *
 *   { id: event id, type, created, <every data key: jobId, unitRentalId, changedKeys, to…>,
 *     job | unitRental | invoice | customer | unit | newUnitRental | oldUnitRental: <record> }
 *
 * Keys a catalog row declares are always present (null / [] when an event lacks them), so a Zap
 * step mapped against the sample never finds a field missing.
 */
import { catalogRow, dataKeys, type DataKey, type HydratorKey, isRecordIdKey, patternIdField, RECORD_IDS } from '../events/catalog';

export interface WebhookEvent {
  id: string;
  type: string;
  created: string | null;
  data: Record<string, unknown>;
}

/** Hands on the record a `data` id names: a pointer (live), or the record itself (samples). */
export type Attach = (hydrator: HydratorKey, id: string) => unknown;

export type EventOutput = { id: string; type: string; created: string | null } & Record<string, unknown>;

const RECORD_KEYS: ReadonlySet<string> = new Set(Object.values(RECORD_IDS).map((r) => r.key));
/** Data keys that would overwrite the event's own fields or a record key are not copied. */
const RESERVED: ReadonlySet<string> = new Set(['id', 'type', 'created', ...RECORD_KEYS, '__proto__', 'constructor', 'prototype']);

/** The data keys an event of this type is expected to carry (catalog row, or the type's pattern). */
export function declaredKeys(type: string): DataKey[] {
  const row = catalogRow(type);
  if (row) return dataKeys(row);
  const idField = patternIdField(type);
  return idField ? [idField] : [];
}

export const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export function eventOutput(event: WebhookEvent, attach: Attach): EventOutput {
  const declared = declaredKeys(event.type);
  const out: EventOutput = { id: event.id, type: event.type, created: event.created };
  for (const key of declared) out[key] = key === 'changedKeys' ? [] : null;
  for (const [key, value] of Object.entries(event.data)) {
    if (RESERVED.has(key)) continue;
    out[key] = key === 'changedKeys' ? changedKeys(value) : value;
  }
  for (const [idKey, record] of Object.entries(RECORD_IDS)) {
    const id = event.data[idKey];
    if (isId(id)) out[record.key] = attach(record.hydrator, id);
    else if (isRecordIdKey(idKey) && declared.includes(idKey)) out[record.key] = null;
  }
  return out;
}

/** `changedKeys` are dotted paths (`customFields.gate_code`); anything else in the list is dropped. */
function changedKeys(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}
