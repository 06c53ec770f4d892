/**
 * The records the benchmark delivers events about, added to a sandbox business: move-ins that share
 * nothing (each its own job, customer, rental, unit and site, so a batch of N events needs 5 × N requests
 * from this app and from the baseline alike), with the job padded to a given size by custom fields of
 * the kind operators keep on jobs (checklists, notes, readings). Shapes are the seeded move-in's.
 */
import type { Sandbox } from '../sandbox/server';
import { makeId, type IdKind, type Rec } from '../sandbox/ids';

/** The seeded records each trigger family's event names. */
export interface SeedIds {
  /** a move-in job naming its customer, rental, unit and site */
  moveInJob: string;
  unitRental: string;
  /** a paid invoice with a rental and a customer */
  paidInvoice: string;
  customer: string;
  unit: string;
}

export interface MoveInIds {
  jobId: string;
  customerId: string;
  unitRentalId: string;
  unitId: string;
  siteId: string;
  /** the job's JSON, in bytes (its GET answer, give or take the include) */
  jobBytes: number;
}

export function seededIds(sandbox: Sandbox): SeedIds {
  const { jobs, invoices } = sandbox.data;
  const job = jobs.find((j) => j.type === 'unit_moveIn')!;
  const result = job.result as Record<string, string>;
  const invoice = invoices.find((i) => i.state === 'paid' && i.unitRentalId)!;
  return {
    moveInJob: job.id,
    unitRental: result.unitRentalId,
    paidInvoice: invoice.id,
    customer: result.ownerId,
    unit: result.unitId,
  };
}

const NOTES = [
  'Customer asked for a ground-floor unit close to the loading bay; trolley provided at move-in.',
  'Padlock bought on site, key handed over; insurance cover confirmed at £2,000 for household goods.',
  'Access code issued by SMS; customer will store furniture from a flat move, about 40 boxes.',
  'ID checked (passport); proof of address on file; direct debit mandate signed on the tablet.',
];

/** Custom fields until the record's JSON is about `bytes` long (nothing added if it is already). */
export function padRecord(record: Rec, bytes: number): Rec {
  const fields = { ...((record.customFields as Record<string, unknown>) ?? {}) };
  let size = JSON.stringify(record).length;
  for (let i = 0; size < bytes; i++) {
    const n = String(i).padStart(5, '0');
    const [key, value]: [string, unknown] =
      i % 4 === 0
        ? [`meter_reading_${n}`, 1000 + i * 7]
        : i % 4 === 1
          ? [`checklist_${n}_done`, i % 3 !== 0]
          : [`note_${n}`, `${NOTES[i % NOTES.length]} (${n})`];
    fields[key] = value;
    size += JSON.stringify(key).length + JSON.stringify(value).length + 2;
  }
  return { ...record, customFields: fields };
}

const counters = new WeakMap<Sandbox, number>();

/**
 * Adds `count` move-ins, each with its own customer, rental, unit and site, the job padded to about
 * `jobBytes`. Ids follow the sandbox's form, numbered far above the seed's.
 */
export function addMoveIns(sandbox: Sandbox, count: number, jobBytes: number): MoveInIds[] {
  const { data } = sandbox;
  const template = {
    job: data.jobs.find((j) => j.type === 'unit_moveIn')!,
    rental: data.unitRentals[0],
    unit: data.units.find((u) => u.id === data.unitRentals[0].unitId)!,
    user: data.users[0],
    site: data.sites[0],
  };
  const added: MoveInIds[] = [];
  let next = counters.get(sandbox) ?? 0x10000;
  for (let i = 0; i < count; i++, next++) {
    const id = (kind: IdKind) => makeId(kind, next);
    const ids = {
      jobId: id('job'),
      customerId: id('user'),
      unitRentalId: id('rental'),
      unitId: id('unit'),
      siteId: id('site'),
    };
    const copy = (record: Rec, fields: Record<string, unknown>): Rec => ({
      ...structuredClone(record),
      ...fields,
    });
    data.sites.push(copy(template.site, { id: ids.siteId, code: `B${next.toString(36)}` }));
    data.units.push(copy(template.unit, { id: ids.unitId, siteId: ids.siteId, name: `U-${next}` }));
    data.users.push(copy(template.user, { id: ids.customerId, email: `customer.${next}@example.com` }));
    data.unitRentals.push(
      copy(template.rental, {
        id: ids.unitRentalId,
        unitId: ids.unitId,
        siteId: ids.siteId,
        ownerId: ids.customerId,
      }),
    );
    const job = copy(template.job, {
      id: ids.jobId,
      state: 'created',
      ownerId: ids.customerId,
      siteId: ids.siteId,
      data: { unitId: ids.unitId, startDate: '2026-12-01' },
      result: {
        unitId: ids.unitId,
        unitRentalId: ids.unitRentalId,
        ownerId: ids.customerId,
        siteId: ids.siteId,
      },
    });
    const padded = padRecord(job, jobBytes);
    data.jobs.push(padded);
    added.push({ ...ids, jobBytes: Buffer.byteLength(JSON.stringify(padded)) });
  }
  counters.set(sandbox, next);
  return added;
}
