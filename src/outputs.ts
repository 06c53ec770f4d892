/**
 * The shapes a Zap step receives. Triggers (through hydrators), searches and actions all return
 * records through these, so a "Find Job" result maps exactly like a "New Move-In" trigger's job.
 * Each shape is the whole record made plain, plus a few top-level fields users map most.
 */
import { plain } from './plain';
import type { Invoice, Job, Unit, UnitRental, User } from './types';

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

/**
 * Jobs keep what they touch in `data` (request) and `result` (outcome). The customer of a job
 * created through the API is `result.ownerId`, not `ownerId` (the API user) — docs/storeganise-api.md, L.
 */
export function jobOutput(job: Job) {
  const data = job.data ?? {};
  const result = job.result ?? {};
  return {
    ...plain(job),
    customerId: str(result.ownerId) ?? str(job.ownerId) ?? null,
    unitRentalId: str(result.unitRentalId) ?? str(data.unitRentalId) ?? null,
    unitId: str(result.unitId) ?? str(data.unitId) ?? null,
    siteId: str(job.siteId) ?? str(result.siteId) ?? str(data.siteId) ?? null,
  };
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
