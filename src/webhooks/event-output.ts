/**
 * The one shape every instant trigger hands on, built by ONE function for live events, for sample
 * data from the account (performList) and for static samples — only where the records come from differs:
 *
 *   { id: event id, type, created, <every data key: jobId, unitRentalId, changedKeys, to…>,
 *     job | unitRental | invoice | customer | unit | newUnitRental | oldUnitRental: <record>,
 *     job events also: customer, unitRental, unit, site: <record>,
 *     note: only when a record could not be found }
 *
 * Keys a catalog row declares are always present (null / [] when an event lacks them), so a Zap
 * step mapped against the sample never finds a field missing.
 */
import {
  catalogRow,
  dataKeys,
  type DataKey,
  isRecordIdKey,
  JOB_CONTEXT,
  patternIdField,
  RECORD_IDS,
} from '../events/catalog';
import { plain } from '../localised';
import { kindOf, type KindKey } from '../records/kinds';
import { contextRecords, isId, type Lookup, type WebhookEvent } from './event-records';

export type EventOutput = { id: string; type: string; created: string | null } & Record<string, unknown>;

/** Output keys of records: never taken from `data` (an event cannot overwrite a fetched record). */
const RECORD_KEYS: ReadonlySet<string> = new Set(
  [...Object.values(RECORD_IDS), ...JOB_CONTEXT].map((r) => r.key),
);
/** Data keys that would overwrite the event's own fields or a record key are not copied. */
const RESERVED: ReadonlySet<string> = new Set([
  'id',
  'type',
  'created',
  'note',
  ...RECORD_KEYS,
  '__proto__',
  'constructor',
  'prototype',
]);

/** The data keys an event of this type is expected to carry (catalog row, or the type's pattern). */
export function declaredKeys(type: string): DataKey[] {
  const row = catalogRow(type);
  if (row) return dataKeys(row);
  const idField = patternIdField(type);
  return idField ? [idField] : [];
}

export function eventOutput(event: WebhookEvent, lookup: Lookup): EventOutput {
  const declared = declaredKeys(event.type);
  const out: EventOutput = { id: event.id, type: event.type, created: event.created };
  for (const key of declared) out[key] = key === 'changedKeys' ? [] : null;
  for (const [key, value] of Object.entries(event.data)) {
    if (RESERVED.has(key)) continue;
    // plain(): localised text made a string, and depth bounded (a crafted body cannot overflow a serialiser)
    out[key] = key === 'changedKeys' ? changedKeys(value) : plain(value);
  }
  const missing: string[] = [];
  const put = (key: string, kind: KindKey, id: string | null) => {
    const record = id ? lookup(kind, id) : null;
    if (record === null && id && !missing.includes(`${kindOf(kind).noun} ${id}`))
      missing.push(`${kindOf(kind).noun} ${id}`);
    out[key] = record ?? null;
  };
  for (const [idKey, { key, kind }] of Object.entries(RECORD_IDS)) {
    const id = event.data[idKey];
    if (isId(id)) put(key, kind, id);
    else if (isRecordIdKey(idKey) && declared.includes(idKey)) out[key] = null;
  }
  for (const { key, kind, id } of contextRecords(event, lookup)) {
    if (!(key in out) || out[key] === null) put(key, kind, id);
  }
  if (missing.length) {
    out.note = `${missing.join(', ')} ${missing.length > 1 ? 'were' : 'was'} not found in Storeganise (deleted since the event?); handed on as empty.`;
  }
  return out;
}

/** `changedKeys` are dotted paths (`customFields.gate_code`); anything else in the list is dropped. */
function changedKeys(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}
