/**
 * Hidden trigger behind Complete Job Step's "Step" dropdown: the open steps of the job chosen in the
 * same form ("Payment (unit_moveIn_payment) · ready"), in the job's order. It depends on the form's
 * Job ID, so it lists nothing until one is filled in.
 */
import { defineTrigger } from 'zapier-platform-core';
import { findJob } from '../client';
import { text } from '../read-input';
import { localisedText } from '../localised';
import type { JobStep } from '../types';

/** Step states after which there is nothing left to complete. */
const CLOSED = new Set(['completed', 'cancelled', 'canceled', 'skipped']);

export const isOpenStep = (step: JobStep) => !CLOSED.has(String(step.state ?? '').toLowerCase());

/** "unit_moveOut_confirm" → "Confirm"; a step's own title wins when it has one. */
export function jobStepLabel(step: JobStep): string {
  const title = localisedText(step.title)?.trim();
  const type = String(step.type ?? '');
  const words = type
    .replace(/^(unit_)?[a-zA-Z]+_/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  const name = title || (words ? words[0].toUpperCase() + words.slice(1).toLowerCase() : `Step ${step.id}`);
  return [`${name}${type ? ` (${type})` : ''}`, step.state].filter(Boolean).join(' · ');
}

export default defineTrigger({
  key: 'job_step_list',
  noun: 'Job Step',
  display: {
    label: 'List Job Steps',
    description: 'Lists the open steps of the job chosen in the form, for dropdowns.',
    hidden: true,
  },
  operation: {
    perform: async (z, bundle) => {
      const form: Record<string, unknown> = bundle.inputData; // the action's form: its Job ID
      const jobId = text(form.jobId);
      if (!jobId) return [];
      const job = await findJob(z, bundle, jobId);
      return (job?.steps ?? [])
        .filter(isOpenStep)
        .map((step) => ({ id: step.id, label: jobStepLabel(step) }));
    },
    sample: { id: '64f1c2a9e3b7d10012a4f421', label: 'Confirm (unit_moveOut_confirm) · ready' },
  },
});
