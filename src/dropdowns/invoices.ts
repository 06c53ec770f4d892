/**
 * Hidden trigger behind the "Invoice" dropdowns: "CEN000041 · 141.50 · sent · Jane Doe" (number as
 * printed, total, state, customer when the list embeds one). Paged, 100 a page.
 */
import { pagedDropdown } from './paged';
import { invoicesPage } from '../client';
import { fullName } from '../records/outputs';
import type { Invoice } from '../types';

export const PAGE = 100;

export function invoiceLabel(invoice: Invoice): string {
  const number =
    invoice.sid !== undefined && invoice.sid !== ''
      ? String(invoice.sid).toUpperCase()
      : `Invoice ${invoice.id}`;
  const total = typeof invoice.total === 'number' ? invoice.total.toFixed(2) : undefined;
  return [number, total, invoice.state, fullName(invoice.owner)].filter(Boolean).join(' · ');
}

export default pagedDropdown({
  key: 'invoice_list',
  noun: 'Invoice',
  lists: 'invoices',
  pageSize: PAGE,
  page: (z, bundle, page) => invoicesPage(z, bundle, page),
  label: invoiceLabel,
  sample: { id: '64f1c2a9e3b7d10012a4e401', label: 'CEN000041 · 141.50 · sent · Jane Doe' },
});
