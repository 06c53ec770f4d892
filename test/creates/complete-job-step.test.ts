/** Complete Job Step: finishing a move-out or a valet step from a Zap, safely replayed. */
import {
  ADMIN,
  app,
  AUTH,
  appTester,
  failure,
  type Row,
  sg,
  unansweredRequests,
  userMessage,
} from '../helpers';

const create = (inputData: Record<string, unknown>) =>
  appTester(app.creates.complete_job_step.operation.perform, { authData: AUTH, inputData }) as Promise<Row>;
const dropdown = (inputData: Record<string, unknown>) =>
  appTester(
    app.triggers.job_step_list.operation.perform as never,
    { authData: AUTH, inputData, meta: {} } as never,
  ) as Promise<Array<{ id: string; label: string }>>;

const jobInclude = { include: 'customFields' };
const moveOut = (confirmState: string) => ({
  id: 'job_7',
  type: 'unit_moveOut',
  state: confirmState === 'completed' ? 'completed' : 'started',
  ownerId: 'api_user',
  data: { unitRentalId: 'ur_1' },
  result: { ownerId: 'usr_1' },
  steps: [
    { id: 'st_inspect', type: 'unit_moveOut_inspect', state: 'completed', title: { en: 'Inspect unit' } },
    { id: 'st_confirm', type: 'unit_moveOut_confirm', state: confirmState },
  ],
});

/** Step st_confirm of move-out job_7: read open, completed, the job re-read; `sent()` is what the PUT sent. */
function answerCompletion() {
  let body: unknown;
  const scope = sg()
    .get(`${ADMIN}/jobs/job_7`)
    .query(jobInclude)
    .reply(200, moveOut('ready'))
    .put(`${ADMIN}/jobs/job_7/steps/st_confirm`, (b) => ((body = b), true))
    .reply(200, {})
    .get(`${ADMIN}/jobs/job_7`)
    .query(jobInclude)
    .reply(200, moveOut('completed'));
  return { scope, sent: () => body };
}

describe('Complete Job Step', () => {
  test("completes an open step with the move-out's next unit state; returns the whole job re-read", async () => {
    const { scope, sent } = answerCompletion();
    const out = await create({ jobId: ' job_7 ', stepId: 'st_confirm', nextUnitState: 'available' });
    expect(sent()).toEqual({ state: 'completed', nextUnitState: 'available' });
    expect(out).toMatchObject({
      id: 'job_7',
      state: 'completed',
      customerId: 'usr_1',
      unitRentalId: 'ur_1',
      completedStep: { id: 'st_confirm', state: 'completed' },
      alreadyCompleted: false,
    });
    expect(out.steps[0].title).toBe('Inspect unit');
    scope.done();
  });

  test('without a next unit state only the state is sent', async () => {
    const { sent } = answerCompletion();
    await create({ jobId: 'job_7', stepId: 'st_confirm' });
    expect(sent()).toEqual({ state: 'completed' });
  });

  test('replay: a step already completed is returned as it is, with no PUT', async () => {
    const scope = sg().get(`${ADMIN}/jobs/job_7`).query(jobInclude).reply(200, moveOut('completed'));
    let out: Row | undefined;
    const tried = await unansweredRequests(async () => {
      out = await create({ jobId: 'job_7', stepId: 'st_confirm', nextUnitState: 'available' });
    });
    expect(tried).toBe(0);
    expect(out).toMatchObject({ id: 'job_7', completedStep: { id: 'st_confirm' }, alreadyCompleted: true });
    scope.done();
  });

  test('miss: a step the job does not have names the open ones', async () => {
    sg().get(`${ADMIN}/jobs/job_7`).query(jobInclude).reply(200, moveOut('ready'));
    const err = userMessage(await failure(create({ jobId: 'job_7', stepId: 'st_nope' })));
    expect(err).toMatchObject({
      code: 'invalid_input',
      message:
        'Job job_7 has no step "st_nope". Its open steps: st_confirm (Confirm (unit_moveOut_confirm) · ready).',
    });
  });

  test('miss: an unknown job is the not-found error', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_404`)
      .query(jobInclude)
      .reply(404, { error: { message: 'Not found' } });
    expect(userMessage(await failure(create({ jobId: 'job_404', stepId: 'st_1' }))).code).toBe('not_found');
  });

  test('a next unit state on a job that is not a move-out is refused before any write', async () => {
    sg()
      .get(`${ADMIN}/jobs/job_7`)
      .query(jobInclude)
      .reply(200, { ...moveOut('ready'), type: 'unit_moveIn' });
    const err = userMessage(
      await failure(create({ jobId: 'job_7', stepId: 'st_confirm', nextUnitState: 'blocked' })),
    );
    expect(err.message).toBe(
      'Next Unit State only applies to move-outs; job job_7 is a unit_moveIn. Leave it empty.',
    );
  });

  test.each([
    [{ stepId: 'st_1' }, 'Job ID is required.'],
    [{ jobId: 'job_7' }, 'Step is required.'],
    [
      { jobId: 'job_7', stepId: 'st_1', nextUnitState: 'occupied' },
      'Next Unit State must be one of: available, blocked (got "occupied").',
    ],
  ])('bad input %p is refused before any request', async (input, message) => {
    let err: Error | undefined;
    const tried = await unansweredRequests(async () => {
      err = await failure(create(input));
    });
    expect(tried).toBe(0);
    expect(userMessage(err)).toMatchObject({ code: 'invalid_input', message });
  });

  test('fields: the step dropdown depends on the job; next unit state offers labelled choices', () => {
    const fields: Row[] = app.creates.complete_job_step.operation.inputFields;
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.jobId).toMatchObject({
      label: 'Job',
      required: true,
      dynamic: 'job_list.id.label',
      search: 'find_job.id',
      altersDynamicFields: true,
    });
    expect(byKey.stepId).toMatchObject({ label: 'Step', dynamic: 'job_step_list.id.label' });
    expect(Object.keys(byKey.nextUnitState.choices)).toEqual(['available', 'blocked']);
  });
});

describe('Step dropdown (job_step_list)', () => {
  test("lists the open steps of the form's job, labelled by title or by type", async () => {
    const scope = sg()
      .get(`${ADMIN}/jobs/job_7`)
      .query(jobInclude)
      .reply(200, {
        ...moveOut('ready'),
        steps: [
          ...moveOut('ready').steps,
          {
            id: 'st_keys',
            type: 'unit_moveOut_returnKeys',
            state: 'ready',
            title: { en: 'Return keys', fr: 'Rendre les clés' },
          },
          { id: 'st_skip', type: 'unit_moveOut_photos', state: 'skipped' },
        ],
      });
    await expect(dropdown({ jobId: 'job_7' })).resolves.toEqual([
      { id: 'st_confirm', label: 'Confirm (unit_moveOut_confirm) · ready' },
      { id: 'st_keys', label: 'Return keys (unit_moveOut_returnKeys) · ready' },
    ]);
    scope.done();
  });

  test('no job chosen yet, or a job that is gone: an empty list, no request or no error', async () => {
    let steps: unknown;
    expect(await unansweredRequests(async () => void (steps = await dropdown({})))).toBe(0);
    expect(steps).toEqual([]);
    sg()
      .get(`${ADMIN}/jobs/job_404`)
      .query(jobInclude)
      .reply(404, { error: { message: 'Not found' } });
    await expect(dropdown({ jobId: 'job_404' })).resolves.toEqual([]);
  });

  test('is a hidden trigger', () => {
    expect(app.triggers.job_step_list.display.hidden).toBe(true);
  });
});
