/**
 * `npm run bench`: this app against a hand-written baseline (./baseline.ts), both run as Zapier runs them
 * (core's createAppHandler, z.cache over core's RPC to the local Zapier service) against the sandbox
 * business over loopback HTTP (in a child process, ./sandbox-process.ts). Prints, each from this one run:
 *
 *   (a) CPU per delivered event, this app ÷ baseline at equal requests; requests and cache calls per event;
 *   (b) the critical path in round trips, with the API and Zapier's cache both 50 ms away, per family;
 *   (c) scaling: 1…500 events per delivery, and records of ~1 KB…~1 MB, time per event and peak memory;
 *   (d) each step's time when every cache call hangs;
 *   and how many TCP connections carried the requests.
 *
 *   npm run bench                 # defaults: a couple of minutes on a 2-core machine
 *   npm run bench -- --quick      # tiny sizes: a smoke run of every section, in seconds
 *   npm run bench -- --rounds 9 --latency 100
 *
 * Nothing here is asserted: it prints figures. No network beyond 127.0.0.1.
 */
import '../zapier-local/strict-runtime';
import http from 'node:http';
import os from 'node:os';
import { version as coreVersion } from 'zapier-platform-core';
import { CACHE_TIME } from '../src/cache';
import {
  connections,
  cpuAtEqualRequests,
  DEFAULTS,
  hangingCache,
  profileChain,
  profileFamilies,
  QUICK,
  roundTrips,
  scaling,
  type Settings,
} from './measure';
import {
  connectionsNote,
  cpuTable,
  hangTable,
  header,
  print,
  requestsTable,
  scaleTable,
  tripsTable,
} from './report';
import { Bench } from './runner';
import { sandboxProcess } from './sandbox-link';

function settingsFrom(argv: string[]): Settings {
  const settings = { ...(argv.includes('--quick') ? QUICK : DEFAULTS) };
  const number = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  settings.rounds = number('rounds') ?? settings.rounds;
  settings.latencyMs = number('latency') ?? settings.latencyMs;
  return settings;
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  // the app's z.console lines (skipped events and the like) would drown the figures, which use stdout directly
  console.log = () => {};
  if (settings.quick) CACHE_TIME.callMs = 300; // (d) in a second, not twelve; printed with the table
  const started = performance.now();
  const sandbox = await sandboxProcess();
  try {
    const bench = new Bench(sandbox);
    header(settings, {
      node: process.version,
      core: coreVersion,
      cpus: os.cpus().length,
      load: os.loadavg()[0],
      where: sandbox.where,
    });
    requestsTable(await profileFamilies(bench), await profileChain(bench));
    cpuTable(await cpuAtEqualRequests(bench, settings), settings);
    tripsTable(await roundTrips(bench, settings));
    const single = await connections(bench);
    scaleTable(await scaling(bench, settings));
    const scaled = await connections(bench);
    hangTable(await hangingCache(bench), CACHE_TIME.callMs);
    const all = await connections(bench);
    connectionsNote(
      [
        { what: 'one event per delivery: requests table, (a), (b)', ...single },
        {
          what: '(c): batches and large records',
          requests: scaled.requests - single.requests,
          connections: scaled.connections - single.connections,
        },
        { what: 'the whole run', ...all },
      ],
      http.globalAgent,
    );
    const peak = process.resourceUsage().maxRSS / 1024;
    print(
      `Done in ${((performance.now() - started) / 1000).toFixed(0)} s; the bench process peaked at ${peak.toFixed(0)} MB RSS ` +
        `(core ends a process above 450 MB once it has served 250 runs). Load average now ${os.loadavg()[0].toFixed(1)}.`,
    );
  } finally {
    await sandbox.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
