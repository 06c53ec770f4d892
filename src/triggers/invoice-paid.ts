/** Invoice Paid: fires once each time an invoice becomes fully paid (src/webhooks/invoice-paid.ts). */
import { defineTrigger } from 'zapier-platform-core';
import { listInvoices, withBusinessCurrency } from '../client';
import { customFieldOutputFieldsOf, type HandedOn } from '../records/custom-field-labels';
import { outputFieldsFor, RECORD_KINDS } from '../records/kinds';
import type { SgRecord } from '../types';
import { RecordStore } from '../webhooks/fetch';
import {
  fetchRelated,
  isFullyPaid,
  PAID_TYPES,
  paidOutput,
  paymentsDigest,
  processPaid,
} from '../webhooks/paid-episodes';
import { isId, type Lookup, type WebhookEvent } from '../webhooks/event-records';
import { LIST_SIZE, SCAN_SIZE } from '../webhooks/event-samples';
import { subscribeWebhook, unsubscribeWebhook } from '../webhooks/subscribe';
import { pollingAlternatives } from './alternatives';
import { listValue, sitesField } from './filter-fields';

const eventFor = (invoice: SgRecord): WebhookEvent => ({
  id: `${invoice.id}:${paymentsDigest(invoice)}`,
  type: 'invoice.state.updated',
  created: typeof invoice.updated === 'string' ? invoice.updated : null,
  data: { invoiceId: invoice.id, to: 'paid' },
});

function staticSample() {
  const invoice = RECORD_KINDS.invoice.sample as SgRecord;
  const lookup: Lookup = (kind, id) => (kind === 'invoice' ? invoice : { ...RECORD_KINDS[kind].sample, id });
  return paidOutput({ ...eventFor(invoice), id: '6745c0e1b2a3d40012f0e0a1' }, lookup);
}

/** What a paid invoice is handed on with (paidOutput). */
const HANDED_ON: HandedOn[] = [
  { kind: 'invoice', key: 'invoice' },
  { kind: 'customer', key: 'customer' },
  { kind: 'unitRental', key: 'unitRental' },
];

export const invoicePaidOutputFields = [
  { key: 'id', label: 'Event ID' },
  { key: 'type', label: 'Event Type' },
  { key: 'created', label: 'Event Created' },
  { key: 'invoiceId', label: 'Invoice ID' },
  ...HANDED_ON.flatMap(({ kind, key }) => outputFieldsFor(kind, key)),
];

export default defineTrigger({
  key: 'invoice_paid',
  noun: 'Invoice',
  display: {
    label: 'Invoice Paid',
    description:
      'Triggers when an invoice becomes fully paid (not on a partial payment), with its customer and unit rental.',
  },
  operation: {
    type: 'hook',
    inputFields: [sitesField],
    performSubscribe: (z, bundle) => subscribeWebhook(z, bundle, PAID_TYPES, pollingAlternatives(PAID_TYPES)),
    performUnsubscribe: (z, bundle) => unsubscribeWebhook(z, bundle),
    perform: (z, bundle) => processPaid(z, bundle, listValue(bundle.inputData.siteIds)),
    performList: async (z, bundle) => {
      const sites = listValue(bundle.inputData.siteIds);
      const invoices = (await withBusinessCurrency(z, bundle, listInvoices(z, bundle, {}, SCAN_SIZE)))
        .filter((invoice) => isId(invoice?.id) && isFullyPaid(invoice))
        .filter((invoice) => !sites.length || sites.includes(String(invoice.siteId)))
        .slice(0, LIST_SIZE);
      if (!invoices.length) return [staticSample()];
      const store = new RecordStore();
      for (const invoice of invoices) store.add('invoice', invoice);
      const events = invoices.map(eventFor);
      await fetchRelated(z, bundle, store, events);
      return events.map((event) => paidOutput(event, store.lookup));
    },
    sample: staticSample(),
    outputFields: [...invoicePaidOutputFields, customFieldOutputFieldsOf(HANDED_ON)],
  },
});
