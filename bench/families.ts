/**
 * The trigger families the benchmark delivers, each as this app's trigger and the baseline's, and the
 * signed deliveries Storeganise would POST for them (the bundle Zapier hands a hook's perform).
 */
import { signBody } from '../sandbox/server';
import { makeId } from '../sandbox/ids';
import { BASELINE_TRIGGERS } from './baseline';
import type { SeedIds } from './records';

type Dict = Record<string, unknown>;

export interface Family {
  name: string;
  /** this app's trigger key */
  ours: string;
  /** the baseline's trigger key */
  baseline: string;
  type: string;
  /** the event's data for the seeded records */
  data: (ids: SeedIds) => Dict;
  /** round trips to Storeganise the records need, one after another: the least any app can wait */
  floor: number;
}

export const MOVE_IN: Family = {
  name: 'move-in job event',
  ours: 'new_move_in',
  baseline: BASELINE_TRIGGERS.moveIn,
  type: 'job.unit_moveIn.created',
  data: (ids) => ({ jobId: ids.moveInJob }),
  floor: 2,
};

export const FAMILIES: Family[] = [
  MOVE_IN,
  {
    name: 'unit rental event',
    ours: 'unit_rental_updated',
    baseline: BASELINE_TRIGGERS.unitRental,
    type: 'unitRental.updated',
    data: (ids) => ({ unitRentalId: ids.unitRental, changedKeys: ['price'] }),
    floor: 1,
  },
  {
    name: 'invoice event',
    ours: 'invoice_state_changed',
    baseline: BASELINE_TRIGGERS.invoice,
    type: 'invoice.state.updated',
    data: (ids) => ({ invoiceId: ids.paidInvoice, to: 'paid' }),
    floor: 1,
  },
  {
    name: 'customer event',
    ours: 'new_customer',
    baseline: BASELINE_TRIGGERS.customer,
    type: 'user.created',
    data: (ids) => ({ userId: ids.customer }),
    floor: 1,
  },
  {
    name: 'Invoice Paid',
    ours: 'invoice_paid',
    baseline: BASELINE_TRIGGERS.invoicePaid,
    type: 'invoice.state.updated',
    data: (ids) => ({ invoiceId: ids.paidInvoice, to: 'paid' }),
    floor: 2,
  },
];

export interface WebhookEvent {
  id: string;
  created: string;
  type: string;
  data: Dict;
}

let sequence = 0;

/** A new event (a new id each time: a repeated id is skipped by this app's dedupe). */
export function newEvent(type: string, data: Dict): WebhookEvent {
  sequence += 1;
  return { id: makeId('event', 0x100000 + sequence), created: new Date().toISOString(), type, data };
}

/**
 * What Zapier hands the hook's perform for one POST of these events (one, or a batch as a JSON list),
 * signed as Storeganise signs it. Each delivery comes with a subscription of its own (a Zap of its own),
 * so Invoice Paid's once-per-payment claim never skips a delivery the benchmark repeats.
 */
export function deliveryBundle(
  events: WebhookEvent[],
  connection: { authData: Record<string, string>; signingSecret: string },
): Dict {
  const body = events.length === 1 ? events[0] : events;
  const content = JSON.stringify(body);
  return {
    authData: { ...connection.authData },
    inputData: {},
    subscribeData: { id: `wh_bench_${events[0].id}` },
    cleanedRequest: body,
    rawRequest: {
      method: 'POST',
      querystring: '',
      content,
      headers: {
        'Http-Content-Type': 'application/json',
        'Http-Sg-Signature': signBody(connection.signingSecret, content),
      },
    },
    meta: {},
  };
}
