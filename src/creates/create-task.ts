/**
 * Create Task: a Storeganise job of type `task` on a unit or a customer (C: `POST jobs`).
 * Duplicate-safe: an open task with the same target, title and description is returned instead of
 * a second one (tasks are read with the A-level `listJobs` type filter, checked again here).
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { createTask, listJobs } from '../client';
import { bool, customerIdField, siteIdField, invalidInput, requiredText, skipDuplicatesField, text } from '../fields';
import { jobOutput } from '../outputs';
import { samples } from '../samples';
import type { Job } from '../types';

/** How many recent tasks are checked for a duplicate. */
export const TASKS_CHECKED = 1000;
const CLOSED = new Set(['completed', 'cancelled', 'canceled', 'failed']);

/** A task as `POST jobs` returns it, made from the shared sample records. */
const sampleTask: Job = {
  id: '64f1c2a9e3b7d10012a4f501',
  type: 'task',
  state: 'created',
  ownerId: null,
  siteId: samples.unit.siteId,
  data: { targetType: 'unit', targetId: samples.unit.id, title: 'Check lock on unit A-104', desc: 'Customer reported a stiff latch.' },
  created: '2026-11-22T08:15:00.000Z',
  updated: '2026-11-22T08:15:00.000Z',
};

const inputFields = defineInputFields([
  { key: 'title', label: 'Title', required: true, helpText: 'What needs doing, e.g. "Check lock on unit A-104".' },
  { key: 'description', label: 'Description', type: 'text', helpText: 'Details for the staff member who picks the task up.' },
  { ...siteIdField, helpText: 'Optional: narrows the Unit dropdown to one site. Not sent with the task.' },
  {
    key: 'unitId',
    label: 'Unit',
    dynamic: 'unit_list.id.label',
    helpText: 'The task is about this unit: pick one or map a Unit ID. Fill in this or Customer ID, not both.',
  },
  { ...customerIdField, required: false, helpText: 'The task is about this customer. Fill in this or Unit ID, not both.' },
  skipDuplicatesField('open task'),
]);

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

      if (bool(input.skipDuplicates, true)) {
        const same = (job: Job) =>
          job.type === 'task' &&
          !CLOSED.has(String(job.state ?? '')) &&
          job.data?.targetType === task.targetType &&
          job.data?.targetId === task.targetId &&
          job.data?.title === title &&
          (text(job.data?.desc) ?? '') === (desc ?? '');
        const existing = (await listJobs(z, bundle, { type: 'task' }, TASKS_CHECKED)).find(same);
        if (existing) return { ...jobOutput(existing), duplicateSkipped: true };
      }
      return { ...jobOutput(await createTask(z, bundle, task)), duplicateSkipped: false };
    },
    sample: { ...jobOutput(sampleTask), duplicateSkipped: false },
  },
});
