/**
 * ONE table of the record kinds the app hands on: where each lives in the API (client), the function
 * that shapes it for a Zap step, its realistic sample, the labels of its output fields and how a
 * dropdown names one. Triggers, performList, static samples, searches and `outputFields` all derive
 * from it; adding a kind is one row here (plus its endpoint in src/client/include.ts).
 */
import type { ResourceKind } from './client/include';
import {
  customerOutput,
  fullName,
  invoiceOutput,
  jobOutput,
  siteOutput,
  unitOutput,
  unitRentalOutput,
} from './record-outputs';
import { localisedText } from './plain';
import { samples } from './record-samples';
import type { SgRecord } from './types';

type Output = Record<string, unknown>;

export interface RecordKind {
  /** Human name, also the prefix of its output field labels: "Customer" → "Customer Email". */
  noun: string;
  /** Its endpoint in the client (RESOURCES). */
  resource: ResourceKind;
  /** The shape a Zap step receives. */
  output: (record: SgRecord) => Output;
  /** A realistic record already shaped by `output`. */
  sample: Output;
  /** Labels of the fields users map most (key in the output → label without the noun). */
  fields: Record<string, string>;
  /** How a dropdown or a message names one record. */
  label: (record: SgRecord) => string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

// prettier-ignore
export const RECORD_KINDS = {
  job: {
    noun: 'Job', resource: 'job', output: (r) => jobOutput({ ...r, type: text(r.type) ?? '' }), sample: samples.job,
    fields: { id: 'ID', type: 'Type', state: 'State', step: 'Step', customerId: 'Customer ID', unitRentalId: 'Unit Rental ID',
      unitId: 'Unit ID', siteId: 'Site ID', created: 'Created', updated: 'Updated' },
    label: (r) => `${text(r.type) ?? 'Job'} ${r.id}`,
  },
  unitRental: {
    noun: 'Unit Rental', resource: 'unitRental', output: unitRentalOutput, sample: samples.unitRental,
    fields: { id: 'ID', state: 'State', startDate: 'Start Date', endDate: 'End Date', price: 'Price', deposit: 'Deposit',
      overdue: 'Overdue', unitName: 'Unit Name', customerName: 'Customer Name', customerEmail: 'Customer Email',
      unitId: 'Unit ID', siteId: 'Site ID', ownerId: 'Customer ID' },
    label: (r) => `${text((r.unit as SgRecord | undefined)?.name) ?? 'Rental'} · ${fullName(r.owner as SgRecord) ?? r.id}`,
  },
  invoice: {
    noun: 'Invoice', resource: 'invoice', output: invoiceOutput, sample: samples.invoice,
    fields: { id: 'ID', invoiceNumber: 'Number', state: 'State', total: 'Total', balance: 'Balance',
      customerName: 'Customer Name', customerEmail: 'Customer Email', unitRentalId: 'Unit Rental ID', created: 'Created' },
    label: (r) => `Invoice #${String(r.sid ?? r.id)}`,
  },
  customer: {
    noun: 'Customer', resource: 'customer', output: customerOutput, sample: samples.customer,
    fields: { id: 'ID', name: 'Name', firstName: 'First Name', lastName: 'Last Name', email: 'Email', phone: 'Phone',
      companyName: 'Company Name' },
    label: (r) => fullName(r) ?? text(r.email) ?? r.id,
  },
  unit: {
    noun: 'Unit', resource: 'unit', output: unitOutput, sample: samples.unit,
    fields: { id: 'ID', name: 'Name', state: 'State', siteId: 'Site ID' },
    label: (r) => text(r.name) ?? `Unit ${r.id}`,
  },
  site: {
    noun: 'Site', resource: 'site', output: siteOutput, sample: samples.site,
    fields: { id: 'ID', name: 'Name', code: 'Code' },
    label: (r) => [localisedText(r.title) ?? r.id, text(r.code) && `(${text(r.code)})`].filter(Boolean).join(' '),
  },
} as const satisfies Record<string, RecordKind>;

export type KindKey = keyof typeof RECORD_KINDS;

export const kindOf = (key: KindKey): RecordKind => RECORD_KINDS[key];

/**
 * Zapier `outputFields` for a record handed on under `outputKey` ("" = at the top level),
 * labelled "<prefix> <field>".
 */
export function outputFieldsFor(kind: KindKey, outputKey: string, prefix: string = RECORD_KINDS[kind].noun) {
  return Object.entries(RECORD_KINDS[kind].fields).map(([field, label]) => ({
    key: outputKey ? `${outputKey}__${field}` : field,
    label: `${prefix} ${label}`,
  }));
}
