/**
 * Find Invoice: by id, or by the number printed on it (`sid`, e.g. "cen000041" in real records).
 * By number: no confirmed list filter exists, so the recent invoices are listed and matched here
 * (bounded: `findInvoiceByNumber()` in the client); the match is then read by id so the output
 * equals a trigger's hydrated invoice.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findInvoice, findInvoiceByNumber, INVOICE_NUMBER_LOOKBACK_DAYS, INVOICE_NUMBER_MAX } from '../client';
import { invalidInput, text } from '../read-input';
import { invoiceOutput } from '../record-outputs';
import { samples } from '../record-samples';

const inputFields = defineInputFields([
  { key: 'invoiceId', label: 'Invoice ID', helpText: "The invoice's Storeganise ID. Fill in this or Invoice Number." },
  {
    key: 'invoiceNumber',
    label: 'Invoice Number',
    helpText:
      `The number printed on the invoice, e.g. cen000041 (not case-sensitive; a leading # is ignored). ` +
      `Searches the invoices created or changed in the last ${INVOICE_NUMBER_LOOKBACK_DAYS} days ` +
      `(at most ${INVOICE_NUMBER_MAX.toLocaleString('en-US')}); for an older one use Invoice ID.`,
  },
]);

export default defineSearch({
  key: 'find_invoice',
  noun: 'Invoice',
  display: { label: 'Find Invoice', description: 'Finds an invoice by its ID or invoice number.' },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const id = text(bundle.inputData.invoiceId);
      const number = text(bundle.inputData.invoiceNumber)?.replace(/^#\s*/, '');
      if (id) {
        const invoice = await findInvoice(z, bundle, id);
        return invoice ? [invoiceOutput(invoice)] : [];
      }
      if (!number) throw invalidInput(z, 'Fill in the Invoice ID or the Invoice Number.');
      const match = await findInvoiceByNumber(z, bundle, number);
      if (!match) return [];
      const invoice = await findInvoice(z, bundle, match.id);
      return invoice ? [invoiceOutput(invoice)] : [];
    },
    sample: samples.invoice,
  },
});
