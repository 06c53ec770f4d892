/**
 * "Invoice fully paid", the alert operators hand-code today: Storeganise sends `invoice.state.updated`
 * (`to: "paid"`) and `invoice.payments.updated` (a payment added, changed or refunded), often both for
 * one payment, and a partial payment also sends the latter. An invoice is paid when the state change
 * says so, or when after a payments update it is `paid` or its balance is zero. It fires once per
 * time the invoice becomes paid: the "paid episode" is the invoice with its list of payments, so the
 * two events of one payment fire once, while an invoice paid again after a refund fires again.
 * Hands on the invoice, its customer and its unit rental.
 */
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type KindKey } from '../records/kinds';
import { CacheUnavailable, runToken } from '../cache';
import { type Claim, claimKey, markHandled, subscriptionOf } from './dedupe';
import { cannotClaim, fetchFailed } from './delivery-failures';
import { fetchInto, fetchRecords, RecordStore } from './fetch';
import type { EventOutput } from './event-output';
import { isId, type Lookup, type WebhookEvent } from './event-records';
import { atChosenSites, claimEvents, readEvents, release, reportUnmarked } from './pipeline';

export const PAID_TYPES = ['invoice.state.updated', 'invoice.payments.updated'];

type Dict = Record<string, unknown>;

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Is this invoice (as fetched now) fully paid? `paid`, or nothing left to pay on a non-zero total. */
export function isFullyPaid(invoice: Dict | null | undefined): boolean {
  if (!invoice) return false;
  if (typeof invoice.state === 'string' && invoice.state.toLowerCase() === 'paid') return true;
  const balance = num(invoice.balance);
  const total = num(invoice.total);
  return balance !== undefined && balance <= 0 && (total === undefined || total > 0);
}

/** Did this event make its invoice paid? */
function madePaid(event: WebhookEvent, invoice: Dict): boolean {
  if (event.type === 'invoice.state.updated')
    return typeof event.data.to === 'string' && event.data.to.toLowerCase() === 'paid';
  return isFullyPaid(invoice);
}

/**
 * The invoice's payments, as a short stable digest: a new payment or a refund changes it, an edit of
 * the invoice does not.
 */
export function paymentsDigest(invoice: Dict): string {
  const payments = Array.isArray(invoice.payments) ? (invoice.payments as Dict[]) : [];
  const lines = payments
    .map((p) => `${String(p?.id ?? '')}|${String(p?.amount ?? '')}|${String(p?.date ?? '')}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/** The records handed on with a paid invoice: its customer and unit rental. */
function related(invoice: Dict | null | undefined): Array<{ key: string; kind: KindKey; id: string | null }> {
  const owner = invoice?.owner as Dict | undefined;
  const customerId = [invoice?.ownerId, owner?.id, invoice?.customerId].find(isId) ?? null;
  const rentalId = isId(invoice?.unitRentalId) ? invoice.unitRentalId : null;
  return [
    { key: 'customer', kind: 'customer', id: customerId },
    { key: 'unitRental', kind: 'unitRental', id: rentalId },
  ];
}

/** One shape for live events, sample data and the static sample. */
export function paidOutput(event: WebhookEvent, lookup: Lookup): EventOutput {
  const invoiceId = String(event.data.invoiceId);
  const invoice = lookup('invoice', invoiceId) ?? null;
  const out: EventOutput = { id: event.id, type: event.type, created: event.created, invoiceId, invoice };
  for (const { key, kind, id } of related(invoice)) out[key] = id ? (lookup(kind, id) ?? null) : null;
  return out;
}

/** Fetches each invoice's customer and unit rental (each once, in parallel). */
export async function fetchRelated(
  z: ZObject,
  bundle: Bundle,
  store: RecordStore,
  events: WebhookEvent[],
): Promise<void> {
  const wanted = events.flatMap((event) => related(store.lookup('invoice', String(event.data.invoiceId))));
  await fetchInto(
    z,
    bundle,
    store,
    wanted.filter((r): r is { key: string; kind: KindKey; id: string } => !!r.id),
  );
}

/** The events of this delivery that made their invoice paid, one per paid episode. */
function paidEpisodes(
  events: WebhookEvent[],
  store: RecordStore,
): Array<{ event: WebhookEvent; episode: string }> {
  const episodes = new Map<string, WebhookEvent>();
  for (const event of events) {
    const invoice = store.lookup('invoice', String(event.data.invoiceId));
    if (!invoice || !madePaid(event, invoice)) continue;
    const episode = `${String(invoice.id)}:${paymentsDigest(invoice)}`;
    if (!episodes.has(episode)) episodes.set(episode, event);
  }
  return [...episodes].map(([episode, event]) => ({ event, episode }));
}

/**
 * Invoice Paid's perform. Events are claimed as every instant trigger's are; each paid episode is then
 * claimed too (the other event of a payment finds it claimed) before the invoices' customers and rentals
 * are fetched, only for the episodes this run won; the handled marks go beside that last round.
 */
export async function processPaid(
  z: ZObject,
  bundle: Bundle,
  sites?: readonly string[],
): Promise<EventOutput[]> {
  const events = readEvents(z, bundle, { types: PAID_TYPES });
  if (!events.length) return [];
  const { fresh, claims } = await claimEvents(z, bundle, events);
  if (!fresh.length) return [];
  const subscription = subscriptionOf(bundle);
  const held: Claim[] = [...claims];
  const marks: Array<Promise<Claim[]>> = [];
  try {
    const store = await fetchRecords(z, bundle, fresh);
    const run = runToken();
    const paid: WebhookEvent[] = [];
    for (const { event, episode } of paidEpisodes(fresh, store)) {
      if (subscription) {
        const claim = await claimKey(z, bundle, `storeganise:paid:${subscription}:${episode}`, event.id, run);
        if ('skip' in claim) continue; // this Zap already fired for this payment (the other event of the pair)
        held.push(claim.claimed);
      }
      paid.push(event);
    }
    marks.push(markHandled(z, held));
    await fetchRelated(z, bundle, store, paid);
    reportUnmarked(z, bundle, (await Promise.all(marks)).flat());
    return atChosenSites(
      z,
      bundle,
      paid.map((event) => paidOutput(event, store.lookup)),
      sites,
    );
  } catch (err) {
    await Promise.all(marks); // let a mark land before it is undone
    const released = await release(z, bundle, held, marks.length > 0);
    throw err instanceof CacheUnavailable ? cannotClaim(z, fresh, err) : fetchFailed(z, fresh, err, released);
  }
}
