/**
 * Polling triggers for the families operators need most, for businesses whose API will not register
 * webhooks (REST-hook subscribe rests on an assumed endpoint; a public app may have no static hook).
 * They read the confirmed `updatedAfter` lists every few minutes; Zapier fires for ids it has not seen:
 * - New Customer (Polling): a customer created lately; id = the customer's id;
 * - New Unit Rental (Polling): a rental that became occupied (a move-in done); id = the rental's id;
 * - New Paid Invoice (Polling): an invoice fully paid; id = invoice id + its payments, so an invoice
 *   paid again after a refund fires again while an edit of a paid invoice does not.
 * Output: the same keys as the matching instant trigger, as far as one list request carries them
 * (no request per record on every poll), built by the same output functions.
 */
import { defineTrigger, type ZObject, type Bundle } from 'zapier-platform-core';
import { listUpdatedSince, withOwners } from '../client';
import { outputFieldsFor, RECORD_KINDS, type KindKey } from '../records/kinds';
import type { SgRecord } from '../types';
import { isFullyPaid, PAID_TYPES, paymentsDigest } from '../webhooks/paid-episodes';
import { isId } from '../webhooks/event-records';

/** How far back each poll reads, and how many records at most (newest first). */
export const POLL_LOOKBACK_DAYS = 7;
export const POLL_MAX = 100;

type Dict = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

interface PollingRow {
  key: string;
  label: string;
  description: string;
  kind: 'customer' | 'unitRental' | 'invoice';
  /** The `type` handed on, and the data key naming the record (as the instant trigger's output). */
  type: string;
  idKey: 'userId' | 'unitRentalId' | 'invoiceId';
  outputKey: string;
  /** Does a listed record stand for the event, and when did it happen? */
  happened: (record: SgRecord, since: string) => string | null;
  /** Zapier's dedupe id. */
  dedupeId: (record: SgRecord) => string;
  /** The instant triggers' event types it stands in for (named when their webhook is refused). */
  covers: readonly string[];
}

const ROWS: PollingRow[] = [
  {
    key: 'new_customer_polling',
    label: 'New Customer (Polling)',
    kind: 'customer',
    type: 'user.created',
    idKey: 'userId',
    outputKey: 'customer',
    description:
      'Triggers when a customer account is created, checked every few minutes; works where the instant New Customer cannot be turned on.',
    happened: (r, since) => (text(r.created) >= since ? text(r.created) : null),
    dedupeId: (r) => r.id,
    covers: ['user.created'],
  },
  {
    key: 'new_unit_rental_polling',
    label: 'New Unit Rental (Polling)',
    kind: 'unitRental',
    type: 'unitRental.occupied',
    idKey: 'unitRentalId',
    outputKey: 'unitRental',
    description:
      'Triggers when a unit rental starts (a move-in is done), checked every few minutes; works where the instant move-in triggers cannot be turned on.',
    happened: (r) => (text(r.state).toLowerCase() === 'occupied' ? text(r.updated) || text(r.created) : null),
    dedupeId: (r) => r.id,
    covers: ['job.unit_moveIn.completed'],
  },
  {
    key: 'invoice_paid_polling',
    label: 'New Paid Invoice (Polling)',
    kind: 'invoice',
    type: 'invoice.paid',
    idKey: 'invoiceId',
    outputKey: 'invoice',
    description:
      'Triggers when an invoice becomes fully paid, checked every few minutes; works where the instant Invoice Paid cannot be turned on.',
    happened: (r) => (isFullyPaid(r) ? text(r.updated) || text(r.created) : null),
    dedupeId: (r) => `${r.id}:${paymentsDigest(r)}`,
    covers: PAID_TYPES,
  },
];

function output(row: PollingRow, record: SgRecord, at: string | null) {
  return {
    id: row.dedupeId(record),
    type: row.type,
    created: at,
    [row.idKey]: record.id,
    [row.outputKey]: RECORD_KINDS[row.kind].output(record),
  };
}

async function poll(z: ZObject, bundle: Bundle, row: PollingRow, now = Date.now()) {
  const since = new Date(now - POLL_LOOKBACK_DAYS * 86_400_000).toISOString();
  const records = await listUpdatedSince(z, bundle, row.kind, since, POLL_MAX);
  const found = records
    .filter((r) => r && typeof r === 'object' && isId(r.id))
    .map((r) => ({ r, at: row.happened(r, since) }))
    .filter((x): x is { r: SgRecord; at: string } => x.at !== null);
  // listed invoices name their customer as { id, name } only (real records): read the e-mail too
  const full =
    row.kind === 'invoice'
      ? await withOwners(
          z,
          bundle,
          found.map((x) => x.r),
        )
      : found.map((x) => x.r);
  return found
    .map((x, i) => ({ r: full[i] as SgRecord, at: x.at }))
    .sort((a, b) => b.at.localeCompare(a.at)) // newest first, as Zapier expects
    .map(({ r, at }) => output(row, r, at));
}

const labels: Record<string, string> = {
  userId: 'Customer ID',
  unitRentalId: 'Unit Rental ID',
  invoiceId: 'Invoice ID',
};

export function pollingTrigger(row: PollingRow) {
  const sample = output(
    row,
    RECORD_KINDS[row.kind].sample as SgRecord,
    text((RECORD_KINDS[row.kind].sample as Dict).updated),
  );
  return defineTrigger({
    key: row.key,
    noun: RECORD_KINDS[row.kind as KindKey].noun,
    display: { label: row.label, description: row.description },
    operation: {
      type: 'polling',
      perform: (z, bundle) => poll(z, bundle, row),
      sample,
      outputFields: [
        { key: 'id', label: 'Dedupe ID' },
        { key: 'type', label: 'Event Type' },
        { key: 'created', label: 'Happened At' },
        { key: row.idKey, label: labels[row.idKey] },
        ...outputFieldsFor(row.kind, row.outputKey),
      ],
    },
  });
}

export const pollingTriggers = Object.fromEntries(ROWS.map((row) => [row.key, pollingTrigger(row)]));

/**
 * What a refused webhook registration points to: the polling triggers that stand in for these event
 * types, else every polling trigger.
 */
export function pollingAlternatives(types: readonly string[]): { polling: string[] } {
  const matching = ROWS.filter((row) => row.covers.some((type) => types.includes(type)));
  return { polling: (matching.length ? matching : ROWS).map((row) => row.label) };
}
