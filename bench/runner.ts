/**
 * Runs steps of this app and of the baseline as Zapier runs them (zapier-local/runtime.ts: core's
 * `createAppHandler`, `z.cache` over core's RPC to the local Zapier service), against the benchmark's
 * sandbox, and says for each step what it took: wall time, its cache calls, and how many of those came
 * before its first request to Storeganise (seen where the request leaves: Node's `http.client.request.start`
 * diagnostics channel, so nothing of the app or core is wrapped).
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import App from '../index';
import { API_URL_ENV } from '../src/client';
import { createZapierRuntime, ZapierCache, type ZapierRuntime } from '../zapier-local/runtime';
import type { CacheCall } from '../zapier-local/zapier-service';
import { BASELINE_TRIGGERS, BaselineApp, BaselineNoMergeApp } from './baseline';
import { deliveryBundle, type Family, newEvent, type WebhookEvent } from './families';
import type { BenchSandbox } from './sandbox-link';

/** This app, the baseline at core's defaults, and the baseline with `merge: false` (./baseline.ts). */
export type Side = 'ours' | 'baseline' | 'noMerge';
export const SIDES: readonly Side[] = ['ours', 'baseline', 'noMerge'];
export const SIDE_NAMES: Record<Side, string> = {
  ours: 'this app',
  baseline: 'baseline',
  noMerge: 'baseline, merge: false',
};

type Dict = Record<string, unknown>;

export interface StepRun {
  output: unknown;
  /** the error the step ended with, as "Name: message" */
  error?: string;
  ms: number;
  cacheCalls: CacheCall[];
  /** cache calls made before the step's first request to Storeganise; null when it made none */
  cacheBeforeFirstRequest: number | null;
}

/** The one step being watched for its first request to the sandbox (steps are run one at a time). */
let watching: { host: string; seen: () => void } | undefined;
subscribe('http.client.request.start', (message) => {
  const watch = watching;
  if (!watch || (message as { request: ClientRequest }).request.getHeader('host') !== watch.host) return;
  watching = undefined;
  watch.seen();
});

const triggerPerform = (key: string) => `triggers.${key}.operation.perform`;

export class Bench {
  /** each side's Zapier account: its cache (latencyMs, faults, the calls it received) */
  readonly caches: Record<Side, ZapierCache> = {
    ours: new ZapierCache(),
    baseline: new ZapierCache(),
    noMerge: new ZapierCache(),
  };
  private readonly runtimes: Record<Side, ZapierRuntime>;
  private readonly host: string;

  constructor(readonly sandbox: BenchSandbox) {
    this.runtimes = {
      ours: createZapierRuntime(App, { cache: this.caches.ours }),
      baseline: createZapierRuntime(BaselineApp, { cache: this.caches.baseline }),
      noMerge: createZapierRuntime(BaselineNoMergeApp, { cache: this.caches.noMerge }),
    };
    this.host = `127.0.0.1:${sandbox.port}`;
    process.env[API_URL_ENV] = sandbox.apiUrl;
  }

  get authData(): Record<string, string> {
    return { ...this.sandbox.authData };
  }

  /** Both sides' cache latency (the sandbox's is set apart: `sandbox.setLatency`). */
  set cacheLatencyMs(ms: number) {
    for (const side of SIDES) this.caches[side].latencyMs = ms;
  }

  /**
   * One call of a step that does nothing, through the side's handler: what core costs per call whatever
   * the step does (preparing the app's whole definition, the logger, the output checks).
   */
  async noop(side: Side): Promise<void> {
    await this.runtimes[side](async () => ({}), { authData: this.authData });
    this.caches[side].logs.length = 0;
  }

  /** Runs `method` (a method path of the side's app) once. */
  async step(side: Side, method: string, bundle: Dict): Promise<StepRun> {
    const cache = this.caches[side];
    const before = cache.calls.length;
    let first: number | null = null;
    watching = { host: this.host, seen: () => void (first = cache.calls.length - before) };
    const started = performance.now();
    let output: unknown;
    let error: string | undefined;
    try {
      output = await this.runtimes[side](method, bundle);
    } catch (err) {
      error = `${(err as Error)?.name}: ${(err as Error)?.message ?? String(err)}`;
    }
    const ms = performance.now() - started;
    watching = undefined;
    const cacheCalls = cache.calls.slice(before);
    // what the runs streamed to Zapier's log server is not read here: keep the process's memory flat
    cache.logs.length = 0;
    if (cache.calls.length > 10_000) cache.calls.length = 0;
    return { output, error, ms, cacheCalls, cacheBeforeFirstRequest: first };
  }

  /** The bundle of one POST of these events (signed, a subscription of its own). */
  delivery(events: WebhookEvent[]): Dict {
    return deliveryBundle(events, this.sandbox);
  }

  /** The events' delivery through the side's trigger of this family. */
  perform(side: Side, family: Family, bundle: Dict): Promise<StepRun> {
    return this.step(side, triggerPerform(side === 'ours' ? family.ours : family.baseline), bundle);
  }

  /** A new event of the family about the seeded records. */
  event(family: Family, data: Dict = family.data(this.sandbox.seeded)): WebhookEvent {
    return newEvent(family.type, data);
  }

  /**
   * The chain a user would build without this app's trigger: Zapier's Catch Hook (the baseline's), then
   * this app's Find Job, Find Customer and Find Unit, each a step of its own, one after another.
   */
  async chain(bundle: Dict): Promise<{ ms: number; steps: StepRun[] }> {
    const authData = this.authData;
    const hook = await this.step('baseline', triggerPerform(BASELINE_TRIGGERS.catchHook), bundle);
    const [event] = hook.output as Array<{ data: { jobId: string } }>;
    const job = await this.step('ours', 'searches.find_job.operation.perform', {
      authData,
      inputData: { jobId: event.data.jobId },
    });
    const [found] = job.output as Array<{ customerId: string; unitId: string }>;
    const customer = await this.step('ours', 'searches.find_customer.operation.perform', {
      authData,
      inputData: { findBy: 'customerId', customerId: found.customerId },
    });
    const unit = await this.step('ours', 'searches.find_unit.operation.perform', {
      authData,
      inputData: { findBy: 'unitId', unitId: found.unitId },
    });
    const steps = [hook, job, customer, unit];
    const failed = steps.find((s) => s.error);
    if (failed) throw new Error(`the chain failed: ${failed.error}`);
    return { ms: steps.reduce((sum, s) => sum + s.ms, 0), steps };
  }
}
