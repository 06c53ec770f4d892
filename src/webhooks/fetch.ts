/**
 * Fetches the records a batch of events hands on: each distinct record once, in parallel, with the
 * include set the client names for its kind. Job events need a second round (the job names its
 * customer, rental, unit and site) and at most a third (a site known only from the rental or unit).
 *
 * Sites are fetched beside the job's other records, not kept in Zapier's cache: in the second round
 * they cost no waiting, while a cache read before them and a write after them would cost two round
 * trips to Zapier's cache on every delivery that misses (docs/failure-semantics.md).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { unusableSegment } from '../client';
import { kindOf, type KindKey } from '../records/kinds';
import type { SgRecord } from '../types';
import { type Lookup, type WebhookEvent, wantedRecords } from './event-records';

/** A job names its records, which can name a site: three rounds at most. */
export const MAX_ROUNDS = 3;

type Output = Record<string, unknown>;

/** Records fetched (or handed in) so far, shaped for output; null = Storeganise answered 404. */
export class RecordStore {
  private readonly records = new Map<string, Output | null>();

  static key = (kind: KindKey, id: string) => `${kind}:${id}`;

  has(kind: KindKey, id: string): boolean {
    return this.records.has(RecordStore.key(kind, id));
  }

  /** A record already in hand (e.g. a listed one, for sample data): shaped by its kind's output function. */
  add(kind: KindKey, record: SgRecord): void {
    this.records.set(RecordStore.key(kind, record.id), kindOf(kind).output(record));
  }

  set(kind: KindKey, id: string, output: Output | null): void {
    this.records.set(RecordStore.key(kind, id), output);
  }

  readonly lookup: Lookup = (kind, id) => this.records.get(RecordStore.key(kind, id));
}

async function fetchOne(z: ZObject, bundle: Bundle, kind: KindKey, id: string): Promise<Output | null> {
  const record = await kindOf(kind).find(z, bundle, id);
  return record ? kindOf(kind).output(record) : null;
}

export interface FetchOptions {
  /** the records already in hand (sample data hands listed records in) */
  store?: RecordStore;
  /**
   * Called as the round begins after which nothing more is likely to be wanted: the first round that
   * fetches no job (a job is what names further records), and again as any later round begins. The
   * pipeline writes its handled marks at the first call, beside that round's requests rather than after
   * them.
   */
  onLastRound?: () => void;
}

/**
 * Fetches every record the events hand on that the store does not hold yet. A request that fails
 * (other than 404) rejects: the caller must not treat the events as handled. An id a record names
 * that cannot be a Storeganise id (it could not be one segment of a path) is not fetched: that record
 * is handed on as empty, and the rest of the batch goes on.
 */
export async function fetchRecords(
  z: ZObject,
  bundle: Bundle,
  events: readonly WebhookEvent[],
  { store = new RecordStore(), onLastRound }: FetchOptions = {},
): Promise<RecordStore> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const wanted = new Map<string, { kind: KindKey; id: string }>();
    for (const event of events) {
      for (const { kind, id } of wantedRecords(event, store.lookup)) {
        if (!store.has(kind, id) && unusableSegment(id) === undefined)
          wanted.set(RecordStore.key(kind, id), { kind, id });
      }
    }
    if (!wanted.size) break;
    if (![...wanted.values()].some(({ kind }) => kind === 'job')) onLastRound?.();
    await fetchInto(z, bundle, store, [...wanted.values()]);
  }
  return store;
}

/** Fetches these records (those the store lacks, each once) in parallel into the store. */
export async function fetchInto(
  z: ZObject,
  bundle: Bundle,
  store: RecordStore,
  records: Array<{ kind: KindKey; id: string }>,
): Promise<RecordStore> {
  const wanted = new Map<string, { kind: KindKey; id: string }>();
  for (const { kind, id } of records)
    if (!store.has(kind, id)) wanted.set(RecordStore.key(kind, id), { kind, id });
  const list = [...wanted.values()];
  const fetched = await Promise.all(list.map(({ kind, id }) => fetchOne(z, bundle, kind, id)));
  list.forEach(({ kind, id }, i) => store.set(kind, id, fetched[i]));
  return store;
}
