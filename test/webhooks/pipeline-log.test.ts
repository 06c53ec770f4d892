/**
 * What the pipeline tells the Zap's owner, word for word: the log line for every dropped or skipped
 * event and the HaltedError for every body it cannot read, mostly on readEvents directly (no request, no
 * runtime): these lines are what someone reads in the Zap history to find out why nothing triggered.
 */
import nock from 'nock';
import { type Bundle, errors, type ZObject } from 'zapier-platform-core';
import {
  changeChosen,
  claimEvents,
  MAX_BATCH,
  MAX_BODY_CHARS,
  processWebhook,
  readEvents,
  type Selection,
  siteOf,
} from '../../src/webhooks/pipeline';
import { CLAIM, markHandled } from '../../src/webhooks/dedupe';
import { appTester, AUTH, HOST } from '../helpers';
import { signedDelivery } from '../fixtures/deliveries';

const SECRET = 'fake-signing-secret-for-log-spec';
const PREFIX = 'Storeganise webhook: ';
const HALT = (reason: string) =>
  `Ignored a request to this Zap's webhook URL: ${reason} Storeganise sends JSON like {"id", "created", "type", "data"}.`;
const SIGNED_HINT = " If Storeganise sent them, check the connection's Webhook Signing Secret.";

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  created: '2026-11-28T10:00:00.000Z',
  type: 'job.unit_moveIn.completed',
  data: { jobId: 'job_1' },
  ...extra,
});
interface Delivery {
  body?: unknown;
  content?: string | null;
  cleaned?: unknown;
  secret?: string;
  signWith?: string | null;
  subscribeSecret?: unknown;
}

/** Runs readEvents on a delivery; returns what it kept, the log lines, and the halt message if it halted. */
function read(d: Delivery, selection: Selection = {}) {
  const lines: string[] = [];
  const z = { console: { log: (line: string) => void lines.push(line) }, errors } as unknown as ZObject;
  const content = d.content === null ? undefined : (d.content ?? JSON.stringify(d.body));
  const signWith = d.signWith === undefined ? (d.secret ?? null) : d.signWith;
  const delivery = signedDelivery(d.body, {
    content,
    cleaned: 'cleaned' in d ? d.cleaned : d.body,
    secret: content === undefined ? null : signWith,
    authData: { businessCode: 'mybiz', apiKey: 'fake-key-log-spec', webhookSecret: d.secret ?? '' },
    subscribeData:
      d.subscribeSecret === undefined ? { id: 'wh_1' } : { id: 'wh_1', secret: d.subscribeSecret },
  });
  // no raw body at all: Zapier handed on only cleanedRequest
  const bundle = {
    ...delivery,
    rawRequest: content === undefined ? {} : delivery.rawRequest,
  } as unknown as Bundle;
  try {
    return {
      kept: readEvents(z, bundle, selection).map((e) => e.id),
      lines,
      halt: undefined as string | undefined,
    };
  } catch (err) {
    expect((err as Error).name).toBe('HaltedError');
    return { kept: [] as string[], lines, halt: (err as Error).message };
  }
}

describe('dropped for the signature: one line, the ids, the reason, what to check', () => {
  test('no sg-signature header', () => {
    expect(read({ body: event('evt_1'), secret: SECRET, signWith: null }).lines).toEqual([
      `${PREFIX}dropped 1 event(s) (ids evt_1) because it carries no sg-signature header.${SIGNED_HINT}`,
    ]);
  });

  test('a signature made with another secret', () => {
    const { kept, lines } = read({
      body: [event('a'), event('b')],
      secret: SECRET,
      signWith: 'other-secret',
    });
    expect(kept).toEqual([]);
    expect(lines).toEqual([
      `${PREFIX}dropped 2 event(s) (ids a, b) because its sg-signature does not match the Webhook Signing ` +
        `Secret this Zap checks against.${SIGNED_HINT}`,
    ]);
  });

  test('no raw body to check: the ids come from cleanedRequest, at most five', () => {
    const body = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].map((id) => event(id));
    expect(read({ body, content: null, secret: SECRET }).lines).toEqual([
      `${PREFIX}dropped 7 event(s) (ids e1, e2, e3, e4, e5, …) because its raw body was not available to ` +
        `check the sg-signature.${SIGNED_HINT}`,
    ]);
  });

  test('five ids are listed whole; a sixth makes an ellipsis', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => event(id));
    expect(read({ body: five, secret: SECRET, signWith: null }).lines[0]).toContain(
      '(ids a, b, c, d, e) because',
    );
  });

  test('a raw body that is not JSON has no ids, whatever cleanedRequest holds', () => {
    const d = { content: '{not json', cleaned: event('cleaned'), secret: SECRET, signWith: null };
    expect(read(d).lines[0]).toContain('(no ids) because');
  });

  test('a body with no readable ids still counts as one event, with no ids', () => {
    expect(read({ content: 'not json', cleaned: undefined, secret: SECRET, signWith: null }).lines[0]).toBe(
      `${PREFIX}dropped 1 event(s) (no ids) because it carries no sg-signature header.${SIGNED_HINT}`,
    );
    expect(read({ body: [{}, 'x', { id: 7 }], secret: SECRET, signWith: null }).lines[0]).toMatch(
      /^Storeganise webhook: dropped 3 event\(s\) \(no ids\) because/,
    );
  });

  test('a raw body too large to read for ids: the ids come from cleanedRequest', () => {
    const content = JSON.stringify({ ...event('raw'), pad: 'x'.repeat(MAX_BODY_CHARS) });
    expect(read({ content, cleaned: event('cleaned'), secret: SECRET, signWith: null }).lines[0]).toMatch(
      /^Storeganise webhook: dropped 1 event\(s\) \(ids cleaned\) because/,
    );
  });

  test('ids longer than 40 characters are cut in the line', () => {
    const id = `evt_${'x'.repeat(60)}`;
    expect(read({ body: event(id), secret: SECRET, signWith: null }).lines[0]).toContain(
      `(ids ${id.slice(0, 40)}…)`,
    );
  });
});

describe('which secret signs: the registered webhook’s, else the connection’s, trimmed', () => {
  test('a registered secret with spaces around it is used trimmed', () => {
    expect(
      read({ body: event('e'), secret: 'conn', signWith: 'own', subscribeSecret: '  own  ' }).kept,
    ).toEqual(['e']);
  });

  test('a blank or non-text registered secret falls back to the connection’s, trimmed', () => {
    for (const subscribeSecret of ['   ', 42]) {
      const d = { body: event('e'), secret: `  ${SECRET}  `, signWith: SECRET, subscribeSecret };
      expect(read(d).kept).toEqual(['e']);
    }
  });

  test('a hook with no connection data at all reads unsigned deliveries', () => {
    const z = { console: { log: () => undefined }, errors } as unknown as ZObject;
    const content = JSON.stringify(event('e'));
    const bundle = { cleanedRequest: event('e'), rawRequest: { content, headers: {} } } as unknown as Bundle;
    expect(readEvents(z, bundle).map((e) => e.id)).toEqual(['e']);
  });

  test('a blank connection secret is no secret: unsigned deliveries are read', () => {
    expect(read({ body: event('e'), secret: '   ', signWith: null }).kept).toEqual(['e']);
  });
});

describe('bodies that cannot be read halt the run, saying why', () => {
  test.each([
    [
      'raw body over the limit',
      { content: `"${'x'.repeat(MAX_BODY_CHARS)}"` },
      `the body is larger than ${MAX_BODY_CHARS} characters.`,
    ],
    ['not JSON', { content: '<html>' }, 'the body is not JSON.'],
    ['JSON null', { content: 'null' }, 'the body is null, not an event or a list of events.'],
    ['a JSON number', { content: '42' }, 'the body is number, not an event or a list of events.'],
    ['no raw body, no cleaned body', { content: null, cleaned: {} }, 'the body is empty.'],
    ['no raw body, a cleaned string', { content: null, cleaned: 'text' }, 'the body is empty.'],
    [
      'no raw body, a cleaned body over the limit',
      { content: null, cleaned: { ...event('e'), pad: 'x'.repeat(MAX_BODY_CHARS) } },
      `the body is larger than ${MAX_BODY_CHARS} characters.`,
    ],
    [
      'one event too many',
      { body: Array.from({ length: MAX_BATCH + 1 }, (_, i) => event(`e${i}`)) },
      `the body holds ${MAX_BATCH + 1} events, more than ${MAX_BATCH}.`,
    ],
  ])('%s', (_name, d, reason) => {
    expect(read(d as Delivery).halt).toBe(HALT(reason));
  });

  test('a signed body that is only white space halts, whatever cleanedRequest holds', () => {
    expect(read({ content: ' \n', cleaned: event('e'), secret: SECRET }).halt).toBe(
      HALT('the signed body is empty.'),
    );
  });

  test('without a secret or a raw body, cleanedRequest is read: an event or a list of them', () => {
    expect(read({ content: null, cleaned: event('one') }).kept).toEqual(['one']);
    expect(read({ content: null, cleaned: [event('a'), event('b')] }).kept).toEqual(['a', 'b']);
  });

  test(`exactly ${MAX_BATCH} events are read`, () => {
    expect(read({ body: Array.from({ length: MAX_BATCH }, (_, i) => event(`e${i}`)) }).kept).toHaveLength(
      MAX_BATCH,
    );
  });

  test('when every event is malformed: the first three problems, and every one logged', () => {
    const { halt, lines } = read({ body: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] });
    const problems = ['a', 'b', 'c', 'd'].map(
      (id, i) => `event ${i + 1} (id ${id}) has no usable "type" (a dotted event name)`,
    );
    expect(halt).toBe(HALT(`${problems.slice(0, 3).join('; ')}.`));
    expect(lines).toEqual([`${PREFIX}dropped 4 malformed event(s): ${problems.join('; ')}.`]);
  });
});

describe('skipped events: normal traffic, one line for all of them', () => {
  test('an empty list', () => {
    expect(read({ body: [] })).toEqual({
      kept: [],
      lines: [`${PREFIX}an empty list of events arrived; nothing to do.`],
      halt: undefined,
    });
  });

  test('other event types, named by id or by position', () => {
    const other = { ...event('inv_1'), type: 'invoice.created', data: { invoiceId: 'i' } };
    const noId = { type: 'invoice.created', data: {} };
    const { kept, lines } = read(
      { body: [event('keep'), other, noId] },
      { types: ['job.unit_moveIn.completed'] },
    );
    expect(kept).toEqual(['keep']);
    expect(lines).toEqual([
      `${PREFIX}skipped 2 event(s): inv_1 (invoice.created: not an event type this trigger listens to); ` +
        'event 3 (invoice.created: not an event type this trigger listens to).',
    ]);
  });

  test('states are chosen without regard to case; an event with no state is not one of them', () => {
    const states = { states: ['Paid'] };
    const paid = event('p', { data: { jobId: 'j', to: 'PAID' } });
    const open = event('o', { data: { jobId: 'j', to: 'open' } });
    const none = event('n', { data: { jobId: 'j', to: 3 } });
    const { kept, lines } = read({ body: [paid, open, none] }, states);
    expect(kept).toEqual(['p']);
    expect(lines).toEqual([
      `${PREFIX}skipped 2 event(s): o (new state open not chosen); n (new state unknown not chosen).`,
    ]);
  });

  test('no chosen field changed; the same event twice in one delivery', () => {
    const changedGate = event('g', { data: { jobId: 'j', changedKeys: ['customFields.gate'] } });
    const changedName = event('n', { data: { jobId: 'j', changedKeys: ['name'] } });
    const { kept, lines } = read(
      { body: [changedGate, changedName, changedGate] },
      { changed: ['customFields'] },
    );
    expect(kept).toEqual(['g']);
    expect(lines).toEqual([
      `${PREFIX}skipped 2 event(s): n (none of the chosen fields changed); g (twice in one delivery).`,
    ]);
  });

  test('a line lists ten events at most, then an ellipsis', () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => event(`d${i}`));
    const lineFor = (n: number) => read({ body: [...events(n), ...events(n)] }).lines[0];
    const eleven = lineFor(11);
    expect(eleven.startsWith(`${PREFIX}skipped 11 event(s): d0 (twice in one delivery); d1`)).toBe(true);
    expect(eleven).toMatch(/; d9 \(twice in one delivery\); …\.$/);
    expect(eleven).not.toContain('d10');
    expect(lineFor(10)).toMatch(
      /^Storeganise webhook: skipped 10 event\(s\): .*; d9 \(twice in one delivery\)\.$/,
    );
  });

  test('empty selections keep everything', () => {
    const body = [event('a', { data: { jobId: 'j', to: 'x', changedKeys: [] } })];
    expect(read({ body }, { types: [], states: [], changed: [] }).kept).toEqual(['a']);
  });
});

describe('changed fields and sites', () => {
  test.each([
    [['customFields.gate_code'], ['customFields'], true],
    [['name'], ['name'], true],
    [['name'], ['email', 'name'], true],
    [['customFields'], ['customFields.gate_code'], true],
    ['customFields.gate_code', ['customFields'], true],
    [['customFieldsX'], ['customFields'], false],
    [['custom'], ['customFields'], false],
    [[7, null], ['customFields'], false],
    [undefined, ['customFields'], false],
    [{ customFields: true }, ['customFields'], false],
  ])('changedKeys %j against %j: %s', (changedKeys, chosen, expected) => {
    expect(changeChosen(changedKeys, chosen)).toBe(expected);
  });

  test('an output’s site: its site record, else the first record that names one, in order', () => {
    expect(siteOf({ site: { id: 's_site' }, job: { siteId: 's_job' } } as never)).toBe('s_site');
    expect(siteOf({ site: { id: 7 }, job: { siteId: 's_job' } } as never)).toBe('s_job');
    expect(siteOf({ site: null, job: { siteId: '' }, unitRental: { siteId: 's_ur' } } as never)).toBe('s_ur');
    expect(siteOf({ newUnitRental: { siteId: 's_new' }, invoice: { siteId: 's_inv' } } as never)).toBe(
      's_new',
    );
    expect(siteOf({ invoice: { siteId: 's_inv' }, unit: { siteId: 's_unit' } } as never)).toBe('s_inv');
    expect(siteOf({ unit: { siteId: 's_unit' } } as never)).toBe('s_unit');
    expect(siteOf({ job: { siteId: 5 }, other: { siteId: 's' } } as never)).toBeUndefined();
  });
});

describe('edges of the body limit and of what Zapier hands on', () => {
  /** An event whose JSON text is exactly `size` characters. */
  const sized = (id: string, size: number) => {
    const bare = JSON.stringify({ ...event(id), pad: '' });
    return JSON.stringify({ ...event(id), pad: 'x'.repeat(size - bare.length) });
  };

  test('a raw body of exactly the limit is read, and read for ids when its signature is missing', () => {
    const content = sized('exact', MAX_BODY_CHARS);
    expect(content).toHaveLength(MAX_BODY_CHARS);
    expect(read({ content, cleaned: event('cleaned') }).kept).toEqual(['exact']);
    const dropped = read({ content, cleaned: event('cleaned'), secret: SECRET, signWith: null });
    expect(dropped.lines[0]).toContain('(ids exact)');
  });

  test('a cleaned body of exactly the limit is read', () => {
    const cleaned = JSON.parse(sized('exact', MAX_BODY_CHARS));
    expect(read({ content: null, cleaned }).kept).toEqual(['exact']);
  });

  test('a raw body that is not text is no raw body: cleanedRequest is read (no secret set)', () => {
    const lines: string[] = [];
    const z = { console: { log: (line: string) => void lines.push(line) }, errors } as unknown as ZObject;
    const bundle = {
      authData: { businessCode: 'mybiz', apiKey: 'fake-key-log-spec' },
      cleanedRequest: event('from-cleaned'),
      rawRequest: { content: { not: 'text' }, headers: {} },
    } as unknown as Bundle;
    expect(readEvents(z, bundle).map((e) => e.id)).toEqual(['from-cleaned']);
  });

  test('with a blank registered secret the connection’s secret is checked: a wrong signature is dropped', () => {
    const d = { body: event('e'), secret: SECRET, signWith: 'wrong', subscribeSecret: '   ' };
    expect(read(d).kept).toEqual([]);
  });
});

describe('repeats and sites, through a run (z.cache as strict as Zapier’s)', () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    jest
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ').trimEnd()));
  });
  afterEach(() => jest.restoreAllMocks());
  const ours = () => lines.filter((line) => line.includes(PREFIX));

  const step = <T>(
    fn: (z: ZObject, bundle: Bundle) => Promise<T>,
    bundle: Record<string, unknown>,
  ): Promise<T> => appTester(fn as never, { authData: AUTH, ...bundle });

  test('events already handled, or being handled by another run, are named as such', async () => {
    const events = [event('e1'), event('e2')].map((e) => e as never);
    const bundle = { subscribeData: { id: `wh_${Date.now()}` } };
    const first = await step((z, b) => claimEvents(z, b, events), bundle);
    expect(first.fresh).toHaveLength(2);
    expect(first.claims.map((c) => c.eventId)).toEqual(['e1', 'e2']);
    expect(ours()).toEqual([]);
    await step((z) => markHandled(z, first.claims), bundle); // the run handed them on
    const again = await step((z, b) => claimEvents(z, b, events), bundle);
    expect(again).toEqual({ fresh: [], claims: [] });
    expect(ours()).toEqual([
      `${PREFIX}skipped 2 repeated event(s): e1 (already handled by this Zap); e2 (already handled by this Zap).`,
    ]);
    lines.length = 0;
    const racing = [event('r1') as never];
    // the winner never marks it handled: the other waits (CLAIM.waitMs), then names it as in progress
    const saved = { ...CLAIM };
    Object.assign(CLAIM, { waitMs: 100, pollMs: 20 });
    const raced = await Promise.all(
      [1, 2].map(() => step((z, b) => claimEvents(z, b, racing), bundle)),
    ).finally(() => Object.assign(CLAIM, saved));
    expect(raced.map((r) => r.fresh.length).sort()).toEqual([0, 1]);
    expect(ours()).toEqual([
      `${PREFIX}skipped 1 repeated event(s): r1 (being handled by another run of this Zap).`,
    ]);
  });

  test('without a subscription nothing is remembered, and the log says so once', async () => {
    const out = await step((z, b) => claimEvents(z, b, [event('e1') as never]), {});
    expect(out.fresh).toHaveLength(1);
    expect(out.claims).toEqual([]);
    expect(ours()).toEqual([
      `${PREFIX}no subscription to remember handled events by: duplicates are not filtered.`,
    ]);
  });

  test('a delivery with nothing to keep goes no further: no claim, no line about subscriptions', async () => {
    const other = { ...event('x'), type: 'invoice.created', data: { invoiceId: 'i' } };
    const bundle = { rawRequest: { content: JSON.stringify(other), headers: {} }, cleanedRequest: other };
    const noSecret = { authData: { ...AUTH, webhookSecret: '' }, ...bundle };
    expect(
      await step((z, b) => processWebhook(z, b, { types: ['job.unit_moveIn.completed'] }), noSecret),
    ).toEqual([]);
    expect(ours()).toEqual([
      `${PREFIX}skipped 1 event(s): x (invoice.created: not an event type this trigger listens to).`,
    ]);
  });

  test('events at sites not chosen are left out, counted in one line; none left out, no line', async () => {
    nock(HOST)
      .persist()
      .get(/\/invoices\/inv_[ab]/)
      .query(true)
      .reply(200, (uri) => ({
        id: uri.includes('inv_a') ? 'inv_a' : 'inv_b',
        siteId: uri.includes('inv_a') ? 's_a' : 's_b',
      }));
    const body = [
      { ...event('ea'), type: 'invoice.created', data: { invoiceId: 'inv_a' } },
      { ...event('eb'), type: 'invoice.created', data: { invoiceId: 'inv_b' } },
    ];
    const bundle = {
      authData: { ...AUTH, webhookSecret: '' },
      rawRequest: { content: JSON.stringify(body), headers: {} },
      cleanedRequest: body,
      subscribeData: { id: `wh_sites_${Date.now()}` },
    };
    const atA = await step((z, b) => processWebhook(z, b, { sites: ['s_a'] }), bundle);
    expect(atA.map((o) => o.id)).toEqual(['ea']);
    expect(ours()).toEqual([`${PREFIX}skipped 1 event(s) at sites not chosen.`]);
    lines.length = 0;
    const both = await step((z, b) => processWebhook(z, b, { sites: ['s_a', 's_b'] }), {
      ...bundle,
      subscribeData: { id: `wh_sites_both_${Date.now()}` },
    });
    expect(both.map((o) => o.id)).toEqual(['ea', 'eb']);
    expect(ours()).toEqual([]);
  });
});
