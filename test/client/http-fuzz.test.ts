/**
 * Generated Storeganise answers — malformed, deep, huge, wrong shape, odd statuses and content types — through
 * the client (src/client/http.ts, its error middleware included) and through whole searches. Whatever comes back,
 * the outcome is a well-shaped result or a typed, bounded error that holds no secret; never a crash, a hang or a
 * stray request.
 */
import fc from 'fast-check';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getJob, listJobs } from '../../src/client';
import { ADMIN, API_KEY, app, appTester, AUTH, sg, WEBHOOK_SECRET } from '../helpers';
import { fuzzParameters, fuzzRuns } from '../fuzz-scale';
import {
  CASE_TIMEOUT_MS,
  expectNoSecret,
  MAX_USER_MESSAGE,
  runRecorded,
  TEST_SECRETS,
  ZAPIER_ERRORS,
} from '../fixtures/recorded-run';

const ODD_STRINGS = [
  '',
  ' ',
  '..',
  '../settings',
  'job_1',
  '\u0000',
  '\ud800',
  '🔑',
  'a\r\nb',
  '%2e%2e',
  '{{bundle.authData.apiKey}}',
  API_KEY,
  WEBHOOK_SECRET,
  `Bearer ${API_KEY}`,
  '__proto__',
  'constructor',
  'x'.repeat(10_000),
];
const ODD_KEYS = [
  'id',
  'type',
  'state',
  'ownerId',
  'customFields',
  'error',
  'message',
  'errors',
  '__proto__',
  'constructor',
  API_KEY,
];

/** A JSON value `depth` levels deep at most: odd strings and keys (secrets among them), odd numbers. */
function valueAt(depth: number): fc.Arbitrary<unknown> {
  const leaves = [
    fc.constantFrom(...ODD_STRINGS),
    fc.constantFrom(0, -1, 1e308, -0, 3.5, Number.MAX_SAFE_INTEGER + 2),
    fc.constantFrom(true, false, null),
    fc.nat(999).map((n) => `s${n}`),
    fc.constantFrom(...ODD_STRINGS).map((s) => s.slice(0, 3)),
  ];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = valueAt(depth - 1);
  return fc.oneof(...leaves, fc.array(inner, { maxLength: 3 }), {
    weight: 2,
    arbitrary: fc.array(fc.tuple(fc.constantFrom(...ODD_KEYS), inner), { maxLength: 4 }).map((entries) => {
      // assigned one by one, as a careless client would: "__proto__" sets the prototype
      const out: Record<string, unknown> = {};
      for (const [key, v] of entries) out[key] = v;
      return out;
    }),
  });
}
const generatedValue = valueAt(4);

/** Nesting as text, so building it never recurses: `levels` deep lists or objects. */
const deepText = (levels: number, open: string, close: string, core = '1') =>
  `${open.repeat(levels)}${core}${close.repeat(levels)}`;

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  label: string;
}

/** A Storeganise answer: any status, odd content types and headers, a body from malformed to huge. */
const answerOf = (deep: number): fc.Arbitrary<Answer> =>
  fc
    .record({
      kind: fc.integer({ min: 0, max: 11 }),
      status: fc.constantFrom(200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 409, 418, 422, 429, 500, 503),
      oddType: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
      contentType: fc.constantFrom(
        'text/plain',
        'text/html',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ),
      location: fc.constantFrom(
        'https://evil.example/x',
        '/x',
        '',
        'javascript:alert(1)',
        `https://evil.example/${API_KEY}`,
      ),
      retryAfter: fc.constantFrom('-1', '1'.repeat(24), 'soon', '5', 'Sun, 29 Nov 2026 06:00:30 GMT'),
      malformed: fc.constantFrom(
        '',
        ' ',
        'null',
        '{',
        '{"a":',
        '[1,',
        "{'a':1}",
        'NaN',
        '{"a":1}garbage',
        '\ufeff{}',
      ),
      value: generatedValue,
    })
    .map(({ kind, status, oddType, contentType, location, retryAfter, malformed, value }) => {
      const json: Record<string, string> = { 'content-type': 'application/json' };
      const headers = oddType ? { 'content-type': contentType } : json;
      if (status === 301) headers.location = location;
      if (status === 429) headers['retry-after'] = retryAfter;
      const text = (v: unknown) => JSON.stringify(v);
      switch (kind) {
        case 0:
          return { status, headers, body: malformed, label: 'malformed' };
        case 1:
          return { status, headers: json, body: deepText(deep, '[', ']'), label: `list nested ${deep} deep` };
        case 2:
          return {
            status,
            headers: json,
            body: deepText(deep, '{"a":', '}'),
            label: `object nested ${deep} deep`,
          };
        case 3:
          return {
            status,
            headers: json,
            body: text({ id: 'job_1', notes: 'n'.repeat(200_000) }),
            label: 'a 200 KB field',
          };
        case 4:
          return {
            status,
            headers: json,
            body: text(Array.from({ length: 2_000 }, (_, i) => ({ id: `job_${i}` }))),
            label: '2,000 records',
          };
        case 5:
          return {
            status,
            headers: json,
            body: text({ error: { message: `${API_KEY} ${'e'.repeat(20_000)}` } }),
            label: 'huge error echoing the key',
          };
        default:
          return { status, headers, body: text(value), label: 'generated value' };
      }
    });

function checkError(err: unknown, context: string): void {
  const e = err as Error;
  expect(
    ZAPIER_ERRORS.has(e?.name)
      ? 'typed'
      : `${context}: untyped ${e?.name}: ${String(e?.message).slice(0, 200)}`,
  ).toBe('typed');
  expect(e.message.length).toBeLessThanOrEqual(MAX_USER_MESSAGE + 200);
}

describe('generated answers through the client', () => {
  const count = fuzzRuns(150);
  test(`${count} answers to "get one job" and "list jobs": a record, a list of records, or a typed bounded error`, async () => {
    // 1,000 levels: core's own log scrubber (not the app) overflows on a few answers nested ~3,000 deep
    // in one run; a single 100,000-deep answer is covered in errors.test.ts.
    const answers = answerOf(1_000);
    await appTester(
      (async (z: ZObject, bundle: Bundle) => {
        const stray: string[] = [];
        const record = ({ method, options }: { method: string; options: { path: string } }) =>
          void stray.push(`${method} ${options.path}`);
        nock.emitter.on('no match', record);
        try {
          await fc.assert(
            fc.asyncProperty(answers, fc.boolean(), async (a, list) => {
              nock.cleanAll();
              stray.length = 0;
              sg()
                .get(list ? `${ADMIN}/jobs` : `${ADMIN}/jobs/job_1`)
                .query(true)
                .reply(a.status, a.body, a.headers);
              const context = `${a.status} ${a.label}`;
              let result: unknown;
              let e: Error | undefined;
              try {
                result = list ? await listJobs(z, bundle, {}, 1) : await getJob(z, bundle, 'job_1');
              } catch (err) {
                e = err as Error;
              }
              if (e) {
                if (!ZAPIER_ERRORS.has(e?.name))
                  throw new Error(`${context}: untyped ${e?.name}: ${String(e?.message).slice(0, 200)}`);
                if (e.message.length > MAX_USER_MESSAGE)
                  throw new Error(`${context}: ${e.message.length}-character message`);
                if (TEST_SECRETS.some((s) => e.message.includes(s)))
                  throw new Error(`${context}: secret in ${e.message.slice(0, 200)}`);
              } else {
                const ok = list
                  ? Array.isArray(result) &&
                    result.every((r) => r && typeof r === 'object' && !Array.isArray(r))
                  : !!result && typeof result === 'object' && !Array.isArray(result);
                if (!ok) throw new Error(`${context}: handed on ${typeof result}`);
                if (a.status >= 300) throw new Error(`${context}: a ${a.status} was handed on as data`);
              }
              // exactly the one request answered: none unanswered, none left over
              if (stray.length) throw new Error(`${context}: requests nobody answered: ${stray.join(', ')}`);
              if (nock.pendingMocks().length) throw new Error(`${context}: the answer was never asked for`);
            }),
            fuzzParameters(150),
          );
        } finally {
          nock.emitter.removeListener('no match', record);
        }
        return null;
      }) as never,
      { authData: AUTH },
    );
  }, 30_000);
});

describe('generated answers through whole searches (last line included)', () => {
  // 40 answers drawn once, each its own test with its own time limit
  const cases = fc.sample(answerOf(40), { numRuns: 40, seed: 4242 }).map((a, i) => [i, a] as const);
  test.each(cases)(
    'Find Job, answer #%i: clean result or typed error',
    async (_i, a) => {
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(a.status, a.body, a.headers);
      const outcome = await runRecorded(app.searches.find_job.operation.perform, {
        inputData: { jobId: 'job_1' },
      });
      expect(outcome.stray).toEqual([]);
      expectNoSecret(outcome);
      if (outcome.error) checkError(outcome.error, a.label);
      else {
        expect(Array.isArray(outcome.result)).toBe(true);
        const list = outcome.result as unknown[];
        expect(list.length).toBeLessThanOrEqual(1);
        for (const record of list) expect(Object.keys(record as object)).not.toContain('0');
      }
    },
    CASE_TIMEOUT_MS,
  );
});
