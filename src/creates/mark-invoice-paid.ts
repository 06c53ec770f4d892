/**
 * Mark Invoice Paid: sets the invoice's state to `paid` (C: `PUT invoices/{id} { state }`).
 * Replay-safe: an invoice that is already paid is returned as it is, without a write.
 * Output: the whole invoice as a trigger hands it on.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { getInvoice, updateInvoice } from '../client';
import { invoiceIdField } from '../input-fields';
import { requiredText } from '../read-input';
import { invoiceOutput } from '../records/outputs';
import { samples } from '../records/samples';
import { outputFieldsFor } from '../records/kinds';

const inputFields = defineInputFields([invoiceIdField]);

export default defineCreate({
  key: 'mark_invoice_paid',
  noun: 'Invoice',
  display: {
    label: 'Mark Invoice Paid',
    description:
      'Marks an invoice as paid, e.g. after the payment was taken in another system. Use Add Invoice Payment to record the amount.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const id = requiredText(z, bundle.inputData.invoiceId, 'Invoice ID');
      const before = await getInvoice(z, bundle, id);
      if (before.state === 'paid') return invoiceOutput(before);
      await updateInvoice(z, bundle, id, { state: 'paid' });
      return invoiceOutput(await getInvoice(z, bundle, id));
    },
    outputFields: outputFieldsFor('invoice', ''),
    sample: samples.invoice,
  },
});
