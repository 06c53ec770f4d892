/**
 * The benchmark's instrument (bench/), against a sandbox in this process: what it compares must be
 * comparable, and the structure that makes a delivery fast must hold. Never a time: `npm run bench` prints those.
 */
import { MOVE_IN } from '../../bench/families';
import { type FamilyProfile, profileChain, profileFamilies } from '../../bench/measure';
import { padRecord } from '../../bench/records';
import { Bench } from '../../bench/runner';
import { type BenchSandbox, sandboxInProcess } from '../../bench/sandbox-link';
import { API_URL_ENV } from '../../src/client';

let sandbox: BenchSandbox;
let bench: Bench;
let profiles: FamilyProfile[];

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {}); // the app's z.console lines
  sandbox = await sandboxInProcess();
  bench = new Bench(sandbox);
  profiles = await profileFamilies(bench);
});

afterAll(async () => {
  await sandbox.stop();
  delete process.env[API_URL_ENV];
  jest.restoreAllMocks();
});

describe('the baseline it compares with', () => {
  it('makes the same requests as this app for every trigger family (same paths, same include=)', () => {
    for (const { family, requests } of profiles)
      expect({ family: family.name, requests: requests.baseline }).toEqual({
        family: family.name,
        requests: requests.ours,
      });
    const moveIn = profiles.find((p) => p.family === MOVE_IN)!;
    expect(moveIn.requests.ours.map((r) => r.split('/')[0])).toEqual([
      'GET jobs',
      'GET sites',
      'GET unit-rentals',
      'GET units',
      'GET users',
    ]);
  });

  it('never calls the cache', () => {
    for (const { cacheCallCount } of profiles)
      expect([cacheCallCount.baseline, cacheCallCount.noMerge]).toEqual([0, 0]);
  });

  it('a batch of move-ins, each with its own records, costs both sides five requests an event', async () => {
    const moveIns = await sandbox.addMoveIns(3, 1_000);
    for (const side of ['ours', 'baseline'] as const) {
      const from = await sandbox.requestCount();
      const events = moveIns.map((m) => bench.event(MOVE_IN, { jobId: m.jobId }));
      const run = await bench.perform(side, MOVE_IN, bench.delivery(events));
      expect({ side, error: run.error, results: (run.output as unknown[])?.length }).toEqual({
        side,
        error: undefined,
        results: 3,
      });
      expect((await sandbox.requestCount()) - from).toBe(15);
    }
  });
});

describe('the structure that keeps a delivery fast', () => {
  it('one cache call (the claim) comes before the first request, for every family', () => {
    for (const { family, cacheBeforeFirstRequest, cacheCalls } of profiles) {
      expect({ family: family.name, before: cacheBeforeFirstRequest.ours }).toEqual({
        family: family.name,
        before: 1,
      });
      expect(cacheCalls[0]).toBe('set nx handled');
    }
  });

  it('a delivered event makes two cache calls, Invoice Paid four (its payment claimed once too)', () => {
    const calls = Object.fromEntries(profiles.map((p) => [p.family.name, p.cacheCalls.length]));
    expect(calls).toEqual({
      'move-in job event': 2,
      'unit rental event': 2,
      'invoice event': 2,
      'customer event': 2,
      'Invoice Paid': 4,
    });
  });

  it('the chain it is compared with makes three requests, one per search', async () => {
    const chain = await profileChain(bench);
    expect(chain.requests.map((r) => r.split('/')[0])).toEqual(['GET jobs', 'GET users', 'GET units']);
  });
});

describe('the records it delivers', () => {
  it('pads a record with custom fields to about the size asked', () => {
    const record = { id: 'x', created: '', updated: '', customFields: { floor: 'Ground' } };
    for (const bytes of [1_000, 100_000]) {
      const size = JSON.stringify(padRecord(record, bytes)).length;
      expect(size).toBeGreaterThanOrEqual(bytes);
      expect(size).toBeLessThan(bytes + 200);
    }
    expect(padRecord(record, 10).customFields).toEqual({ floor: 'Ground' });
  });
});
