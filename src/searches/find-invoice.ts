/**
 * Find Invoice: by id, or by the number printed on it (`sid`, e.g. "cen000041" in real records).
 * By number: no confirmed list filter exists, so the recent invoices are listed and matched here
 * (bounded: `findInvoiceByNumber()` in the client); the match is then read by id so the output
 * equals a trigger's hydrated invoice.
 */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import {
  findInvoice,
  findInvoiceByNumber,
  INVOICE_NUMBER_LOOKBACK_DAYS,
  INVOICE_NUMBER_MAX,
} from '../client';
import { findByField } from '../input-fields';
import { findWay, invalidInput, text } from '../read-input';
import { invoiceOutput } from '../records/outputs';
import { samples } from '../records/samples';
import { customFieldOutputFields } from '../records/custom-field-labels';
import { outputFieldsFor } from '../records/kinds';

const WAYS = { invoiceNumber: 'Invoice Number', invoiceId: 'Invoice ID' } as const;

const inputFields = defineInputFields([
  findByField(WAYS, 'invoiceNumber', 'invoice'),
  {
    key: 'invoiceId',
    label: 'Invoice ID',
    helpText: "With Find By Invoice ID: the invoice's Storeganise ID.",
  },
  {
    key: 'invoiceNumber',
    label: 'Invoice Number',
    helpText:
      `With Find By Invoice Number: the number printed on the invoice, e.g. cen000041 (not case-sensitive; a leading # is ignored). ` +
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
      const way = findWay(z, bundle.inputData.findBy, WAYS, { invoiceId: !!id, invoiceNumber: !!number });
      if (way === 'invoiceId' && id) {
        const invoice = await findInvoice(z, bundle, id);
        return invoice ? [invoiceOutput(invoice)] : [];
      }
      if (!number) throw invalidInput(z, 'Fill in the Invoice ID or the Invoice Number.');
      const match = await findInvoiceByNumber(z, bundle, number);
      if (!match) return [];
      const invoice = await findInvoice(z, bundle, match.id);
      return invoice ? [invoiceOutput(invoice)] : [];
    },
    outputFields: [...outputFieldsFor('invoice', ''), customFieldOutputFields('invoice', '')],
    sample: samples.invoice,
  },
});
