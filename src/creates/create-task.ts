/**
 * Create Task: a Storeganise job of type `task` on a unit or a customer (C: `POST jobs`).
 * Duplicate-safe: the jobs list cannot be searched for "this task" (no documented filter, no
 * order), so each task this connection creates is remembered in Zapier's cache (scoped to the
 * connection) under a hash of its target, title and description for REPLAY_DAYS; a replay finds it
 * there and, while the task is still open, returns it instead of creating a second one.
 * Output: the whole job, read back as a trigger's job is.
 */
import { defineCreate, defineInputFields, type Bundle, type ZObject } from 'zapier-platform-core';
import { connectionCache } from '../cache';
import { businessCode, createTask, findJob, getJob } from '../client';
import { customerIdField, siteIdField, skipDuplicatesField } from '../input-fields';
import { bool, invalidInput, requiredText, text } from '../read-input';
import { jobOutput } from '../record-outputs';
import { samples } from '../record-samples';
import type { Job } from '../types';
import { outputFieldsFor } from '../record-kinds';

/** How long a created task is remembered for replays (Zapier replays within days, not weeks). */
export const REPLAY_DAYS = 7;
const CLOSED = new Set(['completed', 'cancelled', 'canceled', 'failed']);

/** A task as `POST jobs` returns it, made from the shared sample records. */
const sampleTask: Job = {
  id: '64f1c2a9e3b7d10012a4f501',
  type: 'task',
  state: 'created',
  ownerId: null,
  siteId: samples.unit.siteId,
  data: {
    targetType: 'unit',
    targetId: samples.unit.id,
    title: 'Check lock on unit A-104',
    desc: 'Customer reported a stiff latch.',
  },
  created: '2026-11-22T08:15:00.000Z',
  updated: '2026-11-22T08:15:00.000Z',
};

const inputFields = defineInputFields([
  {
    key: 'title',
    label: 'Title',
    required: true,
    helpText: 'What needs doing, e.g. "Check lock on unit A-104".',
  },
  {
    key: 'description',
    label: 'Description',
    type: 'text',
    helpText: 'Details for the staff member who picks the task up.',
  },
  { ...siteIdField, helpText: 'Optional: narrows the Unit dropdown to one site. Not sent with the task.' },
  {
    key: 'unitId',
    label: 'Unit',
    dynamic: 'unit_list.id.label',
    helpText:
      'The task is about this unit: pick one or map a Unit ID. Fill in this or Customer ID, not both.',
  },
  {
    ...customerIdField,
    required: false,
    helpText:
      'The task is about this customer: pick one or map a Customer ID. Fill in this or Unit, not both.',
  },
  skipDuplicatesField('open task'),
]);

function replayKey(z: ZObject, bundle: Bundle, task: object): string {
  return `create_task:${businessCode(bundle.authData)}:${z.hash('sha256', JSON.stringify(task))}`;
}

export default defineCreate({
  key: 'create_task',
  noun: 'Task',
  display: { label: 'Create Task', description: 'Creates a task for your staff about a unit or a customer.' },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = bundle.inputData;
      const title = requiredText(z, input.title, 'Title');
      const desc = text(input.description);
      const unitId = text(input.unitId);
      const customerId = text(input.customerId);
      if (!unitId === !customerId) throw invalidInput(z, 'Fill in either Unit or Customer ID (exactly one).');
      const task = {
        targetType: unitId ? ('unit' as const) : ('user' as const),
        targetId: (unitId ?? customerId)!,
        title,
        ...(desc ? { desc } : {}),
      };

      const skip = bool(input.skipDuplicates, true);
      const key = replayKey(z, bundle, task);
      if (skip) {
        const earlier: unknown = await connectionCache(z).get(key);
        const job = typeof earlier === 'string' ? await findJob(z, bundle, earlier) : null;
        if (job && !CLOSED.has(String(job.state ?? ''))) return { ...jobOutput(job), duplicateSkipped: true };
      }
      const created = await createTask(z, bundle, task);
      await connectionCache(z).set(key, created.id, REPLAY_DAYS * 24 * 3600);
      return { ...jobOutput(await getJob(z, bundle, created.id)), duplicateSkipped: false };
    },
    // A new task has no workflow step yet: every other job field is labelled.
    outputFields: outputFieldsFor('job', '').filter((field) => field.key !== 'step'),
    sample: { ...jobOutput(sampleTask), duplicateSkipped: false },
  },
});
