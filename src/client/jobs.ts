/** Jobs: move-ins, move-outs, transfers, valet orders, tasks. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { Job } from '../types';

export const getJob = (z: ZObject, bundle: Bundle, id: string) =>
  must<Job>(z, bundle, { path: ['jobs', id], params: { include: INCLUDE.job }, what: `Job ${id}` });

export const findJob = (z: ZObject, bundle: Bundle, id: string) =>
  sgRequest<Job>(z, bundle, {
    path: ['jobs', id],
    params: { include: INCLUDE.job },
    what: `Job ${id}`,
    allowNotFound: true,
  });

/**
 * The most recently updated jobs of a type, as a production client lists them (L): `type` and
 * `sort=-updated` sent; the caller checks type and state again (the filter names are A).
 */
export const listRecentJobs = (z: ZObject, bundle: Bundle, filter: { type?: string }, max: number) =>
  listAll<Job>(z, bundle, ['jobs'], { type: filter.type, sort: '-updated' }, max);

/** A: the `type`/`state` filter names on the jobs list. */
export const listJobs = (
  z: ZObject,
  bundle: Bundle,
  filter: { type?: string; state?: string },
  max: number,
) => listAll<Job>(z, bundle, ['jobs'], { type: filter.type, state: filter.state }, max);

/** C: a task job on a unit or a customer. */
export const createTask = (
  z: ZObject,
  bundle: Bundle,
  task: { targetType: 'unit' | 'user'; targetId: string; title: string; desc?: string },
) =>
  must<Job>(z, bundle, {
    method: 'POST',
    path: ['jobs'],
    body: { type: 'task', ownerId: null, data: task },
    what: 'Creating a task',
  });

type Dict = Record<string, unknown>;
const obj = (value: unknown): Dict =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : {};
const id = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The job's `start` step result, where production handlers find the records a job made (L). */
function startResult(job: Dict): Dict {
  const steps = Array.isArray(job.steps) ? job.steps : [];
  return obj(obj(steps.find((step) => obj(step).type === 'start')).result);
}

/** The records a job is about, wherever the job keeps them (null when it names none). */
export interface JobRecordIds {
  customerId: string | null;
  unitRentalId: string | null;
  unitId: string | null;
  siteId: string | null;
}

/**
 * L (production move-in and transfer handlers; docs/storeganise-api.md, Jobs: "Where a job's records are"):
 * - customer: `result.ownerId` (jobs created through the API carry the API user in `ownerId`), else `ownerId`;
 * - unit rental: `steps[type=start].result.unitRentalId`, else `result.unitRentalId`, else `data.unitRentalId`
 *   (a transfer: `data.newRentalId` last — its new rental);
 * - unit: `result.unitId`, else the start step's, else `data.newUnitId` (transfer), else `data.unitId`;
 * - site: `siteId`, else `result.siteId`, else `data.siteId`.
 */
export function jobRecordIds(job: Dict): JobRecordIds {
  const data = obj(job.data);
  const result = obj(job.result);
  const start = startResult(job);
  return {
    customerId: id(result.ownerId) ?? id(job.ownerId),
    unitRentalId:
      id(start.unitRentalId) ?? id(result.unitRentalId) ?? id(data.unitRentalId) ?? id(data.newRentalId),
    unitId: id(result.unitId) ?? id(start.unitId) ?? id(data.newUnitId) ?? id(data.unitId),
    siteId: id(job.siteId) ?? id(result.siteId) ?? id(data.siteId),
  };
}

/**
 * L: which rentals a transfer job names (live `job.unit_transfer.completed` events carry both ids;
 * sample data built from a listed job reads them here): the old one is `data.oldRentalId`, the new one
 * the start step's `result.unitRentalId`, else `data.unitRentalId`, else `data.newRentalId`.
 */
export function transferRentalIds(job: Dict): { newRentalId: string | null; oldRentalId: string | null } {
  const data = obj(job.data);
  return {
    newRentalId: id(startResult(job).unitRentalId) ?? id(data.unitRentalId) ?? id(data.newRentalId),
    oldRentalId: id(data.oldRentalId),
  };
}

/**
 * L (one production client): complete one step of a job, `PUT jobs/{id}/steps/{stepId}
 * { state: "completed" }`; a move-out's step also says what the unit becomes (`nextUnitState`).
 */
export const completeJobStep = (
  z: ZObject,
  bundle: Bundle,
  jobId: string,
  stepId: string,
  options: { nextUnitState?: string } = {},
) =>
  sgRequest<unknown>(z, bundle, {
    method: 'PUT',
    path: ['jobs', jobId, 'steps', stepId],
    body: { state: 'completed', ...(options.nextUnitState ? { nextUnitState: options.nextUnitState } : {}) },
    what: `Step ${stepId} of job ${jobId}`,
    expect: 'any', // the answer is not read: the job is read again after the write
  });
