/**
 * `npm run bench`: ratios measured in one run against the local sandbox, medians over repeats.
 *
 *   npm run bench                               # defaults: 5 repeats, 50 events per repeat
 *   npm run bench -- --repeats 9 --events 80
 *
 * - perform's cost per call relative to the thinnest Catch-Hook app through the same runtime, with
 *   Storeganise's answers served in-process (sandbox/perform-cost.ts), and the Storeganise requests
 *   perform makes per delivered event for each trigger family;
 * - webhook events through perform per second against the sandbox (Storeganise POST → hook URL →
 *   perform, records fetched over loopback), and perform alone;
 * - Storeganise requests per delivered and per ignored event (a type the trigger does not watch);
 * - time to load the built app relative to loading zapier-platform-core alone (child processes);
 * - for contrast, the requests a polling design would make per day for the same events.
 * Nothing here is asserted: it prints figures. No network beyond 127.0.0.1.
 */
import './strict-runtime';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  appTester,
  type Environment,
  MOVE_IN_EVENT,
  KEYS,
  operation,
  perform,
  startEnvironment,
} from './lifecycle';
import { measurePerformCost } from './perform-cost';
import type { CaughtHook } from './receiver';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const REPEATS = arg('repeats', 5);
// each perform now fetches records; core's test runtime keeps memory per request and kills a process over
// 450 MB, so a run stays at a few hundred performs
const EVENTS = arg('events', 50);
const LOAD_REPEATS = arg('load-repeats', 9);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const print = (line = '') => process.stdout.write(`${line}\n`);

async function subscribe(env: Environment): Promise<string> {
  const key = KEYS.moveInTrigger;
  await appTester(operation('triggers', key, 'performSubscribe'), {
    authData: env.authData,
    inputData: {},
    targetUrl: env.receiver.url,
    meta: {},
  });
  return key;
}

/**
 * N move-in events, one after another as a business produces them: the sandbox POSTs each to the
 * hook URL, which answers, then perform runs on it. Returns events per second end to end, and
 * perform alone over the same caught requests.
 */
async function throughput(
  env: Environment,
  key: string,
  jobIds: string[],
): Promise<{ perSecond: number; performOnly: number; hooks: CaughtHook[] }> {
  const hooks: CaughtHook[] = [];
  const started = performance.now();
  for (const jobId of jobIds) {
    const sent = env.sandbox.emit(MOVE_IN_EVENT, { jobId });
    const hook = await env.receiver.next(10_000);
    const out = await perform(key, hook, env.authData);
    if (out.length !== 1) throw new Error(`perform returned ${out.length} results for one event`);
    hooks.push(hook);
    await sent;
  }
  const seconds = (performance.now() - started) / 1000;

  const performStarted = performance.now();
  for (const hook of hooks) await perform(key, hook, env.authData);
  const performSeconds = (performance.now() - performStarted) / 1000;
  return { perSecond: jobIds.length / seconds, performOnly: hooks.length / performSeconds, hooks };
}

/** Storeganise requests per event: delivered (perform fetches the records) and ignored. */
async function requestsPerEvent(
  env: Environment,
  key: string,
  hooks: CaughtHook[],
  ignoredCount: number,
): Promise<{ delivered: number; ignored: number }> {
  let before = env.sandbox.requests.length;
  for (const hook of hooks) {
    await perform(key, hook, env.authData);
  }
  const delivered = (env.sandbox.requests.length - before) / hooks.length;

  const ignoredHook = env.sandbox.addWebhook({ url: env.receiver.url, events: ['unitRental.updated'] });
  const rental = env.sandbox.data.unitRentals[0].id;
  await Promise.all(
    Array.from({ length: ignoredCount }, () =>
      env.sandbox.emit('unitRental.updated', {
        unitRentalId: rental,
        changedKeys: ['customFields.gate_code'],
      }),
    ),
  );
  const ignoredHooks = env.receiver.drain();
  before = env.sandbox.requests.length;
  for (const hook of ignoredHooks) {
    const out = await perform(key, hook, env.authData);
    if (out.length)
      throw new Error(
        `an unwatched event type was not ignored: ${hook.rawRequest.content} → ${JSON.stringify(out)}`,
      );
  }
  const ignored = (env.sandbox.requests.length - before) / Math.max(1, ignoredHooks.length);
  env.sandbox.webhooks.delete(ignoredHook.id);
  return { delivered, ignored };
}

/** ms to require a module in a fresh Node process, measured inside the child (and the whole process). */
function loadTime(root: string, request: string): { requireMs: number; processMs: number } {
  const code = `const t=performance.now();require(${JSON.stringify(request)});process.stdout.write(String(performance.now()-t))`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ['-e', code], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`loading ${request} failed: ${child.stderr}`);
  return { requireMs: Number(child.stdout), processMs };
}

async function main(): Promise<void> {
  // z.console.log lines (one per skipped event) would drown the figures; the figures use stdout directly
  console.log = () => {};
  const root = path.resolve(__dirname, '..', '..');
  print(
    `Storeganise for Zapier — benchmark against the local sandbox (Node ${process.version}; ${REPEATS} repeats × ${EVENTS} events; medians)`,
  );
  print();

  // core's test runtime keeps ~50 KB per request (nock or core, not this app: sandbox/perform-cost.ts) and kills
  // a process over 450 MB after 250 runs, so the in-process rounds stay small
  const cost = await measurePerformCost(REPEATS * 2 + 1, 30);
  print('perform per call, through the same runtime, Storeganise answered in-process (medians)');
  print(
    `  New Move-In (job, customer, rental, unit, site): ${fmt(cost.oursMs, 2)} ms;  thinnest Catch-Hook app: ${fmt(cost.baselineMs, 2)} ms`,
  );
  print(`  ours ÷ Catch-Hook: ${fmt(cost.ratio, 2)}×  (goal ≤ 2×)`);
  print(
    `  the same perform on a repeated event (no request): ${fmt(cost.repeatMs, 2)} ms = ${fmt(cost.repeatMs / cost.baselineMs, 2)}× Catch-Hook`,
  );
  print(
    `  each Storeganise request through core's z.request (answered in-process): ${fmt(cost.perRequestMs, 2)} ms`,
  );
  print(
    'Storeganise requests per delivered event, by trigger family (first event; later events, site cached)',
  );
  for (const { family, first, later } of cost.requests) print(`  ${family.padEnd(66)} ${first}; ${later}`);
  print();

  const rates: number[] = [];
  const performRates: number[] = [];
  const deliveredRequests: number[] = [];
  const ignoredRequests: number[] = [];
  const answerMs: number[] = [];
  let retried = 0;
  for (let r = 0; r < REPEATS; r++) {
    const env = await startEnvironment();
    try {
      const key = await subscribe(env);
      const job = env.sandbox.data.jobs.find((j) => j.type === 'unit_moveIn')!;
      const jobIds = Array.from({ length: EVENTS }, () => job.id);
      const run = await throughput(env, key, jobIds);
      rates.push(run.perSecond);
      performRates.push(run.performOnly);
      answerMs.push(median(env.sandbox.deliveries.map((d) => d.attempts[d.attempts.length - 1]?.ms ?? 0)));
      retried += env.sandbox.deliveries.filter((d) => d.attempts.length > 1).length;
      const sample = run.hooks.slice(0, Math.min(50, run.hooks.length));
      const perEvent = await requestsPerEvent(env, key, sample, sample.length);
      deliveredRequests.push(perEvent.delivered);
      ignoredRequests.push(perEvent.ignored);
    } finally {
      await env.close();
    }
  }

  const core: number[] = [];
  const app: number[] = [];
  const coreProcess: number[] = [];
  const appProcess: number[] = [];
  loadTime(root, 'zapier-platform-core'); // warm the file cache once, for both
  loadTime(root, './index.js');
  for (let i = 0; i < LOAD_REPEATS; i++) {
    const c = loadTime(root, 'zapier-platform-core');
    const a = loadTime(root, './index.js');
    core.push(c.requireMs);
    app.push(a.requireMs);
    coreProcess.push(c.processMs);
    appProcess.push(a.processMs);
  }

  const rate = median(rates);
  const perDelivered = median(deliveredRequests);
  const perIgnored = median(ignoredRequests);
  print('Webhooks through the real runtime');
  print(
    `  events through perform per second (sandbox POST → hook URL → perform): ${fmt(rate)}  (runs: ${rates.map((x) => fmt(x, 0)).join(', ')})`,
  );
  print(
    `  perform alone, events per second:                                      ${fmt(median(performRates))}`,
  );
  print(`  from Storeganise's POST to perform's output, ms per event:              ${fmt(1000 / rate)}`);
  print(
    `  (the local stand-in hook URL answered in ${fmt(median(answerMs))} ms; deliveries retried: ${retried})`,
  );
  print(`  Storeganise requests per delivered move-in event (perform):             ${fmt(perDelivered, 2)}`);
  print(`  Storeganise requests per ignored event (type not watched):             ${fmt(perIgnored, 2)}`);
  print();
  print(`Loading (fresh node process each time, ${LOAD_REPEATS} repeats, time spent in require())`);
  print(
    `  zapier-platform-core alone: ${fmt(median(core))} ms;  built app (index.js → dist/): ${fmt(median(app))} ms`,
  );
  print(
    `  app / core load time ratio: ${fmt(median(app) / median(core), 2)}  (whole process: ${fmt(median(appProcess))} vs ${fmt(median(coreProcess))} ms, ratio ${fmt(median(appProcess) / median(coreProcess), 2)})`,
  );
  print();

  // Polling contrast. Assumptions, stated: Zapier polls every 15 minutes (96 polls a day) per polling
  // trigger; the operator runs 5 such Zaps (move-in, move-out, valet order, invoice state, rental
  // updated); each poll is one list request (no include, per the help centre's advice on large lists)
  // and each new record then needs the same GETs to hand on the whole records, as perform does.
  const triggers = 5;
  const pollsPerDay = (24 * 60) / 15;
  print('Polling design, for contrast (assumptions: 15-min polling = 96 polls/day per trigger, 5 triggers,');
  print('1 list request per poll + 1 GET per new record; webhooks: measured requests per event above)');
  for (const eventsPerDay of [20, 100, 500]) {
    const polling = triggers * pollsPerDay + eventsPerDay;
    const hooks = eventsPerDay * perDelivered;
    print(
      `  ${String(eventsPerDay).padStart(3)} events/day: polling ${polling} requests/day vs webhooks ${fmt(hooks, 0)} → ${hooks ? `${fmt(polling / hooks, 1)}× fewer with webhooks` : 'n/a'}; latency: up to 15 min (7.5 on average) vs ${fmt(1000 / rate)} ms from POST to perform's output`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
