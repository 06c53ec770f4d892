/**
 * The perform pipeline's judgement of what arrives at a hook URL: signatures (forged, unsigned,
 * signed, header spellings), malformed bodies, and what the log says (never the secret).
 */
import nock from 'nock';
import manualTrigger from '../../src/triggers/manual';
import { MAX_BATCH, MAX_BODY_CHARS } from '../../src/webhooks/pipeline';
import { checkSignature, headerValue } from '../../src/webhooks/signature';
import { ADMIN, App, appTester, AUTH, failure, HOST, sg, WEBHOOK_SECRET } from '../helpers';
import { signedDelivery, storeganiseSignature } from '../fixtures/deliveries';
import { CASE_TIMEOUT_MS, runRecorded } from '../fixtures/recorded-run';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;

const EVENT = {
  id: 'evt_1',
  created: '2026-11-28T10:00:00.000Z',
  type: 'job.unit_moveIn.completed',
  data: { jobId: 'job_1', unitRentalId: 'ur_1' },
};

interface Delivery {
  content?: string;
  cleaned?: unknown;
  headers?: Record<string, string>;
  authData?: Dict;
  inputData?: Dict;
}

/**
 * A request as Zapier hands it to perform, with no subscription; signed with the test secret unless headers say
 * otherwise.
 */
function bundleOf(body: unknown, d: Delivery = {}): Dict {
  return signedDelivery(body, {
    content: d.content,
    ...('cleaned' in d ? { cleaned: d.cleaned } : {}),
    ...(d.headers ? { secret: null, headers: d.headers } : {}),
    authData: d.authData ?? AUTH,
    inputData: d.inputData,
    subscribeData: undefined,
  });
}

/** The manual set-up trigger is in the private build only (D017); its perform is run as it is. */
const MANUAL_PERFORM = (manualTrigger.operation as { perform: unknown }).perform;
/** A fresh z.cache each run: these specs are about reading deliveries, not about repeats. */
const run = (key: string, bundle: Dict) =>
  appTester(
    key === 'webhook_manual' ? MANUAL_PERFORM : triggers[key].operation.perform,
    bundle,
    true,
  ) as Promise<Dict[]>;
const manual = (body: unknown, d: Delivery = {}) => run('webhook_manual', bundleOf(body, d));

let logged: string[];
beforeEach(() => {
  logged = [];
  const capture = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  jest.spyOn(console, 'log').mockImplementation(capture);
  jest.spyOn(console, 'error').mockImplementation(capture);
});
beforeEach(() => {
  // every record GET answers with a bare record of that id: what is fetched is the trigger specs' business
  nock(HOST)
    .persist()
    .get(new RegExp(`^${ADMIN}/`))
    .query(true)
    .reply(200, (uri) => ({ id: decodeURIComponent(uri.split('?')[0].split('/').pop() ?? '') }));
});
afterEach(() => jest.restoreAllMocks());

describe('sg-signature', () => {
  test("a REST-hook webhook with its own secret: deliveries signed with it pass, ones signed with the connection's are dropped", async () => {
    const own = 'fake-per-webhook-secret-0002';
    const subscribeData = { id: 'wh_1', events: [EVENT.type], secret: own };
    const content = JSON.stringify(EVENT);
    const good = {
      ...bundleOf(EVENT, { headers: { 'Http-Sg-Signature': storeganiseSignature(content, own) } }),
      subscribeData,
    };
    expect(await run('move_in_completed', good)).toHaveLength(1);
    const withConnectionSecret = { ...bundleOf(EVENT), subscribeData };
    expect(await run('move_in_completed', withConnectionSecret)).toEqual([]);
    expect(logged.join('\n')).not.toContain(own);
  });

  test("events are read from the raw body that was signed, not from Zapier's reshaped cleanedRequest", async () => {
    const out = await manual(EVENT, { cleaned: { ...EVENT, id: 'evt_other', querystring: {} } });
    expect(out.map((o) => o.id)).toEqual(['evt_1']);
  });

  test('an unsigned body that is not even JSON is dropped, not halted on', async () => {
    await expect(manual(undefined, { content: 'not json at all', headers: {} })).resolves.toEqual([]);
    expect(logged.join('\n')).toMatch(/no sg-signature header/);
  });

  test("a correctly signed event passes, with the header in any of Zapier's spellings", async () => {
    const content = JSON.stringify(EVENT);
    for (const name of [
      'Http-Sg-Signature',
      'sg-signature',
      'SG-SIGNATURE',
      'HTTP_SG_SIGNATURE',
      'http-sg-signature',
    ]) {
      const out = await manual(EVENT, { headers: { [name]: storeganiseSignature(content, WEBHOOK_SECRET) } });
      expect(out.map((o) => o.id)).toEqual(['evt_1']);
    }
  });

  test('a forged event (signed with another secret) is dropped with a log line that never shows the secret', async () => {
    const forged = { ...EVENT, id: `evt_${WEBHOOK_SECRET}` }; // even an id carrying the secret is not echoed
    const content = JSON.stringify(forged);
    const out = await manual(forged, {
      headers: { 'Http-Sg-Signature': storeganiseSignature(content, 'attacker-secret') },
    });
    expect(out).toEqual([]);
    const text = logged.join('\n');
    expect(text).toMatch(/dropped 1 event\(s\).*does not match the Webhook Signing Secret/);
    expect(text).not.toContain(WEBHOOK_SECRET);
    expect(text).not.toContain(storeganiseSignature(content, WEBHOOK_SECRET)); // nor the signature it should have had
  });

  test('an unsigned event is dropped when a secret is configured', async () => {
    expect(await manual(EVENT, { headers: { 'Http-Content-Type': 'application/json' } })).toEqual([]);
    expect(logged.join('\n')).toMatch(/carries no sg-signature header/);
  });

  test('the signature covers the raw body: the same event re-serialised differently is rejected', async () => {
    const content = JSON.stringify(EVENT, null, 2);
    expect(
      await manual(EVENT, {
        content,
        headers: { 'Http-Sg-Signature': storeganiseSignature(JSON.stringify(EVENT), WEBHOOK_SECRET) },
      }),
    ).toEqual([]);
    expect(
      await manual(EVENT, {
        content,
        headers: { 'Http-Sg-Signature': storeganiseSignature(content, WEBHOOK_SECRET) },
      }),
    ).toHaveLength(1);
  });

  test('without a raw body the signature cannot be checked, so the event is dropped', async () => {
    const bundle = bundleOf(EVENT);
    delete bundle.rawRequest;
    expect(await run('webhook_manual', bundle)).toEqual([]);
    expect(logged.join('\n')).toMatch(/raw body was not available/);
  });

  test('without a configured secret, unsigned events are accepted', async () => {
    const { webhookSecret: _omit, ...noSecret } = AUTH;
    expect(await manual(EVENT, { authData: noSecret, headers: {} })).toHaveLength(1);
  });

  test('checkSignature and headerValue on their own', () => {
    expect(checkSignature('s3cret', '{"a":1}', storeganiseSignature('{"a":1}', 's3cret'))).toBe('valid');
    expect(checkSignature('s3cret', '{"a":1}', storeganiseSignature('{"a":2}', 's3cret'))).toBe('mismatch');
    expect(checkSignature('s3cret', '{"a":1}', 'short')).toBe('mismatch');
    expect(checkSignature('s3cret', '{"a":1}', undefined)).toBe('missing');
    expect(headerValue({ 'Http-Sg-Signature': 'x' }, 'sg-signature')).toBe('x');
    expect(headerValue({ 'X-Sg-Signature': 'x' }, 'sg-signature')).toBeUndefined();
    expect(headerValue(null, 'sg-signature')).toBeUndefined();
  });
});

describe('malformed bodies', () => {
  const valid = { ...EVENT, id: 'evt_ok' };
  // [what, body or raw text, expected]: 'halted' = HaltedError, number = how many events come out
  const cases: Array<[string, { body?: unknown; raw?: string }, 'halted' | number, RegExp | null]> = [
    ['not JSON', { raw: '<html>hello</html>' }, 'halted', /not JSON/],
    ['an empty body', { raw: '' }, 'halted', /empty/],
    ['a JSON string', { raw: '"job.unit_moveIn.created"' }, 'halted', /string, not an event/],
    ['JSON null', { raw: 'null' }, 'halted', /null/],
    ['a number', { raw: '42' }, 'halted', /number/],
    ['an empty list', { body: [] }, 0, null],
    [
      'a batch: each element judged alone',
      { body: [valid, { id: 'x' }, 'junk', { ...valid, id: 'evt_ok2' }] },
      2,
      null,
    ],
    ['the same event twice in a batch', { body: [valid, valid] }, 1, null],
    ['missing id', { body: { type: EVENT.type, data: EVENT.data } }, 'halted', /no usable "id"/],
    ['missing type', { body: { id: 'e', data: EVENT.data } }, 'halted', /no usable "type"/],
    ['missing data', { body: { id: 'e', type: EVENT.type } }, 'halted', /no "data" object/],
    ['a numeric id', { body: { ...EVENT, id: 42 } }, 'halted', /no usable "id"/],
    ['an empty id', { body: { ...EVENT, id: '' } }, 'halted', /no usable "id"/],
    [
      'a type that is not a dotted name',
      { body: { ...EVENT, type: 'DROP TABLE' } },
      'halted',
      /no usable "type"/,
    ],
    ['a numeric type', { body: { ...EVENT, type: 7 } }, 'halted', /no usable "type"/],
    ['data as a list', { body: { ...EVENT, data: ['job_1'] } }, 'halted', /no "data" object/],
    [
      'a record id that is not a string',
      { body: { ...EVENT, data: { jobId: { $ne: null } } } },
      'halted',
      /data.jobId" that is not an id/,
    ],
    [
      'a known type without its main id',
      { body: { ...EVENT, data: { unitRentalId: 'ur_1' } } },
      'halted',
      /lacks "data.jobId"/,
    ],
    ['a created date that is not a string', { body: { ...EVENT, created: 12 } }, 1, null],
    ['an unknown event type', { body: { ...EVENT, type: 'site.created', data: { siteId: 's1' } } }, 1, null],
    [
      'a huge body',
      { raw: JSON.stringify({ ...EVENT, data: { ...EVENT.data, pad: 'x'.repeat(MAX_BODY_CHARS) } }) },
      'halted',
      /larger than/,
    ],
    [
      'too many events',
      { body: Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ ...EVENT, id: `e${i}` })) },
      'halted',
      /more than/,
    ],
  ];

  test.each(cases)('%s', async (_what, { body, raw }, expected, message) => {
    const bundle =
      raw !== undefined ? bundleOf(undefined, { content: raw, cleaned: undefined }) : bundleOf(body);
    if (expected === 'halted') {
      const err = await failure(run('webhook_manual', bundle));
      expect(err.name).toBe('HaltedError');
      expect(err.message).toMatch(message ?? /./);
      return;
    }
    const out = await run('webhook_manual', bundle);
    expect(out).toHaveLength(expected);
    for (const o of out) expect(typeof o.id).toBe('string');
  });

  test(
    'a record id that would change the endpoint is dropped before the trigger fetches it; the batch goes on',
    async () => {
      nock.cleanAll(); // only what this case answers: a fetch of the hostile id would be a stray request
      for (const id of ['..', 'a/b', 'x\u0000']) {
        const event = {
          id: `evt_${encodeURIComponent(id)}`,
          type: 'unitRental.updated',
          created: null,
          data: { unitRentalId: id },
        };
        // alone in its delivery: nothing usable, the run halts saying why
        const alone = await runRecorded(
          triggers.unit_rental_updated.operation.perform,
          signedDelivery(event),
        );
        expect(alone.stray).toEqual([]);
        expect(alone.error?.name).toBe('HaltedError');
        expect(alone.error?.message).toContain('has a "data.unitRentalId" that is not an id');
        // beside a good event: the good one is handed on, the hostile one dropped with a log line
        sg().get(`${ADMIN}/unit-rentals/ur_ok`).query(true).reply(200, { id: 'ur_ok' });
        const good = { ...event, id: `evt_ok_${encodeURIComponent(id)}`, data: { unitRentalId: 'ur_ok' } };
        const batch = await runRecorded(
          triggers.unit_rental_updated.operation.perform,
          signedDelivery([event, good]),
        );
        expect(batch.stray).toEqual([]);
        expect((batch.result as Array<{ id: string }>).map((o) => o.id)).toEqual([good.id]);
        expect(batch.logs).toContain('dropped 1 malformed event(s)');
      }
    },
    CASE_TIMEOUT_MS,
  );

  test('a malformed event beside a valid one is logged, and the valid one still triggers', async () => {
    const out = await manual([{ id: 'bad', type: EVENT.type }, EVENT]);
    expect(out.map((o) => o.id)).toEqual(['evt_1']);
    expect(logged.join('\n')).toMatch(
      /dropped 1 malformed event\(s\): event 1 \(id bad, job.unit_moveIn.completed\) has no "data" object/,
    );
  });

  test('the raw body is parsed when Zapier hands on no cleaned body', async () => {
    const out = await manual(undefined, { content: JSON.stringify(EVENT), cleaned: {} });
    expect(out).toHaveLength(1);
    expect(out[0].unitRental).toEqual({
      id: 'ur_1',
      unitName: null,
      customerName: null,
      customerEmail: null,
    });
  });

  test('data keys cannot overwrite the event id, a fetched record or the note', async () => {
    const body = {
      ...EVENT,
      data: { ...EVENT.data, id: 'spoof', job: 'spoof', site: 'spoof', note: 'spoof', extra: 'kept' },
    };
    const [out] = await manual(body);
    expect(out.id).toBe('evt_1');
    expect(out.job).toMatchObject({ id: 'job_1' });
    expect(out.site).toBeNull();
    expect(out.note).toBeUndefined();
    expect(out.extra).toBe('kept');
  });

  test('a "__proto__" key in data is not copied (the output keeps its own prototype)', async () => {
    const content = JSON.stringify(EVENT).replace('"data":{', '"data":{"__proto__":{"polluted":true},');
    const [out] = await manual(undefined, { content, cleaned: JSON.parse(content) });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(JSON.stringify(out)).not.toContain('polluted');
  });

  test('a malformed event of another type is skipped, not a reason to halt', async () => {
    const other = { id: 'x', type: 'invoice.created', data: 'not an object' };
    expect(await run('new_move_in', bundleOf(other))).toEqual([]);
    expect(logged.join('\n')).toMatch(/skipped 1 event\(s\): x \(invoice.created: not an event type/);
    expect((await failure(run('new_invoice', bundleOf(other)))).name).toBe('HaltedError');
  });

  test('an event of another type is skipped by a named trigger (not an error)', async () => {
    expect(await run('new_move_in', bundleOf(EVENT))).toEqual([]);
    expect(logged.join('\n')).toMatch(
      /skipped 1 event\(s\): evt_1 \(job.unit_moveIn.completed: not an event type this trigger listens to\)/,
    );
  });
});

describe('what the signature covers is all that is read (signing secret set)', () => {
  test.each([
    ['an empty raw body', ''],
    ['a whitespace raw body', '  \n'],
  ])("%s signed as such does not let cleanedRequest's events through", async (_what, content) => {
    const bundle = bundleOf(EVENT, {
      content,
      headers: { 'Http-Sg-Signature': storeganiseSignature(content, WEBHOOK_SECRET) },
    });
    const err = await failure(run('webhook_manual', bundle));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/signed body is empty/);
  });

  test('without a secret, a delivery with no raw body is read from cleanedRequest', async () => {
    const { webhookSecret: _omit, ...noSecret } = AUTH;
    const bundle = bundleOf(EVENT, { authData: noSecret, content: '', headers: {} });
    expect((await run('webhook_manual', bundle)).map((o) => o.id)).toEqual(['evt_1']);
  });
});

describe('depth', () => {
  test('data nested 10,000 levels deep is cut, and the output serialises', async () => {
    const nested = `${'{"next":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;
    const content = `{"id":"evt_deep","created":null,"type":"user.created","data":{"userId":"usr_1","extra":${nested}}}`;
    const [out] = await manual(undefined, { content, cleaned: undefined });
    const text = JSON.stringify(out);
    expect(text).toContain('[nested too deep]');
    expect(text.length).toBeLessThan(2000);
  });
});
