/**
 * Fuzz (fast-check): 10,000 generated deliveries through the perform pipeline's reading and shaping with the
 * real `z` (one appTester call, records answered in-process), then 40 through the whole runtime.
 * Every outcome must be a clean, serialisable list of events or a Zapier error (HaltedError / AppError)
 * — never an untyped exception, never a stack overflow on deeply nested data — and a well-formed,
 * correctly signed event inside a batch of junk must never be lost.
 */
import fc from 'fast-check';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { EVENT_CATALOG, dataKeys } from '../../src/events/catalog';
import nock from 'nock';
import { MAX_DEPTH } from '../../src/localised';
import manual from '../../src/triggers/manual';
import { eventOutput } from '../../src/webhooks/event-output';
import { readEvents, type Selection } from '../../src/webhooks/pipeline';
import { fuzzParameters, fuzzRuns } from '../fuzz-scale';
import { ADMIN, appTester, AUTH, HOST, WEBHOOK_SECRET } from '../helpers';
import { storeganiseSignature } from '../fixtures/deliveries';

const TYPES = [
  ...EVENT_CATALOG.map((e) => e.type),
  'site.updated',
  'job.future.thing',
  '',
  'x',
  '.',
  'job..x',
  'a.b',
  '__proto__.x',
];
const KEYS = [
  'id',
  'type',
  'created',
  'data',
  'jobId',
  'unitRentalId',
  'invoiceId',
  'userId',
  'unitId',
  'newRentalId',
  'oldRentalId',
  'changedKeys',
  'to',
  '__proto__',
  'constructor',
  'job',
  '',
];

type Row = (typeof EVENT_CATALOG)[number];
type Json = Record<string, unknown>;

/** True `percent` times in 100. */
const chance = (percent: number) => fc.integer({ min: 0, max: 99 }).map((n) => n < percent);

const str = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.constantFrom('', 'job_1', 'ü∆😀', '{"a":1}', '\u0000', 'paid', WEBHOOK_SECRET.slice(0, 6)),
  },
  fc.nat(299).map((n) => 'a'.repeat(n)),
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map(String),
);

/** Any JSON-ish value, nesting at most down to level 3 (odd keys, odd numbers, event types as values). */
function valueAt(depth: number): fc.Arbitrary<unknown> {
  const leaves = [
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1e308, NaN, 3.14),
    str,
    fc.constantFrom(...TYPES),
  ];
  if (depth > 2) return fc.oneof(...leaves);
  const inner = valueAt(depth + 1);
  return fc.oneof(...leaves, fc.array(inner, { maxLength: 3 }), {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...KEYS), inner), { maxLength: 4 })
      .map((e) => Object.fromEntries(e)),
  });
}
const value0 = valueAt(0);
const value1 = valueAt(1);

/** A well-formed event of a catalog row; `n` tells the events of one delivery apart. */
function validEvent(row: Row, n: number) {
  const data: Json = {};
  for (const key of dataKeys(row))
    data[key] = key === 'changedKeys' ? ['price'] : key === 'to' ? 'paid' : `${key}_${n}`;
  return { id: `evt_${n}`, created: '2026-11-28T10:00:00.000Z', type: row.type, data };
}

const row = fc.constantFrom(...EVENT_CATALOG);
/** One to three changes to a well-formed event: a key (of the event or its data) set to junk, or dropped. */
const mutations = fc.array(
  fc.record({
    key: fc.constantFrom('id', 'type', 'created', 'data', 'data.jobId', 'data.to', 'data.changedKeys'),
    drop: chance(30),
    value: value1,
  }),
  { minLength: 1, maxLength: 3 },
);
type Mutation = { key: string; drop: boolean; value: unknown };

function mutated(r: Row, n: number, ops: Mutation[]): Json {
  const event: Json = validEvent(r, n);
  for (const { key, drop, value } of ops) {
    const [top, sub] = key.split('.');
    if (sub && event.data && typeof event.data === 'object') (event.data as Json)[sub] = value;
    else if (drop) delete event[top];
    else event[top] = value;
  }
  return event;
}

/** A well-formed event whose data nests `depth` levels deep (a crafted body); `shape`'s bits pick {next} or [ ]. */
function deepEvent(r: Row, n: number, depth: number, shape: number) {
  const event = validEvent(r, n);
  let nested: unknown = 'bottom';
  for (let i = 0; i < depth; i++) nested = (shape >>> (i % 31)) & 1 ? { next: nested } : [nested];
  return { ...event, data: { ...event.data, extra: nested } };
}

/** What was POSTed: junk, a broken event, a batch of junk with well-formed events among it, text, events. */
const body = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), value: value0 }),
  fc.record({ kind: fc.constant('mutated' as const), row, ops: mutations }),
  fc.record({
    kind: fc.constant('batch' as const),
    items: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.record({ valid: row }) },
        { weight: 3, arbitrary: fc.record({ mutated: row, ops: mutations }) },
        { weight: 3, arbitrary: fc.record({ value: value1 }) },
      ),
      { minLength: 1, maxLength: 8 },
    ),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    content: fc.constantFrom(
      '',
      ' ',
      'not json',
      '{',
      '[1,',
      '{"id":',
      'null',
      'true',
      '"str"',
      '{}',
      '[]',
      '\u0000\u0001',
    ),
  }),
  fc.record({ kind: fc.constant('valid' as const), row }),
  fc.record({ kind: fc.constant('list' as const), rows: fc.array(row, { maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('deep' as const),
    row,
    depth: fc.oneof(
      { weight: 49, arbitrary: fc.integer({ min: 40, max: 239 }) },
      { weight: 1, arbitrary: fc.integer({ min: 40, max: 3039 }) },
    ),
    shape: fc.nat(),
  }),
);

interface Case {
  bundle: Partial<Bundle> & Record<string, unknown>;
  selection: Selection;
  /** Ids of well-formed events that must come out. */
  mustKeep: string[];
}

/** A delivery as Zapier hands it to perform: signed well or not, with or without a secret, filtered or not. */
const delivery: fc.Arbitrary<Case> = fc
  .record({
    body,
    signature: fc.oneof(
      { weight: 3, arbitrary: fc.constant('good') },
      { weight: 3, arbitrary: fc.constantFrom('bad', 'none', 'garbage') },
    ),
    headerName: fc.constantFrom('Http-Sg-Signature', 'sg-signature', 'SG-SIGNATURE', 'Http-Sg-Signatures'),
    garbage: str,
    withSecret: chance(80),
    cleanedChoice: fc.integer({ min: 0, max: 3 }),
    withRaw: chance(95),
    filter: fc.option(
      fc.record({ type: fc.constantFrom(...EVENT_CATALOG.map((e) => e.type)), paid: chance(30) }),
      {
        freq: 2,
      },
    ),
  })
  .map((d) => {
    let parsed: unknown;
    let content: string | undefined;
    let wellFormed: string[] = [];
    const b = d.body;
    if (b.kind === 'value') parsed = b.value;
    else if (b.kind === 'mutated') parsed = mutated(b.row, 0, b.ops);
    else if (b.kind === 'batch') {
      // a batch of junk with well-formed events among it: those must all come out
      parsed = b.items.map((item, i) => {
        if ('valid' in item) {
          const e = validEvent(item.valid, i);
          wellFormed.push(e.id);
          return e;
        }
        return 'mutated' in item ? mutated(item.mutated, i, item.ops) : item.value;
      });
    } else if (b.kind === 'text') content = b.content;
    else if (b.kind === 'valid') parsed = validEvent(b.row, 0);
    else if (b.kind === 'deep') parsed = deepEvent(b.row, 0, b.depth, b.shape);
    else parsed = b.rows.map((r, i) => validEvent(r, i));
    if (b.kind === 'valid' || b.kind === 'deep') wellFormed = [(parsed as { id: string }).id];
    if (b.kind === 'list') wellFormed = (parsed as Array<{ id: string }>).map((e) => e.id);
    if (content === undefined) content = JSON.stringify(parsed) ?? '';

    const headers: Record<string, string> = {};
    if (d.signature === 'good') headers[d.headerName] = storeganiseSignature(content);
    if (d.signature === 'bad') headers[d.headerName] = storeganiseSignature(content, 'other-secret');
    if (d.signature === 'garbage') headers[d.headerName] = d.garbage;
    const authData: Record<string, string> = d.withSecret
      ? { ...AUTH }
      : { businessCode: AUTH.businessCode, apiKey: AUTH.apiKey };
    const bundle = {
      authData,
      inputData: {},
      cleanedRequest: d.cleanedChoice === 0 ? undefined : d.cleanedChoice === 1 ? {} : parsed,
      rawRequest: d.withRaw ? { method: 'POST' as const, querystring: '', headers, content } : undefined,
    };
    const selection: Selection = d.filter
      ? { types: [d.filter.type], states: d.filter.paid ? ['paid'] : undefined }
      : {};

    // What must be kept: well-formed events, when the signature checks out (or no secret) and no filter applies.
    const signatureOk =
      !d.withSecret ||
      (d.signature === 'good' && d.headerName !== 'Http-Sg-Signatures' && !!bundle.rawRequest);
    const noFilter = !selection.types;
    // Zapier handed perform the body one way or the other; with a secret only the signed raw body counts
    const bodyArrived = d.withSecret ? !!bundle.rawRequest : !!bundle.rawRequest || d.cleanedChoice > 1;
    const mustKeep = signatureOk && noFilter && bodyArrived ? wellFormed : [];
    return { bundle, selection, mustKeep };
  });

const ZAPIER_ERRORS = new Set(['HaltedError', 'AppError']);

/** How deep a value nests (iteratively: the value may be deeper than the stack allows). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    max = Math.max(max, d);
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

interface Tally {
  outputs: number;
  errors: Record<string, number>;
  /** deliveries with well-formed events that must come out */
  keeping: number;
}

/** One delivery through reading and shaping: clean outputs or a Zapier error, no well-formed event lost. */
function check(z: ZObject, c: Case, tally: Tally): void {
  if (c.mustKeep.length) tally.keeping += 1;
  let out: ReturnType<typeof eventOutput>[];
  try {
    // the records an event names, answered in-process: the fetching itself is covered by the trigger specs
    out = readEvents(z, c.bundle as Bundle, c.selection).map((event) =>
      eventOutput(event, (_kind, id) => ({ id })),
    );
  } catch (err) {
    const name = (err as Error)?.name;
    tally.errors[name] = (tally.errors[name] ?? 0) + 1;
    if (!ZAPIER_ERRORS.has(name))
      throw new Error(`untyped ${name}: ${(err as Error)?.message}`, { cause: err });
    if (c.mustKeep.length) throw new Error(`threw ${name}, losing ${c.mustKeep.join(', ')}`, { cause: err });
    return;
  }
  tally.outputs += out.length;
  if (depthOf(JSON.parse(JSON.stringify(out))) > MAX_DEPTH + 3)
    throw new Error(`nested deeper than ${MAX_DEPTH}`);
  for (const o of out) {
    if (!o || typeof o !== 'object' || typeof o.id !== 'string' || !o.id || typeof o.type !== 'string')
      throw new Error(`bad output: ${JSON.stringify(o)}`);
  }
  const ids = new Set(out.map((o) => o.id));
  const lost = c.mustKeep.filter((id) => !ids.has(id));
  if (lost.length) throw new Error(`lost ${lost.join(', ')}`);
}

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const PIPELINE_CASES = fuzzRuns(10_000);
test(`${PIPELINE_CASES.toLocaleString('en-US')} generated deliveries through the pipeline: only clean outputs or Zapier errors, no valid event lost`, async () => {
  const tally = (await appTester(
    (realZ: ZObject) => {
      // core's z.console costs milliseconds a line (it scrubs secrets from each); the lines are asserted elsewhere
      const z = { ...realZ, console: { ...realZ.console, log: () => undefined } } as ZObject;
      const counts: Tally = { outputs: 0, errors: {}, keeping: 0 };
      fc.assert(
        fc.property(delivery, (c) => check(z, c, counts)),
        fuzzParameters(10_000),
      );
      return counts;
    },
    { authData: AUTH },
  )) as unknown as Tally;
  // the generator must reach every outcome, or the test proves little
  expect(tally.outputs).toBeGreaterThan(0.15 * PIPELINE_CASES);
  expect(tally.errors.HaltedError).toBeGreaterThan(0.025 * PIPELINE_CASES);
  expect(tally.keeping).toBeGreaterThan(0.1 * PIPELINE_CASES);
}, 60_000);

const RUNTIME_CASES = fuzzRuns(40);
test(`${RUNTIME_CASES} generated deliveries through the whole runtime (manual trigger perform, records fetched)`, async () => {
  // every record GET answers with a bare record of that id, in-process
  nock(HOST)
    .persist()
    .get(new RegExp(`^${ADMIN}/`))
    .query(true)
    .reply(200, (uri) => ({ id: decodeURIComponent(uri.split('?')[0].split('/').pop() ?? '') }));
  let outputs = 0;
  let zap = 0; // each delivery goes to a Zap of its own, so no event is a duplicate of an earlier one
  await fc.assert(
    fc.asyncProperty(delivery, async (c) => {
      try {
        const out = (await appTester((manual.operation as { perform: unknown }).perform, {
          ...c.bundle,
          subscribeData: { id: `wh_${(zap += 1)}` },
        } as never)) as unknown[];
        outputs += out.length;
      } catch (err) {
        if (!ZAPIER_ERRORS.has((err as Error).name))
          throw new Error(`untyped ${(err as Error).name}: ${(err as Error).message}`, { cause: err });
      }
    }),
    fuzzParameters(40),
  );
  expect(outputs).toBeGreaterThan(0.2 * RUNTIME_CASES);
}, 30_000);
