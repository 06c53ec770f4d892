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

/** A: the `type`/`state` filter names on the jobs list. */
export const listJobs = (z: ZObject, bundle: Bundle, filter: { type?: string; state?: string }, max: number) =>
  listAll<Job>(z, bundle, ['jobs'], { type: filter.type, state: filter.state }, max);

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

/**
 * A: which rentals a transfer job names. Live `job.unit_transfer.completed` events carry both ids;
 * only trigger samples built from a listed job need this: the new rental as `result.unitRentalId`,
 * the old one as `data.unitRentalId`.
 */
export function transferRentalIds(job: Record<string, unknown>): { newRentalId: unknown; oldRentalId: unknown } {
  const pick = (obj: unknown) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>).unitRentalId : undefined);
  return { newRentalId: pick(job.result), oldRentalId: pick(job.data) };
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
