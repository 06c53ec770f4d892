/**
 * Hidden trigger behind the "Invoice" dropdowns: "CEN000041 · 141.50 · sent · Jane Doe" (number as
 * printed, total, state, customer when the list embeds one). Paged, 100 a page.
 */
import { defineTrigger } from 'zapier-platform-core';
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

export default defineTrigger({
  key: 'invoice_list',
  noun: 'Invoice',
  display: { label: 'List Invoices', description: 'Lists invoices for dropdowns.', hidden: true },
  operation: {
    canPaginate: true,
    perform: async (z, bundle) => {
      const page = Number(bundle.meta?.page ?? 0) || 0;
      const invoices = await invoicesPage(z, bundle, { offset: page * PAGE, limit: PAGE });
      return invoices.map((invoice) => ({ id: invoice.id, label: invoiceLabel(invoice) }));
    },
    sample: { id: '64f1c2a9e3b7d10012a4e401', label: 'CEN000041 · 141.50 · sent · Jane Doe' },
  },
});
