/**
 * Find Invoice: by id, or by the human invoice number (`sid`, A: `GET invoices?sid=`). A number
 * match is checked on our side too, so a tenant that ignores the filter cannot return the wrong
 * invoice; the match is then read by id so the output equals a trigger's hydrated invoice.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findInvoice, listInvoicesBySid } from '../client';
import { invalidInput, text } from '../fields';
import { invoiceOutput } from '../outputs';
import { samples } from '../samples';

const inputFields = defineInputFields([
  { key: 'invoiceId', label: 'Invoice ID', helpText: 'The invoice\'s Storeganise ID. Fill in this or Invoice Number.' },
  { key: 'invoiceNumber', label: 'Invoice Number', helpText: 'The number printed on the invoice, e.g. 10234 (a leading # is ignored).' },
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
      const match = (await listInvoicesBySid(z, bundle, number)).find((inv) => String(inv.sid) === number);
      if (!match) return [];
      const invoice = await findInvoice(z, bundle, match.id);
      return invoice ? [invoiceOutput(invoice)] : [];
    },
    sample: samples.invoice,
  },
});
