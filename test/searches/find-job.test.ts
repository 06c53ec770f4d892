import { ADMIN, asTrigger, failure, search, sg, userMessage } from '../helpers';
import { notFound } from '../fixtures/records';

const job = {
  id: 'job_1',
  type: 'unit_moveIn',
  state: 'completed',
  ownerId: 'api_user',
  data: { unitId: 'unit_1' },
  result: { ownerId: 'usr_1', unitRentalId: 'ur_1' },
  steps: [{ id: 's1', type: 'unit_moveIn_agreement', state: 'completed', title: { en: 'Agreement' } }],
};

describe('Find Job', () => {
  test("hit: the job, shaped exactly like a trigger's job", async () => {
    sg().get(`${ADMIN}/jobs/job_1`).query({ include: 'customFields' }).reply(200, job);
    const [found, ...rest] = await search('find_job', { jobId: ' job_1 ' });
    expect(rest).toEqual([]);
    expect(found).toEqual(asTrigger('job', job));
    expect(found).toMatchObject({ id: 'job_1', customerId: 'usr_1', unitRentalId: 'ur_1', unitId: 'unit_1' });
    expect(found.steps[0].title).toBe('Agreement');
  });

  test('miss: an empty result, not an error', async () => {
    const scope = sg().get(`${ADMIN}/jobs/job_404`).query(true).reply(404, notFound);
    await expect(search('find_job', { jobId: 'job_404' })).resolves.toEqual([]);
    scope.done();
  });

  test('bad input: a blank id is refused before any request', async () => {
    const err = userMessage(await failure(search('find_job', { jobId: '  ' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Job ID is required.' });
  });

  test('other failures are not swallowed as a miss', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(403, { error: { message: 'Insufficient role' } });
    expect(userMessage(await failure(search('find_job', { jobId: 'job_1' }))).code).toBe('forbidden');
  });
});
