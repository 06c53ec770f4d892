/**
 * Polling twins of instant triggers, for businesses whose API will not register webhooks (REST-hook
 * subscribe rests on an assumed endpoint; a public app may have no static hook): New Move-In, Move-In
 * Completed, New Move-Out, Move-Out Completed, New Valet Order, New Invoice and Unit Rental Marked
 * Overdue, each "(Polling)". Every few minutes Zapier calls perform; it lists recent records, turns each
 * into the event it stands for (src/webhooks/record-events.ts) and hands on exactly what the instant
 * twin hands on (the job with its customer, rental, unit and site; the invoice with its rental), built
 * by the same eventOutput(). Zapier fires for ids it has not seen: a record's id and the event type, so
 * a job fires once per state it is named for (New Move-In once, Move-In Completed once more).
 *
 * Request budget per poll: ONE list request, plus the records of the events that can be new to Zapier
 * (re-read as the instant twin reads them: a job and its customer, rental, unit and site; an invoice,
 * its customer when the e-mail is missing, and its rental; a rental), at most HYDRATE_MAX events, newest
 * first. An event can be new when it happened within HYDRATE_WINDOW_MS (Zapier polls every 1–15
 * minutes, so an older one was in an earlier poll) and, where Zapier names the Zap (`meta.zap.id`), this
 * Zap's earlier polls did not already hand it on whole (remembered in Zapier's cache for the window;
 * a cache that fails is no memory). Other events are handed on as listed, without related records:
 * Zapier has seen them and does not fire. Fresh events past the cap wait for the next poll. The poll that
 * fills Zapier's dedupe list when a Zap is turned on reads nothing more; the editor's sample poll reads
 * the newest LIST_SIZE.
 *
 * New Invoice (Polling) also pages through every invoice when Zapier's Transfer asks for more
 * (`canPaginate`, `bundle.meta.isBulkRead`, `bundle.meta.page`; an empty page ends it).
 */
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { connectionCache } from '../cache';
import { listPageOf, listRecentJobs, listUpdatedSince } from '../client';
import { EVENT_CATALOG, type EventRow } from '../events/catalog';
import { textOf } from '../text';
import type { SgRecord } from '../types';
import { eventCustomFieldOutputFields, eventOutputFields } from '../webhooks/event-output-fields';
import { eventOutput, type EventOutput } from '../webhooks/event-output';
import { isId, type WebhookEvent } from '../webhooks/event-records';
import { LIST_SIZE, staticSample } from '../webhooks/event-samples';
import { fetchRecords, RecordStore } from '../webhooks/fetch';
import { dataFor, matches, type Source, sourceFor } from '../webhooks/record-events';
import { HYDRATE_MAX, HYDRATE_WINDOW_MS, POLL_LOOKBACK_DAYS, POLL_MAX } from './polling';

/** Invoices per Transfer page: each is read with its customer and rental, well within Zapier's 30 s. */
export const TRANSFER_PAGE = 10;

export interface TwinRow {
  key: string;
  label: string;
  description: string;
  /** the instant trigger (event catalog row) whose output it hands on */
  twin: string;
  /** when the event happened: the record's `created`, or its `updated` (a state it reached) */
  happened: 'created' | 'updated';
  /** pages through the whole list when Zapier's Transfer asks */
  transfer?: boolean;
}

const instead = (label: string) =>
  `checked every few minutes; works where the instant ${label} cannot be turned on.`;

// prettier-ignore
export const TWINS: readonly TwinRow[] = [
  { key: 'new_move_in_polling', label: 'New Move-In (Polling)', twin: 'new_move_in', happened: 'created',
    description: `Triggers when a move-in is booked, with its customer, unit rental, unit and site, ${instead('New Move-In')}` },
  { key: 'move_in_completed_polling', label: 'Move-In Completed (Polling)', twin: 'move_in_completed', happened: 'updated',
    description: `Triggers when a move-in is completed, with its customer, unit rental, unit and site, ${instead('Move-In Completed')}` },
  { key: 'new_move_out_polling', label: 'New Move-Out (Polling)', twin: 'new_move_out', happened: 'created',
    description: `Triggers when a customer gives notice to move out, with the unit rental, unit and site, ${instead('New Move-Out')}` },
  { key: 'move_out_completed_polling', label: 'Move-Out Completed (Polling)', twin: 'move_out_completed', happened: 'updated',
    description: `Triggers when a move-out is completed, with the customer, unit rental, unit and site, ${instead('Move-Out Completed')}` },
  { key: 'new_valet_order_polling', label: 'New Valet Order (Polling)', twin: 'new_valet_order', happened: 'created',
    description: `Triggers when a valet order is placed, with its customer, ${instead('New Valet Order')}` },
  { key: 'new_invoice_polling', label: 'New Invoice (Polling)', twin: 'new_invoice', happened: 'created', transfer: true,
    description: `Triggers when an invoice is created, with its customer and unit rental, ${instead('New Invoice')}` },
  { key: 'unit_rental_overdue_polling', label: 'Unit Rental Marked Overdue (Polling)', twin: 'unit_rental_overdue', happened: 'updated',
    description: `Triggers when a unit rental is marked overdue (once per rental), ${instead('Unit Rental Marked Overdue')}` },
];

const text = (value: unknown) => textOf(value) ?? '';

/** When the event a listed record stands for happened. */
const happenedAt = (twin: TwinRow, record: SgRecord) =>
  twin.happened === 'created' ? text(record.created) : text(record.updated) || text(record.created);

/** The event a listed record stands for, with Zapier's dedupe id: the record and the event type. */
function eventFor(row: EventRow, source: Source, twin: TwinRow, record: SgRecord): WebhookEvent {
  return {
    id: `${record.id}:${row.type}`,
    type: row.type,
    created: happenedAt(twin, record) || null,
    data: dataFor(row.type, source, record),
  };
}

/** The recent records that may stand for the event: one request. */
function listRecent(z: ZObject, bundle: Bundle, source: Source, since: string): Promise<SgRecord[]> {
  if (source.kind === 'job') return listRecentJobs(z, bundle, { type: source.jobType }, POLL_MAX);
  if (source.kind === 'invoice' || source.kind === 'unitRental')
    return listUpdatedSince(z, bundle, source.kind, since, POLL_MAX);
  throw new Error(`no polling list for ${source.kind} records`);
}

/** Listed records that are the event's (type checked again: the list's filters are not relied on). */
const standing = (source: Source, records: SgRecord[]) =>
  records.filter(
    (r) =>
      r &&
      typeof r === 'object' &&
      isId(r.id) &&
      (source.kind !== 'job' || r.type === source.jobType) &&
      matches(r, source, {}),
  );

/** The events of the records as the instant twin hands them on, their records read afresh. */
async function handedOn(z: ZObject, bundle: Bundle, events: WebhookEvent[]): Promise<EventOutput[]> {
  if (!events.length) return [];
  const store = await fetchRecords(z, bundle, events);
  return events.map((event) => eventOutput(event, store.lookup));
}

/** The events as listed: no record read; what the instant twin would hand on about them is empty. */
function asListed(source: Source, listed: Map<string, SgRecord>, events: WebhookEvent[]): EventOutput[] {
  const store = new RecordStore();
  for (const event of events) {
    const record = listed.get(event.id);
    if (record) store.add(source.kind, record);
  }
  return events.map((event) => eventOutput(event, store.lookup));
}

export async function pollTwin(z: ZObject, bundle: Bundle, twin: TwinRow, now = Date.now()) {
  const row = rowOf(twin);
  const source = sourceFor(row.type)!;
  const meta = (bundle.meta ?? {}) as Partial<Bundle['meta']>;
  const page = Number(meta.page ?? 0) || 0;
  if (twin.transfer && (meta.isBulkRead || page > 0)) return transferPage(z, bundle, twin, row, source, page);

  const since = new Date(now - POLL_LOOKBACK_DAYS * 86_400_000).toISOString();
  const records = standing(source, await listRecent(z, bundle, source, since))
    // the editor's sample poll shows the newest records however old: samples to map against, not new events
    .filter((r) => meta.isLoadingSample || happenedAt(twin, r) >= since)
    .sort((a, b) => happenedAt(twin, b).localeCompare(happenedAt(twin, a)))
    .slice(0, POLL_MAX);
  const listed = new Map<string, SgRecord>();
  const events = records.map((record) => {
    const event = eventFor(row, source, twin, record);
    listed.set(event.id, record);
    return event;
  });

  // which events can be new to Zapier, and so get their records read
  const fresh = new Date(now - HYDRATE_WINDOW_MS).toISOString();
  const canBeNew = meta.isPopulatingDedupe
    ? []
    : meta.isLoadingSample
      ? events.slice(0, LIST_SIZE)
      : events.filter((e) => (e.created ?? '') >= fresh);
  const memory = pollMemory(z, bundle, twin);
  const earlier = meta.isLoadingSample ? new Set<string>() : await memory.read();
  const unseen = canBeNew.filter((e) => !earlier.has(e.id));
  const read = unseen.slice(0, HYDRATE_MAX);
  const waiting = new Set(unseen.slice(HYDRATE_MAX).map((e) => e.id)); // the next poll reads them
  const asSeen = events.filter((e) => !read.includes(e) && !waiting.has(e.id));
  const outputs = [...(await handedOn(z, bundle, read)), ...asListed(source, listed, asSeen)];
  if (!meta.isLoadingSample) await memory.write([...read, ...canBeNew.filter((e) => earlier.has(e.id))]);
  return outputs.sort((a, b) => String(b.created ?? '').localeCompare(String(a.created ?? '')));
}

/**
 * What this Zap's earlier polls handed on whole, while it can still be new (HYDRATE_WINDOW_MS), in
 * Zapier's cache per connection and Zap. Only where Zapier names the Zap: two Zaps on one connection
 * must not share it. A cache that fails or hangs is no memory: the events are read again.
 */
function pollMemory(z: ZObject, bundle: Bundle, twin: TwinRow) {
  const zap = (bundle.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  if (zap === undefined || zap === null || String(zap) === '')
    return { read: async () => new Set<string>(), write: async () => undefined };
  const key = `storeganise:polled:${twin.key}:${z.hash('sha256', String(zap)).slice(0, 32)}`;
  const cache = connectionCache(z);
  return {
    read: async () => {
      const ids = await cache.get(key).catch(() => null);
      return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
    },
    write: (events: WebhookEvent[]) =>
      cache
        .set(
          key,
          events.map((e) => e.id),
          Math.ceil(HYDRATE_WINDOW_MS / 1000),
        )
        .catch(() => undefined),
  };
}

/** Zapier's Transfer: page `page` of every record the trigger stands for, each handed on whole. */
async function transferPage(
  z: ZObject,
  bundle: Bundle,
  twin: TwinRow,
  row: EventRow,
  source: Source,
  page: number,
): Promise<EventOutput[]> {
  if (source.kind !== 'invoice' && source.kind !== 'unitRental') return [];
  const records = await listPageOf(z, bundle, source.kind, page, TRANSFER_PAGE);
  // an empty page ends the transfer; a page whose records all fail the filter must not end it early
  const events = standing(source, records).map((record) => eventFor(row, source, twin, record));
  return handedOn(z, bundle, events);
}

/** The instant trigger's catalog row. */
function rowOf(twin: TwinRow): EventRow {
  const row = EVENT_CATALOG.find((r) => r.key === twin.twin);
  if (!row) throw new Error(`no instant trigger "${twin.twin}" to be the twin of ${twin.key}`);
  return row;
}

export function pollingTwin(twin: TwinRow) {
  const row = rowOf(twin);
  const instantSample = staticSample(row.type);
  // the static sample's record, with the id Zapier dedupes a polled event by
  const sample = { ...instantSample, id: `${String(instantSample[row.idField])}:${row.type}` };
  return defineTrigger({
    key: twin.key,
    noun: row.noun,
    display: { label: twin.label, description: twin.description },
    operation: {
      type: 'polling',
      ...(twin.transfer ? { canPaginate: true } : {}),
      perform: (z, bundle) => pollTwin(z, bundle, twin),
      sample,
      outputFields: [...eventOutputFields(row.type), eventCustomFieldOutputFields([row.type])],
    },
  });
}

export const pollingTwins = Object.fromEntries(TWINS.map((twin) => [twin.key, pollingTwin(twin)]));
