/** How `npm run bench` prints its figures: one table per figure, with what each ratio means. */
import type { Agent } from 'node:http';
import type {
  Connections,
  CpuFigures,
  FamilyProfile,
  HangRow,
  ScaleFigures,
  Cell,
  Settings,
  TripFigures,
} from './measure';

export const print = (line = '') => process.stdout.write(`${line}\n`);

const fixed = (n: number, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
const times = (n: number) => `${fixed(n, 2)}×`;
const mb = (bytes: number) => fixed(bytes / 1e6, 1);
const size = (bytes: number) =>
  bytes >= 1e6 ? `${fixed(bytes / 1e6, 2)} MB` : bytes >= 1e3 ? `${fixed(bytes / 1e3, 0)} KB` : `${bytes} B`;

/**
 * Columns padded to their widest cell: text columns left-aligned, figures right-aligned (`align`: one
 * letter per column, l or r; default: the first column l, the rest r).
 */
function table(head: string[], rows: string[][], align = `l${'r'.repeat(head.length - 1)}`): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const pad = (c: string, i: number) => (align[i] === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i]));
  const line = (cells: string[]) => `  ${cells.map(pad).join('  ')}`.trimEnd();
  print(line(head));
  print(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const row of rows) print(line(row));
}

const note = (text: string) => {
  // wrapped at ~110 characters, indented
  const words = text.split(' ');
  let current = '  ';
  for (const word of words) {
    if (current.length + word.length > 112) {
      print(current.trimEnd());
      current = '    ';
    }
    current += `${word} `;
  }
  print(current.trimEnd());
};

export function header(
  settings: Settings,
  facts: { node: string; core: string; cpus: number; load: number; where: string },
) {
  print(
    `Storeganise for Zapier — benchmark${settings.quick ? ' (--quick: tiny sizes, a smoke run, not figures)' : ''}`,
  );
  print(
    `Node ${facts.node}, zapier-platform-core ${facts.core}; ${facts.cpus} CPUs, load average ${fixed(facts.load, 1)} at the start; ` +
      `the sandbox in a ${facts.where}, over loopback HTTP`,
  );
  note(
    'Every figure is from this one run: this app and the baseline take turns within each round (which goes first ' +
      'changes with the round), and a ratio is the median of the per-round ratios. Both run as Zapier runs them: ' +
      'core’s createAppHandler, z.cache over core’s RPC to a local Zapier service (zapier-local/).',
  );
  note(
    'The baseline (bench/baseline.ts) is the hand-written app: its hook triggers read the body and GET the same ' +
      'records with the same include= (a move-in: the job, then customer, rental, unit and site in parallel), with no ' +
      'signature check, no dedupe, no secret scrubbing and no cache. The chain is what a user builds without this ' +
      'app’s trigger: Catch Hook → Find Job → Find Customer → Find Unit (this app’s searches, one step each).',
  );
  print();
}

export function requestsTable(profiles: FamilyProfile[], chain: { requests: string[]; cacheCalls: number }) {
  print('Requests and cache calls per delivered event (counted at the sandbox and at the Zapier service)');
  table(
    ['family', 'requests: ours', 'baseline', 'same requests', 'cache calls (ours)', 'which'],
    profiles.map((p) => [
      p.family.name,
      String(p.requests.ours.length),
      String(p.requests.baseline.length),
      p.requests.ours.join('\n') === p.requests.baseline.join('\n') ? 'yes' : 'NO',
      String(p.cacheCalls.length),
      p.cacheCalls.join(', '),
    ]),
    'lrrrrl',
  );
  note(
    `The chain, for a move-in: ${chain.requests.length} requests (${chain.requests.map((r) => r.split('?')[0]).join(', ')}), ` +
      `${chain.cacheCalls} cache calls, in 4 steps. The baseline makes no cache call.`,
  );
  print();
}

export function cpuTable(cpu: CpuFigures, settings: Settings) {
  print(
    `(a) CPU per delivered move-in event, at equal requests (no latency; ${settings.rounds} rounds × ${settings.cpuDeliveries} deliveries each)`,
  );
  table(
    ['', 'CPU ms / event', 'this app ÷ it'],
    [
      ['this app (New Move-In)', fixed(cpu.ms.ours, 2), ''],
      ['baseline (same 5 requests, core’s defaults)', fixed(cpu.ms.baseline, 2), times(cpu.ratio.baseline)],
      ['baseline with merge: false (as this app)', fixed(cpu.ms.noMerge, 2), times(cpu.ratio.noMerge)],
      ['chain (4 steps, 3 requests)', fixed(cpu.ms.chain, 2), `chain ÷ baseline ${times(cpu.ratio.chain)}`],
    ],
  );
  note(`this app ÷ baseline, round by round: ${cpu.rounds.map((r) => fixed(r, 2)).join(', ')}`);
  note(
    `A call that does nothing costs ${fixed(cpu.noop.ours, 2)} ms here and ${fixed(cpu.noop.baseline, 2)} ms in the ` +
      'baseline: core prepares (copies and freezes) the whole app definition twice on every call, and this app ' +
      'defines 43 visible operations with samples and labelled fields where the baseline defines a few. Without ' +
      `that difference this app ÷ baseline is ${times((cpu.ms.ours - cpu.noop.ours) / (cpu.ms.baseline - cpu.noop.baseline))}.`,
  );
  note(
    'CPU = user + system time of the bench process per delivery of one event: the app, core (handler, z.request, ' +
      'logging), core’s RPC client, and the server side of the local Zapier services (cache RPC, log intake; a few ' +
      'calls per run, counted against this app). The sandbox answers in its own process and is not counted. ' +
      'A ratio above 1 is what the app’s guarantees (signature, once-per-Zap claim, typed errors, secret scrubbing, ' +
      'labelled output) cost per event on top of the same five requests. Core’s default `merge` deep-copies the ' +
      'request template and the run’s input (app definition and bundle) into every request; this app turns it off, ' +
      'a hand-written app does not: the second baseline shows the app’s own work without that difference.',
  );
  print();
}

export function tripsTable(trips: TripFigures) {
  const L = trips.latencyMs;
  print(`(b) Critical path in round trips, with the API and Zapier’s cache both ${L} ms away`);
  table(
    [
      'family',
      'floor',
      'ours',
      'baseline',
      `ours ms @${L}`,
      `baseline ms @${L}`,
      'cache calls before 1st request',
      'cache calls',
    ],
    [
      ...trips.rows.map((r) => [
        r.name,
        String(r.floor),
        fixed(r.trips.ours, 1),
        fixed(r.trips.baseline, 1),
        fixed(r.wallL.ours, 0),
        fixed(r.wallL.baseline, 0),
        r.cacheBeforeFirstRequest === null ? '–' : String(r.cacheBeforeFirstRequest),
        String(r.cacheCalls),
      ]),
      [
        'chain: Catch Hook + Find Job/Customer/Unit',
        '–',
        fixed(trips.chain.trips, 1),
        '',
        fixed(trips.chain.wallL, 0),
        '',
        '',
        '',
      ],
    ],
  );
  note(
    `round trips = (wall time per delivery with ${L} ms on every API answer and every cache answer − wall time ` +
      `without) ÷ ${L} ms, median over rounds: how many answers a delivery waits for one after another. floor = the ` +
      'requests that must follow each other (a job names its records; Invoice Paid needs the invoice first). The ' +
      'chain’s steps run back to back here; on Zapier each step also waits for Zapier to schedule it.',
  );
  print();
}

function cellRow(label: string, c: Cell): string[] {
  const { ours, noMerge: baseline } = c.sides;
  return [
    label,
    fixed(ours.msPerEvent, 2),
    fixed(baseline.msPerEvent, 2),
    times(c.ratio),
    `${fixed(ours.cpuPerEvent, 2)} / ${fixed(baseline.cpuPerEvent, 2)}`,
    `${mb(ours.peakHeap)} / ${mb(baseline.peakHeap)}`,
    `${mb(ours.peakRss)} / ${mb(baseline.peakRss)}`,
    `${fixed(ours.requestsPerEvent, 1)} / ${fixed(baseline.requestsPerEvent, 1)}`,
  ];
}

export function scaleTable(scale: ScaleFigures) {
  const head = [
    '',
    'ours ms/event',
    'baseline',
    'ours ÷ baseline',
    'CPU ms/event ours / base',
    'peak heap MB ours / base',
    'peak RSS Δ MB',
    'requests/event',
  ];
  const small = size(scale.byEvents[0].jobBytes);
  print(
    `(c) Scaling: events per delivery (move-ins, each its own records; job ~${small}), no latency; ` +
      'baseline = the baseline with merge: false',
  );
  table(
    head,
    scale.byEvents.map((c) => cellRow(`${c.events} event${c.events === 1 ? '' : 's'}`, c)),
  );
  print();
  print('    record size: one move-in event whose job answers this size (custom fields), no latency');
  table(
    head,
    scale.bySize.map((c) => cellRow(`job ${size(c.jobBytes)}`, c)),
  );
  const first = scale.byEvents[0];
  const last = scale.byEvents[scale.byEvents.length - 1];
  const biggest = scale.bySize[scale.bySize.length - 1];
  const { ours, noMerge } = scale.growth;
  note(
    `${last.events}-event time ÷ (${last.events} × ${first.events}-event time), wall / CPU: ours ${times(ours.wall)} / ` +
      `${times(ours.cpu)}, baseline ${times(noMerge.wall)} / ${times(noMerge.cpu)} (1 = the time per event does not ` +
      'depend on the batch; above 1 = a cost that grows faster than the events).',
  );
  note(
    `${size(biggest.jobBytes)} job, ours ÷ baseline, wall / CPU: ${times(biggest.ratio)} / ${times(biggest.cpuRatio)} ` +
      `(at ${size(scale.bySize[0].jobBytes)}: ${times(scale.bySize[0].ratio)} / ${times(scale.bySize[0].cpuRatio)}).`,
  );
  note(
    'On a machine other processes keep busy, wall time at one event is mostly waiting for the sandbox process to ' +
      'be scheduled; the CPU figures are the steadier ones there.',
  );
  note(
    'ms/event = wall time of a delivery ÷ its events, median of rounds (a round: about 20 events’ worth of ' +
      'deliveries a side, taking turns); CPU likewise; peak heap = highest heapUsed + external above the start ' +
      'of a delivery that began after a full GC, sampled every 5 ms; peak RSS Δ = the same for RSS (near 0 once ' +
      'the process holds the pages from an earlier run). The baseline ' +
      'here sends its requests with merge: false, as this app does, so a growth is each app’s own work: with ' +
      'core’s default merge, every request of a run deep-copies the run’s input, whole body included, and a ' +
      'hand-written app’s time per event grows with the batch as well.',
  );
  print();
}

export function hangTable(rows: HangRow[], boundMs: number) {
  print(
    `(d) Step time when every call to Zapier’s cache hangs (the app bounds each call at ${fixed(boundMs / 1000, 1)} s)`,
  );
  table(
    ['step', 'wall s', 'cache calls', 'how it ended'],
    rows.map((r) => [r.step, fixed(r.ms / 1000, 2), String(r.cacheCalls), r.outcome]),
    'lrrl',
  );
  const longest = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
  note(`longest: ${longest.step}, ${fixed(longest.ms / 1000, 1)} s of Zapier’s 30 s.`);
  print();
}

export function connectionsNote(sections: Array<{ what: string } & Connections>, agent: Agent) {
  const options = (agent as Agent & { options?: { keepAlive?: boolean; timeout?: number } }).options ?? {};
  print('Connections (TCP connections the sandbox accepted, against the requests it answered)');
  table(
    ['', 'requests', 'connections', 'requests per connection'],
    sections.map((s) => [
      s.what,
      String(s.requests),
      String(s.connections),
      fixed(s.requests / Math.max(1, s.connections), 1),
    ]),
  );
  note(
    'The sandbox keeps an idle connection 65 s, longer than the client, so the client closes first. Client side: ' +
      'core 19’s z.request and RPC client use node-fetch 2, which passes no agent, so Node’s http.globalAgent ' +
      `carries every request: keepAlive ${String(options.keepAlive)} (the default since Node 19), idle sockets ` +
      `closed after ${fixed((options.timeout ?? 0) / 1000, 0)} s, at most ${agent.maxFreeSockets} kept idle. So ` +
      'one delivery after another reuses its connections with src/ as it is, and the benchmark does not change the ' +
      'agent. A batch opens one connection per request in flight (hundreds for 500 events) and those beyond ' +
      `${agent.maxFreeSockets} are closed after it, for this app and the baseline alike.`,
  );
  print();
}
