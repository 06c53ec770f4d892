/**
 * The shapes a Zap step receives. Triggers, searches and actions all return records through these
 * (src/record-kinds.ts names one per kind), so a "Find Job" result maps exactly like a "New Move-In"
 * trigger's job. Each shape is the whole record made plain, plus a few top-level fields users map most.
 */
import { jobRecordIds } from '../client/jobs';
import { localisedText, plain } from '../localised';
import type { Invoice, Job, Site, Unit, UnitRental, User } from '../types';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

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

export function invoiceOutput(invoice: Invoice) {
  return {
    ...plain(invoice),
    invoiceNumber: invoice.sid !== undefined ? String(invoice.sid) : null,
    // real invoices may carry the customer only as `owner: { id, name }`, with no `ownerId`
    customerId: str(invoice.ownerId) ?? str(invoice.owner?.id) ?? null,
    customerName: fullName(invoice.owner) ?? null,
    customerEmail: invoice.owner?.email ?? null,
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
