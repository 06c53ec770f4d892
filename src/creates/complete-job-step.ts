/**
 * Complete Job Step: finish one step of a job, e.g. confirm a move-out or mark a valet step done
 * (L: `completeJobStep()` in the client). The step is picked from the job's open steps.
 *
 * Replay-safe: the job is read first; a step already completed is handed back as it is, with no
 * write. Output: the whole job after the change (as Find Job and the job triggers hand it on), plus
 * the step and whether it was already completed.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { completeJobStep, getJob } from '../client';
import { isOpenStep, jobStepLabel } from '../dropdowns/job-steps';
import { invalidInput, requiredText, text } from '../read-input';
import { jobOutput } from '../records/outputs';
import { plain } from '../localised';
import type { Job, JobStep } from '../types';
import { outputFieldsFor } from '../records/kinds';

/** What a unit can become when its move-out completes (unit states, C). */
export const NEXT_UNIT_STATES = {
  available: 'Available (can be rented again)',
  blocked: 'Blocked (e.g. for cleaning or repairs)',
} as const;

const inputFields = defineInputFields([
  {
    key: 'jobId',
    label: 'Job',
    required: true,
    dynamic: 'job_list.id.label',
    search: 'find_job.id',
    altersDynamicFields: true,
    helpText:
      'The job whose step to complete: pick one, or map the Job ID from a New Move-Out trigger or a Find Job step.',
  },
  {
    key: 'stepId',
    label: 'Step',
    required: true,
    dynamic: 'job_step_list.id.label',
    helpText: "Pick one of the job's open steps (fill in Job ID first), or map a step ID.",
  },
  {
    key: 'nextUnitState',
    label: 'Next Unit State',
    choices: NEXT_UNIT_STATES,
    helpText:
      "Move-outs only: what the unit becomes once the move-out is complete. Leave empty for Storeganise's default.",
  },
]);

const MOVE_OUT = 'unit_moveOut';

const done = (id: string, type: string, completedAt: string) => ({
  id,
  type,
  state: 'completed',
  completedAt,
});
/** A move-out whose last step this action just completed (ids as in the other samples). */
const sampleMoveOut: Job = {
  id: '64f1c2a9e3b7d10012a4f402',
  type: MOVE_OUT,
  state: 'completed',
  step: 'completed',
  ownerId: '64f1c2a9e3b7d10012a4c001',
  siteId: '64f1c2a9e3b7d10012a4a001',
  data: { unitRentalId: '64f1c2a9e3b7d10012a4d201', date: '2026-12-20' },
  result: { unitId: '64f1c2a9e3b7d10012a4b104', unitRentalId: '64f1c2a9e3b7d10012a4d201' },
  steps: [
    done('64f1c2a9e3b7d10012a4f420', 'unit_moveOut_inspect', '2026-12-20T09:10:00.000Z'),
    done('64f1c2a9e3b7d10012a4f421', 'unit_moveOut_confirm', '2026-12-20T09:30:00.000Z'),
  ],
  customFields: {},
  created: '2026-12-01T11:20:00.000Z',
  updated: '2026-12-20T09:30:00.000Z',
};

export function stepOutput(job: Job, step: JobStep, alreadyCompleted: boolean) {
  return { ...jobOutput(job), completedStep: plain(step), alreadyCompleted };
}

export default defineCreate({
  key: 'complete_job_step',
  noun: 'Job Step',
  display: {
    label: 'Complete Job Step',
    description: 'Completes one step of a job, e.g. confirms a move-out or marks a valet order step done.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const jobId = requiredText(z, bundle.inputData.jobId, 'Job ID');
      const stepId = requiredText(z, bundle.inputData.stepId, 'Step');
      const nextUnitState = text(bundle.inputData.nextUnitState);
      if (nextUnitState && !(nextUnitState in NEXT_UNIT_STATES)) {
        throw invalidInput(
          z,
          `Next Unit State must be one of: ${Object.keys(NEXT_UNIT_STATES).join(', ')} (got "${nextUnitState}").`,
        );
      }

      const job = await getJob(z, bundle, jobId);
      const steps = job.steps ?? [];
      const step = steps.find((s) => s.id === stepId);
      if (!step) {
        const open = steps.filter(isOpenStep).map((s) => `${s.id} (${jobStepLabel(s)})`);
        throw invalidInput(
          z,
          `Job ${jobId} has no step "${stepId}". ` +
            (open.length ? `Its open steps: ${open.join(', ')}.` : 'It has no open steps.'),
        );
      }
      if (nextUnitState && job.type !== MOVE_OUT) {
        throw invalidInput(
          z,
          `Next Unit State only applies to move-outs; job ${jobId} is a ${job.type}. Leave it empty.`,
        );
      }
      if (!isOpenStep(step)) return stepOutput(job, step, true);

      await completeJobStep(z, bundle, jobId, stepId, { nextUnitState });
      const after = await getJob(z, bundle, jobId);
      return stepOutput(after, after.steps?.find((s) => s.id === stepId) ?? step, false);
    },
    outputFields: outputFieldsFor('job', ''),
    sample: stepOutput(sampleMoveOut, sampleMoveOut.steps![1], false),
  },
});
