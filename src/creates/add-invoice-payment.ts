/**
 * Add Invoice Payment: records a manual payment (C: `POST invoices/{id}/payments`).
 * Duplicate-safe: the invoice's payments are read first; a payment with the same amount, method,
 * date and notes is returned instead of recording a second one.
 * Output: the whole invoice after the change (as a trigger hands it on) + `payment` + `duplicateSkipped`.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { addInvoicePayment, getInvoice } from '../client';
import { dayOf, todayUtc } from '../dates';
import { invoiceIdField, skipDuplicatesField } from '../input-fields';
import {
  AMOUNT_FORMATS,
  bool,
  DATE_FORMATS,
  date,
  invalidInput,
  number,
  requiredText,
  text,
} from '../read-input';
import { invoiceOutput } from '../records/outputs';
import { plain } from '../localised';
import { samples } from '../records/samples';
import { oneAtATime } from '../write-lock';
import type { Invoice, Payment } from '../types';
import { outputFieldsFor } from '../records/kinds';

export const PAYMENT_METHODS = {
  cash: 'Cash',
  card: 'Card',
  cheque: 'Cheque',
  transfer: 'Bank Transfer',
  other: 'Other',
};

const inputFields = defineInputFields([
  invoiceIdField,
  // Text, not `number`/`datetime`: Zapier would hand "abc" over as 0, "141,50" as 141 and an unreadable date as now.
  {
    key: 'amount',
    label: 'Amount',
    required: true,
    helpText: `The amount paid in the business currency, e.g. 141.50 or 141,50 (${AMOUNT_FORMATS}). 0 is refused.`,
  },
  {
    key: 'method',
    label: 'Method',
    required: true,
    choices: PAYMENT_METHODS,
    default: 'transfer',
    helpText: 'How the customer paid.',
  },
  {
    key: 'date',
    label: 'Date',
    helpText: `When the payment was made: ${DATE_FORMATS}. Empty means today (UTC).`,
  },
  {
    key: 'notes',
    label: 'Notes',
    type: 'text',
    helpText: 'A reference staff will see on the payment, e.g. the bank reference.',
  },
  skipDuplicatesField('payment'),
]);

type PaymentInput = { amount: number; method: string; date: string; notes?: string };

export const samePayment = (p: Payment, q: PaymentInput) =>
  Number(p.amount) === q.amount &&
  String(p.method ?? '') === q.method &&
  dayOf(p.date) === q.date &&
  String(p.notes ?? '').trim() === (q.notes ?? '');

export const paymentOutput = (invoice: Invoice, payment: Payment, duplicateSkipped: boolean) => ({
  ...invoiceOutput(invoice),
  payment: plain(payment),
  duplicateSkipped,
});

export default defineCreate({
  key: 'add_invoice_payment',
  noun: 'Payment',
  display: {
    label: 'Add Invoice Payment',
    description: 'Records a payment taken by cash, card, cheque or bank transfer on an invoice.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const invoiceId = requiredText(z, input.invoiceId, 'Invoice ID');
      const amount = number(z, input.amount, 'Amount');
      if (amount === undefined) throw invalidInput(z, 'Amount is required.');
      if (amount === 0) throw invalidInput(z, 'Amount must not be 0.');
      const method = requiredText(z, input.method, 'Method').toLowerCase();
      if (!(method in PAYMENT_METHODS)) {
        throw invalidInput(
          z,
          `Method must be one of ${Object.keys(PAYMENT_METHODS).join(', ')} (got "${method}").`,
        );
      }
      const notes = text(input.notes);
      const payment: PaymentInput = {
        amount,
        method,
        date: date(z, input.date, 'Date') ?? todayUtc(),
        ...(notes ? { notes } : {}),
      };

      const skip = bool(input.skipDuplicates, true);
      const write = async () => {
        const before = await getInvoice(z, bundle, invoiceId);
        if (skip) {
          const existing = (before.payments ?? []).find((p) => samePayment(p, payment));
          if (existing) return paymentOutput(before, existing, true);
        }
        const answer = await addInvoicePayment(z, bundle, invoiceId, payment);
        const after = await getInvoice(z, bundle, invoiceId);
        const seen = new Set((before.payments ?? []).map((p) => p.id));
        const recorded =
          (after.payments ?? []).find((p) => !seen.has(p.id) && samePayment(p, payment)) ??
          (answer && !('payments' in answer) ? (answer as Payment) : { type: 'manual', ...payment });
        return paymentOutput(after, recorded, false);
      };
      // the same payment twice at the same moment: one records it, the others find it
      return skip
        ? oneAtATime(z, bundle, 'add_invoice_payment', 'payment', { invoiceId, payment }, write)
        : write();
    },
    outputFields: outputFieldsFor('invoice', ''),
    sample: { ...samples.invoice, payment: samples.invoice.payments![0], duplicateSkipped: false },
  },
});
