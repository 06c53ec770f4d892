/**
 * Redaction (src/client/redact.ts) on its own: every form a secret may take, censored wherever it sits; bounded
 * text stays readable. Then through the client and whole steps: answers, errors and log lines that echo the key
 * or the signing secret carry it nowhere.
 */
import {
  boundText,
  censor,
  CENSORED,
  cleanSecret,
  getJob,
  MAX_MESSAGE,
  redact,
  redactDeep,
  secretForms,
  sgRequest,
} from '../../src/client';
import { ADMIN, API_KEY, app, AUTH, failure, HOST, runWithConnection, sg, WEBHOOK_SECRET } from '../helpers';
import { CASE_TIMEOUT_MS, expectNoSecret, expectZapierError, runRecorded } from '../fixtures/recorded-run';

const KEY = 'fake-key/with "quotes"';
const SECRET = 'fake-secret-01';

describe('secret forms', () => {
  test('as stored, trimmed, cleaned, JSON-escaped and URL-encoded; longest first', () => {
    const forms = secretForms({ apiKey: ` ${KEY}\u200b`, webhookSecret: SECRET });
    for (const form of [
      ` ${KEY}\u200b`,
      `${KEY}\u200b`,
      KEY,
      'fake-key/with \\"quotes\\"',
      encodeURIComponent(KEY),
      SECRET,
    ]) {
      expect(forms).toContain(form);
    }
    expect([...forms].sort((a, b) => b.length - a.length)).toEqual(forms);
  });

  test('values shorter than 4 characters, or not text, are not treated as secrets', () => {
    expect(secretForms({ apiKey: 'abc', webhookSecret: 1234 as never })).toEqual([]);
    expect(secretForms({ apiKey: 'abcd' })).toEqual(['abcd']);
    expect(secretForms(undefined)).toEqual([]);
  });

  test('a lone surrogate in a secret does not break redaction', () => {
    expect(secretForms({ apiKey: 'abc\ud800' })).toContain('abc\ud800');
    expect(redact('x abc\ud800 y', { apiKey: 'abc\ud800' })).toBe(`x ${CENSORED} y`);
  });

  test('cleaning strips copy-paste leftovers and surrounding white space only', () => {
    expect(cleanSecret('\ufeff\u00ad a\u200cb\u200d\u2060 \n')).toBe('ab');
    expect(cleanSecret('a b')).toBe('a b');
  });
});

describe('censoring', () => {
  test('every occurrence, and a secret inside a longer one is censored whole', () => {
    expect(censor(`${KEY}x${KEY}`, [KEY])).toBe(`${CENSORED}x${CENSORED}`);
    expect(censor('abcdef abcd', ['abcdef', 'abcd'])).toBe(`${CENSORED} ${CENSORED}`);
    expect(redact(`k=${SECRET}`, { webhookSecret: SECRET })).toBe(`k=${CENSORED}`);
    expect(redact('nothing here', { apiKey: KEY })).toBe('nothing here');
  });

  test('deep values: strings and keys are censored in a copy; the original is untouched', () => {
    const original = { a: [SECRET, { [SECRET]: `x${SECRET}` }], n: 1, t: true, nul: null };
    const copy = redactDeep(original, [SECRET]);
    expect(copy).toEqual({ a: [CENSORED, { [CENSORED]: `x${CENSORED}` }], n: 1, t: true, nul: null });
    expect(Array.isArray(copy.a)).toBe(true);
    expect(original.a[0]).toBe(SECRET);
  });

  test('nothing to censor: the very same value comes back, without a copy', () => {
    const value = { a: [{ b: 'c' }] };
    expect(redactDeep(value, [SECRET])).toBe(value);
    expect(redactDeep(value, [])).toBe(value);
    expect(redactDeep(SECRET, [])).toBe(SECRET);
    expect(redactDeep(SECRET, [SECRET])).toBe(CENSORED);
    expect(redactDeep(42, [SECRET])).toBe(42);
    expect(redactDeep(null, [SECRET])).toBeNull();
  });

  test('shared and cyclic objects are copied once; 100,000 levels do not overflow', () => {
    const shared = { s: SECRET };
    const cyclic: Record<string, unknown> = { one: shared, two: shared };
    cyclic.self = cyclic;
    const copy = redactDeep(cyclic, [SECRET]) as Record<string, Record<string, unknown>>;
    expect(copy.one).toBe(copy.two);
    expect(copy.self).toBe(copy);
    expect(copy.one.s).toBe(CENSORED);

    let deep: unknown = SECRET;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    let out = redactDeep(deep, [SECRET]);
    for (let i = 0; i < 100_000; i += 1) out = (out as unknown[])[0];
    expect(out).toBe(CENSORED);
  });

  test('empty lists and objects beside a secret stay empty in the copy', () => {
    expect(redactDeep({ s: SECRET, list: [], obj: {} }, [SECRET])).toEqual({
      s: CENSORED,
      list: [],
      obj: {},
    });
  });

  test('a cyclic value with no secret is handed back as it is (each object visited once)', () => {
    const cyclic: Record<string, unknown> = { a: 'clean' };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, cyclic];
    expect(redactDeep(cyclic, [SECRET])).toBe(cyclic);
    const inner: Record<string, unknown> = { b: 'clean' };
    inner.self = inner; // a cycle that does not pass through the value handed in
    const outer = { inner };
    expect(redactDeep(outer, [SECRET])).toBe(outer);
  });

  test('a deep value with no secret anywhere is handed back as it is', () => {
    let deep: unknown = 'clean';
    for (let i = 0; i < 100_000; i += 1) deep = { d: deep };
    expect(redactDeep(deep, [SECRET])).toBe(deep);
  });
});

describe('bounded text', () => {
  test('one line: control characters become single spaces, ends trimmed', () => {
    expect(boundText(' a\r\n\tb\u0000\u009fc ')).toBe('a b c');
  });

  test(`cut to ${MAX_MESSAGE} characters with an ellipsis, never splitting a surrogate pair`, () => {
    expect(boundText('x'.repeat(MAX_MESSAGE))).toBe('x'.repeat(MAX_MESSAGE));
    expect(boundText('x'.repeat(MAX_MESSAGE + 1))).toBe(`${'x'.repeat(MAX_MESSAGE - 1)}…`);
    expect(boundText('abcdef', 4)).toBe('abc…');
    const cut = boundText(`ab${'🔑'.repeat(5)}`, 6);
    expect(cut).toBe('ab🔑…');
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(boundText('a🔑bcd', 3)).toBe('a…');
    expect(boundText('abc', 1)).toBe('…');
  });
});

describe('through the client', () => {
  const job = { id: 'job_1', type: 'unit_moveIn', state: 'created', ownerId: 'usr_1' };

  describe('secrets stay secret', () => {
    const secrets = [API_KEY, WEBHOOK_SECRET];

    test('an error that echoes the key or the secret is redacted', async () => {
      sg()
        .post(`${ADMIN}/jobs`)
        .reply(422, { error: { message: `bad key ${API_KEY} / ${WEBHOOK_SECRET}` } });
      const err = await failure(
        runWithConnection((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: {} })),
      );
      for (const secret of secrets) expect(err.message).not.toContain(secret);
      expect(err.message).toContain(':censored:');
    });

    test('neither appears in z.console or HTTP logs, for successes and failures alike', async () => {
      const lines: string[] = [];
      const spy = jest.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
      process.env.LOG_TO_STDOUT = '1';
      process.env.DETAILED_LOG_TO_STDOUT = '1';
      try {
        sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(200, job);
        sg()
          .get(`${ADMIN}/jobs/job_2`)
          .query(true)
          .reply(401, { error: { message: 'nope' } });
        await runWithConnection(async (z, b) => {
          await getJob(z, b, 'job_1');
          return getJob(z, b, 'job_2').catch((e: Error) => z.console.log(e.message));
        });
      } finally {
        spy.mockRestore();
        delete process.env.LOG_TO_STDOUT;
        delete process.env.DETAILED_LOG_TO_STDOUT;
      }
      const output = lines.join('\n');
      expect(output).toContain(`GET ${HOST}${ADMIN}/jobs/job_1`); // the logs were captured at all
      for (const secret of secrets) expect(output).not.toContain(secret);
    });
  });
});

describe('answers that echo a secret carry it nowhere, whoever raised them', () => {
  test(
    'a 401 whose body echoes the key: the reconnect error holds no part of the body (core appends 100 chars)',
    async () => {
      for (const run of [app.authentication.test, app.searches.find_job.operation.perform]) {
        sg()
          .get(/.*/)
          .query(true)
          .reply(401, `{"error":"key ${API_KEY} is revoked","secret":"${WEBHOOK_SECRET}"}`);
        const outcome = await runRecorded(run, { inputData: { jobId: 'job_1' } });
        expect(outcome.error?.name).toBe('ExpiredAuthError');
        expectNoSecret(outcome);
      }
    },
    CASE_TIMEOUT_MS,
  );

  test(
    "even called outside the app's guarded functions, the client censors core's request trail",
    async () => {
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(401, `key ${API_KEY}`);
      const outcome = await runRecorded((z: never, b: never) => getJob(z, b, 'job_1'), {});
      expect(outcome.error?.name).toBe('ExpiredAuthError');
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
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
      const outcome = await runRecorded(app.creates.api_request.operation.perform, {
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
    CASE_TIMEOUT_MS,
  );

  test(
    'the trimmed form of a key stored with spaces is censored too',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(422, { errors: [{ message: `bad ${API_KEY}` }] });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        authData: { ...AUTH, apiKey: `  ${API_KEY}  ` },
        inputData: { jobId: 'job_1' },
      });
      expect(expectZapierError(outcome, 'invalid_request').message).toContain('bad :censored:');
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a record that carries the signing secret is handed on censored by a search',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .reply(200, { id: 'job_1', type: 'task', state: 'created', notes: `secret is ${WEBHOOK_SECRET}` });
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(outcome.error).toBeUndefined();
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
  );

  test(
    'a network error whose text quotes the key is censored',
    async () => {
      sg()
        .get(`${ADMIN}/jobs/job_1`)
        .query(true)
        .replyWithError(Object.assign(new Error(`tls ${API_KEY}`), { code: API_KEY }));
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expectZapierError(outcome);
      expectNoSecret(outcome);
    },
    CASE_TIMEOUT_MS,
  );
});

describe('the secret scan reads what leaves, once, and copies only when a secret is there', () => {
  test('a secret with characters a pattern would read specially is found as written, and only as written', () => {
    const forms = secretForms({ apiKey: 'k.e*y+(1)\\[x]', webhookSecret: undefined } as never);
    expect(redactDeep({ note: 'sent k.e*y+(1)\\[x] by mistake' }, forms)).toEqual({
      note: 'sent :censored: by mistake',
    });
    const lookalike = { note: 'kXeeey+1x' }; // what the form would match were it a pattern
    expect(redactDeep(lookalike, forms)).toBe(lookalike);
  });

  test('list positions are not text: a long list whose position reads like a secret is not copied', () => {
    const list = Array.from({ length: 1_500 }, (_, i) => ({ n: i }));
    expect(redactDeep(list, ['1000'])).toBe(list);
    expect(redactDeep({ '1000': 'x' }, ['1000'])).toEqual({ ':censored:': 'x' }); // a key of a record is text
  });

  test('inherited properties are not handed on (JSON takes own ones only), so they are not scanned', () => {
    const record = Object.create({ inherited: 'fake-api-key-for-tests-0001' }) as Record<string, unknown>;
    record.own = 'clean';
    expect(redactDeep(record, ['fake-api-key-for-tests-0001'])).toBe(record);
  });
});
