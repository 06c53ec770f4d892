/**
 * The shapes a Zap step receives. Triggers, searches and actions all return records through these
 * (src/record-kinds.ts names one per kind), so a "Find Job" result maps exactly like a "New Move-In"
 * trigger's job. Each shape is the whole record made plain, plus a few top-level fields users map most.
 */
import { jobRecordIds } from '../client/jobs';
import { localisedText, plain } from '../localised';
import type { Invoice, Job, Site, Unit, UnitRental, User } from '../types';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function fullName(user: User | undefined): string | undefined {
  if (!user) return undefined;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ').trim();
  // real records embed some customers as `{ id, name }` only (an invoice's owner)
  return name || str(user.name)?.trim() || user.companyName || undefined;
}

export function customerOutput(user: User) {
  return { ...plain(user), name: fullName(user) ?? null };
}

/** A job plus the ids of the records it is about, read where the job keeps them (jobRecordIds, L). */
export function jobOutput(job: Job) {
  return { ...plain(job), ...jobRecordIds(job) };
}

export function unitRentalOutput(rental: UnitRental) {
  return {
    ...plain(rental),
    unitName: rental.unit?.name ?? null,
    customerName: fullName(rental.owner) ?? null,
    customerEmail: rental.owner?.email ?? null,
  };
}

/**
 * One invoice entry as an accounting app takes a line item (QuickBooks, Xero): the values as
 * Storeganise states them, null where an entry does not say (nothing is worked out from the others).
 */
export function lineItem(entry: Record<string, unknown>) {
  const tax = num(entry.tax);
  return {
    id: str(entry.id) ?? null,
    description: localisedText(entry.desc)?.trim() || null,
    quantity: num(entry.qty),
    unitAmount: num(entry.amount),
    subtotal: num(entry.subtotal),
    // In percent. An entry without `taxPct` is not taxed at the invoice's rate: the real deposit has no
    // `taxPct` and `tax: 0` on an invoice whose `taxPercent` is 20. So: 0 when its tax is 0, else not known.
    taxRate: num(entry.taxPct) ?? (tax === 0 ? 0 : null),
    tax,
    total: num(entry.total),
    code: str(entry.code) ?? null,
    // `deposit` or `revenue` in real records: a deposit is held, not earned
    type: str(entry.type) ?? null,
    servicePeriodStart: str(entry.date) ?? null,
    servicePeriodEnd: str(entry.endDate) ?? null,
  };
}

const isEntry = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

export function invoiceOutput(invoice: Invoice) {
  // the business's currency, attached by the client, is handed on as `currency` only
  const { businessCurrency, ...record } = invoice;
  return {
    ...plain(record),
    invoiceNumber: invoice.sid !== undefined ? String(invoice.sid) : null,
    // real invoices may carry the customer only as `owner: { id, name }`, with no `ownerId`
    customerId: str(invoice.ownerId) ?? str(invoice.owner?.id) ?? null,
    customerName: fullName(invoice.owner) ?? null,
    customerEmail: invoice.owner?.email ?? null,
    currency: typeof businessCurrency === 'string' ? businessCurrency : null,
    subtotal: num(invoice.subtotal),
    taxTotal: num(invoice.tax),
    amountPaid: num(invoice.amountPaid),
    lineItems: Array.isArray(invoice.entries) ? invoice.entries.filter(isEntry).map(lineItem) : [],
  };
}

export function unitOutput(unit: Unit) {
  return plain(unit);
}

/** A site with its localised title as `name`: "Central London". */
export function siteOutput(site: Site) {
  return {
    ...plain(site),
    name: localisedText(site.title)?.trim() || str(site.name) || str(site.code) || null,
    code: site.code ?? null,
  };
}
