/** Invoices and their payments. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { Invoice, Payment } from '../types';

export const getInvoice = (z: ZObject, bundle: Bundle, id: string) =>
  must<Invoice>(z, bundle, { path: ['invoices', id], params: { include: INCLUDE.invoice }, what: `Invoice ${id}` });

export const findInvoice = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<Invoice>(z, bundle, {
    path: ['invoices', id],
    params: { include: INCLUDE.invoice },
    what: `Invoice ${id}`,
    allowNotFound: true,
  });

/** A: filtering the invoice list by its human number (`sid`). */
export const listInvoicesBySid = (z: ZObject, bundle: Bundle, sid: string) =>
  listAll<Invoice>(z, bundle, ['invoices'], { sid }, 10);

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

