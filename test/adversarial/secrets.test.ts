/**
 * Class 3 — secrets in errors. Keys pasted with junk are cleaned or refused at connection time;
 * answers, errors and log lines that echo the key or the signing secret carry it nowhere, whoever
 * raised them (the client, core, a TypeError from node), thanks to the one last-line redaction.
 */
import { type Bundle, createAppTester, version as platformVersion, type ZObject } from 'zapier-platform-core';
import { getJob } from '../../src/client';
import { withSecretGuard } from '../../src/secret-guard';
import {
  ADMIN,
  API_KEY,
  app,
  appTester,
  attempt,
  AUTH,
  CASE_MS,
  expectNoSecret,
  expectTypedError,
  sg,
  WEBHOOK_SECRET,
} from './kit';

const job = { id: 'job_1', type: 'task', state: 'created' };

describe('class 3: answers that echo a secret', () => {
  test(
    'a 401 whose body echoes the key: the reconnect error holds no part of the body (core appends 100 chars)',
    async () => {
      for (const run of [app.authentication.test, app.searches.find_job.operation.perform]) {
        sg()
          .get(/.*/)
          .query(true)
          .reply(401, `{"error":"key ${API_KEY} is revoked","secret":"${WEBHOOK_SECRET}"}`);
        const outcome = await attempt(run, { inputData: { jobId: 'job_1' } });
        expect(outcome.error?.name).toBe('ExpiredAuthError');
        expectNoSecret(outcome);
      }
    },
    CASE_MS,
  );

  test(
    "even called outside the app's guarded functions, the client censors core's request trail",
    async () => {
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(401, `key ${API_KEY}`);
      const outcome = await attempt((z: never, b: never) => getJob(z, b, 'job_1'), {});
      expect(outcome.error?.name).toBe('ExpiredAuthError');
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test(
    'API Request hands on neither headers nor a body that echo the key or the secret, in any form',
    async () => {
      const escaped = JSON.stringify(WEBHOOK_SECRET).slice(1, -1);
      sg()
        .get(`${ADMIN}/me`)
        .reply(
          200,
          { token: API_KEY, nested: { list: [`Bearer ${API_KEY}`, { [API_KEY]: escaped }] } },
          { 'x-echo-key': API_KEY, 'set-cookie': `k=${API_KEY}`, 'www-authenticate': `ApiKey ${API_KEY}` },
        );
      const outcome = await attempt(app.creates.api_request.operation.perform, {
        inputData: { method: 'GET', path: 'me' },
      });
      expect(outcome.error).toBeUndefined();
      expectNoSecret(outcome);
      expect(outcome.result).toMatchObject({
        headers: { 'x-echo-key': ':censored:' },
        body: {
          token: ':censored:',
          nested: { list: ['Bearer :censored:', { ':censored:': ':censored:' }] },
        },
      });
      expect(outcome.result).not.toHaveProperty(['headers', 'set-cookie']);
    },
    CASE_MS,
  );

  test(
    'the trimmed form of a key stored with spaces is censored too',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(422, { errors: [{ message: `bad ${API_KEY}` }] });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        authData: { ...AUTH, apiKey: `  ${API_KEY}  ` },
        inputData: { jobId: 'job_1' },
      });
      expect(expectTypedError(outcome, 'invalid_request').message).toContain('bad :censored:');
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test(
    'a record that carries the signing secret is handed on censored by a search',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(200, { ...job, notes: `secret is ${WEBHOOK_SECRET}` });
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(outcome.error).toBeUndefined();
      expectNoSecret(outcome);
    },
    CASE_MS,
  );

  test(
    'a network error whose text quotes the key is censored',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .replyWithError(Object.assign(new Error(`tls ${API_KEY}`), { code: API_KEY }));
      const outcome = await attempt(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expectTypedError(outcome);
      expectNoSecret(outcome);
    },
    CASE_MS,
  );
});

describe('class 3: the last line covers whoever threw', () => {
  const leakyApp = withSecretGuard({
    version: '1.0.0',
    platformVersion,
    creates: {
      leak: {
        key: 'leak',
        noun: 'Leak',
        display: { label: 'Leak', description: 'Throws or logs whatever it is told to.' },
        operation: {
          inputFields: [
            { key: 'how', label: 'How' },
            async (_z: ZObject, bundle: Bundle) => {
              if (bundle.inputData.how === 'fields') throw new RangeError(`fields ${bundle.authData.apiKey}`);
              return [];
            },
          ],
          perform: async (z: ZObject, bundle: Bundle) => {
            const key = bundle.authData.apiKey as string;
            const how = bundle.inputData.how;
            z.console.log(`logging ${key}`, { nested: key }, new Error(`logged error ${key}`));
            if (how === 'type') throw new TypeError(`${key} is not a legal HTTP header value`);
            if (how === 'string') throw `thrown string ${key}`;
            if (how === 'huge') throw new Error(`${key} ${'x'.repeat(5_000_000)}`);
            if (how === 'app') throw new z.errors.Error(`app ${key}`, 'leak', 400);
            if (how === 'json') throw new Error(JSON.stringify({ message: `json ${key}`, content: key }));
            return { id: 'leak_1', key, list: [key, { [key]: key }] };
          },
          sample: { id: 'leak_1' },
        },
      },
    },
  });
  const leaky = createAppTester(leakyApp as never);

  test.each(['type', 'string', 'huge', 'app', 'json', 'none'])(
    'an operation that throws or returns the key (%s): censored, bounded, and no request trail appended',
    async (how) => {
      const lines: string[] = [];
      const spy = jest
        .spyOn(console, 'log')
        .mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
      process.env.LOG_TO_STDOUT = '1';
      let result: unknown;
      let error: Error | undefined;
      try {
        result = await leaky(leakyApp.creates.leak.operation.perform as never, {
          authData: AUTH,
          inputData: { how },
        });
      } catch (err) {
        error = err as Error;
      } finally {
        spy.mockRestore();
        delete process.env.LOG_TO_STDOUT;
      }
      expectNoSecret({ result, error, logs: lines.join('\n'), stray: [] });
      expect(lines.join('\n')).toContain('logging :censored:');
      if (how === 'none') expect(result).toMatchObject({ key: ':censored:' });
      else {
        expect(String(error?.message ?? error).length).toBeLessThanOrEqual(2_000);
        expect(String(error?.message ?? error)).not.toContain('What happened');
      }
    },
    CASE_MS,
  );

  test(
    'dynamic fields are guarded too',
    async () => {
      const fields = leakyApp.creates.leak.operation.inputFields as unknown[];
      const err = await leaky(fields[1] as never, { authData: AUTH, inputData: { how: 'fields' } }).catch(
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expectNoSecret({ error: err as Error, logs: '', stray: [] });
    },
    CASE_MS,
  );

  test('every function Zapier calls on the app is guarded', () => {
    const unguarded: string[] = [];
    const visit = (value: unknown, path: string, depth: number) => {
      if (typeof value === 'function') {
        if (!Object.getOwnPropertySymbols(value).some((s) => s.description === 'guarded'))
          unguarded.push(path);
      } else if (value && typeof value === 'object' && depth < 6) {
        for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, depth + 1);
      }
    };
    const { beforeRequest, afterResponse, ...called } = app as unknown as Record<string, unknown>;
    void beforeRequest;
    void afterResponse;
    visit(called, 'App', 0);
    expect(unguarded).toEqual([]);
    void appTester;
  });
});
