/**
 * Create Task: a Storeganise job of type `task` on a unit or a customer (C: `POST jobs`).
 * Duplicate-safe: the jobs list cannot be searched for "this task" (no documented filter, no
 * order), so each task this connection creates is remembered in Zapier's cache (scoped to the
 * connection) under a hash of its target, title and description for REPLAY_DAYS; a replay finds it
 * there and, while the task is still open, returns it instead of creating a second one.
 *
 * The memory is taken before the task is created (`nx`, this run's token): `creating`, then `created`
 * with the task's id. Since the task cannot be re-read any other way, whatever the cache cannot vouch
 * for is reported, never repeated (docs/failure-semantics.md): the cache failing before the task is
 * created ends the step with a ThrottledError and nothing created; remembering the id failing after it
 * is created is logged and the task returned (an error then would make Zapier's replay create a second
 * one); a run that finds an identical task still `creating` waits briefly, then asks Zapier to retry,
 * and once that run is long gone says a task may exist rather than creating a second.
 * Output: the whole job, read back as a trigger's job is.
 */
import { defineCreate, defineInputFields, type Bundle, type ZObject } from 'zapier-platform-core';
import { CacheUnavailable, connectionCache, runToken, sleep } from '../cache';
import { businessCode, createTask, findJob, getJob } from '../client';
import { customerIdField, siteIdField, skipDuplicatesField } from '../input-fields';
import { bool, invalidInput, requiredText, text } from '../read-input';
import { jobOutput } from '../records/outputs';
import { samples } from '../records/samples';
import type { Job } from '../types';
import { outputFieldsFor } from '../records/kinds';

/** How long a created task is remembered for replays (Zapier replays within days, not weeks). */
export const REPLAY_DAYS = 7;
const CLOSED = new Set(['completed', 'cancelled', 'canceled', 'failed']);

/**
 * A run that finds an identical task being created waits up to `waitMs`, looking every `pollMs`; a
 * creation that started less than `busySeconds` ago is still running (Zapier retries after
 * `retrySeconds`), an older one ended without saying whether the task exists.
 */
export const CREATING = { waitMs: 3_000, pollMs: 250, busySeconds: 60, retrySeconds: 30 };

type Memory =
  | { state: 'creating'; run: string; at: string }
  | { state: 'created'; run?: string; taskId: string; at?: string };

/** What is remembered under a task's key; an earlier version of the app kept the task's id alone. */
function memoryOf(value: unknown): Memory | undefined {
  if (typeof value === 'string' && value) return { state: 'created', taskId: value };
  const m = value as Partial<Memory> | null | undefined;
  if (m?.state === 'created' && typeof m.taskId === 'string') return m as Memory;
  if (m?.state === 'creating' && typeof m.run === 'string') return m as Memory;
  return undefined;
}

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

type Task = Parameters<typeof createTask>[2];

const cacheFailed = (z: ZObject, err: unknown) =>
  new z.errors.ThrottledError(
    `Zapier's cache failed (${(err as Error).message}), so this step cannot tell whether it created this ` +
      'task before; no task was created. Zapier will retry the step.',
    CREATING.retrySeconds,
  );

/** Creates the task unless this connection created an identical one that is still open (see the top). */
async function createOnce(z: ZObject, bundle: Bundle, key: string, task: Task) {
  const memory = connectionCache(z);
  const run = runToken();
  const ttl = REPLAY_DAYS * 24 * 3600;
  const creating = () => ({ state: 'creating', run, at: new Date().toISOString() });
  const deadline = Date.now() + CREATING.waitMs;
  try {
    for (;;) {
      if (await memory.setIfAbsent(key, creating(), ttl)) break;
      const earlier = memoryOf(await memory.get(key));
      if (earlier?.state === 'creating' && earlier.run === run) break; // our own write; its answer was lost
      if (earlier?.state === 'created') {
        const job = await findJob(z, bundle, earlier.taskId);
        if (job && !CLOSED.has(String(job.state ?? ''))) return { ...jobOutput(job), duplicateSkipped: true };
        await memory.set(key, creating(), ttl); // the earlier task is done or gone: a new one is wanted
        break;
      }
      if (earlier?.state === 'creating') {
        if (Date.now() < deadline) {
          await sleep(CREATING.pollMs);
          continue;
        }
        const age = (Date.now() - Date.parse(earlier.at)) / 1000;
        if (!(age >= CREATING.busySeconds)) {
          throw new z.errors.ThrottledError(
            'An identical task is being created by another run of this step right now; Zapier will retry this one.',
            CREATING.retrySeconds,
          );
        }
        throw new z.errors.Error(
          `An identical task was being created by an earlier run of this step (${earlier.at}) that did not ` +
            'finish, so the task may exist already and no second one was created. Check the tasks in ' +
            'Storeganise; to create it anyway, set "Skip If an Identical One Exists" to No.',
          'duplicate_unknown',
        );
      }
      // nothing usable there (gone since, or not ours to read): try again
      if (Date.now() >= deadline) throw new CacheUnavailable('error', 'it did not keep the task memory');
    }
  } catch (err) {
    throw err instanceof CacheUnavailable ? cacheFailed(z, err) : err;
  }

  let created;
  try {
    created = await createTask(z, bundle, task);
  } catch (err) {
    // not created: a retry may create it (a memory that cannot be removed reports instead of repeating)
    await memory.delete(key).catch(() => undefined);
    throw err;
  }
  await memory
    .set(key, { state: 'created', run, taskId: created.id, at: new Date().toISOString() }, ttl)
    .catch((err: Error) =>
      z.console.log(
        `Created task ${created.id}, but Zapier's cache did not remember it (${err.message}): a replay of this ` +
          'step will report that the task may exist instead of creating it again.',
      ),
    );
  return { ...jobOutput(await getJob(z, bundle, created.id)), duplicateSkipped: false };
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

      if (!bool(input.skipDuplicates, true)) {
        const created = await createTask(z, bundle, task);
        return { ...jobOutput(await getJob(z, bundle, created.id)), duplicateSkipped: false };
      }
      return createOnce(z, bundle, replayKey(z, bundle, task), task);
    },
    // A new task has no workflow step yet: every other job field is labelled.
    outputFields: outputFieldsFor('job', '').filter((field) => field.key !== 'step'),
    sample: { ...jobOutput(sampleTask), duplicateSkipped: false },
  },
});
