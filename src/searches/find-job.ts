/** Find Job: one job by id, shaped exactly like a trigger's hydrated job. A miss is an empty result. */
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { findJob } from '../client';
import { requiredText } from '../read-input';
import { jobOutput } from '../records/outputs';
import { samples } from '../records/samples';
import { outputFieldsFor } from '../records/kinds';

const inputFields = defineInputFields([
  {
    key: 'jobId',
    label: 'Job ID',
    required: true,
    helpText:
      'The ID of a Storeganise job (move-in, move-out, transfer, valet order, task…), e.g. the Job ID from a trigger.',
  },
]);

export default defineSearch({
  key: 'find_job',
  noun: 'Job',
  display: {
    label: 'Find Job',
    description: 'Finds a job (move-in, move-out, transfer, valet order or task) by its ID.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const job = await findJob(z, bundle, requiredText(z, bundle.inputData.jobId, 'Job ID'));
      return job ? [jobOutput(job)] : [];
    },
    outputFields: outputFieldsFor('job', ''),
    sample: samples.job,
  },
});
