/** Redaction on its own: every form a secret may take, censored wherever it sits; bounded text stays readable. */
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
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ADMIN, API_KEY, appTester, AUTH, failure, HOST, sg, WEBHOOK_SECRET } from '../helpers';

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
  const run = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T>, authData: Record<string, string> = AUTH) =>
    appTester(fn as never, { authData }) as Promise<T>;

  const job = { id: 'job_1', type: 'unit_moveIn', state: 'created', ownerId: 'usr_1' };

  describe('secrets stay secret', () => {
    const secrets = [API_KEY, WEBHOOK_SECRET];

    test('an error that echoes the key or the secret is redacted', async () => {
      sg()
        .post(`${ADMIN}/jobs`)
        .reply(422, { error: { message: `bad key ${API_KEY} / ${WEBHOOK_SECRET}` } });
      const err = await failure(run((z, b) => sgRequest(z, b, { method: 'POST', path: ['jobs'], body: {} })));
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
        await run(async (z, b) => {
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
