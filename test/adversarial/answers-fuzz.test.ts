/**
 * Generated Storeganise answers — malformed, deep, huge, wrong shape, odd statuses and content types —
 * through the client and through whole searches. Whatever comes back, the outcome is a well-shaped
 * result or a typed, bounded error that holds no secret; never a crash, a hang or a stray request.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { getJob, listJobs } from '../../src/client';
import {
  ADMIN,
  API_KEY,
  app,
  appTester,
  attempt,
  AUTH,
  CASE_MS,
  expectNoSecret,
  MAX_USER_MESSAGE,
  nock,
  sg,
  SECRETS,
  TYPED,
  WEBHOOK_SECRET,
} from './kit';
import { fuzzCases } from '../fuzz-scale';

/** A small seeded generator, so a failure names a seed that reproduces it. */
function generator(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}

type Gen = ReturnType<typeof generator>;

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

function value(g: Gen, depth: number): unknown {
  const kind = depth <= 0 ? g.int(5) : g.int(8);
  if (kind === 0) return g.pick(ODD_STRINGS);
  if (kind === 1) return g.pick([0, -1, 1e308, -0, 3.5, Number.MAX_SAFE_INTEGER + 2]);
  if (kind === 2) return g.pick([true, false, null]);
  if (kind === 3) return `s${g.int(1000)}`;
  if (kind === 4) return g.pick(ODD_STRINGS).slice(0, 3);
  if (kind === 5) return Array.from({ length: g.int(4) }, () => value(g, depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = g.int(5); i > 0; i -= 1) out[g.pick(ODD_KEYS)] = value(g, depth - 1);
  return out;
}

/** Nesting as text, so building it never recurses: `levels` deep lists or objects. */
const deepText = (levels: number, open: string, close: string, core = '1') =>
  `${open.repeat(levels)}${core}${close.repeat(levels)}`;

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  label: string;
}

function answer(g: Gen, deep: number): Answer {
  const json = { 'content-type': 'application/json' };
  const kind = g.int(12);
  const status = g.pick([200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 409, 418, 422, 429, 500, 503]);
  const headers: Record<string, string> =
    g.int(3) === 0
      ? {
          'content-type': g.pick([
            'text/plain',
            'text/html',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
          ]),
        }
      : json;
  if (status === 301)
    headers.location = g.pick([
      'https://evil.example/x',
      '/x',
      '',
      'javascript:alert(1)',
      `https://evil.example/${API_KEY}`,
    ]);
  if (status === 429)
    headers['retry-after'] = g.pick(['-1', '1'.repeat(24), 'soon', '5', 'Sun, 29 Nov 2026 06:00:30 GMT']);
  const text = (v: unknown) => JSON.stringify(v);
  switch (kind) {
    case 0:
      return {
        status,
        headers,
        body: g.pick(['', ' ', 'null', '{', '{"a":', '[1,', "{'a':1}", 'NaN', '{"a":1}garbage', '\ufeff{}']),
        label: 'malformed',
      };
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
      return { status, headers, body: text(value(g, 4)), label: 'generated value' };
  }
}

function checkError(err: unknown, context: string): void {
  const e = err as Error;
  expect(
    TYPED.has(e?.name) ? 'typed' : `${context}: untyped ${e?.name}: ${String(e?.message).slice(0, 200)}`,
  ).toBe('typed');
  expect(e.message.length).toBeLessThanOrEqual(MAX_USER_MESSAGE + 200);
}

describe('generated answers through the client', () => {
  const count = fuzzCases(150);
  test(`${count} answers to "get one job" and "list jobs": a record, a list of records, or a typed bounded error`, async () => {
    const g = generator(20261129);
    // 1,000 levels: core's own log scrubber (not the app) overflows on a few answers nested ~3,000 deep
    // in one run; a single 100,000-deep answer is covered in error-bodies.test.ts.
    const answers = Array.from({ length: count }, () => answer(g, 1_000));
    for (const [i, a] of answers.entries()) {
      const path = i % 2 ? `${ADMIN}/jobs` : `${ADMIN}/jobs/job_1`;
      sg().get(path).query(true).reply(a.status, a.body, a.headers);
    }
    const failures = (await appTester(
      (async (z: ZObject, bundle: Bundle) => {
        const found: string[] = [];
        for (const [i, a] of answers.entries()) {
          const context = `#${i} ${a.status} ${a.label}`;
          try {
            const result: unknown =
              i % 2 ? await listJobs(z, bundle, {}, 1) : await getJob(z, bundle, 'job_1');
            const ok =
              i % 2
                ? Array.isArray(result) &&
                  result.every((r) => r && typeof r === 'object' && !Array.isArray(r))
                : !!result && typeof result === 'object' && !Array.isArray(result);
            if (!ok) found.push(`${context}: handed on ${typeof result}`);
            if (a.status >= 300) found.push(`${context}: a ${a.status} was handed on as data`);
          } catch (err) {
            const e = err as Error;
            if (!TYPED.has(e?.name))
              found.push(`${context}: untyped ${e?.name}: ${String(e?.message).slice(0, 200)}`);
            else if (e.message.length > MAX_USER_MESSAGE)
              found.push(`${context}: ${e.message.length}-character message`);
            else if (SECRETS.some((s) => e.message.includes(s)))
              found.push(`${context}: secret in ${e.message.slice(0, 200)}`);
          }
        }
        return found;
      }) as never,
      { authData: AUTH },
    )) as string[];
    expect(failures).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  }, 30_000);
});

describe('generated answers through whole searches (last line included)', () => {
  const g = generator(4242);
  const cases = Array.from({ length: 40 }, (_, i) => [i, answer(g, 40)] as const);

  test.each(cases)(
    'Find Job, answer #%i: clean result or typed error',
    async (_i, a) => {
      sg().get(`${ADMIN}/jobs/job_1`).query(true).reply(a.status, a.body, a.headers);
      const outcome = await attempt(app.searches.find_job.operation.perform, {
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
    CASE_MS,
  );
});
