/**
 * The records a webhook event names: in its `data` (namedRecords) and, for a job event, those the job
 * names once it is in hand (contextRecords). Fetching (fetch.ts) asks round by round what is still
 * wanted; the output (event-output.ts) reads the same answers: one place decides both.
 */
import { isJobEvent, JOB_CONTEXT, RECORD_IDS } from '../events/catalog';
import type { KindKey } from '../records/kinds';

export interface WebhookEvent {
  id: string;
  type: string;
  created: string | null;
  data: Record<string, unknown>;
}

type Output = Record<string, unknown>;

/**
 * A record by kind and id, already shaped for output: the record, `null` when Storeganise no longer
 * has it (404), `undefined` when it was not looked up.
 */
export type Lookup = (kind: KindKey, id: string) => Output | null | undefined;

export const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const idIn = (record: Output | null | undefined, key: string): string | null =>
  record && isId(record[key]) ? record[key] : null;

/** The records an event's `data` names: [output key, kind, id]. */
export function namedRecords(event: WebhookEvent): Array<{ key: string; kind: KindKey; id: string }> {
  const out: Array<{ key: string; kind: KindKey; id: string }> = [];
  for (const [idKey, record] of Object.entries(RECORD_IDS)) {
    const id = event.data[idKey];
    if (isId(id)) out.push({ key: record.key, kind: record.kind, id });
  }
  return out;
}

/**
 * What a job event hands on besides the job: ids read from the job (its output names them, read where
 * the job keeps them), then from the event's own rental ids, then from the rental and the unit.
 */
export function contextRecords(
  event: WebhookEvent,
  lookup: Lookup,
): Array<{ key: string; kind: KindKey; id: string | null }> {
  if (!isJobEvent(event.type)) return [];
  const data = event.data;
  const job = isId(data.jobId) ? lookup('job', data.jobId) : undefined;
  const rentalId =
    (isId(data.unitRentalId) ? data.unitRentalId : null) ??
    (isId(data.newRentalId) ? data.newRentalId : null) ??
    idIn(job, 'unitRentalId');
  const rental = rentalId ? lookup('unitRental', rentalId) : undefined;
  const unitId = idIn(job, 'unitId') ?? idIn(rental, 'unitId');
  const unit = unitId ? lookup('unit', unitId) : undefined;
  const ids: Record<string, string | null> = {
    customer: idIn(job, 'customerId') ?? idIn(rental, 'ownerId'),
    unitRental: rentalId,
    unit: unitId,
    site: idIn(job, 'siteId') ?? idIn(rental, 'siteId') ?? idIn(unit, 'siteId'),
  };
  return JOB_CONTEXT.map(({ key, kind }) => ({ key, kind, id: ids[key] }));
}

/** Every record an event hands on, as far as the records looked up so far tell. */
export function wantedRecords(
  event: WebhookEvent,
  lookup: Lookup,
): Array<{ key: string; kind: KindKey; id: string }> {
  const context = contextRecords(event, lookup).filter((r): r is { key: string; kind: KindKey; id: string } =>
    isId(r.id),
  );
  return [...namedRecords(event), ...context];
}
