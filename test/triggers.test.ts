/**
 * Every catalog row end to end through the real runtime: a signed delivery → perform (no request)
 * → output shaped like the static sample → each pointer resolved as a later Zap step would
 * (sandbox/pointers.ts) → exactly one GET per record. Plus sample data (performList) and the
 * generated trigger set itself.
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import { parsePointer, resolveAll } from '../sandbox/pointers';
import { INCLUDE } from '../src/client';
import { dataKeys, EVENT_CATALOG, type EventRow, type HydratorKey, isRecordIdKey, RECORD_IDS } from '../src/events/catalog';
import { ADMIN, App, appTester, AUTH, sg, WEBHOOK_SECRET } from './helpers';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;

const signed = (body: unknown, inputData: Dict = {}) => {
  const content = JSON.stringify(body);
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(content).digest('base64');
  return {
    authData: AUTH,
    inputData,
    cleanedRequest: body,
    rawRequest: { method: 'POST' as const, querystring: '', headers: { 'Http-Content-Type': 'application/json', 'Http-Sg-Signature': signature }, content },
  };
};

const perform = (key: string, body: unknown, inputData: Dict = {}) =>
  appTester(triggers[key].operation.perform, signed(body, inputData)) as Promise<Dict[]>;

/** Distinct ids per data key, so a pointer resolved from the wrong key shows. */
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

const owner = { id: 'usr_1', firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com' };
const RECORDS: Record<HydratorKey, (id: string) => Dict> = {
  job: (id) => ({ id, type: 'unit_moveIn', state: 'completed', ownerId: 'api_user', data: { unitId: 'unit_1' }, result: { ownerId: 'usr_1', unitRentalId: 'ur_1' } }),
  unitRental: (id) => ({ id, unitId: 'unit_1', state: 'occupied', unit: { id: 'unit_1', name: 'A-104' }, owner, charges: [{ id: 'ch_1', title: { en: 'Padlock' }, amount: 12.5 }] }),
  invoice: (id) => ({ id, sid: 10234, state: 'paid', owner, total: 141.5 }),
  customer: (id) => ({ ...owner, id }),
  unit: (id) => ({ id, name: 'A-104', state: 'occupied', title: { en: 'Unit' } }),
};
const ENDPOINT: Record<HydratorKey, [path: string, include: string]> = {
  job: ['jobs', INCLUDE.job],
  unitRental: ['unit-rentals', INCLUDE.unitRental],
  invoice: ['invoices', INCLUDE.invoice],
  customer: ['users', INCLUDE.user],
  unit: ['units', 'customFields'],
};

let unmatched: jest.Mock;
beforeEach(() => {
  unmatched = jest.fn();
  nock.emitter.on('no match', unmatched);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  nock.emitter.removeListener('no match', unmatched);
  jest.restoreAllMocks();
});

describe('every catalog row, end to end', () => {
  test.each(EVENT_CATALOG.map((row) => [row.key, row] as const))('%s: perform → pointers → one GET per record', async (_key, row) => {
    const data = dataFor(row);
    const event = { id: `evt_${row.key}`, created: '2026-11-28T10:00:00.000Z', type: row.type, data };

    const outputs = await perform(row.key, event);
    expect(unmatched).not.toHaveBeenCalled(); // perform made no request
    expect(outputs).toHaveLength(1);
    const [out] = outputs;
    expect(out).toMatchObject({ id: event.id, type: row.type, created: event.created, ...data });
    expect(Object.keys(out).sort()).toEqual(Object.keys(triggers[row.key].operation.sample).sort());

    const recordKeys = dataKeys(row).filter(isRecordIdKey);
    const pointerKeys = Object.keys(out).filter((k) => parsePointer(out[k]));
    expect(pointerKeys.sort()).toEqual(recordKeys.map((k) => RECORD_IDS[k].key).sort());
    expect(out[RECORD_IDS[row.idField].key]).toEqual(expect.stringMatching(new RegExp(`hydrators\\.${row.hydrator}`)));

    const scope = sg();
    for (const idKey of recordKeys) {
      const { hydrator } = RECORD_IDS[idKey];
      const [path, include] = ENDPOINT[hydrator];
      const id = String(data[idKey]);
      scope.get(`${ADMIN}/${path}/${id}`).query({ include }).reply(200, RECORDS[hydrator](id));
    }
    const resolved = await resolveAll(appTester as never, App, out, AUTH);
    scope.done();
    expect(unmatched).not.toHaveBeenCalled();
    expect(nock.pendingMocks()).toEqual([]);
    for (const idKey of recordKeys) expect(resolved[RECORD_IDS[idKey].key]).toMatchObject({ id: data[idKey] });
    expect(JSON.stringify(resolved)).not.toMatch(/"en":/); // localised titles made plain by the hydrators
  });

  test('a transfer hands on the new and the old rental, each with unit and customer', async () => {
    const [out] = await perform('unit_transfer_completed', {
      id: 'evt_t',
      type: 'job.unit_transfer.completed',
      created: '2026-11-28T10:00:00.000Z',
      data: { oldRentalId: 'ur_old', newRentalId: 'ur_new' },
    });
    expect(out.job).toBeNull(); // jobId is optional on transfers: declared, so present, but null
    const scope = sg()
      .get(`${ADMIN}/unit-rentals/ur_new`).query(true).reply(200, RECORDS.unitRental('ur_new'))
      .get(`${ADMIN}/unit-rentals/ur_old`).query(true).reply(200, { ...RECORDS.unitRental('ur_old'), state: 'ended' });
    const resolved = await resolveAll(appTester as never, App, out, AUTH);
    scope.done();
    expect(resolved.newUnitRental).toMatchObject({ id: 'ur_new', state: 'occupied', unitName: 'A-104', customerName: 'Jane Doe' });
    expect(resolved.oldUnitRental).toMatchObject({ id: 'ur_old', state: 'ended' });
  });
});

describe('the generated trigger set', () => {
  test('one REST-hook trigger per catalog row, plus New Event, the manual hook and the hidden dropdown', () => {
    const hookKeys = Object.keys(triggers).filter((k) => triggers[k].operation.type === 'hook');
    expect(hookKeys.sort()).toEqual([...EVENT_CATALOG.map((r) => r.key), 'new_event', 'webhook_manual'].sort());
    for (const row of EVENT_CATALOG) {
      const op = triggers[row.key].operation;
      expect([typeof op.performSubscribe, typeof op.performUnsubscribe, typeof op.performList]).toEqual(['function', 'function', 'function']);
      expect(triggers[row.key].display.label).toBe(row.label);
    }
    expect(triggers.webhook_manual.operation.performSubscribe).toBeUndefined();
    expect(triggers.webhook_manual.display.directions).toMatch(/Main Settings > Developer > Webhooks/);
    expect(triggers.event_type_list.display.hidden).toBe(true);
  });

  test('the catalog has unique types and keys, and each row\'s hydrator agrees with its id field', () => {
    expect(new Set(EVENT_CATALOG.map((r) => r.type)).size).toBe(EVENT_CATALOG.length);
    expect(new Set(EVENT_CATALOG.map((r) => r.key)).size).toBe(EVENT_CATALOG.length);
    for (const row of EVENT_CATALOG) expect([row.type, RECORD_IDS[row.idField].hydrator]).toEqual([row.type, row.hydrator]);
    for (const required of ['job.valetOrder.created', 'job.unit_moveIn.completed', 'job.unit_moveOut.cancelled', 'job.unit_transfer.completed', 'unitRental.unmarkOverdue', 'invoice.state.updated', 'invoice.payments.updated', 'user.updated', 'unit.updated']) {
      expect(EVENT_CATALOG.map((r) => r.type)).toContain(required);
    }
  });

  test('the event type dropdown lists the whole catalog by human name', async () => {
    const choices = (await appTester(triggers.event_type_list.operation.perform, { authData: AUTH })) as Dict[];
    expect(choices).toHaveLength(EVENT_CATALOG.length);
    expect(choices).toContainEqual({ id: 'invoice.state.updated', label: 'Invoice State Changed' });
    expect(choices.every((c) => !c.label.includes('.'))).toBe(true);
  });

  test('static samples: realistic records inline, no pointers, no credentials', () => {
    for (const key of Object.keys(triggers).filter((k) => triggers[k].operation.type === 'hook')) {
      const sample = triggers[key].operation.sample;
      const text = JSON.stringify(sample);
      expect(text).not.toMatch(/hydrate\|\|\|/);
      expect(text).not.toContain(AUTH.apiKey);
      expect(typeof sample.id).toBe('string');
    }
    expect(triggers.valet_order_cancelled.operation.sample.job).toMatchObject({ type: 'valetOrder', state: 'cancelled' });
    expect(triggers.unit_transfer_completed.operation.sample.oldUnitRental.id).not.toBe(triggers.unit_transfer_completed.operation.sample.newUnitRental.id);
    expect(triggers.invoice_state_changed.operation.sample).toMatchObject({ to: 'paid', invoice: { state: 'paid' } });
  });
});

describe('filtering', () => {
  const ev = (id: string, type: string, data: Dict) => ({ id, type, created: '2026-11-28T10:00:00.000Z', data });

  test('a trigger keeps only its own event type out of a batch', async () => {
    const out = await perform('new_move_in', [
      ev('e1', 'job.unit_moveIn.created', { jobId: 'job_1' }),
      ev('e2', 'job.unit_moveIn.completed', { jobId: 'job_2', unitRentalId: 'ur_2' }),
      ev('e3', 'job.unit_moveIn.created', { jobId: 'job_3' }),
    ]);
    expect(out.map((o) => o.id)).toEqual(['e1', 'e3']);
  });

  test('Invoice State Changed keeps only the chosen new states (any case); no choice keeps all', async () => {
    const batch = [
      ev('p', 'invoice.state.updated', { invoiceId: 'inv_1', to: 'paid' }),
      ev('s', 'invoice.state.updated', { invoiceId: 'inv_2', to: 'sent' }),
      ev('P', 'invoice.state.updated', { invoiceId: 'inv_3', to: 'PAID' }),
    ];
    expect((await perform('invoice_state_changed', batch, { states: ['paid'] })).map((o) => o.id)).toEqual(['p', 'P']);
    expect((await perform('invoice_state_changed', batch, { states: 'paid, sent' })).map((o) => o.id)).toEqual(['p', 's', 'P']);
    expect((await perform('invoice_state_changed', batch, {})).map((o) => o.id)).toEqual(['p', 's', 'P']);
  });

  test('New Event accepts a type Storeganise adds later and hydrates it by pattern', async () => {
    const [out] = await perform('new_event', ev('f1', 'job.valetOrder.returned', { jobId: 'job_9', boxCount: 4 }), { eventType: 'job.valetOrder.returned' });
    expect(out).toMatchObject({ id: 'f1', type: 'job.valetOrder.returned', jobId: 'job_9', boxCount: 4 });
    expect(parsePointer(out.job)).toMatchObject({ method: 'hydrators.job', bundle: { id: 'job_9' } });
    expect(await perform('new_event', ev('f2', 'job.valetOrder.created', { jobId: 'job_9' }), { eventType: 'job.valetOrder.returned' })).toEqual([]);
  });

  test('the manual hook keeps every event when no type is chosen, and only the chosen ones otherwise', async () => {
    const batch = [
      ev('a', 'user.created', { userId: 'usr_1' }),
      ev('b', 'site.updated', { siteId: 'site_1' }), // unknown prefix: passes through with its data, no pointer
      ev('c', 'invoice.payments.updated', { invoiceId: 'inv_1' }),
    ];
    const all = await perform('webhook_manual', batch);
    expect(all.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(all[1]).toEqual({ id: 'b', type: 'site.updated', created: '2026-11-28T10:00:00.000Z', siteId: 'site_1' });
    expect(parsePointer(all[0].customer)).toMatchObject({ method: 'hydrators.customer' });
    const some = await perform('webhook_manual', batch, { eventTypes: ['user.created', 'invoice.payments.updated'] });
    expect(some.map((o) => o.id)).toEqual(['a', 'c']);
  });
});

describe('sample data from the account (performList)', () => {
  const list = (key: string, inputData: Dict = {}) => appTester(triggers[key].operation.performList, { authData: AUTH, inputData }) as Promise<Dict[]>;

  test('unit rental events: one request (unit and customer embedded), three records inline, shaped like the sample', async () => {
    const rentals = ['ur_a', 'ur_b', 'ur_c'].map((id, i) => ({ ...RECORDS.unitRental(id), updated: `2026-11-2${i}T10:00:00.000Z` }));
    const scope = sg().get(`${ADMIN}/unit-rentals`).query({ include: 'unit,owner', limit: 3, offset: 0 }).reply(200, rentals);
    const out = await list('unit_rental_updated');
    scope.done();
    expect(out.map((o) => o.unitRentalId)).toEqual(['ur_c', 'ur_b', 'ur_a']); // newest first
    expect(out[0]).toMatchObject({ type: 'unitRental.updated', changedKeys: [], unitRental: { id: 'ur_c', unitName: 'A-104', customerName: 'Jane Doe' } });
    expect(Object.keys(out[0]).sort()).toEqual(Object.keys(triggers.unit_rental_updated.operation.sample).sort());
    expect(unmatched).not.toHaveBeenCalled();
  });

  test('Move-In Completed: the latest move-in job plus its unit rental — two requests', async () => {
    const scope = sg()
      .get(`${ADMIN}/jobs`).query({ type: 'unit_moveIn', limit: 1, offset: 0 }).reply(200, [RECORDS.job('job_7')])
      .get(`${ADMIN}/unit-rentals/ur_1`).query({ include: INCLUDE.unitRental }).reply(200, RECORDS.unitRental('ur_1'));
    const [out] = await list('move_in_completed');
    scope.done();
    expect(out).toMatchObject({ type: 'job.unit_moveIn.completed', jobId: 'job_7', unitRentalId: 'ur_1', job: { id: 'job_7', customerId: 'usr_1' }, unitRental: { id: 'ur_1', unitName: 'A-104' } });
    expect(Object.keys(out).sort()).toEqual(Object.keys(triggers.move_in_completed.operation.sample).sort());
  });

  test('Invoice State Changed shows the invoice\'s current state as the new state', async () => {
    sg().get(`${ADMIN}/invoices`).query({ limit: 3, offset: 0 }).reply(200, [RECORDS.invoice('inv_9')]);
    const [out] = await list('invoice_state_changed');
    expect(out).toMatchObject({ invoiceId: 'inv_9', to: 'paid', invoice: { invoiceNumber: '10234', customerEmail: 'jane.doe@example.com' } });
  });

  test('an account with no such records gets the static sample', async () => {
    sg().get(`${ADMIN}/users`).query({ limit: 3, offset: 0 }).reply(200, []);
    expect(await list('new_customer')).toEqual([triggers.new_customer.operation.sample]);
  });

  test('New Event lists by the chosen type, and refuses a type that is not one', async () => {
    sg().get(`${ADMIN}/jobs`).query({ type: 'valetOrder', limit: 3, offset: 0 }).reply(200, [{ ...RECORDS.job('job_v'), type: 'valetOrder' }]);
    const [out] = await list('new_event', { eventType: 'job.valetOrder.completed' });
    expect(out).toMatchObject({ type: 'job.valetOrder.completed', job: { id: 'job_v', type: 'valetOrder' } });
    await expect(list('new_event', { eventType: 'not a type' })).rejects.toThrow(/is not a Storeganise event type/);
  });
});
