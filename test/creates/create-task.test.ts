import nock from 'nock';
import { CREATING } from '../../src/creates/create-task';
import { ADMIN, app, appTester, AUTH, create, failure, type Row, sg, userMessage } from '../helpers';

describe('Create Task', () => {
  const task = {
    targetType: 'unit',
    targetId: 'unit_1',
    title: 'Check lock on unit A-104',
    desc: 'Customer reported a stiff latch.',
  };
  const input = { unitId: 'unit_1', title: task.title, description: task.desc };
  const jobInclude = { include: 'customFields' };
  /** A fresh Zapier cache for the first run of each test: replays are then the test's own. */
  const firstRun = (inputData: Record<string, unknown>) =>
    appTester(app.creates.create_task.operation.perform, { authData: AUTH, inputData }, true) as Promise<Row>;

  /** The first run: job_9 is created (the Zapier cache starts empty). */
  async function createdOnce(): Promise<void> {
    const scope = sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', data: task });
    await firstRun(input);
    scope.done();
  }

  test("creates exactly this task job and returns the whole job as a trigger's job", async () => {
    const scope = sg()
      .post(`${ADMIN}/jobs`, (b) => {
        expect(b).toEqual({ type: 'task', ownerId: null, data: task });
        return true;
      })
      .reply(200, { id: 'job_9', type: 'task', state: 'created', ownerId: null, data: task })
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, {
        id: 'job_9',
        type: 'task',
        state: 'created',
        ownerId: null,
        data: task,
        customFields: { priority: 'high' },
      });
    const out = await firstRun(input);
    scope.done();
    expect(out).toMatchObject({
      id: 'job_9',
      type: 'task',
      customerId: null,
      customFields: { priority: 'high' },
      duplicateSkipped: false,
    });
  });

  test('on a customer: targetType user, no description sent when empty', async () => {
    const scope = sg()
      .post(`${ADMIN}/jobs`, {
        type: 'task',
        ownerId: null,
        data: { targetType: 'user', targetId: 'usr_1', title: 'Call about overdue invoice' },
      })
      .reply(200, { id: 'job_10', type: 'task', data: {} })
      .get(`${ADMIN}/jobs/job_10`)
      .query(jobInclude)
      .reply(200, { id: 'job_10', type: 'task', data: {} });
    await firstRun({ customerId: 'usr_1', title: 'Call about overdue invoice', description: '' });
    scope.done();
  });

  test('replay: the task created by the first run is still open, so it is returned and nothing is created', async () => {
    await createdOnce();

    const replay = sg()
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', data: task });
    const out = await create('create_task', input);
    replay.done();
    expect(out).toMatchObject({ id: 'job_9', duplicateSkipped: true });
  });

  test('the task is remembered for 7 days, per connection (strict z.cache: ttl and scope)', async () => {
    await createdOnce();
    expect(appTester.cache.find('create_task:')).toEqual([
      expect.objectContaining({
        value: { state: 'created', taskId: 'job_9', run: expect.any(String), at: expect.any(String) },
        scope: ['auth'],
        expiresAt: appTester.cache.clock.now() + 7 * 24 * 3600,
      }),
    ]);
    // another connection (another business) does not see it: its own task is created
    const other = { ...AUTH, businessCode: 'otherbiz' };
    const otherScope = nock('https://otherbiz.storeganise.com')
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_20', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_20`)
      .query(jobInclude)
      .reply(200, { id: 'job_20', type: 'task', state: 'created', data: task });
    const elsewhere = (await appTester(app.creates.create_task.operation.perform, {
      authData: other,
      inputData: input,
    })) as Row;
    otherScope.done();
    expect(elsewhere).toMatchObject({ id: 'job_20', duplicateSkipped: false });
    // a week later the first connection's replay window is over: a new task is created
    appTester.cache.clock.advance(7 * 24 * 3600);
    const later = sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_30', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_30`)
      .query(jobInclude)
      .reply(200, { id: 'job_30', type: 'task', state: 'created', data: task });
    expect(await create('create_task', input)).toMatchObject({ id: 'job_30', duplicateSkipped: false });
    later.done();
  });

  test('a task remembered by an earlier version of the app (its id alone) is still found on replay', async () => {
    await createdOnce();
    const [entry] = appTester.cache.find('create_task:');
    await appTester(async (z: Row) => ({ ok: await z.cache.set(entry.key, 'job_9', 3600, ['auth']) }), {
      authData: AUTH,
    });
    sg()
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'created' });
    expect(await create('create_task', input)).toMatchObject({ id: 'job_9', duplicateSkipped: true });
  });

  test("another run's identical task being created is never created again: a retry while it may finish, then a clear message", async () => {
    await createdOnce();
    const [entry] = appTester.cache.find('create_task:');
    const saved = CREATING.waitMs;
    CREATING.waitMs = 0; // no waiting for the other run in this spec
    try {
      for (const [at, name] of [
        [new Date().toISOString(), 'ThrottledError'],
        [new Date(Date.now() - 120_000).toISOString(), 'AppError'],
      ]) {
        await appTester(
          async (z: Row) => ({
            ok: await z.cache.set(entry.key, { state: 'creating', run: 'another run', at }, 3600, ['auth']),
          }),
          { authData: AUTH },
        );
        const error = await failure(create('create_task', input)); // no POST is mocked: none may go out
        expect(error.name).toBe(name);
        if (name === 'AppError')
          expect(userMessage(error)).toMatchObject({
            code: 'duplicate_unknown',
            message: expect.stringContaining('no second one was created'),
          });
      }
    } finally {
      CREATING.waitMs = saved;
    }
  });

  test('the same task after the first one was completed is created anew', async () => {
    await createdOnce();

    const scope = sg()
      .get(`${ADMIN}/jobs/job_9`)
      .query(jobInclude)
      .reply(200, { id: 'job_9', type: 'task', state: 'completed', data: task })
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_11', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_11`)
      .query(jobInclude)
      .reply(200, { id: 'job_11', type: 'task', state: 'created', data: task });
    await expect(create('create_task', input)).resolves.toMatchObject({
      id: 'job_11',
      duplicateSkipped: false,
    });
    scope.done();
  });

  test('a different title is a different task, even right after the first', async () => {
    await createdOnce();

    const scope = sg()
      .post(`${ADMIN}/jobs`, (b) => b.data.title === 'Check lock on unit A-105')
      .reply(200, { id: 'job_12', type: 'task', state: 'created' })
      .get(`${ADMIN}/jobs/job_12`)
      .query(jobInclude)
      .reply(200, { id: 'job_12', type: 'task', state: 'created' });
    await expect(
      create('create_task', { ...input, title: 'Check lock on unit A-105' }),
    ).resolves.toMatchObject({ id: 'job_12' });
    scope.done();
  });

  test('with Skip If an Identical One Exists off, a replay creates again', async () => {
    await createdOnce();

    const scope = sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_13', type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/job_13`)
      .query(jobInclude)
      .reply(200, { id: 'job_13', type: 'task', state: 'created', data: task });
    await expect(create('create_task', { ...input, skipDuplicates: 'false' })).resolves.toMatchObject({
      id: 'job_13',
    });
    scope.done();
  });

  test("422: Storeganise's own message", async () => {
    sg()
      .post(`${ADMIN}/jobs`)
      .reply(422, { error: { message: 'data.targetId is not a unit' } });
    const err = userMessage(await failure(firstRun({ unitId: 'usr_1', title: 'x' })));
    expect(err).toMatchObject({
      status: 422,
      message: 'Storeganise rejected the request (422): data.targetId is not a unit',
    });
  });

  test.each([
    [{ title: 'x' }, 'Fill in either Unit or Customer ID (exactly one).'],
    [{ title: 'x', unitId: 'u', customerId: 'c' }, 'Fill in either Unit or Customer ID (exactly one).'],
    [{ unitId: 'u' }, 'Title is required.'],
  ])('bad input %p', async (input, message) => {
    expect(userMessage(await failure(create('create_task', input)))).toMatchObject({
      code: 'invalid_input',
      message,
    });
  });
});
