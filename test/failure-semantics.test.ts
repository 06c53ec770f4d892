/**
 * docs/failure-semantics.md, row by row: what the app does when Zapier's cache fails, hangs or loses an
 * answer, or a run is cut off. Every run goes through core's own handler with z.cache over core's RPC
 * client to the local Zapier service, which injects the fault (zapier-local/zapier-service.ts); timings
 * are shortened, their real values are pinned at the end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { CACHE_TIME } from '../src/cache';
import { CREATING, REPLAY_DAYS } from '../src/creates/create-task';
import { TIME_LIMIT } from '../src/time-limit';
import { CLAIM, HANDLED_TTL } from '../src/webhooks/dedupe';
import { RETRY_AFTER_CLAIM } from '../src/webhooks/delivery-failures';
import { LOCK } from '../src/write-lock';
import { sharedZapierService } from '../zapier-local/zapier-service';
import {
  ADMIN,
  app,
  appTester,
  AUTH,
  failure,
  type Row,
  sg,
  userMessage,
  watchStrayRequests,
} from './helpers';
import { signedDelivery } from './fixtures/deliveries';

const ROWS = readFileSync(path.join(__dirname, '../docs/failure-semantics.md'), 'utf8')
  .split('\n')
  .map((line) => /^\| ([A-Z]\d) \|/.exec(line)?.[1])
  .filter((id): id is string => !!id);

const saved = {
  cache: { ...CACHE_TIME },
  claim: { ...CLAIM },
  lock: { ...LOCK },
  creating: { ...CREATING },
  time: { ...TIME_LIMIT },
};
beforeAll(() => {
  Object.assign(CACHE_TIME, { callMs: 600 });
  Object.assign(CLAIM, { waitMs: 500, pollMs: 50 });
  Object.assign(LOCK, { waitMs: 500, pollMs: 50 });
  Object.assign(CREATING, { waitMs: 300, pollMs: 50 });
});
afterAll(() => {
  Object.assign(CACHE_TIME, saved.cache);
  Object.assign(CLAIM, saved.claim);
  Object.assign(LOCK, saved.lock);
  Object.assign(CREATING, saved.creating);
  Object.assign(TIME_LIMIT, saved.time);
});

let stray: string[];
let stopWatching: () => void;
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined); // what the app logs is read from Zapier's log stream
  appTester.cache.clear();
  stray = [];
  stopWatching = watchStrayRequests((line) => void stray.push(line));
});
afterEach(async () => {
  stopWatching();
  jest.restoreAllMocks();
  (await sharedZapierService()).releaseHung();
});

const triggers = app.triggers as Row;
const USER_EVENT = { id: 'evt_u1', type: 'user.created', created: null, data: { userId: 'usr_1' } };
const deliverUser = (event: Row = USER_EVENT) =>
  appTester(triggers.new_customer.operation.perform, { authData: AUTH, ...signedDelivery(event) }) as Promise<
    Row[]
  >;
const answerUser = () =>
  sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1', email: 'jane.doe@example.com' });

/** The log lines the app wrote to z.console, as Zapier's log server received them. */
const consoleLines = () =>
  appTester.cache.logs.filter((l) => l.data.log_type === 'console').map((l) => l.message);

/**
 * Starts a run that a `cut` fault will cut off, as a process Zapier ends would be: its cut call is never
 * answered and, unlike the app's own bound on a cache call, nothing times out (`reached` settles once it
 * is cut). `end()` lets go of the cut connection and waits for the run to finish (it then fails), so
 * nothing of it outlives the test.
 */
function cutOff(run: () => Promise<unknown>) {
  const bound = CACHE_TIME.callMs;
  CACHE_TIME.callMs = 60_000;
  const done = run().catch(() => 'ended');
  const reached = (async () => {
    for (
      let i = 0;
      i < 500 && !appTester.cache.calls.some((c) => String(c.result).startsWith('fault: cut'));
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
    CACHE_TIME.callMs = bound; // the runs the test makes next are bounded as usual
  })();
  return {
    reached,
    end: async () => {
      await reached;
      (await sharedZapierService()).releaseHung();
      await done;
    },
  };
}

const CLAIM_KEY = 'storeganise:handled:';
const handledEntries = () =>
  appTester.cache.find(CLAIM_KEY).filter((e) => (e.value as Row).state === 'handled');

describe('the table', () => {
  test('every row of docs/failure-semantics.md has a spec here, and every spec a row', () => {
    const names = readFileSync(__filename, 'utf8');
    const specified = [...names.matchAll(/test\(['"]([A-Z]\d) /g)].map((m) => m[1]);
    expect(ROWS.length).toBeGreaterThan(15);
    expect([...new Set(specified)].sort()).toEqual([...ROWS].sort());
  });
});

describe('event claims (instant triggers)', () => {
  test('C1 the claim fails on every attempt: nothing handed on, no request, a retry after the claim could lapse', async () => {
    appTester.cache.fail({ method: 'set', nx: true, mode: 'error' });
    CACHE_TIME.callMs = 10_000; // time for core's three attempts, however busy the machine
    const err = await failure(deliverUser()).finally(() => (CACHE_TIME.callMs = 600));
    expect(err.name).toBe('ThrottledError');
    const { message, delay } = userMessage(err);
    expect(delay).toBe(RETRY_AFTER_CLAIM);
    expect(RETRY_AFTER_CLAIM).toBeGreaterThan(CLAIM.ttlSeconds);
    expect(message).toContain('Storeganise event evt_u1 (customer usr_1)');
    expect(message).toMatch(/Zapier's cache failed .*RPC request failed after 3 attempts/);
    expect(message).toContain('nothing was handed on yet');
    expect(message).toMatch(/tries this delivery once more in 150 s/);
    expect(stray).toEqual([]); // no request was even tried

    // a refusal (the service answers an error) is the same
    appTester.cache.clear();
    appTester.cache.fail({ method: 'set', nx: true, mode: 'refuse' });
    expect((await failure(deliverUser())).name).toBe('ThrottledError');

    // Zapier's retry, once the cache is back: handed on
    appTester.cache.clear();
    answerUser();
    expect(await deliverUser()).toHaveLength(1);
  });

  test('C2 the claim hangs: the same, within the cache call bound, with the cause named', async () => {
    appTester.cache.fail({ method: 'set', nx: true, mode: 'hang' });
    const started = Date.now();
    const err = await failure(deliverUser());
    expect(Date.now() - started).toBeLessThan(CACHE_TIME.callMs + 2_000);
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err).message).toContain(`did not answer within ${CACHE_TIME.callMs / 1000} s`);
    expect(stray).toEqual([]);
  });

  test("C3 the claim's answer is lost: the run reads back its own token and hands the event on, once", async () => {
    appTester.cache.fail({ method: 'set', nx: true, mode: 'lost', times: 1 });
    answerUser();
    expect(await deliverUser()).toHaveLength(1);
    const sets = appTester.cache.calls.filter((c) => c.method === 'set' && c.nx);
    expect(sets.map((c) => c.result)).toEqual(['fault: lost (true)', false]); // core retried: "not set"
    expect(handledEntries()).toHaveLength(1);
    expect(await deliverUser()).toEqual([]); // a repeat: nothing, no request
    expect(stray).toEqual([]);
  });

  describe('C4 another run holds the claim', () => {
    const JOB_EVENT = {
      id: 'evt_j',
      type: 'job.unit_moveIn.created',
      created: null,
      data: { jobId: 'job_1' },
    };
    const job = {
      id: 'job_1',
      type: 'unit_moveIn',
      state: 'created',
      ownerId: 'api_user',
      data: { unitId: 'unit_1' },
      result: { ownerId: 'usr_1', unitId: 'unit_1' },
    };
    const deliverJob = () =>
      appTester(triggers.new_move_in.operation.perform, {
        authData: AUTH,
        ...signedDelivery(JOB_EVENT),
      }) as Promise<Row[]>;
    /** The job's GET, answered after `delayMs`; then its customer and unit. */
    const answerJob = (delayMs: number, status = 200) => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .delay(delayMs)
        .reply(status, status === 200 ? job : { error: { message: 'down' } });
      if (status !== 200) return;
      sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1' });
      sg().get(`${ADMIN}/units/unit_1`).query(true).reply(200, { id: 'unit_1' });
    };

    test('C4 it is handled meanwhile: skipped; it is released meanwhile (the other run failed): taken over', async () => {
      // two deliveries at once: the second waits for the first, then finds the event handled
      answerJob(150);
      const [a, b] = await Promise.all([deliverJob(), deliverJob()]);
      expect([a.length, b.length].sort()).toEqual([0, 1]);
      expect(consoleLines().join('\n')).toContain('already handled by this Zap');

      // the first fails at Storeganise and releases the event; the second, waiting, takes it over
      appTester.cache.clear();
      answerJob(150, 503);
      answerJob(0);
      const outcomes = await Promise.allSettled([deliverJob(), deliverJob()]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const done = outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<Row[]>;
      expect(done.value).toHaveLength(1);
    });

    test('C4 it is still held after the wait: skipped as in progress (the holder hands it on or fails)', async () => {
      answerJob(CLAIM.waitMs + 400);
      const [a, b] = await Promise.all([deliverJob(), deliverJob()]);
      expect([a.length, b.length].sort()).toEqual([0, 1]);
      expect(consoleLines().join('\n')).toContain('being handled by another run of this Zap');
    });
  });

  test('C5 a run cut off after its claim leaves only the claim, which lapses: a later delivery is handed on', async () => {
    // the run is cut at its handled mark (which never lands) and never comes back
    appTester.cache.fail({ method: 'set', nx: false, mode: 'cut', times: 1 });
    answerUser();
    const cut = cutOff(deliverUser);
    try {
      await cut.reached;
      expect(appTester.cache.find(CLAIM_KEY)).toEqual([
        expect.objectContaining({ value: expect.objectContaining({ state: 'claimed' }), scope: ['auth'] }),
      ]);
      expect(appTester.cache.find(CLAIM_KEY)[0].expiresAt! - appTester.cache.clock.now()).toBe(
        CLAIM.ttlSeconds,
      );
    } finally {
      await cut.end();
    }

    appTester.cache.clock.advance(CLAIM.ttlSeconds);
    answerUser();
    expect(await deliverUser()).toHaveLength(1);
  });

  test('C6 an entry written by an earlier version of the app ({ at }) counts as handled', async () => {
    answerUser();
    await deliverUser();
    const [entry] = appTester.cache.find(CLAIM_KEY);
    await appTester(
      async (z: Row) => ({ ok: await z.cache.set(entry.key, { at: 'then' }, 3600, ['auth']) }),
      {
        authData: AUTH,
      },
    );
    expect(await deliverUser()).toEqual([]);
    expect(stray).toEqual([]);
  });
});

describe('handled marks', () => {
  test('M1 the handled mark fails: the event is handed on, with a log line saying what that risks', async () => {
    appTester.cache.fail({ method: 'set', nx: false, mode: 'error' });
    answerUser();
    expect(await deliverUser()).toHaveLength(1);
    expect(consoleLines().join('\n')).toContain(
      "handed on 1 event(s) (evt_u1), but Zapier's cache did not record them as handled",
    );
    // the claim is still there: a repeat within its lapse is still not handed on twice
    expect(appTester.cache.find(CLAIM_KEY)[0].value).toMatchObject({ state: 'claimed' });
  });

  test('M2 the mark goes out beside the last round of requests, so a cut-off run can lose at most that round', async () => {
    // the last round's answer waits until the mark has reached the cache: were the mark written after
    // the round, this answer would never come and the run would fail
    const job = {
      id: 'job_1',
      type: 'unit_moveIn',
      state: 'created',
      ownerId: 'api_user',
      siteId: 'site_1',
      data: { unitId: 'unit_1' },
      result: { ownerId: 'usr_1', unitId: 'unit_1', siteId: 'site_1' },
    };
    const marked = () => appTester.cache.calls.some((c) => c.method === 'set' && !c.nx);
    let markedBeforeAnswer = false;
    let claimsBeforeFirstRequest = -1;
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(() => {
        claimsBeforeFirstRequest = appTester.cache.calls.length;
        return [200, job];
      });
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply((_uri, _body, answer) => {
        const wait = (tries: number) => {
          if (marked() || tries === 0) {
            markedBeforeAnswer = marked();
            answer(null, [200, { id: 'usr_1' }]);
          } else setTimeout(() => wait(tries - 1), 10);
        };
        wait(100);
      });
    sg().get(`${ADMIN}/units/unit_1`).query(true).reply(200, { id: 'unit_1', siteId: 'site_1' });
    sg().get(`${ADMIN}/sites/site_1`).query(true).reply(200, { id: 'site_1', name: 'Central' });
    const event = { id: 'evt_j', type: 'job.unit_moveIn.created', created: null, data: { jobId: 'job_1' } };
    const out = await appTester(triggers.new_move_in.operation.perform, {
      authData: AUTH,
      ...signedDelivery(event),
    });
    expect(out).toHaveLength(1);
    expect(claimsBeforeFirstRequest).toBe(1); // one cache round trip before the first request: the claim
    expect(appTester.cache.calls[0]).toMatchObject({ method: 'set', nx: true, ttl: CLAIM.ttlSeconds });
    expect(markedBeforeAnswer).toBe(true);
    expect(appTester.cache.calls.filter((c) => c.method !== 'get')).toHaveLength(2); // claim + mark
  });
});

describe('releasing after a failed fetch', () => {
  test('R1 Storeganise unavailable: released, a ThrottledError Zapier retries once; a final error stays itself', async () => {
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .times(2)
      .reply(503, { error: { message: 'down' } });
    const err = await failure(deliverUser());
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err).message).toMatch(
      /evt_u1 \(customer usr_1\) could not be handed on: Storeganise is unavailable/,
    );
    expect(userMessage(err).delay).toBe(60);
    expect(appTester.cache.find(CLAIM_KEY)).toEqual([]);

    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(401, { error: { message: 'bad key' } });
    const final = await failure(deliverUser());
    expect(final.name).toBe('ExpiredAuthError');
    expect(appTester.cache.find(CLAIM_KEY)).toEqual([]);

    answerUser();
    expect(await deliverUser()).toHaveLength(1);
  });

  test('R2 the release fails too: the retry waits for the claims to lapse; events a mark may keep are reported', async () => {
    // a job event failing in its first round (no handled mark yet): a retry after the claim has lapsed
    appTester.cache.fail({ method: 'delete', mode: 'error' });
    sg()
      .get(`${ADMIN}/jobs/job_1`)
      .query(true)
      .reply(503, { error: { message: 'down' } });
    const jobEvent = {
      id: 'evt_j',
      type: 'job.unit_moveIn.created',
      created: null,
      data: { jobId: 'job_1' },
    };
    const err = await failure(
      appTester(triggers.new_move_in.operation.perform, { authData: AUTH, ...signedDelivery(jobEvent) }),
    );
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err).delay).toBe(RETRY_AFTER_CLAIM);
    expect(consoleLines().join('\n')).toContain(
      `could not release their claims: a new delivery of them is handled once ${CLAIM.ttlSeconds} s have passed`,
    );
    appTester.cache.clock.advance(CLAIM.ttlSeconds);
    expect(appTester.cache.find(CLAIM_KEY)).toEqual([]);

    // a customer event failing in its last round, beside which the handled mark went out: no retry would
    // hand it on, so the error says so, naming the record; a final error stays itself and the log says it
    appTester.cache.clear();
    appTester.cache.fail({ method: 'delete', mode: 'hang' });
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .times(2)
      .reply(503, { error: { message: 'down' } });
    const stuck = await failure(deliverUser());
    expect(stuck.name).not.toBe('ThrottledError');
    expect(userMessage(stuck)).toMatchObject({ code: 'not_handed_on' });
    expect(userMessage(stuck).message).toContain(
      "Storeganise event evt_u1 (customer usr_1) was not handed on, and Zapier's cache failed",
    );
    expect(userMessage(stuck).message).toContain('Act on the records named here by hand.');

    appTester.cache.clear();
    appTester.cache.fail({ method: 'delete', mode: 'hang' });
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(401, { error: { message: 'bad key' } });
    expect((await failure(deliverUser())).name).toBe('ExpiredAuthError');
    expect(consoleLines().join('\n')).toContain('may stay recorded as handled for 3 days');
  });
});

describe('Invoice Paid', () => {
  test('P1 the paid-episode claim fails: nothing handed on, the event claim released, a retry', async () => {
    const invoice = { id: 'inv_1', state: 'paid', total: 10, balance: 0, ownerId: 'usr_1', payments: [] };
    sg()
      .get(`${ADMIN}/invoices/inv_1`)
      .query(true)
      .reply(200, { ...invoice, owner: { id: 'usr_1', email: 'a@b.c' } });
    appTester.cache.fail({ method: 'set', nx: true, key: 'storeganise:paid:', mode: 'error' });
    const event = {
      id: 'evt_p',
      type: 'invoice.state.updated',
      created: null,
      data: { invoiceId: 'inv_1', to: 'paid' },
    };
    const err = await failure(
      appTester(triggers.invoice_paid.operation.perform, { authData: AUTH, ...signedDelivery(event) }),
    );
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err).message).toContain('Storeganise event evt_p (invoice inv_1)');
    expect(appTester.cache.find(CLAIM_KEY)).toEqual([]);
  });
});

describe('the write lock (Add Custom Charge, Add Invoice Payment, Create Customer)', () => {
  const sam = { email: 'sam.lee@example.com', firstName: 'Sam' };
  const createCustomer = () =>
    appTester(app.creates.create_customer.operation.perform, {
      authData: AUTH,
      inputData: sam,
    }) as Promise<Row>;
  const noSam = () => sg().get(`${ADMIN}/users/sam.lee%40example.com`).query(true).reply(404, {});
  const postSam = () =>
    sg()
      .post(`${ADMIN}/users`)
      .reply(200, { id: 'usr_9', ...sam })
      .get(`${ADMIN}/users/usr_9`)
      .query(true)
      .reply(200, { id: 'usr_9', ...sam });

  test('L1 taking the lock fails or hangs: the write goes on without it (it reads first), with a log line', async () => {
    for (const mode of ['error', 'hang'] as const) {
      appTester.cache.clear();
      appTester.cache.fail({ key: 'lock:', mode });
      noSam();
      sg().get(`${ADMIN}/users`).query(true).reply(200, []);
      postSam();
      expect(await createCustomer()).toMatchObject({ id: 'usr_9' });
      expect(consoleLines().join('\n')).toMatch(
        /Write lock unavailable \(Zapier's cache: .+\); writing without it/,
      );
    }
  });

  test("L2 the lock's answer is lost: the run reads back its own token and writes once", async () => {
    appTester.cache.fail({ key: 'lock:', method: 'set', mode: 'lost', times: 1 });
    noSam();
    sg().get(`${ADMIN}/users`).query(true).reply(200, []);
    postSam();
    expect(await createCustomer()).toMatchObject({ id: 'usr_9', duplicateSkipped: false });
    expect(appTester.cache.find('lock:')).toEqual([]); // and released
    expect(stray).toEqual([]);
  });

  test('L3 a lock left behind lapses; an identical write meanwhile waits, then asks Zapier to retry', async () => {
    appTester.cache.fail({ key: 'lock:', method: 'delete', mode: 'error' });
    noSam();
    sg().get(`${ADMIN}/users`).query(true).reply(200, []);
    postSam();
    await createCustomer();
    expect(appTester.cache.find('lock:')).toHaveLength(1);
    const err = await failure(createCustomer());
    expect(err.name).toBe('ThrottledError');
    expect(userMessage(err)).toMatchObject({ delay: LOCK.retrySeconds });
    appTester.cache.clock.advance(LOCK.ttlSeconds);
    sg()
      .get(`${ADMIN}/users/sam.lee%40example.com`)
      .query(true)
      .reply(200, { id: 'usr_9', ...sam });
    expect(await createCustomer()).toMatchObject({ id: 'usr_9', duplicateSkipped: true });
  });
});

describe('the task memory (Create Task)', () => {
  const task = { targetType: 'unit', targetId: 'unit_1', title: 'Check lock' };
  const createTask = () =>
    appTester(app.creates.create_task.operation.perform, {
      authData: AUTH,
      inputData: { unitId: 'unit_1', title: 'Check lock' },
    }) as Promise<Row>;
  const created = (id = 'job_9') =>
    sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id, type: 'task', state: 'created', data: task })
      .get(`${ADMIN}/jobs/${id}`)
      .query(true)
      .reply(200, { id, type: 'task', state: 'created', data: task });

  test('T1 the memory cannot be taken (error or hang): no task is created, Zapier retries the step', async () => {
    for (const mode of ['error', 'hang'] as const) {
      appTester.cache.clear();
      appTester.cache.fail({ key: 'create_task:', mode });
      const err = await failure(createTask());
      expect(err.name).toBe('ThrottledError');
      expect(userMessage(err).message).toMatch(
        /cannot tell whether it created this task before; no task was created/,
      );
      expect(stray).toEqual([]);
    }
  });

  test("T2 the memory's answer is lost: read back as this run's, one task", async () => {
    appTester.cache.fail({ key: 'create_task:', method: 'set', nx: true, mode: 'lost', times: 1 });
    const scope = created();
    expect(await createTask()).toMatchObject({ id: 'job_9', duplicateSkipped: false });
    scope.done();
    expect(appTester.cache.find('create_task:')[0]).toMatchObject({
      value: { state: 'created', taskId: 'job_9' },
      expiresAt: appTester.cache.clock.now() + REPLAY_DAYS * 86_400,
    });
  });

  test('T3 remembering the created task fails: it is returned; a replay reports it may exist and creates nothing', async () => {
    const healed = appTester.cache.fail({ key: 'create_task:', method: 'set', nx: false, mode: 'error' });
    const scope = created();
    expect(await createTask()).toMatchObject({ id: 'job_9', duplicateSkipped: false });
    scope.done();
    healed();
    expect(consoleLines().join('\n')).toContain("Created task job_9, but Zapier's cache did not remember it");

    // the memory still says the first run was creating it; once that run is long gone, a replay reports
    const [entry] = appTester.cache.find('create_task:');
    expect(entry.value).toMatchObject({ state: 'creating' });
    const longAgo = new Date(Date.now() - CREATING.busySeconds * 1000).toISOString();
    await appTester(
      async (z: Row) => ({
        ok: await z.cache.set(entry.key, { ...(entry.value as Row), at: longAgo }, 3600, ['auth']),
      }),
      { authData: AUTH },
    );
    const err = await failure(createTask());
    expect(userMessage(err)).toMatchObject({ code: 'duplicate_unknown' });
    expect(userMessage(err).message).toContain('the task may exist already and no second one was created');
    expect(stray).toEqual([]); // no POST
  });

  test('T4 a run cut off between creating the task and remembering it: an identical run waits, then Zapier retries', async () => {
    appTester.cache.fail({ key: 'create_task:', method: 'set', nx: false, mode: 'cut' });
    const post = sg()
      .post(`${ADMIN}/jobs`)
      .reply(200, { id: 'job_9', type: 'task', state: 'created', data: task });
    const cut = cutOff(createTask);
    try {
      await cut.reached;
      post.done(); // the task exists in Storeganise
      const err = await failure(createTask());
      expect(err.name).toBe('ThrottledError');
      expect(userMessage(err).message).toContain('An identical task is being created by another run');
      expect(stray).toEqual([]);
    } finally {
      await cut.end();
    }
  });

  test('T5 Storeganise refuses the task: the memory is removed, so a replay creates it', async () => {
    sg()
      .post(`${ADMIN}/jobs`)
      .reply(422, { error: { message: 'Unit is archived' } });
    await failure(createTask());
    expect(appTester.cache.find('create_task:')).toEqual([]);
    const scope = created();
    expect(await createTask()).toMatchObject({ id: 'job_9' });
    scope.done();
  });
});

describe('an optional cache', () => {
  test('O1 the poll memory of a polling twin fails or hangs: the fresh events are read again, the poll goes on', async () => {
    const job = {
      id: 'job_p',
      type: 'unit_moveIn',
      state: 'created',
      ownerId: 'api_user',
      data: {},
      result: { ownerId: 'usr_1' },
      created: new Date(Date.now() - 60_000).toISOString(),
      updated: new Date(Date.now() - 60_000).toISOString(),
    };
    for (const mode of ['error', 'hang'] as const) {
      appTester.cache.clear();
      appTester.cache.fail({ key: 'storeganise:polled:', mode });
      sg().get(`${ADMIN}/jobs`).query(true).reply(200, [job]);
      sg().get(`${ADMIN}/jobs/job_p`).query(true).reply(200, job);
      sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1', email: 'jane.doe@example.com' });
      const out = (await appTester(triggers.new_move_in_polling.operation.perform, {
        authData: AUTH,
        inputData: {},
        meta: { zap: { id: 'zap_1' } },
      })) as Row[];
      expect(out).toEqual([
        expect.objectContaining({
          id: 'job_p:job.unit_moveIn.created',
          customer: expect.objectContaining({ id: 'usr_1' }),
        }),
      ]);
    }
    expect(stray).toEqual([]);
  });
});

describe('Storeganise hangs', () => {
  test('A1 a request gets what the step has left: the step ends with the app’s words, not Zapier’s time-out', async () => {
    Object.assign(TIME_LIMIT, { stepMs: 1_500, reserveMs: 500, minRequestMs: 200 });
    try {
      sg().get(`${ADMIN}/users/usr_1`).query(true).delay(3_000).reply(200, { id: 'usr_1' });
      const started = Date.now();
      const err = await failure(deliverUser());
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(err.name).toBe('ThrottledError');
      expect(userMessage(err).message).toMatch(/did not answer within 1 s \(the time this step had left\)/);
    } finally {
      Object.assign(TIME_LIMIT, saved.time);
      nock.abortPendingRequests();
    }
  });
});

describe('the timings these rows rest on', () => {
  test('claims lapse in minutes, handled marks last days; every wait fits Zapier’s 30 s step', () => {
    expect(saved.claim).toEqual({ ttlSeconds: 120, waitMs: 4_000, pollMs: 250 });
    expect(HANDLED_TTL).toBe(3 * 24 * 3600);
    expect(saved.cache).toEqual({ callMs: 3_000 });
    expect(saved.lock).toEqual({ pollMs: 200, waitMs: 10_000, ttlSeconds: 60, retrySeconds: 15 });
    expect(saved.creating).toEqual({ waitMs: 3_000, pollMs: 250, busySeconds: 60, retrySeconds: 30 });
    expect(saved.time).toEqual({ stepMs: 25_000, reserveMs: 3_500, minRequestMs: 1_000 });
    // a claim outlives any run; a retry comes after it lapsed, within Zapier's 300 s
    expect(CLAIM.ttlSeconds * 1000).toBeGreaterThan(saved.time.stepMs);
    expect(RETRY_AFTER_CLAIM).toBeLessThanOrEqual(300);
    // the clean-up after a failure fits in the reserve
    expect(saved.cache.callMs).toBeLessThan(saved.time.reserveMs);
  });
});
