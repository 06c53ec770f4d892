/** Invoices and their payments. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, must, PAGE_SIZE, sgRequest } from './http';
import { INCLUDE } from './include';
import { businessCurrency, settingsOfRun } from './settings';
import { findUser } from './users';
import type { Invoice, Payment, User } from '../types';

/**
 * Real records embed an invoice's customer as `owner: { id, name }` only (test/fixtures/real): the
 * customer's e-mail, which Zaps map most, is then read from the customer (one GET, only when missing).
 */
async function withOwner(z: ZObject, bundle: Bundle, invoice: Invoice): Promise<Invoice> {
  const ownerId = invoice.ownerId ?? invoice.owner?.id;
  if (typeof ownerId !== 'string' || !ownerId || invoice.owner?.email) return invoice;
  const owner = await findUser(z, bundle, ownerId);
  return owner ? { ...invoice, owner: { ...invoice.owner, ...owner } } : invoice;
}

/**
 * Invoices carry no currency (a real trial business's do not); the business's is in its settings
 * (`currencyCode`, L). The settings are read once per run, beside the invoices being read (no extra
 * waiting), and their currency is attached to each as `businessCurrency` (null when they cannot be
 * read: the invoice is handed on all the same).
 */
export async function withBusinessCurrency<T extends Invoice | Invoice[] | null>(
  z: ZObject,
  bundle: Bundle,
  reading: Promise<T>,
): Promise<T> {
  const [read, settings] = await Promise.all([reading, settingsOfRun(z, bundle)]);
  const currency = businessCurrency(settings);
  const attach = (invoice: Invoice): Invoice =>
    invoice && typeof invoice === 'object' ? { ...invoice, businessCurrency: currency } : invoice;
  return (Array.isArray(read) ? read.map(attach) : read ? attach(read) : read) as T;
}

export const getInvoice = async (z: ZObject, bundle: Bundle, id: string) =>
  withOwner(
    z,
    bundle,
    await withBusinessCurrency(
      z,
      bundle,
      must<Invoice>(z, bundle, {
        path: ['invoices', id],
        params: { include: INCLUDE.invoice },
        what: `Invoice ${id}`,
      }),
    ),
  );

export async function findInvoice(z: ZObject, bundle: Bundle, id: string): Promise<Invoice | null> {
  const invoice = await withBusinessCurrency(
    z,
    bundle,
    sgRequest<Invoice>(z, bundle, {
      path: ['invoices', id],
      params: { include: INCLUDE.invoice },
      what: `Invoice ${id}`,
      allowNotFound: true,
    }),
  );
  return invoice ? withOwner(z, bundle, invoice) : null;
}

const ownerIdOf = (invoice: Invoice) => {
  const id = invoice.ownerId ?? invoice.owner?.id;
  return typeof id === 'string' && id ? id : undefined;
};

/**
 * Listed invoices carry their customer as `owner: { id, name }` (real records), so a list-based
 * output would lack the customer's e-mail an instant trigger hands on. Each such customer is read,
 * once and all at the same time (its contact fields only, nothing kept: customers' data stays out of
 * Zapier's cache); callers ask only for the invoices they hand on whole.
 */
export async function withOwners(z: ZObject, bundle: Bundle, invoices: Invoice[]): Promise<Invoice[]> {
  const ids = [...new Set(invoices.filter((inv) => !inv.owner?.email).map(ownerIdOf))].filter(
    (id) => id !== undefined,
  );
  const owners = new Map<string, Partial<User>>();
  await Promise.all(
    ids.map(async (id) => {
      const user = await findUser(z, bundle, id);
      if (!user) return;
      owners.set(
        id,
        Object.fromEntries(
          (['id', 'email', 'firstName', 'lastName', 'name', 'phone', 'companyName'] as const)
            .filter((k) => user[k] !== undefined)
            .map((k) => [k, user[k]]),
        ) as Partial<User>,
      );
    }),
  );
  return invoices.map((invoice) => {
    const owner = owners.get(ownerIdOf(invoice) ?? '');
    return owner && !invoice.owner?.email
      ? { ...invoice, owner: { ...invoice.owner, ...owner } as User }
      : invoice;
  });
}

/** How far back, and through how many invoices, a look-up by number reads. */
export const INVOICE_NUMBER_LOOKBACK_DAYS = 180;
export const INVOICE_NUMBER_MAX = 2000;

/** An invoice number as users type it: `#cen000041`, ` CEN000041 ` and `cen000041` are the same. */
export const invoiceNumberKey = (value: unknown) =>
  String(value ?? '')
    .trim()
    .replace(/^#\s*/, '')
    .toLowerCase();

/**
 * The invoice with this number (`sid`), without the unconfirmed `?sid=` filter: the invoices changed
 * in the last 180 days (C: `updatedAfter`) are read page by page, at most 2,000, and matched here;
 * the reading stops at the page that holds the match. An invoice is changed when it is sent, paid or
 * edited, so the ones a payment is recorded against are in.
 */
export async function findInvoiceByNumber(z: ZObject, bundle: Bundle, number: string, now = Date.now()) {
  const wanted = invoiceNumberKey(number);
  const updatedAfter = new Date(now - INVOICE_NUMBER_LOOKBACK_DAYS * 86_400_000).toISOString();
  const limit = Math.min(PAGE_SIZE, INVOICE_NUMBER_MAX);
  for (let offset = 0; offset < INVOICE_NUMBER_MAX; offset += limit) {
    const answer = await sgRequest<Invoice[]>(z, bundle, {
      path: ['invoices'],
      params: { updatedAfter, limit, offset },
      what: 'Listing recent invoices',
      expect: 'list',
    });
    const page = answer ?? [];
    const match = page.find(
      (invoice) => invoice.sid !== undefined && invoiceNumberKey(invoice.sid) === wanted,
    );
    if (match || page.length < limit) return match;
  }
  return undefined;
}

export const listInvoices = (z: ZObject, bundle: Bundle, filter: { updatedAfter?: string }, max: number) =>
  listAll<Invoice>(z, bundle, ['invoices'], filter, max);

export const updateInvoice = (z: ZObject, bundle: Bundle, id: string, patch: { state?: string }) =>
  must<Invoice>(z, bundle, { method: 'PUT', path: ['invoices', id], body: patch, what: `Invoice ${id}` });

export const addInvoicePayment = (
  z: ZObject,
  bundle: Bundle,
  invoiceId: string,
  payment: { amount: number; method: string; date: string; notes?: string },
) =>
  sgRequest<Payment | Invoice>(z, bundle, {
    method: 'POST',
    path: ['invoices', invoiceId, 'payments'],
    body: { type: 'manual', ...payment },
    what: `Adding a payment to invoice ${invoiceId}`,
  });
