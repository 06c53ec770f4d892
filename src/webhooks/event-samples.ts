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
  jobRecordIds,
  listInvoices,
  listJobs,
  listUnits,
  listUsers,
  transferRentalIds,
  unitRentalsPage,
  withBusinessCurrency,
} from '../client';
import { catalogRow, type DataKey, type EventRow, patternIdField, RECORD_IDS } from '../events/catalog';
import { type KindKey, RECORD_KINDS } from '../records/kinds';
import type { SgRecord } from '../types';
import { fetchRecords, RecordStore } from './fetch';
import { declaredKeys, eventOutput, type EventOutput } from './event-output';
import { isId, type Lookup } from './event-records';

/** How many records performList shows (Zapier's editor offers them as samples). */
export const LIST_SIZE = 3;
/** How many recent records are read to find LIST_SIZE in the row's state. */
export const SCAN_SIZE = 25;
const STATIC_EVENT_ID = '6745c0e1b2a3d40012f0e001';

/** The data key that names a record of this kind itself (`jobId` for a job: not `newRentalId`). */
const SELF_KEY = Object.fromEntries(
  Object.entries(RECORD_IDS)
    .filter(([, record]) => record.key === record.kind)
    .map(([dataKey, record]) => [record.kind, dataKey as DataKey]),
) as Partial<Record<KindKey, DataKey>>;

interface Source {
  kind: KindKey;
  /** Job events: the jobs list's `type` filter. */
  jobType?: string;
  /** What a listed record must look like to stand for this event. */
  match: Record<string, unknown>;
}

export interface SampleOptions {
  /** Invoice State Changed: only these new states. */
  states?: readonly string[];
  /** Only records at these sites. */
  sites?: readonly string[];
  /** Only When These Fields Change: a sample names them as its changed fields. */
  changed?: readonly string[];
}

/** Which records stand for an event type in samples: jobs for job events, else the record itself. */
function sourceFor(type: string): Source | undefined {
  const row: EventRow | undefined = catalogRow(type);
  if (row) return { kind: row.jobType ? 'job' : row.kind, jobType: row.jobType, match: row.match ?? {} };
  const idField = patternIdField(type);
  return idField ? { kind: RECORD_IDS[idField].kind, match: {} } : undefined;
}

const str = (value: unknown): string | null => (isId(value) ? value : null);

/** The `data` a webhook for this record would have carried (ids only, like Storeganise's). */
function dataFor(
  type: string,
  source: Source,
  record: SgRecord,
  changed: readonly string[] = [],
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const fromJob =
    source.kind === 'job' ? { ...jobRecordIds(record), ...transferRentalIds(record) } : undefined;
  for (const key of declaredKeys(type)) {
    if (key === 'changedKeys') data[key] = [...changed];
    else if (key === 'to') data[key] = str(record.state);
    else if (key === SELF_KEY[source.kind]) data[key] = record.id;
    else if (fromJob) data[key] = str((fromJob as Record<string, unknown>)[key]);
    else data[key] = str(record[key]);
  }
  return data;
}

const createdOf = (record: SgRecord) =>
  typeof record.updated === 'string'
    ? record.updated
    : typeof record.created === 'string'
      ? record.created
      : null;

/** Does a listed record stand for this event (its state, or a chosen invoice state)? */
function matches(record: SgRecord, source: Source, options: SampleOptions): boolean {
  for (const [key, wanted] of Object.entries(source.match)) {
    const value = typeof wanted === 'boolean' ? (record[key] ?? false) : record[key];
    if (value !== wanted) return false;
  }
  if (options.sites?.length && !(typeof record.siteId === 'string' && options.sites.includes(record.siteId)))
    return false;
  if (options.states?.length) {
    const state = typeof record.state === 'string' ? record.state.toLowerCase() : '';
    return options.states.some((s) => s.toLowerCase() === state);
  }
  return true;
}

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
