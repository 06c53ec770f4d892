/**
 * Sample data for instant triggers, shaped by the same eventOutput() as live events but with the
 * records resolved inline instead of as pointers:
 * - staticSample(type): from src/samples.ts, for the trigger's `sample`;
 * - listSamples(): real recent records from the connected account (performList), one list request
 *   (+ one GET per extra record a row names, e.g. a move-in's unit rental), the static sample only
 *   when the account has none.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listInvoices, listJobs, listUnits, listUsers, transferRentalIds, unitRentalsPage } from '../client';
import { catalogRow, type DataKey, type HydratorKey, isRecordIdKey, patternIdField, RECORD_IDS } from '../events/catalog';
import hydrators from '../hydrators';
import { customerOutput, invoiceOutput, jobOutput, unitOutput, unitRentalOutput } from '../outputs';
import { samples } from '../samples';
import type { SgRecord } from '../types';
import { declaredKeys, eventOutput, type EventOutput, isId } from './output';

/** How many records performList shows (Zapier's editor offers them as samples). */
export const LIST_SIZE = 3;
const STATIC_EVENT_ID = '6745c0e1b2a3d40012f0e001';

/** A listed record as its hydrator would output it (list items and single GETs share a shape). */
const OUTPUT = {
  job: (record) => jobOutput({ ...record, type: typeof record.type === 'string' ? record.type : '' }),
  unitRental: unitRentalOutput,
  invoice: invoiceOutput,
  customer: customerOutput,
  unit: unitOutput,
} satisfies Record<HydratorKey, (record: SgRecord) => Record<string, unknown>>;

/** The data key that names a record of this kind itself. */
const SELF_KEY: Record<HydratorKey, DataKey> = {
  job: 'jobId',
  unitRental: 'unitRentalId',
  invoice: 'invoiceId',
  customer: 'userId',
  unit: 'unitId',
};

interface Source {
  kind: HydratorKey;
  /** Job events: the jobs list's `type` filter. */
  jobType?: string;
}

/** Which records stand for an event type in samples: jobs for job events, else the record itself. */
function sourceFor(type: string): Source | undefined {
  const row = catalogRow(type);
  if (row) return row.jobType ? { kind: 'job', jobType: row.jobType } : { kind: row.hydrator };
  const idField = patternIdField(type);
  return idField ? { kind: RECORD_IDS[idField].hydrator } : undefined;
}

const str = (value: unknown): string | null => (isId(value) ? value : null);

/** A job's own fields plus the ones jobOutput derives (customerId, unitRentalId from `result`…). */
const jobFields = (record: SgRecord): Record<string, unknown> => OUTPUT.job(record);

/** The `data` a webhook for this record would have carried (ids only, like Storeganise's). */
function dataFor(type: string, source: Source, record: SgRecord): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of declaredKeys(type)) {
    if (key === 'changedKeys') data[key] = [];
    else if (key === 'to') data[key] = str(record.state);
    else if (key === SELF_KEY[source.kind]) data[key] = record.id;
    else if (key === 'newRentalId' || key === 'oldRentalId') data[key] = str(transferRentalIds(record)[key]);
    else if (source.kind === 'job') data[key] = str(jobFields(record)[key]);
    else data[key] = str(record[key]);
  }
  return data;
}

/** Does a sample of this type need records beyond the listed one (a move-in's rental, a transfer's rentals)? */
function needsMoreRecords(type: string, source: Source): boolean {
  return declaredKeys(type).some((key) => isRecordIdKey(key) && key !== SELF_KEY[source.kind]);
}

const createdOf = (record: SgRecord) => (typeof record.updated === 'string' ? record.updated : typeof record.created === 'string' ? record.created : null);

/** The static sample of an event type, identical in shape to live output. */
export function staticSample(type: string): EventOutput {
  const source = sourceFor(type) ?? { kind: 'job' };
  const row = catalogRow(type);
  const record: SgRecord = { ...samples[source.kind], ...(row?.sample ?? {}) };
  const data = sourceFor(type) ? dataFor(type, source, record) : {};
  return eventOutput({ id: STATIC_EVENT_ID, type, created: createdOf(record), data }, (hydrator, id) =>
    hydrator === source.kind && id === record.id ? OUTPUT[hydrator](record) : { ...samples[hydrator], id },
  );
}

async function listRecords(z: ZObject, bundle: Bundle, source: Source, max: number): Promise<SgRecord[]> {
  switch (source.kind) {
    case 'job':
      return listJobs(z, bundle, { type: source.jobType }, max);
    case 'unitRental':
      // one request with unit and customer embedded, as a hydrated rental has them
      return unitRentalsPage(z, bundle, { offset: 0, limit: max });
    case 'invoice':
      return listInvoices(z, bundle, {}, max);
    case 'customer':
      return listUsers(z, bundle, {}, max);
    case 'unit':
      return listUnits(z, bundle, {}, max);
  }
}

const newestFirst = (a: SgRecord, b: SgRecord) => String(createdOf(b) ?? '').localeCompare(String(createdOf(a) ?? ''));

/** performList: recent real records of the account as this event type's output, records inline. */
export async function listSamples(z: ZObject, bundle: Bundle, type: string): Promise<EventOutput[]> {
  const source = sourceFor(type);
  if (!source) return [staticSample(type)];
  const more = needsMoreRecords(type, source);
  const records = (await listRecords(z, bundle, source, more ? 1 : LIST_SIZE)).filter((r) => isId(r?.id)).sort(newestFirst);
  if (!records.length) return [staticSample(type)];

  const out: EventOutput[] = [];
  for (const record of records) {
    const event = { id: `${record.id}:${type}`, type, created: createdOf(record), data: dataFor(type, source, record) };
    const fetched = new Map<string, unknown>();
    for (const [idKey, { hydrator }] of Object.entries(RECORD_IDS)) {
      const id = event.data[idKey];
      if (!isId(id) || (hydrator === source.kind && id === record.id)) continue;
      // one GET per extra record, through the same hydrator a live event's pointer would use
      fetched.set(`${hydrator}:${id}`, await hydrators[hydrator](z, { ...bundle, inputData: { id } }));
    }
    out.push(
      eventOutput(event, (hydrator, id) =>
        hydrator === source.kind && id === record.id ? OUTPUT[hydrator](record) : (fetched.get(`${hydrator}:${id}`) ?? null),
      ),
    );
  }
  return out;
}
