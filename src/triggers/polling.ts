/**
 * Polling triggers for the families operators need most, for businesses whose API will not register
 * webhooks (REST-hook subscribe rests on an assumed endpoint; a public app may have no static hook).
 * They read the confirmed `updatedAfter` lists every few minutes; Zapier fires for ids it has not seen:
 * - New Customer (Polling): a customer created lately; id = the customer's id;
 * - New Unit Rental (Polling): a rental that became occupied (a move-in done); id = the rental's id;
 * - New Paid Invoice (Polling): an invoice fully paid; id = invoice id + its payments, so an invoice
 *   paid again after a refund fires again while an edit of a paid invoice does not.
 * Output: the same keys as the matching instant trigger, as far as one list request carries them
 * (no request per record on every poll), built by the same output functions. For Zapier's Transfer
 * (existing customers, rentals and invoices into a CRM or the accounts) they page through the whole
 * list when Zapier asks for more (`canPaginate`, `bundle.meta.isBulkRead` / `page`), one request a page;
 * a normal poll stays one request.
 */
import { textOf } from '../text';
import { defineTrigger, type ZObject, type Bundle } from 'zapier-platform-core';
import { listPageOf, listUpdatedSince, transferPageSize, withOwners } from '../client';
import { customFieldOutputFields } from '../records/custom-field-labels';
import { outputFieldsFor, RECORD_KINDS, type KindKey } from '../records/kinds';
import type { SgRecord } from '../types';
import { isFullyPaid, PAID_TYPES, paymentsDigest } from '../webhooks/paid-episodes';
import { isId } from '../webhooks/event-records';
import { LIST_SIZE } from '../webhooks/event-samples';

/** How far back each poll reads, and how many records at most (newest first). */
export const POLL_LOOKBACK_DAYS = 7;
export const POLL_MAX = 100;
/** Records per Transfer page (50 where the list embeds records): one request, within Zapier's 30 s. */
export const TRANSFER_PAGE_SIZE = 100;
/** Invoices per Transfer page: each may need its customer read for the e-mail. */
export const TRANSFER_INVOICE_PAGE_SIZE = 25;
/** Events that happened this recently can be new to Zapier: twice Zapier's longest polling interval. */
export const HYDRATE_WINDOW_MS = 30 * 60 * 1000;
/** At most this many events get further records read per poll (the rest wait for the next poll). */
export const HYDRATE_MAX = 10;

type Dict = Record<string, unknown>;
const text = (value: unknown) => textOf(value) ?? '';

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

export const ROWS: readonly PollingRow[] = [
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

/**
 * Records handed on. Listed invoices name their customer as { id, name } only (real records): the
 * e-mail is read for those that can be new to Zapier (`whole`), as the instant trigger hands it on;
 * the others go as listed (Zapier has seen them).
 */
async function shaped(
  z: ZObject,
  bundle: Bundle,
  row: PollingRow,
  found: Array<{ r: SgRecord; at: string }>,
  whole: (x: { r: SgRecord; at: string }, i: number) => boolean,
) {
  const read = row.kind === 'invoice' ? found.filter(whole) : [];
  const withEmail = new Map(
    (
      await withOwners(
        z,
        bundle,
        read.map((x) => x.r),
      )
    ).map((r) => [r.id, r]),
  );
  return found.map((x) => output(row, (withEmail.get(x.r.id) ?? x.r) as SgRecord, x.at));
}

const usable = (records: SgRecord[]) => records.filter((r) => r && typeof r === 'object' && isId(r.id));

async function poll(z: ZObject, bundle: Bundle, row: PollingRow, now = Date.now()) {
  const meta = (bundle.meta ?? {}) as Partial<Bundle['meta']>;
  const page = Number(meta.page ?? 0) || 0;
  // Zapier's Transfer: page through every record the trigger stands for; an empty page ends it
  if (meta.isBulkRead || page > 0) {
    const size =
      row.kind === 'invoice' ? TRANSFER_INVOICE_PAGE_SIZE : transferPageSize(row.kind, TRANSFER_PAGE_SIZE);
    const found = usable(await listPageOf(z, bundle, row.kind, page, size))
      .map((r) => ({ r, at: row.happened(r, '') }))
      .filter((x): x is { r: SgRecord; at: string } => x.at !== null);
    return shaped(z, bundle, row, found, () => true);
  }
  const since = new Date(now - POLL_LOOKBACK_DAYS * 86_400_000).toISOString();
  const found = usable(await listUpdatedSince(z, bundle, row.kind, since, POLL_MAX))
    .map((r) => ({ r, at: row.happened(r, since) }))
    .filter((x): x is { r: SgRecord; at: string } => x.at !== null)
    .sort((a, b) => b.at.localeCompare(a.at)); // newest first, as Zapier expects
  const fresh = new Date(now - HYDRATE_WINDOW_MS).toISOString();
  const whole = meta.isPopulatingDedupe
    ? () => false
    : meta.isLoadingSample
      ? (_x: unknown, i: number) => i < LIST_SIZE
      : (x: { at: string }, i: number) => i < HYDRATE_MAX && x.at >= fresh;
  return shaped(z, bundle, row, found, whole);
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
      // Zapier's Transfer sends the existing records through a Zap page by page (`bundle.meta.page`)
      canPaginate: true,
      perform: (z, bundle) => poll(z, bundle, row),
      sample,
      outputFields: [
        { key: 'id', label: 'Dedupe ID' },
        { key: 'type', label: 'Event Type' },
        { key: 'created', label: 'Happened At' },
        { key: row.idKey, label: labels[row.idKey] },
        ...outputFieldsFor(row.kind, row.outputKey),
        customFieldOutputFields(row.kind, row.outputKey),
      ],
    },
  });
}

export const pollingTriggers = Object.fromEntries(ROWS.map((row) => [row.key, pollingTrigger(row)]));
