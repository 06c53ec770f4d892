/**
 * Sample data for instant triggers, shaped by the same eventOutput() as live events and with the
 * records fetched by the same fetchRecords():
 * - staticSample(type): the records of src/record-kinds.ts, for the trigger's `sample`;
 * - listSamples(): real recent records of the connected account (performList) that are in the state
 *   the event leaves them in (a cancelled move-in for Move-In Cancelled, a chosen invoice state…), one
 *   list request plus the records each event hands on; the static sample when the account has none.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  listInvoices,
  listJobs,
  listUnits,
  listUsers,
  unitRentalsPage,
  withBusinessCurrency,
} from '../client';
import { catalogRow } from '../events/catalog';
import { RECORD_KINDS } from '../records/kinds';
import type { SgRecord } from '../types';
import { fetchRecords, RecordStore } from './fetch';
import { eventOutput, type EventOutput } from './event-output';
import { isId, type Lookup } from './event-records';
import { createdOf, dataFor, matches, type SampleOptions, type Source, sourceFor } from './record-events';

export type { SampleOptions } from './record-events';

/** How many records performList shows (Zapier's editor offers them as samples). */
export const LIST_SIZE = 3;
/** How many recent records are read to find LIST_SIZE in the row's state. */
export const SCAN_SIZE = 25;
const STATIC_EVENT_ID = '6745c0e1b2a3d40012f0e001';

/** The static sample of an event type, identical in shape to live output. */
export function staticSample(type: string, options: SampleOptions = {}): EventOutput {
  const source = sourceFor(type);
  const kind = source?.kind ?? 'job';
  const row = catalogRow(type);
  const state = options.states?.[0] ? { state: options.states[0] } : {};
  const record: SgRecord = {
    ...RECORD_KINDS[kind].sample,
    ...(row?.match ?? {}),
    ...(row?.sample ?? {}),
    ...state,
  };
  const store = new RecordStore();
  store.add(kind, record);
  const lookup: Lookup = (k, id) => store.lookup(k, id) ?? { ...RECORD_KINDS[k].sample, id };
  const data = source ? dataFor(type, source, record, options.changed) : {};
  return eventOutput({ id: STATIC_EVENT_ID, type, created: createdOf(record), data }, lookup);
}

async function listRecords(z: ZObject, bundle: Bundle, source: Source, max: number): Promise<SgRecord[]> {
  switch (source.kind) {
    case 'job':
      // A/L: the jobs list's `type` filter; the state is checked here (its filter is not confirmed)
      return listJobs(z, bundle, { type: source.jobType }, max);
    case 'unitRental':
      // one request with unit and customer embedded, as a fetched rental has them (pages with include: ≤ 50)
      return unitRentalsPage(z, bundle, { offset: 0, limit: Math.min(max, 50) });
    case 'invoice':
      // with the business's currency, as a fetched invoice has it (the settings read beside the list)
      return withBusinessCurrency(z, bundle, listInvoices(z, bundle, {}, max));
    case 'customer':
      return listUsers(z, bundle, {}, max);
    case 'unit':
      return listUnits(z, bundle, {}, max);
    default:
      return [];
  }
}

const newestFirst = (a: SgRecord, b: SgRecord) =>
  String(createdOf(b) ?? '').localeCompare(String(createdOf(a) ?? ''));

/** performList: recent real records of the account as this event type's output, in the event's state. */
export async function listSamples(
  z: ZObject,
  bundle: Bundle,
  type: string,
  options: SampleOptions = {},
): Promise<EventOutput[]> {
  const source = sourceFor(type);
  if (!source) return [staticSample(type, options)];
  const filtered =
    Object.keys(source.match).length > 0 || !!options.states?.length || !!options.sites?.length;
  const listed = await listRecords(z, bundle, source, filtered ? SCAN_SIZE : LIST_SIZE);
  const records = listed
    .filter(
      (r) =>
        r &&
        typeof r === 'object' &&
        isId(r.id) &&
        (source.kind !== 'job' || r.type === undefined || r.type === source.jobType),
    )
    .filter((r) => matches(r, source, options))
    .sort(newestFirst)
    .slice(0, LIST_SIZE);
  if (!records.length) return [staticSample(type, options)];

  const store = new RecordStore();
  for (const record of records) store.add(source.kind, record);
  const events = records.map((record) => ({
    id: `${record.id}:${type}`,
    type,
    created: createdOf(record),
    data: dataFor(type, source, record, options.changed),
  }));
  await fetchRecords(z, bundle, events, { store });
  return events.map((event) => eventOutput(event, store.lookup));
}
