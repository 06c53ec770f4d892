/**
 * Jobs: creating them (C for tasks; move-ins here stand in for a customer booking online), completing
 * steps (L), and the events Storeganise announces for them (`job.<type>.created` / `.completed`).
 */
import type { Delivery } from '../deliveries';
import type { Rec } from '../seed';
import { clone, HttpError, isObject, now, ok, requireObject } from '../http';
import { finishMoveOut, nextUnitStateProblem } from '../workflow-routes';
import type { Api, Routes } from './context';

/** Job types whose creation Storeganise announces as `job.<type>.created`. */
const ANNOUNCED_JOB_TYPES = new Set(['unit_moveIn', 'unit_moveOut', 'valetOrder']);

export interface MoveIn {
  job: Rec;
  unitRental: Rec;
  deliveries: Promise<Delivery[]>;
}

/** A customer books a unit online: a move-in job with a reserved rental, announced to webhooks. */
export function createMoveIn(
  api: Api,
  input: { ownerId?: string; unitId?: string; startDate?: string } = {},
): MoveIn {
  const { store } = api;
  const unit = input.unitId
    ? store.get('units', input.unitId)
    : store.data.units.find((u) => u.state === 'available');
  if (!unit) throw new HttpError(400, 'No available unit to move into.');
  if (unit.state !== 'available') {
    throw new HttpError(400, `Unit ${String(unit.name)} is ${String(unit.state)}, not available.`);
  }
  const owner = store.get('users', input.ownerId ?? store.data.users[0].id);
  const startDate = input.startDate ?? now().slice(0, 10);
  const unitRental = store.insert('unitRentals', {
    unitId: unit.id,
    siteId: unit.siteId,
    ownerId: owner.id,
    state: 'reserved',
    startDate,
    endDate: null,
    price: 99,
    deposit: 50,
    overdue: false,
    charges: [],
    customFields: {},
  });
  unit.state = 'reserved';
  unit.updated = now();
  const job = store.insert('jobs', {
    type: 'unit_moveIn',
    state: 'created',
    step: 'created',
    ownerId: owner.id,
    siteId: unit.siteId,
    data: { unitId: unit.id, startDate },
    result: { unitId: unit.id, unitRentalId: unitRental.id, ownerId: owner.id, siteId: unit.siteId },
    steps: [
      { id: store.newId('step'), type: 'unit_moveIn_agreement', state: 'ready' },
      { id: store.newId('step'), type: 'unit_moveIn_payment', state: 'ready' },
    ],
    customFields: {},
  });
  return { job, unitRental, deliveries: api.emit('job.unit_moveIn.created', { jobId: job.id }) };
}

function createJob(api: Api, body: Record<string, unknown>): Rec {
  const type = body.type;
  if (typeof type !== 'string' || !type) throw new HttpError(400, '"type" is required');
  const data = isObject(body.data) ? body.data : {};
  if (type === 'task') {
    if (data.targetType !== 'unit' && data.targetType !== 'user') {
      throw new HttpError(400, '"data.targetType" must be "unit" or "user"');
    }
    if (typeof data.targetId !== 'string') throw new HttpError(400, '"data.targetId" is required');
    api.store.get(data.targetType === 'unit' ? 'units' : 'users', data.targetId);
    if (typeof data.title !== 'string' || !data.title.trim())
      throw new HttpError(400, '"data.title" is required');
  }
  if (type === 'unit_moveIn') {
    const { job } = createMoveIn(api, {
      unitId: typeof data.unitId === 'string' ? data.unitId : undefined,
      ownerId: typeof body.ownerId === 'string' ? body.ownerId : undefined,
      startDate: typeof data.startDate === 'string' ? data.startDate : undefined,
    });
    return clone(job);
  }
  const onUnit = type === 'task' && data.targetType === 'unit';
  const unit = onUnit ? api.store.find('units', data.targetId as string) : undefined;
  const job = api.store.insert('jobs', {
    type,
    state: type === 'task' ? 'ready' : 'created',
    step: type === 'task' ? 'ready' : 'created',
    // jobs created through the API belong to the API user (docs/storeganise-api.md, L)
    ownerId: 'api_user_sandbox',
    siteId: unit?.siteId ?? (typeof body.siteId === 'string' ? body.siteId : undefined),
    data,
    result: {},
    steps: [],
    customFields: isObject(body.customFields) ? body.customFields : {},
  });
  if (ANNOUNCED_JOB_TYPES.has(type)) void api.emit(`job.${type}.created`, { jobId: job.id });
  return clone(job);
}

/**
 * Completing the last step completes the job: a completed move-in occupies its rental and unit, a completed
 * move-out ends its rental and frees the unit (`nextUnitState`, sandbox/workflow-routes.ts).
 */
function updateStep(api: Api, job: Rec, stepId: string, body: Record<string, unknown>): Rec {
  const steps = (job.steps as Array<Record<string, unknown>>) ?? [];
  const step = steps.find((s) => s.id === stepId);
  if (!step) throw new HttpError(404, `Step ${stepId} of job ${job.id} not found`);
  const problem = nextUnitStateProblem(body.nextUnitState);
  if (problem) throw new HttpError(400, problem);
  if (typeof body.state === 'string') step.state = body.state;
  if (body.state === 'completed') step.completedAt = now();
  if (steps.length && steps.every((s) => s.state === 'completed')) {
    job.state = 'completed';
    job.step = 'completed';
    const rentalId = (job.result as Record<string, unknown> | undefined)?.unitRentalId;
    if (job.type === 'unit_moveIn' && typeof rentalId === 'string') {
      const rental = api.store.find('unitRentals', rentalId);
      if (rental) rental.state = 'occupied';
      const unit = rental && api.store.find('units', rental.unitId as string);
      if (unit) unit.state = 'occupied';
    }
    if (job.type === 'unit_moveOut' && typeof rentalId === 'string') {
      const rental = api.store.find('unitRentals', rentalId);
      finishMoveOut(
        rental,
        rental && api.store.find('units', rental.unitId as string),
        body.nextUnitState,
        now(),
      );
    }
    void api.emit(`job.${String(job.type)}.completed`, {
      jobId: job.id,
      ...(typeof rentalId === 'string' ? { unitRentalId: rentalId } : {}),
    });
  }
  job.updated = now();
  return clone(job);
}

export const jobRoutes: Routes = (api, { method, parts: [resource, id, sub, subId], body }) => {
  if (resource !== 'jobs') return undefined;
  if (!id && method === 'POST') return ok(createJob(api, requireObject(body)), 201);
  if (id && sub === 'steps' && subId && method === 'PUT') {
    return ok(updateStep(api, api.store.get('jobs', id), subId, requireObject(body)));
  }
  return undefined;
};
