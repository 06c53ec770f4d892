/**
 * src/webhooks/fetch.ts: the records a batch of events hands on, each fetched once, round by round (a
 * job names further records, which can name a site), none of them kept in Zapier's cache.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { KindKey } from '../../src/records/kinds';
import type { WebhookEvent } from '../../src/webhooks/event-records';
import { fetchInto, fetchRecords, MAX_ROUNDS, RecordStore } from '../../src/webhooks/fetch';
import { ADMIN, appTester, AUTH, failure, sg, watchStrayRequests } from '../helpers';

type Dict = Record<string, any>;
type Wanted = Array<[KindKey, string]>;

const event = (id: string, type: string, data: Dict): WebhookEvent => ({ id, type, created: null, data });
const userEvent = (id: string, userId = 'usr_1') => event(id, 'user.created', { userId });
const jobEvent = (jobId = 'job_1') => event('evt_j', 'job.unit_moveOut.created', { jobId });
/** The move-out job `jobEvent()` names, as Storeganise answers it: Jane's (usr_1), with `fields` on top. */
const moveOut = (fields: Dict) => ({ id: 'job_1', type: 'unit_moveOut', ownerId: 'usr_1', ...fields });

/** What the store holds for each record asked about: the output, null (404) or "absent" (never fetched). */
const holds = (store: RecordStore, wanted: Wanted) =>
  Object.fromEntries(
    wanted.map(([kind, id]) => {
      const found = store.lookup(kind, id);
      return [RecordStore.key(kind, id), found === undefined ? 'absent' : found];
    }),
  );

/** Runs fetchRecords in a step as Zapier runs one; returns what the store holds for `wanted`. */
const fetched = (events: WebhookEvent[], wanted: Wanted, options: Parameters<typeof fetchRecords>[3] = {}) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => holds(await fetchRecords(z, bundle, events, options), wanted),
    { authData: AUTH },
    true,
  ) as Promise<Dict>;

/** The Storeganise paths requested, in order, with `last round` where the pipeline was told to mark. */
let sequence: string[];
/** Answers one GET with `body` (a status alone: that error), noting it in `sequence`. */
const answer = (path: string, body: Dict | number) =>
  sg()
    .get(`${ADMIN}/${path}`)
    .query(true)
    .reply(() => {
      sequence.push(path);
      return typeof body === 'number' ? [body, { error: { message: `${path} says ${body}` } }] : [200, body];
    });

let stray: string[];
let stopWatching: () => void;
beforeEach(() => {
  sequence = [];
  stray = [];
  stopWatching = watchStrayRequests((line) => void stray.push(line));
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  stopWatching();
  jest.restoreAllMocks();
});

test('a record several events of a batch name is fetched once', async () => {
  answer('users/usr_1', { id: 'usr_1', email: 'jane.doe@example.com' });
  answer('users/usr_2', { id: 'usr_2' });
  const out = await fetched(
    [userEvent('e1'), userEvent('e2'), userEvent('e3', 'usr_2')],
    [
      ['customer', 'usr_1'],
      ['customer', 'usr_2'],
    ],
  );
  expect(out).toEqual({
    'customer:usr_1': expect.objectContaining({ id: 'usr_1', email: 'jane.doe@example.com' }),
    'customer:usr_2': expect.objectContaining({ id: 'usr_2' }),
  });
  expect(sequence.sort()).toEqual(['users/usr_1', 'users/usr_2']);
  expect(stray).toEqual([]);
});

test("a job's records come in the round after the job (with the batch's other records), the handled marks beside that round", async () => {
  answer('jobs/job_1', moveOut({ siteId: 'site_1', data: { unitRentalId: 'ur_1', unitId: 'unit_1' } }));
  answer('users/usr_2', { id: 'usr_2' });
  answer('users/usr_1', { id: 'usr_1' });
  answer('unit-rentals/ur_1', { id: 'ur_1' });
  answer('units/unit_1', { id: 'unit_1' });
  answer('sites/site_1', { id: 'site_1' });
  const out = await fetched(
    [jobEvent(), userEvent('e2', 'usr_2')],
    [
      ['job', 'job_1'],
      ['customer', 'usr_1'],
      ['unitRental', 'ur_1'],
      ['unit', 'unit_1'],
      ['site', 'site_1'],
    ],
    { onLastRound: () => void sequence.push('last round') },
  );
  expect(Object.values(out).map((record) => record.id)).toEqual([
    'job_1',
    'usr_1',
    'ur_1',
    'unit_1',
    'site_1',
  ]);
  // the first round fetches the job beside the other event's customer; the marks go out with the next
  expect(sequence.slice(0, 2).sort()).toEqual(['jobs/job_1', 'users/usr_2']);
  expect(sequence[2]).toBe('last round');
  expect(sequence.slice(3).sort()).toEqual([
    'sites/site_1',
    'unit-rentals/ur_1',
    'units/unit_1',
    'users/usr_1',
  ]);
  expect(stray).toEqual([]);
});

test('three rounds at most: a site known only from the unit of the rental of the job is left out', async () => {
  expect(MAX_ROUNDS).toBe(3);
  answer('jobs/job_1', { id: 'job_1', type: 'unit_moveOut', data: { unitRentalId: 'ur_1' } });
  answer('unit-rentals/ur_1', { id: 'ur_1', ownerId: 'usr_1', unitId: 'unit_1' });
  answer('users/usr_1', { id: 'usr_1' });
  answer('units/unit_1', { id: 'unit_1', siteId: 'site_1' });
  const out = await fetched(
    [jobEvent()],
    [
      ['unit', 'unit_1'],
      ['site', 'site_1'],
    ],
    { onLastRound: () => void sequence.push('last round') },
  );
  expect(out).toEqual({
    'unit:unit_1': expect.objectContaining({ siteId: 'site_1' }),
    'site:site_1': 'absent',
  });
  // every round without a job is said to begin (the pipeline marks at the first of them)
  expect(sequence.slice(0, 4)).toEqual(['jobs/job_1', 'last round', 'unit-rentals/ur_1', 'last round']);
  expect(sequence.slice(4).sort()).toEqual(['units/unit_1', 'users/usr_1']);
  expect(stray).toEqual([]);
});

test('a batch that names no record fetches nothing and never says a round began', async () => {
  const onLastRound = jest.fn();
  await fetched([event('e1', 'user.created', {})], [], { onLastRound });
  expect(onLastRound).not.toHaveBeenCalled();
  expect(stray).toEqual([]);
});

test('a record Storeganise no longer has (404) is handed on as null; any other failure fails the fetch', async () => {
  answer('users/usr_1', 404);
  expect(await fetched([userEvent('e1')], [['customer', 'usr_1']])).toEqual({ 'customer:usr_1': null });

  answer('users/usr_1', 401);
  expect((await failure(fetched([userEvent('e1')], [['customer', 'usr_1']]))).name).toBe('ExpiredAuthError');
});

test('an id a job names that cannot be a Storeganise id is not fetched; the rest of its records are', async () => {
  answer('jobs/job_1', moveOut({ data: { unitRentalId: '..', unitId: 'unit_1' } }));
  answer('users/usr_1', { id: 'usr_1' });
  answer('units/unit_1', { id: 'unit_1' });
  const out = await fetched(
    [jobEvent()],
    [
      ['unitRental', '..'],
      ['customer', 'usr_1'],
      ['unit', 'unit_1'],
    ],
  );
  expect(out).toEqual({
    'unitRental:..': 'absent',
    'customer:usr_1': expect.objectContaining({ id: 'usr_1' }),
    'unit:unit_1': expect.objectContaining({ id: 'unit_1' }),
  });
  expect(stray).toEqual([]);
});

test('records already in hand (listed for sample data) are not fetched again', async () => {
  answer('units/unit_2', { id: 'unit_2', name: 'B-1' });
  const out = (await appTester(
    async (z: ZObject, bundle: Bundle) => {
      const store = new RecordStore();
      store.add('customer', { id: 'usr_1', email: 'jane.doe@example.com' });
      await fetchRecords(z, bundle, [userEvent('e1')], { store });
      await fetchInto(z, bundle, store, [
        { kind: 'customer', id: 'usr_1' },
        { kind: 'unit', id: 'unit_2' },
        { kind: 'unit', id: 'unit_2' },
      ]);
      return holds(store, [
        ['customer', 'usr_1'],
        ['unit', 'unit_2'],
      ]);
    },
    { authData: AUTH },
    true,
  )) as Dict;
  expect(out).toEqual({
    'customer:usr_1': expect.objectContaining({ email: 'jane.doe@example.com' }),
    'unit:unit_2': expect.objectContaining({ name: 'B-1' }),
  });
  expect(sequence).toEqual(['units/unit_2']);
  expect(stray).toEqual([]);
});

test("no record fetched is kept in Zapier's cache: customers, rentals and sites stay with Storeganise", async () => {
  answer('jobs/job_1', moveOut({ siteId: 'site_1', data: { unitRentalId: 'ur_1' } }));
  answer('users/usr_1', { id: 'usr_1', email: 'jane.doe@example.com' });
  answer('unit-rentals/ur_1', { id: 'ur_1' });
  answer('sites/site_1', { id: 'site_1' });
  await fetched([jobEvent()], [['customer', 'usr_1']]);
  expect(sequence).toHaveLength(4);
  expect(appTester.cache.calls).toEqual([]);
});
