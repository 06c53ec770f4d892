/**
 * Every catalog row end to end through the real runtime: a signed delivery → perform fetches the
 * records the event names (each once, in parallel, with its include set; job events also the job's
 * customer, unit rental, unit and site) → one output, shaped like the static sample. Plus the
 * generated trigger set itself.
 */
import { INCLUDE } from '../../src/client';
import { dataKeys, EVENT_CATALOG, type EventRow, isVisible, RECORD_IDS } from '../../src/events/catalog';
import { ADMIN, App, appTester, AUTH, sg, strayRequestsOfEachTest } from '../helpers';
import { signedDelivery } from '../fixtures/deliveries';
import { customer, rental, stamps, unit } from '../fixtures/records';
import { flattenOutput, sampleParityViolations } from '../publishing-rules';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;

const signed = (body: unknown, inputData: Dict = {}, subscribeData: Dict = { id: 'wh_zap_1', events: [] }) =>
  signedDelivery(body, {
    authData: AUTH,
    inputData,
    subscribeData,
    headers: { 'Http-Content-Type': 'application/json' },
  });

/** perform with a fresh z.cache: each test starts as a Zap that has handled nothing. */
const perform = (key: string, body: unknown, inputData: Dict = {}) =>
  appTester(triggers[key].operation.perform, signed(body, inputData), true) as Promise<Dict[]>;

/** Distinct ids per data key, so a record fetched for the wrong key shows. */
const IDS: Record<string, unknown> = {
  jobId: 'job_1',
  unitRentalId: 'ur_1',
  newRentalId: 'ur_new',
  oldRentalId: 'ur_old',
  invoiceId: 'inv_1',
  userId: 'usr_1',
  unitId: 'unit_1',
  changedKeys: ['customFields.gate_code', 'price'],
  to: 'paid',
};
const dataFor = (row: EventRow) => Object.fromEntries(dataKeys(row).map((key) => [key, IDS[key]]));

// Realistic answers: every field docs/storeganise-api.md documents for each record, as Storeganise sends them.
const owner = customer;
/** What the test business answers, by path below /v1/admin/. */
const RECORDS: Record<string, (id: string) => Dict> = {
  jobs: (id) => ({
    id,
    type: 'unit_moveIn',
    state: 'completed',
    step: 'completed',
    ownerId: 'api_user',
    siteId: 'site_1',
    data: { unitId: 'unit_1', startDate: '2026-11-21', unitTypeId: 'ut_1' },
    result: { ownerId: 'usr_1', unitId: 'unit_1', siteId: 'site_1' },
    steps: [
      {
        id: 'st_1',
        type: 'start',
        state: 'completed',
        completedAt: stamps.created,
        result: { unitRentalId: 'ur_1', unitId: 'unit_1' },
      },
    ],
    customFields: {},
    ...stamps,
  }),
  'unit-rentals': (id) => ({
    ...rental,
    id,
    charges: [{ id: 'ch_1', title: { en: 'Padlock' }, amount: 12.5 }],
    customFields: { gate_code: '4821' },
    unit,
    owner,
    agreementUrl: 'https://mybiz.storeganise.com/agreements/x.pdf',
  }),
  invoices: (id) => ({
    id,
    sid: 10234,
    state: 'paid',
    ownerId: 'usr_1',
    owner,
    siteId: 'site_1',
    unitRentalId: 'ur_1',
    entries: [{ desc: 'Unit A-104', qty: 1, amount: 129, total: 129 }],
    subtotal: 141.5,
    tax: 0,
    total: 141.5,
    balance: 0,
    payments: [{ id: 'pay_1', type: 'manual', amount: 141.5, method: 'card', date: '2026-11-21' }],
    customFields: {},
    ...stamps,
  }),
  users: (id) => ({ ...owner, id }),
  units: (id) => ({ ...unit, id, title: { en: 'Unit' } }),
  settings: () => ({ companyName: 'My Storage', currency: '£', currencyCode: 'GBP' }),
  sites: (id) => ({
    id,
    code: 'LON',
    title: { en: 'Central London' },
    address: '1 Example Street',
    customFields: {},
    ...stamps,
  }),
};
const INCLUDES: Record<string, string | undefined> = {
  jobs: INCLUDE.job,
  'unit-rentals': INCLUDE.unitRental,
  invoices: INCLUDE.invoice,
  users: INCLUDE.customer,
  units: INCLUDE.unit,
  sites: undefined,
  settings: undefined,
};

/** The GETs each family of events makes, written out by hand (not derived from the app). */
const JOB_GETS = ['jobs/job_1', 'unit-rentals/ur_1', 'users/usr_1', 'units/unit_1', 'sites/site_1'];
function expectedGets(row: EventRow): string[] {
  if (row.type === 'job.unit_transfer.completed')
    return [
      'unit-rentals/ur_new',
      'unit-rentals/ur_old',
      'jobs/job_1',
      'users/usr_1',
      'units/unit_1',
      'sites/site_1',
    ];
  if (row.type.startsWith('job.')) return JOB_GETS;
  // an invoice comes with the business settings read beside it: invoices name no currency
  if (row.key === 'new_invoice') return ['invoices/inv_1', 'settings', 'unit-rentals/ur_1'];
  if (row.kind === 'invoice') return ['invoices/inv_1', 'settings'];
  return [
    {
      unitRental: 'unit-rentals/ur_1',
      invoice: 'invoices/inv_1',
      customer: 'users/usr_1',
      unit: 'units/unit_1',
    }[row.kind as string]!,
  ];
}

/** Answers exactly these GETs, each once, with its include set. */
function answer(gets: string[], status: Record<string, number> = {}, records: Record<string, Dict> = {}) {
  const scope = sg();
  for (const get of gets) {
    const [path, id] = get.split('/');
    const include = INCLUDES[path];
    const interceptor = scope.get(`${ADMIN}/${get}`).query(include ? { include } : {});
    if (status[get]) interceptor.reply(status[get], { error: { message: `${get} says ${status[get]}` } });
    else interceptor.reply(200, records[get] ?? RECORDS[path](id));
  }
  return scope;
}

const unmatched = strayRequestsOfEachTest();

/** T004/T006 (test/publishing-rules.ts): the static sample maps onto this live output. */
const parityProblems = (sample: unknown, live: unknown) => sampleParityViolations('trigger', sample, live);
const flatten = (value: unknown) => flattenOutput(value);

describe('every catalog row, end to end', () => {
  test.each(EVENT_CATALOG.map((row) => [row.key, row] as const))(
    '%s: perform fetches each record once, in parallel, with its include set; T004/T006 sample parity',
    async (_key, row) => {
      const data = dataFor(row);
      const event = { id: `evt_${row.key}`, created: '2026-11-28T10:00:00.000Z', type: row.type, data };
      const jobType = (row as EventRow).jobType;
      const job: Dict = { ...RECORDS.jobs('job_1'), type: jobType ?? 'unit_moveIn' };
      if (jobType === 'unit_transfer') job.data = { ...job.data, oldRentalId: 'ur_old' };
      const scope = answer(expectedGets(row), {}, { 'jobs/job_1': job });

      const outputs = await perform(row.key, event);
      scope.done();
      expect(unmatched).not.toHaveBeenCalled();
      expect(outputs).toHaveLength(1);
      const [out] = outputs;
      expect(out).toMatchObject({ id: event.id, type: row.type, created: event.created, ...data });
      expect(out[RECORD_IDS[row.idField].key]).toMatchObject({ id: data[row.idField] });
      expect(JSON.stringify(out)).not.toMatch(/hydrate\|\|\||"en":/); // no pointers; localised titles made plain
      expect(out.note).toBeUndefined();
      // the static sample maps onto live output: same keys (or fewer), no object where live has a value
      expect(parityProblems(triggers[row.key].operation.sample, out)).toEqual([]);
    },
  );

  test('a job event hands on the customer, the unit rental, the unit and the site inline', async () => {
    answer(JOB_GETS);
    const [out] = await perform('new_move_in', {
      id: 'e1',
      type: 'job.unit_moveIn.created',
      created: null,
      data: { jobId: 'job_1' },
    });
    expect(out.job).toMatchObject({
      id: 'job_1',
      customerId: 'usr_1',
      unitRentalId: 'ur_1',
      unitId: 'unit_1',
      siteId: 'site_1',
    });
    expect(out.customer).toMatchObject({
      email: 'jane.doe@example.com',
      phone: '+44 20 7946 0958',
      name: 'Jane Doe',
    });
    expect(out.unitRental).toMatchObject({
      id: 'ur_1',
      price: 129,
      customFields: { gate_code: '4821' },
      unitName: 'A-104',
    });
    expect(out.unit).toMatchObject({ name: 'A-104', customFields: { gate: '1234' } });
    expect(out.site).toMatchObject({ name: 'Central London', code: 'LON' });
  });

  test('a job that names no unit rental yet hands on unitRental: null (and still the rest)', async () => {
    const job = { ...RECORDS.jobs('job_2'), steps: [], result: { ownerId: 'usr_1', unitId: 'unit_1' } };
    sg()
      .get(`${ADMIN}/jobs/job_2`)
      .query({ include: INCLUDE.job })
      .reply(200, job)
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(200, RECORDS.users('usr_1'))
      .get(`${ADMIN}/units/unit_1`)
      .query(true)
      .reply(200, RECORDS.units('unit_1'))
      .get(`${ADMIN}/sites/site_1`)
      .reply(200, RECORDS.sites('site_1'));
    const [out] = await perform('new_move_in', {
      id: 'e2',
      type: 'job.unit_moveIn.created',
      created: null,
      data: { jobId: 'job_2' },
    });
    expect(out).toMatchObject({
      unitRental: null,
      customer: { id: 'usr_1' },
      unit: { id: 'unit_1' },
      site: { id: 'site_1' },
    });
    expect(unmatched).not.toHaveBeenCalled();
  });

  test('a batch fetches each distinct record once; the site each time, beside the other records', async () => {
    const scope = answer(JOB_GETS);
    const batch = ['a', 'b', 'c'].map((id) => ({
      id,
      type: 'job.unit_moveIn.completed',
      created: null,
      data: { jobId: 'job_1', unitRentalId: 'ur_1' },
    }));
    const out = await perform('move_in_completed', batch);
    scope.done();
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out.every((o) => o.site?.name === 'Central London')).toBe(true);

    // the next run of the same Zap: the job and the rest again, the site too (no cache round trip for it)
    answer(JOB_GETS);
    const again = await appTester(
      triggers.move_in_completed.operation.perform,
      signed({ ...batch[0], id: 'd' }),
    );
    expect(again[0].site).toMatchObject({ name: 'Central London' });
    expect(unmatched).not.toHaveBeenCalled();
  });

  test('a batch about two invoices reads the business settings once, for both currencies', async () => {
    const scope = answer(['invoices/inv_1', 'invoices/inv_2', 'settings']); // each answered once
    const out = await perform('invoice_payments_updated', [
      { id: 'p1', type: 'invoice.payments.updated', created: null, data: { invoiceId: 'inv_1' } },
      { id: 'p2', type: 'invoice.payments.updated', created: null, data: { invoiceId: 'inv_2' } },
    ]);
    scope.done();
    expect(unmatched).not.toHaveBeenCalled();
    expect(out.map((o) => [o.invoice.id, o.invoice.currency])).toEqual([
      ['inv_1', 'GBP'],
      ['inv_2', 'GBP'],
    ]);
  });

  test('a transfer hands on the new and the old rental, each with unit and customer', async () => {
    answer(expectedGets(EVENT_CATALOG.find((r) => r.key === 'unit_transfer_completed')!));
    const [out] = await perform('unit_transfer_completed', {
      id: 'evt_t',
      type: 'job.unit_transfer.completed',
      created: '2026-11-28T10:00:00.000Z',
      data: { oldRentalId: 'ur_old', newRentalId: 'ur_new', jobId: 'job_1' },
    });
    expect(out.newUnitRental).toMatchObject({ id: 'ur_new', unitName: 'A-104', customerName: 'Jane Doe' });
    expect(out.oldUnitRental).toMatchObject({ id: 'ur_old' });
    expect(out.unitRental).toMatchObject({ id: 'ur_new' });
  });

  test('a record deleted meanwhile (404): the event with that record empty and a note, not a failure', async () => {
    answer(['unit-rentals/ur_gone'], { 'unit-rentals/ur_gone': 404 });
    const [out] = await perform('unit_rental_updated', {
      id: 'e404',
      type: 'unitRental.updated',
      created: null,
      data: { unitRentalId: 'ur_gone' },
    });
    expect(out).toMatchObject({ id: 'e404', unitRentalId: 'ur_gone', unitRental: null });
    expect(out.note).toBe(
      'Unit Rental ur_gone was not found in Storeganise (deleted since the event?); handed on as empty.',
    );
  });
});

describe('each event runs once per Zap', () => {
  const event = { id: 'evt_once', type: 'user.created', created: null, data: { userId: 'usr_1' } };
  const run = (subscribeData: Dict, body: unknown = event) =>
    appTester(triggers.new_customer.operation.perform, signed(body, {}, subscribeData)) as Promise<Dict[]>;

  test('a redelivery to the same Zap outputs nothing and makes no request; another Zap still gets the event', async () => {
    answer(['users/usr_1']);
    expect(await run({ id: 'wh_once_A' })).toHaveLength(1);
    expect(await run({ id: 'wh_once_A' })).toEqual([]); // Storeganise's retry: nothing, no request
    expect(unmatched).not.toHaveBeenCalled();
    answer(['users/usr_1']);
    expect(await run({ id: 'wh_once_B' })).toHaveLength(1); // a second Zap subscribed to the same event
  });

  test('the same event twice in one delivery runs once', async () => {
    answer(['users/usr_1']);
    expect(await run({ id: 'wh_once_C' }, [event, event])).toHaveLength(1);
  });

  test('a 5xx while fetching fails the run (a ThrottledError Zapier retries) and the event is not marked handled', async () => {
    answer(['users/usr_1'], { 'users/usr_1': 503 });
    await expect(run({ id: 'wh_once_D' })).rejects.toThrow(
      /could not be handed on.*tries this delivery once more/,
    );
    answer(['users/usr_1']);
    const [out] = await run({ id: 'wh_once_D' });
    expect(out.customer).toMatchObject({ id: 'usr_1' });
  });

  test('forged, unsigned and malformed deliveries cost no request', async () => {
    const forged = {
      ...signed(event),
      rawRequest: { ...signed(event).rawRequest, headers: { 'Http-Sg-Signature': 'AAAA' } },
    };
    const unsigned = { ...signed(event), rawRequest: { ...signed(event).rawRequest, headers: {} } };
    expect(await appTester(triggers.new_customer.operation.perform, forged)).toEqual([]);
    expect(await appTester(triggers.new_customer.operation.perform, unsigned)).toEqual([]);
    const malformed = signed([
      { ...event, data: { userId: 42 } },
      { id: 'x', type: 'user.created', data: {} },
    ]);
    await expect(appTester(triggers.new_customer.operation.perform, malformed)).rejects.toThrow(
      /Ignored a request/,
    );
    expect(unmatched).not.toHaveBeenCalled();
  });
});

describe('the generated trigger set', () => {
  test('one REST-hook trigger per catalog row plus New Event; no static hook in the public app (D017)', () => {
    const hookKeys = Object.keys(triggers).filter((k) => triggers[k].operation.type === 'hook');
    expect(hookKeys.sort()).toEqual([...EVENT_CATALOG.map((r) => r.key), 'invoice_paid', 'new_event'].sort());
    for (const key of hookKeys) {
      const op = triggers[key].operation;
      expect([typeof op.performSubscribe, typeof op.performUnsubscribe, typeof op.performList]).toEqual([
        'function',
        'function',
        'function',
      ]);
    }
    expect(triggers.webhook_manual).toBeUndefined();
    expect(triggers.event_type_list.display.hidden).toBe(true);
  });

  test('rows whose event types have no public source are hidden, and stay reachable through New Event', async () => {
    const hidden = EVENT_CATALOG.filter((row) => triggers[row.key].display.hidden).map((row) => row.type);
    expect(hidden.sort()).toEqual(
      [
        'job.valetOrder.submitted',
        'job.valetOrder.started',
        'job.valetOrder.completed',
        'job.valetOrder.cancelled',
        'job.unit_moveIn.started',
        'job.unit_moveIn.cancelled',
      ].sort(),
    );
    for (const row of EVENT_CATALOG)
      expect([row.key, !triggers[row.key].display.hidden]).toEqual([row.key, isVisible(row)]);
    const choices = (await appTester(triggers.event_type_list.operation.perform, {
      authData: AUTH,
    })) as Dict[];
    expect(choices.map((c) => c.id)).toEqual(expect.arrayContaining(hidden));
  });

  test('New Invoice also fires on unitRental.invoice.created and registers both types', async () => {
    answer(['invoices/inv_1', 'settings', 'unit-rentals/ur_1']);
    const [out] = await perform('new_invoice', {
      id: 'e_inv',
      type: 'unitRental.invoice.created',
      created: null,
      data: { invoiceId: 'inv_1', unitRentalId: 'ur_1' },
    });
    expect(out).toMatchObject({
      type: 'unitRental.invoice.created',
      invoice: { id: 'inv_1' },
      unitRental: { id: 'ur_1' },
    });
    const scope = sg()
      .post(
        `${ADMIN}/webhooks`,
        (body) =>
          JSON.stringify(body.events) === JSON.stringify(['invoice.created', 'unitRental.invoice.created']),
      )
      .reply(201, { id: 'wh_1' });
    await appTester(triggers.new_invoice.operation.performSubscribe, {
      authData: AUTH,
      inputData: {},
      targetUrl: 'https://hooks.zapier.com/x',
    });
    scope.done();
  });

  test("the catalog has unique types and keys, and each row's kind agrees with its id field", () => {
    const types = EVENT_CATALOG.flatMap((r) => [r.type, ...('alsoTypes' in r ? r.alsoTypes : [])]);
    expect(new Set(types).size).toBe(types.length);
    expect(new Set(EVENT_CATALOG.map((r) => r.key)).size).toBe(EVENT_CATALOG.length);
    for (const row of EVENT_CATALOG)
      expect([row.type, RECORD_IDS[row.idField].kind]).toEqual([row.type, row.kind]);
  });

  test('output fields carry human labels for what users map', () => {
    // the static ones (the custom fields' labels come from the settings: test/records/custom-field-labels.test.ts)
    const declared = (key: string) =>
      (triggers[key].operation.outputFields as unknown[]).filter((f): f is Dict => typeof f !== 'function');
    const labels = Object.fromEntries(declared('new_move_in').map((f) => [f.key, f.label]));
    expect(labels).toMatchObject({
      customer__email: 'Customer Email',
      unit__name: 'Unit Name',
      site__name: 'Site Name',
      job__state: 'Job State',
      id: 'Event ID',
    });
    for (const key of Object.keys(triggers).filter((k) => triggers[k].operation.type === 'hook')) {
      const fields = declared(key);
      const sampleKeys = flatten(triggers[key].operation.sample);
      for (const field of fields)
        expect([key, field.key, sampleKeys.has(field.key) || field.key === 'note']).toEqual([
          key,
          field.key,
          true,
        ]);
    }
  });

  test('static samples read true: realistic records inline, in the state the event leaves them, no credentials', () => {
    for (const key of Object.keys(triggers).filter((k) => triggers[k].operation.type === 'hook')) {
      const text = JSON.stringify(triggers[key].operation.sample);
      expect(text).not.toMatch(/hydrate\|\|\|/);
      expect(text).not.toContain(AUTH.apiKey);
    }
    const sample = (key: string) => triggers[key].operation.sample;
    expect(sample('valet_order_cancelled').job).toMatchObject({ type: 'valetOrder', state: 'cancelled' });
    expect(sample('move_in_cancelled').job).toMatchObject({ type: 'unit_moveIn', state: 'cancelled' });
    expect(sample('move_out_completed').job).toMatchObject({ type: 'unit_moveOut', state: 'completed' });
    expect(sample('new_move_in')).toMatchObject({
      job: { state: 'created' },
      customer: { email: expect.any(String) },
      site: { name: 'Central London' },
    });
    expect(sample('unit_rental_overdue').unitRental).toMatchObject({ overdue: true });
    expect(sample('unit_transfer_completed').oldUnitRental.id).not.toBe(
      sample('unit_transfer_completed').newUnitRental.id,
    );
    expect(sample('invoice_state_changed')).toMatchObject({ to: 'paid', invoice: { state: 'paid' } });
  });
});

describe('filtering', () => {
  const ev = (id: string, type: string, data: Dict) => ({
    id,
    type,
    created: '2026-11-28T10:00:00.000Z',
    data,
  });

  test('a trigger keeps only its own event type out of a batch, and fetches nothing for the rest', async () => {
    answer(['users/usr_1']);
    const out = await perform('new_customer', [
      ev('e1', 'user.created', { userId: 'usr_1' }),
      ev('e2', 'user.updated', { userId: 'usr_2' }),
    ]);
    expect(out.map((o) => o.id)).toEqual(['e1']);
    expect(unmatched).not.toHaveBeenCalled();
  });

  test('Invoice State Changed keeps only the chosen new states (any case); no choice keeps all', async () => {
    const batch = [
      ev('p', 'invoice.state.updated', { invoiceId: 'inv_1', to: 'paid' }),
      ev('s', 'invoice.state.updated', { invoiceId: 'inv_1', to: 'sent' }),
      ev('P', 'invoice.state.updated', { invoiceId: 'inv_1', to: 'PAID' }),
    ];
    answer(['invoices/inv_1']);
    expect((await perform('invoice_state_changed', batch, { states: ['paid'] })).map((o) => o.id)).toEqual([
      'p',
      'P',
    ]);
    answer(['invoices/inv_1']);
    expect(
      (await perform('invoice_state_changed', batch, { states: 'paid, sent' })).map((o) => o.id),
    ).toEqual(['p', 's', 'P']);
    answer(['invoices/inv_1']);
    expect((await perform('invoice_state_changed', batch, {})).map((o) => o.id)).toEqual(['p', 's', 'P']);
  });

  test('New Event accepts a type Storeganise adds later and fetches its record by pattern', async () => {
    answer(JOB_GETS);
    const [out] = await perform(
      'new_event',
      ev('f1', 'job.valetOrder.returned', { jobId: 'job_1', boxCount: 4 }),
      { eventType: 'job.valetOrder.returned' },
    );
    expect(out).toMatchObject({
      id: 'f1',
      type: 'job.valetOrder.returned',
      jobId: 'job_1',
      boxCount: 4,
      job: { id: 'job_1' },
      site: { id: 'site_1' },
    });
    expect(
      await perform('new_event', ev('f2', 'job.valetOrder.created', { jobId: 'job_9' }), {
        eventType: 'job.valetOrder.returned',
      }),
    ).toEqual([]);
  });

  test('an unknown prefix passes through with its data and no request', async () => {
    const [out] = await perform('new_event', ev('b', 'site.updated', { siteId: 'site_1' }), {
      eventType: 'site.updated',
    });
    expect(out).toEqual({
      id: 'b',
      type: 'site.updated',
      created: '2026-11-28T10:00:00.000Z',
      siteId: 'site_1',
    });
    expect(unmatched).not.toHaveBeenCalled();
  });
});

describe('sample data from the account (performList)', () => {
  const list = (key: string, inputData: Dict = {}) =>
    appTester(triggers[key].operation.performList, { authData: AUTH, inputData }, true) as Promise<Dict[]>;

  test('unit rental events: one request (unit and customer embedded), three records inline, shaped like live output', async () => {
    const rentals = ['ur_a', 'ur_b', 'ur_c'].map((id, i) => ({
      ...RECORDS['unit-rentals'](id),
      updated: `2026-11-2${i}T10:00:00.000Z`,
    }));
    const scope = sg()
      .get(`${ADMIN}/unit-rentals`)
      .query({ include: 'unit,owner', limit: 3, offset: 0 })
      .reply(200, rentals);
    const out = await list('unit_rental_updated');
    scope.done();
    expect(out.map((o) => o.unitRentalId)).toEqual(['ur_c', 'ur_b', 'ur_a']); // newest first
    expect(out[0]).toMatchObject({
      type: 'unitRental.updated',
      changedKeys: [],
      unitRental: { id: 'ur_c', unitName: 'A-104', customerName: 'Jane Doe' },
    });
    expect(parityProblems(triggers.unit_rental_updated.operation.sample, out[0])).toEqual([]);
    expect(unmatched).not.toHaveBeenCalled();
  });

  test('Move-In Cancelled shows only cancelled move-ins, with the same records a live event hands on', async () => {
    const jobs = [
      { ...RECORDS.jobs('job_done'), updated: '2026-11-27T10:00:00.000Z' },
      { ...RECORDS.jobs('job_off'), state: 'cancelled', updated: '2026-11-26T10:00:00.000Z' },
    ];
    sg().get(`${ADMIN}/jobs`).query({ type: 'unit_moveIn', limit: 25, offset: 0 }).reply(200, jobs);
    answer(JOB_GETS.filter((get) => !get.startsWith('jobs/')));
    const out = await list('move_in_cancelled');
    expect(out.map((o) => o.jobId)).toEqual(['job_off']);
    expect(out[0]).toMatchObject({
      job: { state: 'cancelled' },
      customer: { id: 'usr_1' },
      site: { name: 'Central London' },
    });
    expect(parityProblems(triggers.move_in_cancelled.operation.sample, out[0])).toEqual([]);
    expect(unmatched).not.toHaveBeenCalled();
  });

  test('Invoice State Changed shows invoices in a chosen state, with that state as the new state', async () => {
    const invoices = [{ ...RECORDS.invoices('inv_sent'), state: 'sent' }, RECORDS.invoices('inv_paid')];
    sg().get(`${ADMIN}/invoices`).query({ limit: 25, offset: 0 }).times(2).reply(200, invoices);
    answer(['settings', 'settings']); // beside each list, for the currency a live invoice has too
    const [paid] = await list('invoice_state_changed', { states: ['paid'] });
    expect(paid).toMatchObject({
      invoiceId: 'inv_paid',
      to: 'paid',
      invoice: { invoiceNumber: '10234', customerEmail: 'jane.doe@example.com', currency: 'GBP' },
    });
    const sent = await list('invoice_state_changed', { states: ['sent'] });
    expect(sent.map((o) => o.to)).toEqual(['sent']);
  });

  test('an account with no such records gets the static sample', async () => {
    sg().get(`${ADMIN}/users`).query({ limit: 3, offset: 0 }).reply(200, []);
    expect(await list('new_customer')).toEqual([triggers.new_customer.operation.sample]);
  });

  test('New Event lists by the chosen type, and refuses a type that is not one', async () => {
    sg()
      .get(`${ADMIN}/jobs`)
      .query({ type: 'valetOrder', limit: 25, offset: 0 })
      .reply(200, [{ ...RECORDS.jobs('job_v'), type: 'valetOrder' }]);
    answer(JOB_GETS.filter((get) => !get.startsWith('jobs/')));
    const [out] = await list('new_event', { eventType: 'job.valetOrder.completed' });
    expect(out).toMatchObject({ type: 'job.valetOrder.completed', job: { id: 'job_v', type: 'valetOrder' } });
    await expect(list('new_event', { eventType: 'not a type' })).rejects.toThrow(
      /is not a Storeganise event type/,
    );
  });
});

describe('site filter (Only for Sites)', () => {
  const ev = (id: string, rental: string) => ({
    id,
    type: 'unitRental.updated',
    created: null,
    data: { unitRentalId: rental },
  });

  test('only events whose record is at a chosen site come out; no choice keeps all', async () => {
    sg()
      .get(`${ADMIN}/unit-rentals/ur_lon`)
      .query(true)
      .reply(200, { ...RECORDS['unit-rentals']('ur_lon'), siteId: 'site_lon' })
      .get(`${ADMIN}/unit-rentals/ur_man`)
      .query(true)
      .reply(200, { ...RECORDS['unit-rentals']('ur_man'), siteId: 'site_man' });
    const out = await perform('unit_rental_updated', [ev('a', 'ur_lon'), ev('b', 'ur_man')], {
      siteIds: ['site_man'],
    });
    expect(out.map((o) => o.id)).toEqual(['b']);
    answer(['unit-rentals/ur_1']);
    expect(await perform('unit_rental_updated', ev('c', 'ur_1'), {})).toHaveLength(1);
  });

  test("a job event is judged by the job's site; customers, which belong to no site, have no such field", async () => {
    answer(JOB_GETS);
    expect(
      await perform(
        'new_move_in',
        { id: 'j', type: 'job.unit_moveIn.created', created: null, data: { jobId: 'job_1' } },
        { siteIds: 'site_9' },
      ),
    ).toEqual([]);
    const keys = (key: string) => (triggers[key].operation.inputFields as Dict[]).map((f) => f.key);
    expect(keys('new_move_in')).toContain('siteIds');
    expect(keys('new_customer')).not.toContain('siteIds');
  });

  test('sample data shows only records at the chosen sites', async () => {
    const rentals = [
      { ...RECORDS['unit-rentals']('ur_lon'), siteId: 'site_lon' },
      { ...RECORDS['unit-rentals']('ur_man'), siteId: 'site_man' },
    ];
    sg().get(`${ADMIN}/unit-rentals`).query(true).reply(200, rentals);
    const out = (await appTester(
      triggers.unit_rental_updated.operation.performList,
      { authData: AUTH, inputData: { siteIds: ['site_lon'] } },
      true,
    )) as Dict[];
    expect(out.map((o) => o.unitRentalId)).toEqual(['ur_lon']);
  });
});
