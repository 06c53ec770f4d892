/**
 * What a trigger's perform costs, measured against the thinnest possible Zapier hook app — a
 * Catch-Hook trigger whose perform hands on the cleaned request — run through the same runtime
 * (zapier-platform-core's app tester), with Storeganise's answers served in-process (nock), so the
 * ratio measures the app's work, not a network. Also counts the Storeganise requests perform makes
 * per delivered event, by trigger family.
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import { createAppTester, defineApp, defineTrigger, version as platformVersion } from 'zapier-platform-core';
import App from '../index';

type Dict = Record<string, any>;
type Tester = (method: unknown, bundle: Dict) => Promise<unknown>;

const SECRET = 'bench-signing-secret-not-a-secret';
const AUTH = { businessCode: 'benchbiz', apiKey: 'bench-api-key-not-a-secret', webhookSecret: SECRET };
const HOST = 'https://benchbiz.storeganise.com';

/** The thinnest Catch-Hook app: a static hook whose perform returns what Zapier parsed. */
const baseline = defineApp({
  version: '1.0.0',
  platformVersion,
  // it makes no request, so this changes nothing for it; without it, core patches Node's http module
  // for the whole process on its first call, and every later request of the app would be logged twice
  flags: { skipHttpPatch: true },
  triggers: {
    catch_hook: defineTrigger({
      key: 'catch_hook',
      noun: 'Hook',
      display: { label: 'Catch Hook', description: 'Triggers when a request arrives at the hook URL.' },
      operation: {
        type: 'hook',
        perform: (_z, bundle) => [bundle.cleanedRequest as Dict],
        sample: { id: '1' },
      },
    }),
  },
});

const stamps = { created: '2026-11-20T16:02:55.118Z', updated: '2026-11-21T10:30:00.000Z' };
const owner = {
  id: 'usr_1',
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane.doe@example.com',
  phone: '+44 20 7946 0958',
  customFields: {},
  ...stamps,
};
const unit = {
  id: 'unit_1',
  siteId: 'site_1',
  name: 'A-104',
  state: 'occupied',
  customFields: { gate: '1234' },
  ...stamps,
};
/** Realistic answers by collection: a move-in job that names its rental in the start step. */
const RECORDS: Record<string, (id: string) => Dict> = {
  jobs: (id) => ({
    id,
    type: 'unit_moveIn',
    state: 'created',
    ownerId: 'api_user',
    siteId: 'site_1',
    data: { unitId: 'unit_1' },
    result: { ownerId: 'usr_1', unitId: 'unit_1' },
    steps: [{ id: 'st', type: 'start', state: 'completed', result: { unitRentalId: 'ur_1' } }],
    ...stamps,
  }),
  'unit-rentals': (id) => ({
    id,
    unitId: 'unit_1',
    siteId: 'site_1',
    ownerId: 'usr_1',
    state: 'occupied',
    price: 129,
    unit,
    owner,
    charges: [],
    customFields: { gate_code: '4821' },
    ...stamps,
  }),
  invoices: (id) => ({
    id,
    sid: 'lon010234',
    state: 'paid',
    ownerId: 'usr_1',
    owner,
    total: 141.5,
    balance: 0,
    payments: [],
    ...stamps,
  }),
  users: (id) => ({ ...owner, id }),
  units: (id) => ({ ...unit, id }),
  sites: (id) => ({ id, code: 'LON', title: { en: 'Central London' }, ...stamps }),
};

/** Serves every record GET in-process and counts them. */
export function serveInProcess(): { count: () => number; stop: () => void } {
  let requests = 0;
  const scope = nock(HOST)
    .persist()
    .get(/^\/api\/v1\/admin\/[a-z-]+\/[^/?]+/)
    .query(true)
    .reply(200, (uri) => {
      requests += 1;
      const [collection, id] = uri.split('?')[0].split('/').slice(-2);
      return RECORDS[collection]?.(decodeURIComponent(id)) ?? { id };
    });
  return { count: () => requests, stop: () => void (scope.persist(false), nock.cleanAll()) };
}

let sequence = 0;
/** A signed delivery of one event, a new event id each time (a repeat would be skipped). */
export function delivery(type: string, data: Dict, subscribeData: Dict = { id: 'wh_bench' }): Dict {
  const event = { id: `evt_bench_${++sequence}`, created: stamps.created, type, data };
  const content = JSON.stringify(event);
  const signature = createHmac('sha256', SECRET).update(content).digest('base64');
  return {
    authData: AUTH,
    inputData: {},
    subscribeData,
    cleanedRequest: event,
    rawRequest: { method: 'POST', querystring: '', content, headers: { 'Http-Sg-Signature': signature } },
    meta: {},
  };
}

export const FAMILIES: Array<{ family: string; trigger: string; type: string; data: Dict }> = [
  {
    family: 'move-in / move-out / valet (job + customer, rental, unit, site)',
    trigger: 'new_move_in',
    type: 'job.unit_moveIn.created',
    data: { jobId: 'job_1' },
  },
  {
    family: 'unit transfer (two rentals + job + customer, unit, site)',
    trigger: 'unit_transfer_completed',
    type: 'job.unit_transfer.completed',
    data: { jobId: 'job_1', newRentalId: 'ur_2', oldRentalId: 'ur_1' },
  },
  {
    family: 'unit rental',
    trigger: 'unit_rental_updated',
    type: 'unitRental.updated',
    data: { unitRentalId: 'ur_1', changedKeys: ['price'] },
  },
  {
    family: 'invoice',
    trigger: 'invoice_state_changed',
    type: 'invoice.state.updated',
    data: { invoiceId: 'inv_1', to: 'paid' },
  },
  { family: 'customer', trigger: 'new_customer', type: 'user.created', data: { userId: 'usr_1' } },
  {
    family: 'unit',
    trigger: 'unit_updated',
    type: 'unit.updated',
    data: { unitId: 'unit_1', changedKeys: ['state'] },
  },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface PerformCost {
  oursMs: number;
  /** the same perform on a delivery it answers without a request (an event this Zap already handled) */
  repeatMs: number;
  /** ms per Storeganise request (core's z.request, in-process answer): (ours − repeat) ÷ requests */
  perRequestMs: number;
  baselineMs: number;
  ratio: number;
  /** family → [first event, later events (site cached)] */
  requests: Array<{ family: string; first: number; later: number }>;
}

/** Median ms per perform call, ours (New Move-In, records fetched) vs the Catch-Hook app, over `rounds` of `calls`. */
export async function measurePerformCost(rounds: number, calls: number): Promise<PerformCost> {
  const server = serveInProcess();
  try {
    const ours = createAppTester(App) as unknown as Tester;
    const thin = createAppTester(baseline) as unknown as Tester;
    const oursPerform = (App as Dict).triggers.new_move_in.operation.perform;
    const thinPerform = (baseline as Dict).triggers.catch_hook.operation.perform;
    const oursMs: number[] = [];
    const thinMs: number[] = [];
    const repeatMs: number[] = [];
    for (let warm = 0; warm < 20; warm++) {
      await ours(oursPerform, delivery('job.unit_moveIn.created', { jobId: 'job_1' }));
      await thin(thinPerform, delivery('job.unit_moveIn.created', { jobId: 'job_1' }));
    }
    for (let r = 0; r < rounds; r++) {
      const bundles = Array.from({ length: calls }, () =>
        delivery('job.unit_moveIn.created', { jobId: 'job_1' }),
      );
      let started = performance.now();
      for (const bundle of bundles) await thin(thinPerform, bundle);
      thinMs.push((performance.now() - started) / calls);
      started = performance.now();
      for (const bundle of bundles) await ours(oursPerform, bundle);
      oursMs.push((performance.now() - started) / calls);
      started = performance.now();
      for (const bundle of bundles) await ours(oursPerform, bundle); // the same events again: skipped
      repeatMs.push((performance.now() - started) / calls);
    }

    const requests: PerformCost['requests'] = [];
    for (const { family, trigger, type, data } of FAMILIES) {
      const tester = createAppTester(App) as unknown as Tester; // a fresh z.cache: the first event fetches the site
      const perform = (App as Dict).triggers[trigger].operation.perform;
      let before = server.count();
      await tester(perform, delivery(type, data));
      const first = server.count() - before;
      before = server.count();
      await tester(perform, delivery(type, data));
      requests.push({ family, first, later: server.count() - before });
    }
    const moveIn = requests[0].later;
    return {
      oursMs: median(oursMs),
      repeatMs: median(repeatMs),
      perRequestMs: (median(oursMs) - median(repeatMs)) / moveIn,
      baselineMs: median(thinMs),
      ratio: median(oursMs) / median(thinMs),
      requests,
    };
  } finally {
    server.stop();
  }
}
