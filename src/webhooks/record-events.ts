/**
 * A record of the account as the webhook event it stands for: which records stand for an event type
 * (jobs for job events, else the record itself), what `data` Storeganise would have sent with it (ids
 * only), when it happened, and whether it is in the state the event leaves it in. Sample data
 * (event-samples.ts) and the polling twins of instant triggers (src/triggers/polling-twins.ts) both
 * turn listed records into events this way, so their output is the instant trigger's.
 */
import { jobRecordIds, transferRentalIds } from '../client';
import { catalogRow, type DataKey, type EventRow, patternIdField, RECORD_IDS } from '../events/catalog';
import type { KindKey } from '../records/kinds';
import type { SgRecord } from '../types';
import { declaredKeys } from './event-output';
import { isId } from './event-records';

/** The data key that names a record of this kind itself (`jobId` for a job: not `newRentalId`). */
const SELF_KEY = Object.fromEntries(
  Object.entries(RECORD_IDS)
    .filter(([, record]) => record.key === record.kind)
    .map(([dataKey, record]) => [record.kind, dataKey as DataKey]),
) as Partial<Record<KindKey, DataKey>>;

export interface Source {
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
export function sourceFor(type: string): Source | undefined {
  const row: EventRow | undefined = catalogRow(type);
  if (row) return { kind: row.jobType ? 'job' : row.kind, jobType: row.jobType, match: row.match ?? {} };
  const idField = patternIdField(type);
  return idField ? { kind: RECORD_IDS[idField].kind, match: {} } : undefined;
}

const str = (value: unknown): string | null => (isId(value) ? value : null);

/** The `data` a webhook for this record would have carried (ids only, like Storeganise's). */
export function dataFor(
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

export const createdOf = (record: SgRecord) =>
  typeof record.updated === 'string'
    ? record.updated
    : typeof record.created === 'string'
      ? record.created
      : null;

/** Does a listed record stand for this event (its state, or a chosen invoice state)? */
export function matches(record: SgRecord, source: Source, options: SampleOptions): boolean {
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
