/**
 * ONE table of the record kinds the app hands on: the client function that reads one by id, the
 * function that shapes it for a Zap step, its realistic sample and the labels of its output fields.
 * Triggers, performList, static samples, searches and `outputFields` all derive from it; adding a kind
 * is one row here (its endpoint and include set live with its resource in src/client/).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  type CustomFieldModel,
  findInvoice,
  findJob,
  findSite,
  findUnit,
  findUnitRental,
  findUser,
} from '../client';
import {
  customerOutput,
  invoiceOutput,
  jobOutput,
  siteOutput,
  unitOutput,
  unitRentalOutput,
} from './outputs';
import { samples } from './samples';
import { textOf as text } from '../text';
import type { SgRecord } from '../types';

type Output = Record<string, unknown>;

export interface RecordKind {
  /** Human name, also the prefix of its output field labels: "Customer" → "Customer Email". */
  noun: string;
  /** Reads one by id with its include set; null when Storeganise answers 404. */
  find: (z: ZObject, bundle: Bundle, id: string) => Promise<SgRecord | null>;
  /** The shape a Zap step receives. */
  output: (record: SgRecord) => Output;
  /** A realistic record already shaped by `output`. */
  sample: Output;
  /** Labels of the fields users map most (key in the output → label without the noun). */
  fields: Record<string, string>;
  /**
   * A list of objects handed on as Zapier line items (an output field with `children`), so an
   * accounting step maps them as line items: its key, label and the labels of each item's fields.
   */
  lineItems?: { key: string; label: string; fields: Record<string, string> };
  /** The settings' custom field definitions that title its `customFields` (src/records/custom-field-labels.ts). */
  customFields?: CustomFieldModel;
}

// prettier-ignore
export const RECORD_KINDS = {
  job: {
    noun: 'Job', find: findJob, output: (r) => jobOutput({ ...r, type: text(r.type) ?? '' }), sample: samples.job,
    fields: { id: 'ID', type: 'Type', state: 'State', step: 'Step', customerId: 'Customer ID', unitRentalId: 'Unit Rental ID',
      unitId: 'Unit ID', siteId: 'Site ID', created: 'Created', updated: 'Updated' },
  },
  unitRental: {
    noun: 'Unit Rental', find: findUnitRental, output: unitRentalOutput, sample: samples.unitRental, customFields: 'unitRental',
    fields: { id: 'ID', state: 'State', startDate: 'Start Date', endDate: 'End Date', price: 'Price', deposit: 'Deposit',
      overdue: 'Overdue', unitName: 'Unit Name', customerName: 'Customer Name', customerEmail: 'Customer Email',
      unitId: 'Unit ID', siteId: 'Site ID', ownerId: 'Customer ID' },
  },
  invoice: {
    noun: 'Invoice', find: findInvoice, output: invoiceOutput, sample: samples.invoice, customFields: 'invoice',
    fields: { id: 'ID', invoiceNumber: 'Number', state: 'State', currency: 'Currency', subtotal: 'Subtotal',
      taxTotal: 'Tax Total', total: 'Total', amountPaid: 'Amount Paid', balance: 'Balance',
      customerName: 'Customer Name', customerEmail: 'Customer Email', unitRentalId: 'Unit Rental ID', created: 'Created' },
    lineItems: { key: 'lineItems', label: 'Line Items', fields: { id: 'Line Item ID', description: 'Line Item Description',
      quantity: 'Line Item Quantity', unitAmount: 'Line Item Unit Amount', subtotal: 'Line Item Subtotal',
      taxRate: 'Line Item Tax Rate (%)', tax: 'Line Item Tax', total: 'Line Item Total', code: 'Line Item Code',
      type: 'Line Item Type', servicePeriodStart: 'Line Item Service Period Start',
      servicePeriodEnd: 'Line Item Service Period End' } },
  },
  customer: {
    noun: 'Customer', find: findUser, output: customerOutput, sample: samples.customer, customFields: 'user',
    fields: { id: 'ID', name: 'Name', firstName: 'First Name', lastName: 'Last Name', email: 'Email', phone: 'Phone',
      companyName: 'Company Name' },
  },
  unit: {
    noun: 'Unit', find: findUnit, output: unitOutput, sample: samples.unit, customFields: 'unit',
    fields: { id: 'ID', name: 'Name', state: 'State', siteId: 'Site ID' },
  },
  site: {
    noun: 'Site', find: findSite, output: siteOutput, sample: samples.site, customFields: 'site',
    fields: { id: 'ID', name: 'Name', code: 'Code' },
  },
} as const satisfies Record<string, RecordKind>;

export type KindKey = keyof typeof RECORD_KINDS;

export const kindOf = (key: KindKey): RecordKind => RECORD_KINDS[key];

export interface OutputField {
  key: string;
  label: string;
  /** A line-item group: the fields of each item, keyed as in the item (zapier-platform-schema's `children`). */
  children?: Array<{ key: string; label: string }>;
}

/**
 * Zapier `outputFields` for a record handed on under `outputKey` ("" = at the top level),
 * labelled "<prefix> <field>", with its line items as one field whose `children` label each item's fields.
 */
export function outputFieldsFor(
  kind: KindKey,
  outputKey: string,
  prefix: string = RECORD_KINDS[kind].noun,
): OutputField[] {
  const row: RecordKind = RECORD_KINDS[kind];
  const keyOf = (field: string) => (outputKey ? `${outputKey}__${field}` : field);
  const fields: OutputField[] = Object.entries(row.fields).map(([field, label]) => ({
    key: keyOf(field),
    label: `${prefix} ${label}`,
  }));
  if (row.lineItems) {
    fields.push({
      key: keyOf(row.lineItems.key),
      label: `${prefix} ${row.lineItems.label}`,
      children: Object.entries(row.lineItems.fields).map(([key, label]) => ({
        key,
        label: `${prefix} ${label}`,
      })),
    });
  }
  return fields;
}
