/**
 * The last line (src/secret-guard.ts), function by function: whatever leaves a guarded function — its result,
 * its error (whoever made it) or a z.console line — carries no secret of the connection, and an error's
 * message stays readable and bounded. Each rule is pinned down on its own, then through the runtime with an
 * app that throws, returns and logs its key every way it can, and over every function the app gives Zapier.
 */
import { type Bundle, createAppTester, version, type ZObject } from 'zapier-platform-core';
import { createZapierRuntime } from '../zapier-local/runtime';
import { CENSORED } from '../src/client';
import { cleanError, guard, MAX_ERROR_MESSAGE, withSecretGuard } from '../src/secret-guard';
import { app, AUTH } from './helpers';
import { CASE_TIMEOUT_MS, expectNoSecret } from './fixtures/recorded-run';

const KEY = 'fake-api-key-for-last-line-0001';
const SECRET = 'fake-signing-secret-last-line';
const bundle = {
  authData: { businessCode: 'mybiz', apiKey: KEY, webhookSecret: SECRET },
} as unknown as Bundle;
const forms = [KEY, SECRET];
/** What Zapier calls: (z, bundle). */
type Op = (z: ZObject, bundle: Bundle) => unknown;

/** A z whose console records what it was handed. */
function recordingZ() {
  const lines: { method: string; args: unknown[] }[] = [];
  const record =
    (method: string) =>
    (...args: unknown[]) =>
      void lines.push({ method, args });
  const console = {
    log: record('log'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
    trace: record('trace'),
    table: record('table'),
    level: 'verbose',
  };
  return { z: { console, request: () => 'request' } as unknown as ZObject, lines };
}

describe('cleanError: what an error may carry out', () => {
  test('a text message is censored and cut to the longest a user reads', () => {
    const err = cleanError(new Error(`bad ${KEY} ${'x'.repeat(5_000)}`), forms) as Error;
    expect(err.message).not.toContain(KEY);
    expect(err.message.startsWith(`bad ${CENSORED} x`)).toBe(true);
    expect(err.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
    expect(err.message.endsWith('…')).toBe(true);
  });

  test("Zapier's JSON messages stay JSON: every field censored and cut, keys too, lists kept as lists", () => {
    const message = JSON.stringify({
      message: `no: ${SECRET}`,
      code: 'x',
      content: 'c'.repeat(3_000),
      list: [KEY, 'ok'],
      [KEY]: 'key as a key',
      n: 7,
    });
    const err = cleanError(new Error(message), forms) as Error;
    const parsed = JSON.parse(err.message);
    expect(parsed.message).toBe(`no: ${CENSORED}`);
    expect(parsed.code).toBe('x');
    expect(parsed.content.length).toBeLessThanOrEqual(1_000);
    expect(parsed.content.length).toBeGreaterThan(900);
    expect(parsed.list).toEqual([CENSORED, 'ok']);
    expect(Object.keys(parsed)).toContain(CENSORED);
    expect(parsed.n).toBe(7);
  });

  test('fields nested deeper than a flat message are still censored', () => {
    const deep = { a: { b: { c: { d: { e: `deep ${KEY}` } } } } };
    const err = cleanError(new Error(JSON.stringify(deep)), forms) as Error;
    expect(err.message).not.toContain(KEY);
    expect(JSON.parse(err.message).a.b.c.d.e).toBe(`deep ${CENSORED}`);
  });

  test.each([
    ['a JSON list', JSON.stringify([KEY, 'y'])],
    ['broken JSON', `{"message": "${KEY}"`],
    ['JSON over a million characters', JSON.stringify({ message: `${KEY}${'z'.repeat(1_000_001)}` })],
  ])('%s is cleaned as text: censored and cut', (_name, message) => {
    const err = cleanError(new Error(message), forms) as Error;
    expect(err.message).not.toContain(KEY);
    expect(err.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
  });

  test('other text properties are cleaned too; other values are left alone', () => {
    const err = Object.assign(new Error('m'), { content: `body ${KEY}`, status: 401, json: { k: 1 } });
    const out = cleanError(err, forms) as typeof err;
    expect(out).toBe(err);
    expect(out.content).toBe(`body ${CENSORED}`);
    expect(out.status).toBe(401);
    expect(out.json).toEqual({ k: 1 });
  });

  test('the stack is the clean message over at most 20 frames, and core is told not to append its trail', () => {
    const err = new Error(`first ${KEY}`);
    err.stack = [
      `Error: first ${KEY}`,
      'extra text line',
      ...Array.from({ length: 30 }, (_, i) => `    at f${i} (x.js:1:1)`),
    ].join('\n');
    const out = cleanError(err, forms) as Error & { doNotContextify?: boolean };
    const lines = String(out.stack).split('\n');
    expect(lines[0]).toBe(`Error: first ${CENSORED}`);
    expect(lines).toHaveLength(21);
    expect(lines.slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
    expect(out.stack).not.toContain('extra text line');
    expect(out.doNotContextify).toBe(true);
  });

  test('an error with no stack gets one line', () => {
    const err = new Error('plain');
    err.stack = undefined;
    expect((cleanError(err, forms) as Error).stack).toBe('Error: plain');
  });

  test('a thrown string is cleaned as a message; other thrown values are censored deeply', () => {
    expect(cleanError(`text ${KEY}`, forms)).toBe(`text ${CENSORED}`);
    expect(cleanError({ detail: KEY }, forms)).toEqual({ detail: CENSORED });
    expect(cleanError({ message: 42, detail: KEY }, forms)).toEqual({ message: 42, detail: CENSORED });
    expect(cleanError(null, forms)).toBeNull();
    expect(cleanError(7, forms)).toBe(7);
  });
});

describe('cleanError: where JSON ends and text begins', () => {
  const json = (size: number) => {
    const bare = JSON.stringify({ message: KEY, pad: '' });
    return JSON.stringify({ message: KEY, pad: 'p'.repeat(size - bare.length) });
  };

  test('a JSON message of exactly a million characters is still read as JSON, each field cut', () => {
    const message = json(1_000_000);
    expect(message).toHaveLength(1_000_000);
    const parsed = JSON.parse((cleanError(new Error(message), forms) as Error).message);
    expect(parsed.message).toBe(CENSORED);
    expect(parsed.pad.length).toBeLessThanOrEqual(1_000);
  });

  test('one character more and it is cut as text, to the longest message', () => {
    const out = (cleanError(new Error(json(1_000_001)), forms) as Error).message;
    expect(out).toHaveLength(MAX_ERROR_MESSAGE);
    expect(out).not.toContain(KEY);
    expect(() => JSON.parse(out)).toThrow();
  });

  test('a message that is a JSON string is text: cut at the message length, not the field length', () => {
    const message = `"${'q'.repeat(1_500)}"`;
    expect((cleanError(new Error(message), forms) as Error).message).toBe(message);
  });

  test('fields are cut down to the fourth level; deeper ones are censored but kept whole', () => {
    const long = 'w'.repeat(1_500);
    const message = JSON.stringify({ a: { b: { c: { d: long, e: { f: `${long}${KEY}` } } } } });
    const parsed = JSON.parse((cleanError(new Error(message), forms) as Error).message);
    expect(parsed.a.b.c.d.length).toBeLessThanOrEqual(1_000);
    expect(parsed.a.b.c.e.f).toBe(`${long}${CENSORED}`);
  });

  test('a thrown string is cut like a message', () => {
    expect(cleanError('s'.repeat(5_000), forms)).toHaveLength(MAX_ERROR_MESSAGE);
  });

  test('anything thrown with a text message is cleaned as an error, even a function', () => {
    const thrown = Object.assign(() => 0, { message: `fn ${KEY}` });
    expect((cleanError(thrown, forms) as { message: string }).message).toBe(`fn ${CENSORED}`);
  });

  test("the stack's first line is replaced even when it reads like a frame", () => {
    const err = new Error('x');
    err.stack = [`Error: failed at ${KEY}`, '    at f (x.js:1:1)'].join('\n');
    const out = cleanError(err, forms) as Error;
    expect(out.stack).toBe('Error: x\n    at f (x.js:1:1)');
  });
});

describe('guard: one function Zapier calls', () => {
  test('its result leaves censored, deeply', async () => {
    const fn = guard<Op>(async () => ({ a: [`x ${KEY}`], b: { c: SECRET } }));
    expect(await fn(recordingZ().z, bundle)).toEqual({ a: [`x ${CENSORED}`], b: { c: CENSORED } });
  });

  test('a result Zapier stores for the app itself (subscribe data) is kept as it is', async () => {
    const fn = guard<Op>(async () => ({ secret: SECRET }), true);
    expect(await fn(recordingZ().z, bundle)).toEqual({ secret: SECRET });
  });

  test('what it throws leaves cleaned, and is the same error', async () => {
    const thrown = new Error(`boom ${KEY}`);
    const fn = guard<Op>(async () => {
      throw thrown;
    });
    const err = await Promise.resolve(fn(recordingZ().z, bundle)).catch((e: unknown) => e);
    expect(err).toBe(thrown);
    expect((err as Error).message).toBe(`boom ${CENSORED}`);
  });

  test('a synchronous throw is caught too', async () => {
    const fn = guard<Op>((() => {
      throw new Error(KEY);
    }) as Op);
    await expect(Promise.resolve().then(() => fn(recordingZ().z, bundle))).rejects.toThrow(CENSORED);
  });

  test('z.console lines are censored, Errors by their stack; other console members are z’s own', async () => {
    const { z, lines } = recordingZ();
    const fn = guard<Op>(async (gz: ZObject) => {
      gz.console.log(`log ${KEY}`, { deep: [SECRET] });
      gz.console.error(new Error(`err ${KEY}`));
      gz.console.warn(`warn ${KEY}`);
      gz.console.info(KEY);
      gz.console.debug(KEY);
      gz.console.trace(KEY);
      (gz.console as unknown as { table: (v: unknown) => void }).table(KEY);
      return (gz.console as unknown as { level: string }).level;
    });
    expect(await fn(z, bundle)).toBe('verbose');
    expect(lines[0]).toEqual({ method: 'log', args: [`log ${CENSORED}`, { deep: [CENSORED] }] });
    expect(lines[1].method).toBe('error');
    expect(String(lines[1].args[0])).toMatch(new RegExp(`^Error: err ${CENSORED}\\n\\s+at `));
    expect(lines[2]).toEqual({ method: 'warn', args: [`warn ${CENSORED}`] });
    for (const i of [3, 4, 5]) expect(lines[i].args).toEqual([CENSORED]);
    // not a logging method: handed over untouched (it is z's own function)
    expect(lines[6]).toEqual({ method: 'table', args: [KEY] });
  });

  test('a logging member that is not a function is handed over as it is', async () => {
    const z = { console: { log: 'not a function' } } as unknown as ZObject;
    const fn = guard<Op>(async (gz: ZObject) => (gz.console as unknown as { log: unknown }).log);
    expect(await fn(z, bundle)).toBe('not a function');
  });

  test('z keeps everything else it had', async () => {
    const { z } = recordingZ();
    const fn = guard<Op>(async (gz: ZObject) => (gz.request as unknown as () => string)());
    expect(await fn(z, bundle)).toBe('request');
  });

  test('a connection with no auth data yet still runs', async () => {
    const fn = guard<Op>(async () => 'ok');
    expect(await fn(recordingZ().z, {} as Bundle)).toBe('ok');
    expect(await fn(recordingZ().z, undefined as unknown as Bundle)).toBe('ok');
  });

  test('guarding twice wraps once', () => {
    const fn = guard<Op>(async () => 1);
    expect(guard(fn)).toBe(fn);
  });
});

describe('withSecretGuard: every function Zapier calls on the app', () => {
  const leak = async (_z?: ZObject, _bundle?: Bundle) => ({ leaked: KEY });
  const definition = () => ({
    version: '1.0.0',
    authentication: { type: 'custom', test: leak, connectionLabel: leak, fields: [{ key: 'apiKey' }] },
    triggers: {
      t: {
        key: 't',
        operation: {
          type: 'hook',
          perform: leak,
          performList: leak,
          performSubscribe: async (_z?: ZObject, _bundle?: Bundle) => ({ secret: SECRET }),
          inputFields: [{ key: 'a' }, leak],
        },
      },
      noop: { key: 'noop', display: {} },
    },
    searches: { s: { key: 's', operation: { perform: leak } } },
    creates: { c: { key: 'c', operation: { perform: leak } } },
  });

  test('returns a guarded copy: the definition it was given is unchanged', async () => {
    const raw = definition();
    const app = withSecretGuard(raw);
    expect(app).not.toBe(raw);
    expect(raw.triggers.t.operation.perform).toBe(leak);
    expect(raw.authentication.test).toBe(leak);
    expect(app.version).toBe('1.0.0');
  });

  test('the connection test and label, performs and performList are guarded', async () => {
    const app = withSecretGuard(definition());
    const { z } = recordingZ();
    const outputs = await Promise.all([
      app.authentication.test(z, bundle),
      app.authentication.connectionLabel(z, bundle),
      app.triggers.t.operation.perform(z, bundle),
      app.triggers.t.operation.performList(z, bundle),
      app.searches.s.operation.perform(z, bundle),
      app.creates.c.operation.perform(z, bundle),
    ]);
    expect(outputs).toEqual(Array.from({ length: 6 }, () => ({ leaked: CENSORED })));
    expect(app.triggers.t.operation.inputFields[0]).toEqual({ key: 'a' });
    expect(app.triggers.t.operation.type).toBe('hook');
    expect(app.authentication.fields).toEqual([{ key: 'apiKey' }]);
    expect(app.authentication.type).toBe('custom');
  });

  test('guarded input-field functions censor too; subscribe keeps the webhook secret it stores', async () => {
    const app = withSecretGuard(definition());
    const { z } = recordingZ();
    const fieldsFn = app.triggers.t.operation.inputFields[1] as (z: ZObject, b: Bundle) => Promise<unknown>;
    expect(await fieldsFn(z, bundle)).toEqual({ leaked: CENSORED });
    expect(await app.triggers.t.operation.performSubscribe(z, bundle)).toEqual({ secret: SECRET });
  });

  test('a definition without an operation is kept as it is', () => {
    const raw = definition();
    expect(withSecretGuard(raw).triggers.noop).toBe(raw.triggers.noop);
  });

  test('an app with nothing to guard comes back as a copy', () => {
    const raw: { version: string; triggers?: undefined } = { version: '1.0.0' };
    expect(withSecretGuard(raw)).toEqual(raw);
    expect(withSecretGuard(raw)).not.toBe(raw);
  });
});

describe("z.console: what core's logger leaves in Zapier's logs, and why the guard censors lines itself", () => {
  // a key pasted with spaces around and a zero-width space inside, as users paste them
  const pasted = ' ab"c\\d/e\u200bf-key-0001 ';
  const forms = [
    pasted.trim(), // as sent: trimmed
    pasted.replace(/\u200b/g, '').trim(), // as sent: cleaned of what copy-paste adds
    JSON.stringify(pasted.trim()).slice(1, -1), // inside JSON
    encodeURIComponent(pasted.trim()), // inside a URL
  ];
  const logging = {
    version: '1.0.0',
    platformVersion: version,
    triggers: {
      t: {
        key: 't',
        noun: 'T',
        display: { label: 'T', description: 'Triggers on t.' },
        operation: {
          perform: async (z: ZObject) => {
            for (const form of [pasted, ...forms]) z.console.log(`form [${form}]`);
            return [];
          },
        },
      },
    },
  };
  const logged = async (app: Record<string, any>) => {
    const run = createZapierRuntime(app);
    await run(app.triggers.t.operation.perform, { authData: { apiKey: pasted, businessCode: 'mybiz' } });
    return run.cache.logs.filter((l) => l.data.log_type === 'console').map((l) => l.message);
  };

  test('core alone scrubs the key only as stored: every other form reaches the log stream', async () => {
    const lines = await logged(logging);
    expect(lines[0]).not.toContain(pasted.trim());
    for (const form of forms) expect(lines.join('\n')).toContain(form);
  });

  test('with the guard, no form of it does', async () => {
    const lines = (await logged(withSecretGuard(logging))).join('\n');
    for (const form of forms) expect(lines).not.toContain(form);
    expect(lines).toContain(CENSORED);
  });
});

describe('the guard covers whoever threw, through the runtime', () => {
  const leakyApp = withSecretGuard({
    version: '1.0.0',
    platformVersion: version,
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
    CASE_TIMEOUT_MS,
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
    CASE_TIMEOUT_MS,
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
  });
});
