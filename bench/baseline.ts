/**
 * The baseline: the Zapier app a developer would write by hand for the same triggers, with nothing of
 * this app's guarantees (no signature check, no dedupe, no secret scrubbing of its own, no typed errors,
 * no time budget): each hook trigger's perform reads the body and GETs the records the event names, with
 * the same `include=` as the app, so both make the same requests (test/bench/bench.test.ts checks it).
 *
 * - move_in: the job, then its customer, rental, unit and site in parallel;
 * - unit_rental, invoice, customer: the one record;
 * - invoice_paid: the invoice, then (when it is paid) its customer and rental in parallel;
 * - catch_hook: Zapier's Catch Hook, the first step of the chain Catch Hook → Find Job → Find Customer →
 *   Find Unit (the app's own searches) a user would build without this app's triggers.
 *
 * A batch (a JSON array of events) is handled event by event, in parallel.
 *
 * Two builds: `BaselineApp` leaves z.request at core's defaults, as a hand-written app does;
 * `BaselineNoMergeApp` sets `merge: false`, the one request option of this app that changes what core
 * does per request: with `merge` on, core deep-merges the request with the app's request template and the
 * run's input (the app definition and the bundle, the whole body included) on every request, which costs
 * per request and grows with the body. The benchmark reports against both where it matters.
 */
import {
  type Bundle,
  defineApp,
  defineTrigger,
  version as platformVersion,
  type ZObject,
} from 'zapier-platform-core';
import { API_URL_ENV } from '../src/client';

// the records as a hand-written app reads them: untyped JSON
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dict = Record<string, any>;

function apiBase(bundle: Bundle): string {
  const base = process.env[API_URL_ENV] ?? 'https://{code}.storeganise.com/api';
  return base.replace('{code}', String(bundle.authData.businessCode));
}

type Get = (z: ZObject, bundle: Bundle, path: string, include?: string) => Promise<Dict>;

const getter =
  (merge: boolean): Get =>
  async (z, bundle, path, include) => {
    const response = await z.request({
      url: `${apiBase(bundle)}/v1/admin/${path}`,
      params: include ? { include } : {},
      ...(merge ? {} : { merge: false }),
    });
    return response.data as Dict;
  };

/** The events of a delivery: one event or a list of them. */
function eventsOf(bundle: Bundle): Dict[] {
  const raw = bundle.rawRequest?.content;
  const body: unknown = typeof raw === 'string' && raw ? JSON.parse(raw) : bundle.cleanedRequest;
  return (Array.isArray(body) ? body : [body]) as Dict[];
}

const forEachEvent =
  (hydrate: (z: ZObject, bundle: Bundle, event: Dict) => Promise<Dict | undefined>) =>
  async (z: ZObject, bundle: Bundle) => {
    const outputs = await Promise.all(eventsOf(bundle).map((event) => hydrate(z, bundle, event)));
    return outputs.filter((out): out is Dict => out !== undefined);
  };

/** Each trigger's perform, reading records with `get`. */
function performs(get: Get) {
  const user = (z: ZObject, bundle: Bundle, id: string) =>
    get(z, bundle, `users/${id}`, 'customFields,billing');
  const rental = (z: ZObject, bundle: Bundle, id: string) =>
    get(z, bundle, `unit-rentals/${id}`, 'unit,owner,customFields,agreementUrl');
  // an invoice with the business's currency (it lives in the settings), read beside it
  const invoice = async (z: ZObject, bundle: Bundle, id: string) => {
    const [found, settings] = await Promise.all([
      get(z, bundle, `invoices/${id}`, 'owner,customFields'),
      get(z, bundle, 'settings'),
    ]);
    return { ...found, currency: settings.currencyCode ?? null } as Dict;
  };
  return {
    moveIn: forEachEvent(async (z, bundle, event) => {
      const job = await get(z, bundle, `jobs/${event.data.jobId}`, 'customFields');
      const result = job.result ?? {};
      const [customer, unitRental, unit, site] = await Promise.all([
        user(z, bundle, result.ownerId ?? job.ownerId),
        rental(z, bundle, result.unitRentalId),
        get(z, bundle, `units/${result.unitId ?? job.data?.unitId}`, 'customFields'),
        get(z, bundle, `sites/${job.siteId}`),
      ]);
      return { ...event, job, customer, unitRental, unit, site };
    }),
    unitRental: forEachEvent(async (z, bundle, event) => ({
      ...event,
      unitRental: await rental(z, bundle, event.data.unitRentalId),
    })),
    invoice: forEachEvent(async (z, bundle, event) => ({
      ...event,
      invoice: await invoice(z, bundle, event.data.invoiceId),
    })),
    customer: forEachEvent(async (z, bundle, event) => ({
      ...event,
      customer: await user(z, bundle, event.data.userId),
    })),
    invoicePaid: forEachEvent(async (z, bundle, event) => {
      const found = await invoice(z, bundle, event.data.invoiceId);
      if (found.state !== 'paid' && !(found.balance <= 0 && found.total > 0)) return undefined;
      const [customer, unitRental] = await Promise.all([
        user(z, bundle, found.ownerId),
        rental(z, bundle, found.unitRentalId),
      ]);
      return { ...event, invoice: found, customer, unitRental };
    }),
    catchHook: (_z: ZObject, bundle: Bundle) => [bundle.cleanedRequest],
  };
}

export const BASELINE_TRIGGERS = {
  moveIn: 'move_in',
  unitRental: 'unit_rental',
  invoice: 'invoice',
  customer: 'customer',
  invoicePaid: 'invoice_paid',
  catchHook: 'catch_hook',
} as const;

const LABELS: Record<keyof typeof BASELINE_TRIGGERS, string> = {
  moveIn: 'Move-In',
  unitRental: 'Unit Rental',
  invoice: 'Invoice',
  customer: 'Customer',
  invoicePaid: 'Invoice Paid',
  catchHook: 'Catch Hook',
};

function baselineApp(options: { merge: boolean }) {
  const perform = performs(getter(options.merge));
  const triggers = Object.fromEntries(
    (Object.keys(BASELINE_TRIGGERS) as Array<keyof typeof BASELINE_TRIGGERS>).map((name) => {
      const key = BASELINE_TRIGGERS[name];
      const trigger = defineTrigger({
        key,
        noun: 'Event',
        display: { label: LABELS[name], description: `Triggers on a Storeganise webhook: ${LABELS[name]}.` },
        operation: { type: 'hook', perform: perform[name] as never, sample: { id: 'evt_1' } },
      });
      return [key, trigger];
    }),
  );
  return defineApp({
    version: '1.0.0',
    platformVersion,
    // A hand-written app would not set this flag. Without it core patches Node's http module for the whole
    // process on its first run, and from then on every request of both apps would be logged twice. Set, the
    // baseline does less work than it would alone, so the ratios err against this app.
    flags: { skipHttpPatch: true },
    authentication: {
      type: 'custom',
      fields: [
        { key: 'businessCode', required: true },
        { key: 'apiKey', required: true, type: 'password' },
      ],
      test: (z: ZObject, bundle: Bundle) => getter(options.merge)(z, bundle, 'settings'),
    },
    beforeRequest: [
      (request, _z, bundle) => {
        request.headers = { ...request.headers, Authorization: `ApiKey ${String(bundle.authData.apiKey)}` };
        return request;
      },
    ],
    triggers,
  });
}

/** The hand-written app, z.request at core's defaults. */
export const BaselineApp = baselineApp({ merge: true });
/** The same with `merge: false` on every request, as this app sends them. */
export const BaselineNoMergeApp = baselineApp({ merge: false });
