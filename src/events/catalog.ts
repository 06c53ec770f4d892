/**
 * The event catalog: ONE table of the Storeganise webhook events this app knows. Every instant
 * trigger is generated from it (src/triggers/), and the "New Event" dropdown lists it. Adding an
 * event is one row. Confidence of each event type and its `data` keys: docs/storeganise-api.md
 * (C confirmed, L likely, A assumed); rows marked A fire only if Storeganise really sends that type.
 */

/** Registered hydrators (src/hydrators.ts), by their key in the app. */
export type HydratorKey = 'job' | 'unitRental' | 'invoice' | 'customer' | 'unit';

/** `data` keys that name a record, and the output key under which that record is handed on. */
export const RECORD_IDS = {
  jobId: { key: 'job', hydrator: 'job' },
  unitRentalId: { key: 'unitRental', hydrator: 'unitRental' },
  invoiceId: { key: 'invoice', hydrator: 'invoice' },
  userId: { key: 'customer', hydrator: 'customer' },
  unitId: { key: 'unit', hydrator: 'unit' },
  newRentalId: { key: 'newUnitRental', hydrator: 'unitRental' },
  oldRentalId: { key: 'oldUnitRental', hydrator: 'unitRental' },
} as const satisfies Record<string, { key: string; hydrator: HydratorKey }>;

export type RecordIdKey = keyof typeof RECORD_IDS;
/** Every `data` key a catalog row can declare. */
export type DataKey = RecordIdKey | 'changedKeys' | 'to';

export const isRecordIdKey = (key: string): key is RecordIdKey => Object.prototype.hasOwnProperty.call(RECORD_IDS, key);

export interface EventRow {
  /** Storeganise event type, as sent in the webhook body's `type`. */
  type: string;
  /** Zapier trigger key. */
  key: string;
  noun: string;
  label: string;
  description: string;
  /** The `data` key holding the id of the record this event is about (required in the event). */
  idField: RecordIdKey;
  /** Other `data` keys the event carries (may be absent: then output as null). */
  alsoData?: DataKey[];
  /** Hydrator of the main record (must agree with RECORD_IDS[idField]). */
  hydrator: HydratorKey;
  /** Job events: the job `type` (sample data lists jobs of this type). */
  jobType?: string;
  /** Overrides on the static sample record (src/samples.ts) so each trigger's sample reads true. */
  sample?: Record<string, unknown>;
  /** Optional filter input: only invoices whose new state (`data.to`) is one of the chosen. */
  stateFilter?: boolean;
  confidence: 'C' | 'L' | 'A';
}

const OLD_RENTAL_ID = '64f1c2a9e3b7d10012a4d1f7';

// prettier-ignore
export const EVENT_CATALOG = [
  // ------------------------------------------------------------ valet orders (jobs)
  { type: 'job.valetOrder.created', key: 'new_valet_order', noun: 'Valet Order', label: 'New Valet Order',
    description: 'Triggers when a valet order is created (a customer books storage boxes or a collection).',
    idField: 'jobId', hydrator: 'job', jobType: 'valetOrder', sample: { type: 'valetOrder', state: 'created', step: 'created' }, confidence: 'C' },
  { type: 'job.valetOrder.submitted', key: 'valet_order_submitted', noun: 'Valet Order', label: 'Valet Order Submitted',
    description: 'Triggers when a customer submits a valet order.',
    idField: 'jobId', hydrator: 'job', jobType: 'valetOrder', sample: { type: 'valetOrder', state: 'submitted', step: 'submitted' }, confidence: 'A' },
  { type: 'job.valetOrder.started', key: 'valet_order_started', noun: 'Valet Order', label: 'Valet Order Started',
    description: 'Triggers when work on a valet order starts.',
    idField: 'jobId', hydrator: 'job', jobType: 'valetOrder', sample: { type: 'valetOrder', state: 'started', step: 'started' }, confidence: 'A' },
  { type: 'job.valetOrder.completed', key: 'valet_order_completed', noun: 'Valet Order', label: 'Valet Order Completed',
    description: 'Triggers when a valet order is completed.',
    idField: 'jobId', hydrator: 'job', jobType: 'valetOrder', sample: { type: 'valetOrder' }, confidence: 'A' },
  { type: 'job.valetOrder.cancelled', key: 'valet_order_cancelled', noun: 'Valet Order', label: 'Valet Order Cancelled',
    description: 'Triggers when a valet order is cancelled.',
    idField: 'jobId', hydrator: 'job', jobType: 'valetOrder', sample: { type: 'valetOrder', state: 'cancelled', step: 'cancelled' }, confidence: 'A' },

  // ------------------------------------------------------------ move-ins (jobs)
  { type: 'job.unit_moveIn.created', key: 'new_move_in', noun: 'Move-In', label: 'New Move-In',
    description: 'Triggers when a move-in is created (an online booking or one started in the portal).',
    idField: 'jobId', hydrator: 'job', jobType: 'unit_moveIn', sample: { state: 'created', step: 'created' }, confidence: 'C' },
  { type: 'job.unit_moveIn.started', key: 'move_in_started', noun: 'Move-In', label: 'Move-In Started',
    description: 'Triggers when a move-in starts.',
    idField: 'jobId', hydrator: 'job', jobType: 'unit_moveIn', sample: { state: 'started', step: 'started' }, confidence: 'A' },
  { type: 'job.unit_moveIn.completed', key: 'move_in_completed', noun: 'Move-In', label: 'Move-In Completed',
    description: 'Triggers when a move-in is completed, with the new unit rental, its unit and customer.',
    idField: 'jobId', alsoData: ['unitRentalId'], hydrator: 'job', jobType: 'unit_moveIn', confidence: 'C' },
  { type: 'job.unit_moveIn.cancelled', key: 'move_in_cancelled', noun: 'Move-In', label: 'Move-In Cancelled',
    description: 'Triggers when a move-in is cancelled.',
    idField: 'jobId', hydrator: 'job', jobType: 'unit_moveIn', sample: { state: 'cancelled', step: 'cancelled' }, confidence: 'A' },

  // ------------------------------------------------------------ move-outs (jobs)
  { type: 'job.unit_moveOut.created', key: 'new_move_out', noun: 'Move-Out', label: 'New Move-Out',
    description: 'Triggers when a move-out is created (a customer gives notice), with the unit rental.',
    idField: 'jobId', alsoData: ['unitRentalId'], hydrator: 'job', jobType: 'unit_moveOut', sample: { type: 'unit_moveOut', state: 'created', step: 'created' }, confidence: 'C' },
  { type: 'job.unit_moveOut.completed', key: 'move_out_completed', noun: 'Move-Out', label: 'Move-Out Completed',
    description: 'Triggers when a move-out is completed, with the ended unit rental.',
    idField: 'jobId', alsoData: ['unitRentalId'], hydrator: 'job', jobType: 'unit_moveOut', sample: { type: 'unit_moveOut' }, confidence: 'C' },
  { type: 'job.unit_moveOut.cancelled', key: 'move_out_cancelled', noun: 'Move-Out', label: 'Move-Out Cancelled',
    description: 'Triggers when a move-out is cancelled (the customer stays).',
    idField: 'jobId', alsoData: ['unitRentalId'], hydrator: 'job', jobType: 'unit_moveOut', sample: { type: 'unit_moveOut', state: 'cancelled', step: 'cancelled' }, confidence: 'C' },

  // ------------------------------------------------------------ transfers (jobs, handed on as the two rentals)
  { type: 'job.unit_transfer.completed', key: 'unit_transfer_completed', noun: 'Unit Transfer', label: 'Unit Transfer Completed',
    description: 'Triggers when a customer\'s transfer to another unit is completed, with the new and the old unit rental.',
    idField: 'newRentalId', alsoData: ['oldRentalId', 'jobId'], hydrator: 'unitRental', jobType: 'unit_transfer',
    sample: { type: 'unit_transfer', data: { unitRentalId: OLD_RENTAL_ID } }, confidence: 'C' },

  // ------------------------------------------------------------ unit rentals
  { type: 'unitRental.updated', key: 'unit_rental_updated', noun: 'Unit Rental', label: 'Unit Rental Updated',
    description: 'Triggers when a unit rental is updated (price, dates, custom fields…), with the changed fields.',
    idField: 'unitRentalId', alsoData: ['changedKeys'], hydrator: 'unitRental', confidence: 'C' },
  { type: 'unitRental.markOverdue', key: 'unit_rental_overdue', noun: 'Unit Rental', label: 'Unit Rental Marked Overdue',
    description: 'Triggers when a unit rental is marked overdue.',
    idField: 'unitRentalId', hydrator: 'unitRental', sample: { overdue: true }, confidence: 'C' },
  { type: 'unitRental.unmarkOverdue', key: 'unit_rental_overdue_cleared', noun: 'Unit Rental', label: 'Unit Rental Overdue Cleared',
    description: 'Triggers when a unit rental is no longer overdue.',
    idField: 'unitRentalId', hydrator: 'unitRental', confidence: 'C' },

  // ------------------------------------------------------------ invoices
  { type: 'invoice.created', key: 'new_invoice', noun: 'Invoice', label: 'New Invoice',
    description: 'Triggers when an invoice is created.',
    idField: 'invoiceId', hydrator: 'invoice', sample: { state: 'sent', balance: 141.5, payments: [] }, confidence: 'A' },
  { type: 'invoice.state.updated', key: 'invoice_state_changed', noun: 'Invoice', label: 'Invoice State Changed',
    description: 'Triggers when an invoice changes state (e.g. becomes paid or failed); optionally only for chosen states.',
    idField: 'invoiceId', alsoData: ['to'], hydrator: 'invoice', stateFilter: true, confidence: 'C' },
  { type: 'invoice.payments.updated', key: 'invoice_payments_updated', noun: 'Invoice', label: 'Invoice Payments Updated',
    description: 'Triggers when a payment on an invoice is added, changed or refunded.',
    idField: 'invoiceId', hydrator: 'invoice', confidence: 'C' },

  // ------------------------------------------------------------ customers and units
  { type: 'user.created', key: 'new_customer', noun: 'Customer', label: 'New Customer',
    description: 'Triggers when a customer account is created.',
    idField: 'userId', hydrator: 'customer', confidence: 'C' },
  { type: 'user.updated', key: 'customer_updated', noun: 'Customer', label: 'Customer Updated',
    description: 'Triggers when a customer\'s details are updated.',
    idField: 'userId', hydrator: 'customer', confidence: 'C' },
  { type: 'unit.updated', key: 'unit_updated', noun: 'Unit', label: 'Unit Updated',
    description: 'Triggers when a unit is updated (state, custom fields…), with the changed fields.',
    idField: 'unitId', alsoData: ['changedKeys'], hydrator: 'unit', confidence: 'C' },
] as const satisfies readonly EventRow[];

export type CatalogRow = (typeof EVENT_CATALOG)[number];

const BY_TYPE = new Map<string, EventRow>(EVENT_CATALOG.map((row) => [row.type, row]));

export const catalogRow = (type: string): EventRow | undefined => BY_TYPE.get(type);

/** All `data` keys a row declares, main id first. */
export const dataKeys = (row: EventRow): DataKey[] => [row.idField, ...(row.alsoData ?? [])];

/**
 * For a type not in the catalog (a future Storeganise event): the record its prefix names
 * (job.* → jobId, unitRental.* → unitRentalId, invoice.* → invoiceId, user.* → userId, unit.* → unitId).
 */
const PATTERNS: Array<[prefix: string, idField: RecordIdKey]> = [
  ['job.', 'jobId'],
  ['unitRental.', 'unitRentalId'],
  ['invoice.', 'invoiceId'],
  ['user.', 'userId'],
  ['unit.', 'unitId'],
];

export function patternIdField(type: string): RecordIdKey | undefined {
  return PATTERNS.find(([prefix]) => type.startsWith(prefix))?.[1];
}

/** What an event type is called in dropdowns and messages: "Move-In Completed". */
export function eventTypeLabel(type: string): string {
  return catalogRow(type)?.label ?? type;
}

/** Storeganise event types are dotted names: `job.unit_moveIn.completed`. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;
export const MAX_TYPE_LENGTH = 120;

export const isEventType = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_TYPE_LENGTH && EVENT_TYPE_PATTERN.test(value);
