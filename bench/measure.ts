/**
 * The benchmark's figures, each measured in one run with this app and the baseline interleaved round by
 * round (a round runs both, alternating which goes first), and reported as the median of the per-round
 * ratios, so a busy machine slows both sides of a ratio alike. Nothing here asserts a time.
 */
import type { RequestRecord } from '../sandbox/server';
import { sharedZapierService } from '../zapier-local/zapier-service';
import { FAMILIES, type Family, MOVE_IN } from './families';
import type { MoveInIds } from './records';
import { type Bench, SIDES, type Side, type StepRun } from './runner';

type PerSide<T> = Record<Side, T>;

export interface Settings {
  /** tiny sizes, for a smoke run */
  quick: boolean;
  /** rounds of (a) */
  rounds: number;
  /** rounds of (b) */
  tripRounds: number;
  /** deliveries per side in a round of (a) */
  cpuDeliveries: number;
  /** latency of the API and of Zapier's cache in (b) */
  latencyMs: number;
  /** deliveries per family and side in a round of (b), at each latency */
  latencyDeliveries: number;
  /** (c): events per delivery (records of ~1 KB) */
  eventCounts: number[];
  /** (c): size of the job each one-event delivery fetches */
  recordBytes: number[];
  /** rounds of each (c) cell (at most 2 for 100 events or more) */
  scaleRounds: number;
}

export const DEFAULTS: Settings = {
  quick: false,
  rounds: 7,
  tripRounds: 3,
  cpuDeliveries: 30,
  latencyMs: 50,
  latencyDeliveries: 3,
  eventCounts: [1, 10, 100, 500],
  recordBytes: [1_000, 100_000, 1_000_000],
  scaleRounds: 5,
};

export const QUICK: Settings = {
  quick: true,
  rounds: 2,
  tripRounds: 1,
  cpuDeliveries: 4,
  latencyMs: 20,
  latencyDeliveries: 1,
  eventCounts: [1, 10],
  recordBytes: [1_000, 10_000],
  scaleRounds: 1,
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The sides in a round, rotated by the round, so none always goes first. */
const order = <S>(round: number, sides: readonly S[]): S[] =>
  sides.map((_, i) => sides[(i + round) % sides.length]);

const perSide = <T>(make: (side: Side) => T): PerSide<T> => ({
  ours: make('ours'),
  baseline: make('baseline'),
  noMerge: make('noMerge'),
});

/** A step that did not do what it is measured doing stops the benchmark: a failure is not a figure. */
function delivered(run: StepRun, events: number, what: string): StepRun {
  const results = Array.isArray(run.output) ? run.output.length : 0;
  if (run.error || results !== events)
    throw new Error(`${what}: expected ${events} result(s), got ${run.error ?? `${results}`}`);
  return run;
}

const describeRequest = (r: RequestRecord) => `${r.method} ${r.path}${r.query}`;

// ---------------------------------------------------------------- requests and cache calls per event
export interface FamilyProfile {
  family: Family;
  /** the requests one delivered event made, sorted */
  requests: PerSide<string[]>;
  /** this app's cache calls for one delivered event */
  cacheCalls: string[];
  /** each side's cache calls for it, in all and before its first request */
  cacheCallCount: PerSide<number>;
  cacheBeforeFirstRequest: PerSide<number | null>;
}

/** One delivered event of each family through both apps: the requests each made, this app's cache calls. */
export async function profileFamilies(bench: Bench, families = FAMILIES): Promise<FamilyProfile[]> {
  const profiles: FamilyProfile[] = [];
  for (const family of families) {
    const requests = perSide<string[]>(() => []);
    const before = perSide<number | null>(() => null);
    const count = perSide(() => 0);
    let cacheCalls: string[] = [];
    for (const side of SIDES) {
      const from = await bench.sandbox.requestCount();
      const run = delivered(
        await bench.perform(side, family, bench.delivery([bench.event(family)])),
        1,
        `${side} ${family.name}`,
      );
      requests[side] = (await bench.sandbox.requestsSince(from)).map(describeRequest).sort();
      before[side] = run.cacheBeforeFirstRequest;
      count[side] = run.cacheCalls.length;
      if (side === 'ours')
        cacheCalls = run.cacheCalls.map((c) => `${c.method}${c.nx ? ' nx' : ''} ${c.key.split(':')[1]}`);
    }
    profiles.push({ family, requests, cacheCalls, cacheCallCount: count, cacheBeforeFirstRequest: before });
  }
  return profiles;
}

/** The chain's requests and cache calls for one event (Catch Hook + Find Job + Find Customer + Find Unit). */
export async function profileChain(bench: Bench): Promise<{ requests: string[]; cacheCalls: number }> {
  const from = await bench.sandbox.requestCount();
  const { steps } = await bench.chain(bench.delivery([bench.event(MOVE_IN)]));
  const requests = (await bench.sandbox.requestsSince(from)).map(describeRequest);
  return { requests, cacheCalls: steps.reduce((sum, s) => sum + s.cacheCalls.length, 0) };
}

// ---------------------------------------------------------------- (a) CPU per delivered event
export interface CpuFigures {
  /** CPU ms per delivered move-in event, each side and the chain (medians over rounds) */
  ms: PerSide<number> & { chain: number };
  /** CPU ms of a call that does nothing, through each side's handler: core's cost per call for that app */
  noop: PerSide<number>;
  /** ours ÷ each baseline and the chain ÷ the baseline: medians of the per-round ratios */
  ratio: { baseline: number; noMerge: number; chain: number };
  /** ours ÷ baseline, round by round */
  rounds: number[];
}

/** CPU ms of one call (user + system of this process, from its start to its end). */
async function cpuOf(call: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * CPU per delivered move-in event: this app, both baselines (the same five requests), and the chain. The
 * four take turns delivery by delivery, so a neighbour's burst on a shared machine lands on all of them.
 */
export async function cpuAtEqualRequests(bench: Bench, settings: Settings): Promise<CpuFigures> {
  type Key = Side | 'chain';
  const KEYS: readonly Key[] = [...SIDES, 'chain'];
  const call = (key: Key): (() => Promise<unknown>) => {
    // the bundle (a signed body) is built before the clock starts: Storeganise builds it, not the app
    const bundle = bench.delivery([bench.event(MOVE_IN)]);
    return key === 'chain'
      ? () => bench.chain(bundle)
      : async () => delivered(await bench.perform(key, MOVE_IN, bundle), 1, key);
  };
  for (let i = 0; i < 10; i++) for (const key of KEYS) await call(key)();

  const ms: Record<Key, number[]> = { ours: [], baseline: [], noMerge: [], chain: [] };
  const ratios = { baseline: [] as number[], noMerge: [] as number[], chain: [] as number[] };
  for (let round = 0; round < settings.rounds; round++) {
    const total: Record<Key, number> = { ours: 0, baseline: 0, noMerge: 0, chain: 0 };
    for (let d = 0; d < settings.cpuDeliveries; d++)
      for (const key of order(round + d, KEYS)) total[key] += await cpuOf(call(key));
    for (const key of KEYS) ms[key].push(total[key] / settings.cpuDeliveries);
    ratios.baseline.push(total.ours / total.baseline);
    ratios.noMerge.push(total.ours / total.noMerge);
    ratios.chain.push(total.chain / total.baseline);
  }
  // a call that does nothing, on each side: what core costs per call for an app of that size
  const noops: Record<Side, number[]> = { ours: [], baseline: [], noMerge: [] };
  for (let i = 0; i < 5; i++) for (const side of SIDES) await bench.noop(side);
  for (let round = 0; round < settings.rounds * 10; round++)
    for (const side of order(round, SIDES)) noops[side].push(await cpuOf(() => bench.noop(side)));
  return {
    noop: perSide((side) => median(noops[side])),
    ms: { ...perSide((side) => median(ms[side])), chain: median(ms.chain) },
    ratio: {
      baseline: median(ratios.baseline),
      noMerge: median(ratios.noMerge),
      chain: median(ratios.chain),
    },
    rounds: ratios.baseline,
  };
}

// ---------------------------------------------------------------- (b) the critical path in round trips
/** The sides (b) compares: what to wait for does not depend on core's merge. */
export type TripSide = 'ours' | 'baseline';
const TRIP_SIDES: readonly TripSide[] = ['ours', 'baseline'];

export interface TripRow {
  name: string;
  floor: number;
  /** wall ms per delivery without latency and with it (medians over rounds) */
  wall0: Record<TripSide, number>;
  wallL: Record<TripSide, number>;
  /** (wall with latency − wall without) ÷ latency: the round trips a delivery waits for */
  trips: Record<TripSide, number>;
  /** this app's cache calls before its first request, and in all, per delivery (with latency) */
  cacheBeforeFirstRequest: number | null;
  cacheCalls: number;
}

export interface TripFigures {
  latencyMs: number;
  rows: TripRow[];
  chain: { wall0: number; wallL: number; trips: number };
}

/** Wall time per delivery with the API and Zapier's cache both `latencyMs` away, and without, per family. */
export async function roundTrips(bench: Bench, settings: Settings): Promise<TripFigures> {
  const L = settings.latencyMs;
  type Walls = Record<number, Record<TripSide, number[]>>;
  type Sample = { wall: Walls; before: number | null; calls: number };
  const empty = () => ({ ours: [] as number[], baseline: [] as number[] });
  const samples = new Map<Family, Sample>(
    FAMILIES.map((f) => [f, { wall: { 0: empty(), [L]: empty() }, before: null, calls: 0 }]),
  );
  const chain: Record<number, number[]> = { 0: [], [L]: [] };
  try {
    for (let round = 0; round < settings.tripRounds; round++) {
      for (const latency of [0, L]) {
        await bench.sandbox.setLatency(latency);
        bench.cacheLatencyMs = latency;
        for (const family of FAMILIES) {
          const sample = samples.get(family)!;
          for (const side of order(round, TRIP_SIDES)) {
            const walls: number[] = [];
            for (let d = 0; d < settings.latencyDeliveries; d++) {
              const bundle = bench.delivery([bench.event(family)]);
              const run = delivered(await bench.perform(side, family, bundle), 1, `${side} ${family.name}`);
              walls.push(run.ms);
              if (side === 'ours' && latency === L) {
                sample.before = run.cacheBeforeFirstRequest;
                sample.calls = run.cacheCalls.length;
              }
            }
            sample.wall[latency][side].push(median(walls));
          }
        }
        const walls: number[] = [];
        for (let d = 0; d < settings.latencyDeliveries; d++)
          walls.push((await bench.chain(bench.delivery([bench.event(MOVE_IN)]))).ms);
        chain[latency].push(median(walls));
      }
    }
  } finally {
    await bench.sandbox.setLatency(0);
    bench.cacheLatencyMs = 0;
  }
  const trips = (with0: number[], withL: number[]) => median(withL.map((w, i) => (w - with0[i]) / L));
  const bySide = (make: (side: TripSide) => number) => ({ ours: make('ours'), baseline: make('baseline') });
  return {
    latencyMs: L,
    rows: FAMILIES.map((family) => {
      const { wall, before, calls } = samples.get(family)!;
      return {
        name: family.name,
        floor: family.floor,
        wall0: bySide((side) => median(wall[0][side])),
        wallL: bySide((side) => median(wall[L][side])),
        trips: bySide((side) => trips(wall[0][side], wall[L][side])),
        cacheBeforeFirstRequest: before,
        cacheCalls: calls,
      };
    }),
    chain: { wall0: median(chain[0]), wallL: median(chain[L]), trips: trips(chain[0], chain[L]) },
  };
}

// ---------------------------------------------------------------- (c) scaling with events and record size
/** The sides (c) compares: the baseline with this app's request options, so what grows is the app's own work. */
export type ScaleSide = 'ours' | 'noMerge';
const SCALE_SIDES: readonly ScaleSide[] = ['ours', 'noMerge'];

export interface CellSide {
  /** wall ms and CPU ms per event */
  msPerEvent: number;
  cpuPerEvent: number;
  /** peak heap (+ external buffers) above the start, and peak RSS above the start, in bytes */
  peakHeap: number;
  peakRss: number;
  requestsPerEvent: number;
}

export interface Cell {
  events: number;
  /** the job's GET answer, in bytes */
  jobBytes: number;
  sides: Record<ScaleSide, CellSide>;
  /** ours ÷ baseline, wall time and CPU time, medians of the per-round ratios */
  ratio: number;
  cpuRatio: number;
}

export interface ScaleFigures {
  byEvents: Cell[];
  bySize: Cell[];
  /**
   * time per event of the largest delivery ÷ of the one-event delivery (N-event time ÷ N × 1-event time),
   * in wall time and in CPU time
   */
  growth: Record<ScaleSide, { wall: number; cpu: number }>;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Samples memory until stopped: peak heap (+ external) and RSS above where it started. */
function memoryPeak(): () => { heap: number; rss: number } {
  const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
  const start = process.memoryUsage();
  let heap = heapOf(start);
  let rss = start.rss;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, heapOf(now));
    rss = Math.max(rss, now.rss);
  };
  const timer = setInterval(sample, 5);
  return () => {
    sample();
    clearInterval(timer);
    return { heap: heap - heapOf(start), rss: rss - start.rss };
  };
}

/**
 * One cell of the table: `moveIns.length` events per delivery. Each round runs `deliveries` deliveries a
 * side, taking turns. Memory is sampled in a delivery of its own after a full GC, then each side is warmed
 * up again (a forced GC may drop compiled code); from 100 events on, a delivery is long enough for that not
 * to matter, and memory is sampled in the timed deliveries themselves, each after a GC outside the clock.
 */
async function cell(bench: Bench, moveIns: MoveInIds[], rounds: number, deliveries: number): Promise<Cell> {
  const events = moveIns.length;
  const large = events >= 100;
  const bundle = () => bench.delivery(moveIns.map((m) => bench.event(MOVE_IN, { jobId: m.jobId })));
  const perform = async (side: ScaleSide) => {
    const b = bundle();
    return delivered(await bench.perform(side, MOVE_IN, b), events, `${side}, ${events} event(s)`);
  };
  const sampled = async (side: ScaleSide) => {
    const b = bundle();
    gc?.();
    const stop = memoryPeak();
    const cpu = process.cpuUsage();
    const run = await bench.perform(side, MOVE_IN, b);
    const used = process.cpuUsage(cpu);
    const peak = stop();
    delivered(run, events, `${side}, ${events} event(s)`);
    return { run, cpu: (used.user + used.system) / 1000, peak };
  };

  const memory = { ours: [], noMerge: [] } as Record<ScaleSide, Array<{ heap: number; rss: number }>>;
  const requests = {} as Record<ScaleSide, number>;
  if (!large) {
    for (const side of SCALE_SIDES) {
      const from = await bench.sandbox.requestCount();
      memory[side].push((await sampled(side)).peak);
      requests[side] = ((await bench.sandbox.requestCount()) - from) / events;
      for (let i = 0; i < 3; i++) await perform(side);
    }
  }

  const per = { ours: [], noMerge: [] } as Record<ScaleSide, Array<{ ms: number; cpu: number }>>;
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const total = { ours: { ms: 0, cpu: 0 }, noMerge: { ms: 0, cpu: 0 } };
    for (let d = 0; d < deliveries; d++) {
      for (const side of order(round + d, SCALE_SIDES)) {
        if (large) {
          const from = await bench.sandbox.requestCount();
          const { run, cpu, peak } = await sampled(side);
          requests[side] = ((await bench.sandbox.requestCount()) - from) / events;
          memory[side].push(peak);
          total[side].ms += run.ms;
          total[side].cpu += cpu;
        } else {
          const start = process.cpuUsage();
          const run = await perform(side);
          const used = process.cpuUsage(start);
          total[side].ms += run.ms;
          total[side].cpu += (used.user + used.system) / 1000;
        }
      }
    }
    for (const side of SCALE_SIDES)
      per[side].push({
        ms: total[side].ms / deliveries / events,
        cpu: total[side].cpu / deliveries / events,
      });
    ratios.push(total.ours.ms / total.noMerge.ms);
    cpuRatios.push(total.ours.cpu / total.noMerge.cpu);
  }
  const summary = (side: ScaleSide): CellSide => ({
    msPerEvent: median(per[side].map((r) => r.ms)),
    cpuPerEvent: median(per[side].map((r) => r.cpu)),
    peakHeap: median(memory[side].map((m) => m.heap)),
    peakRss: median(memory[side].map((m) => m.rss)),
    requestsPerEvent: requests[side],
  });
  return {
    events,
    jobBytes: moveIns[0].jobBytes,
    sides: { ours: summary('ours'), noMerge: summary('noMerge') },
    ratio: median(ratios),
    cpuRatio: median(cpuRatios),
  };
}

/** Deliveries a side per round: about 20 events' worth, fewer for large records, at least one. */
const deliveriesFor = (events: number, jobBytes: number) =>
  Math.max(1, Math.round(20 / events / Math.max(1, jobBytes / 100_000)));

/** Deliveries of 1…500 events (records of ~1 KB, each event its own), then one event with a 1 KB…1 MB job. */
export async function scaling(bench: Bench, settings: Settings): Promise<ScaleFigures> {
  const most = Math.max(...settings.eventCounts);
  const fleet = await bench.sandbox.addMoveIns(most, settings.recordBytes[0]);
  // warm both sides up on a batch, so the first cell does not pay for compiling the batch paths
  for (const side of SCALE_SIDES) {
    const warm = fleet.slice(0, Math.min(20, most)).map((m) => bench.event(MOVE_IN, { jobId: m.jobId }));
    await bench.perform(side, MOVE_IN, bench.delivery(warm));
  }
  const byEvents: Cell[] = [];
  for (const events of settings.eventCounts) {
    const rounds = events >= 100 ? Math.min(2, settings.scaleRounds) : settings.scaleRounds;
    byEvents.push(
      await cell(bench, fleet.slice(0, events), rounds, deliveriesFor(events, fleet[0].jobBytes)),
    );
  }
  const bySize: Cell[] = [];
  for (const bytes of settings.recordBytes) {
    const one = await bench.sandbox.addMoveIns(1, bytes);
    bySize.push(await cell(bench, one, settings.scaleRounds, deliveriesFor(1, one[0].jobBytes)));
  }
  const first = byEvents[0];
  const last = byEvents[byEvents.length - 1];
  const growth = (side: ScaleSide) => ({
    wall: last.sides[side].msPerEvent / first.sides[side].msPerEvent,
    cpu: last.sides[side].cpuPerEvent / first.sides[side].cpuPerEvent,
  });
  return { byEvents, bySize, growth: { ours: growth('ours'), noMerge: growth('noMerge') } };
}

// ---------------------------------------------------------------- (d) step time under a hanging cache
export interface HangRow {
  step: string;
  ms: number;
  cacheCalls: number;
  outcome: string;
}

/** How a step ended, in one short line (Zapier's errors carry their message as JSON). */
function outcome(run: StepRun): string {
  if (run.error) {
    const [name, ...rest] = run.error.split(': ');
    let message = rest.join(': ');
    try {
      message = String((JSON.parse(message) as { message?: unknown }).message ?? message);
    } catch {
      /* a plain message */
    }
    const line = `${name}: ${message}`.replace(/\s+/g, ' ');
    return line.length > 100 ? `${line.slice(0, 99)}…` : line;
  }
  const n = Array.isArray(run.output) ? run.output.length : 1;
  return `done (${n} result${n === 1 ? '' : 's'})`;
}

/** Every call to Zapier's cache hangs (never answered): how long each step takes, and how it ends. */
export async function hangingCache(bench: Bench): Promise<HangRow[]> {
  const [target] = await bench.sandbox.addMoveIns(1, 1_000);
  const authData = bench.authData;
  const today = new Date().toISOString().slice(0, 10);
  const steps: Array<[string, () => Promise<StepRun>]> = [
    [
      'New Move-In delivery (1 event)',
      () => bench.perform('ours', MOVE_IN, bench.delivery([bench.event(MOVE_IN, { jobId: target.jobId })])),
    ],
    [
      'Add Custom Charge (add_unit_rental_charge)',
      () =>
        bench.step('ours', 'creates.add_unit_rental_charge.operation.perform', {
          authData,
          inputData: {
            unitRentalId: target.unitRentalId,
            description: 'Benchmark admin fee',
            amount: '5',
            quantity: '1',
            startDate: today,
            skipDuplicates: 'true',
          },
        }),
    ],
    [
      'Create Task (create_task)',
      () =>
        bench.step('ours', 'creates.create_task.operation.perform', {
          authData,
          inputData: { title: 'Benchmark: check the lock', unitId: target.unitId, skipDuplicates: 'true' },
        }),
    ],
    [
      'Find Job (find_job)',
      () =>
        bench.step('ours', 'searches.find_job.operation.perform', {
          authData,
          inputData: { jobId: target.jobId },
        }),
    ],
  ];
  const rows: HangRow[] = [];
  const stopHanging = bench.caches.ours.fail({ mode: 'hang' });
  try {
    for (const [step, run] of steps) {
      const result = await run();
      rows.push({ step, ms: result.ms, cacheCalls: result.cacheCalls.length, outcome: outcome(result) });
    }
  } finally {
    stopHanging();
    // the calls left hanging end as closed connections; core retries them, now answered
    (await sharedZapierService()).releaseHung();
  }
  return rows;
}

// ---------------------------------------------------------------- connections
export interface Connections {
  requests: number;
  connections: number;
}

export async function connections(bench: Bench): Promise<Connections> {
  return { requests: await bench.sandbox.requestCount(), connections: await bench.sandbox.connections() };
}
