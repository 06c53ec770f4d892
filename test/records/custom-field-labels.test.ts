/**
 * Custom fields under the business's own names: what the Zap editor shows for the custom fields a
 * trigger or search hands on, asked for through the real runtime (core calls `outputFields` under its
 * method path), with the business settings readable and not.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { customFieldFields } from '../../src/records/custom-field-labels';
import { eventCustomFieldOutputFields } from '../../src/webhooks/event-output-fields';
import { ADMIN, App, appTester, AUTH, sg, watchStrayRequests } from '../helpers';
import { flattenOutput } from '../publishing-rules';

type Dict = Record<string, any>;
type Field = { key: string; label: string };

/** Definitions as a business titles its custom fields: localised, plain, untitled, one named like a field. */
const SETTINGS = {
  companyName: 'Springfield Storage',
  currencyCode: 'USD',
  userCustomFields: [
    { code: 'gate_pin', title: { en: 'Gate PIN', fr: 'Code du portail' }, type: 'text' },
    { code: 'contact_email', title: 'Email', type: 'text' }, // the same words as the customer's own e-mail
  ],
  unitRentalCustomFields: [
    { code: 'gate_code', title: { en: '  Gate\ncode ' }, type: 'text' },
    { code: 'vehicle_reg', type: 'text' }, // no title
  ],
  unitCustomFields: [{ code: 'floor', title: { en: 'Floor' }, type: 'select', options: ['Ground', 'First'] }],
};

const operation = (group: 'triggers' | 'searches', key: string) => (App as Dict)[group][key].operation;
/** What Zapier receives when it asks an operation for its output fields. */
const outputFields = (group: 'triggers' | 'searches', key: string, inputData: Dict = {}) =>
  appTester(operation(group, key).outputFields, { authData: AUTH, inputData }) as Promise<Field[]>;
const staticFields = (group: 'triggers' | 'searches', key: string): Field[] =>
  operation(group, key).outputFields.filter((f: unknown) => typeof f !== 'function');
/** The labels of the custom fields among them. */
const customLabels = (fields: Field[]) =>
  Object.fromEntries(fields.filter((f) => /customFields__/.test(f.key)).map((f) => [f.key, f.label]));

let stray: string[];
let stop: () => void;
beforeEach(() => {
  stray = [];
  stop = watchStrayRequests((line) => void stray.push(line));
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  stop();
  jest.restoreAllMocks();
});

describe('with the settings readable', () => {
  test('New Move-In labels the customer, unit rental and unit custom fields by their titles, after its own fields', async () => {
    const scope = sg().get(`${ADMIN}/settings`).reply(200, SETTINGS); // once for every record of the step
    const fields = await outputFields('triggers', 'new_move_in');
    scope.done();
    expect(stray).toEqual([]);
    expect(fields.slice(0, staticFields('triggers', 'new_move_in').length)).toEqual(
      staticFields('triggers', 'new_move_in'),
    );
    expect(customLabels(fields)).toEqual({
      customer__customFields__gate_pin: 'Customer Gate PIN',
      customer__customFields__contact_email: 'Customer Custom Field Email',
      unitRental__customFields__gate_code: 'Unit Rental Gate code',
      unitRental__customFields__vehicle_reg: 'Unit Rental Custom Field vehicle_reg',
      unit__customFields__floor: 'Unit Floor',
    });
  });

  test("a transfer labels the new and the old rental's fields apart", async () => {
    sg().get(`${ADMIN}/settings`).reply(200, SETTINGS);
    const labels = customLabels(await outputFields('triggers', 'unit_transfer_completed'));
    expect(labels).toMatchObject({
      newUnitRental__customFields__gate_code: 'New Unit Rental Gate code',
      oldUnitRental__customFields__gate_code: 'Old Unit Rental Gate code',
      unitRental__customFields__gate_code: 'Unit Rental Gate code',
    });
  });

  test('Invoice Paid labels the customer and the unit rental; invoices get titles only where settings define them', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, SETTINGS);
    expect(Object.keys(customLabels(await outputFields('triggers', 'invoice_paid')))).toEqual([
      'customer__customFields__gate_pin',
      'customer__customFields__contact_email',
      'unitRental__customFields__gate_code',
      'unitRental__customFields__vehicle_reg',
    ]);
    sg()
      .get(`${ADMIN}/settings`)
      .reply(200, { ...SETTINGS, invoiceCustomFields: [{ code: 'po_number', title: { en: 'PO number' } }] });
    expect(customLabels(await outputFields('triggers', 'invoice_paid'))).toMatchObject({
      invoice__customFields__po_number: 'Invoice PO number',
    });
  });

  test('New Event labels what the chosen type hands on', async () => {
    sg().get(`${ADMIN}/settings`).twice().reply(200, SETTINGS);
    expect(customLabels(await outputFields('triggers', 'new_event', { eventType: 'user.updated' }))).toEqual({
      customer__customFields__gate_pin: 'Customer Gate PIN',
      customer__customFields__contact_email: 'Customer Custom Field Email',
    });
    expect(
      Object.keys(customLabels(await outputFields('triggers', 'new_event', { eventType: 'unit.updated' }))),
    ).toEqual(['unit__customFields__floor']);
  });

  test('New Event asked with no input at all (core passes the bundle as Zapier sends it) labels the default type', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, SETTINGS);
    const fields = (await appTester(operation('triggers', 'new_event').outputFields, {
      authData: AUTH,
    })) as Field[];
    expect(customLabels(fields)).toMatchObject({ customer__customFields__gate_pin: 'Customer Gate PIN' });
  });

  test('several event types (the manual set-up trigger keeps a list): the records of each, each once', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, SETTINGS);
    const fields = eventCustomFieldOutputFields(['user.created', 'job.unit_moveIn.created', 'unit.updated']);
    const out = (await appTester((z: ZObject, bundle: Bundle) => fields(z, bundle), {
      authData: AUTH,
    })) as Field[];
    expect(out.map((f) => f.key)).toEqual([
      'customer__customFields__gate_pin',
      'customer__customFields__contact_email',
      'unitRental__customFields__gate_code',
      'unitRental__customFields__vehicle_reg',
      'unit__customFields__floor',
    ]);
  });

  test('a search hands the record on at the top level: customFields__<code>', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, SETTINGS);
    expect(customLabels(await outputFields('searches', 'find_customer'))).toEqual({
      customFields__gate_pin: 'Customer Gate PIN',
      customFields__contact_email: 'Customer Custom Field Email',
    });
  });

  test("a step whose records have no titled custom fields does not read the settings: Find Job's jobs", async () => {
    expect(await outputFields('searches', 'find_job')).toEqual(staticFields('searches', 'find_job'));
    expect(stray).toEqual([]);
  });
});

describe('with the settings unreadable', () => {
  test.each([
    [500, 'Storeganise failing'],
    [403, 'a key whose role may not read settings'],
    [401, 'a revoked key'],
  ])('%s (%s): the step still gets its own labelled fields, nothing more, and no error', async (status) => {
    sg()
      .get(`${ADMIN}/settings`)
      .reply(status, { error: { message: 'no' } });
    await expect(outputFields('triggers', 'new_move_in')).resolves.toEqual(
      staticFields('triggers', 'new_move_in'),
    );
    sg()
      .get(`${ADMIN}/settings`)
      .reply(status, { error: { message: 'no' } });
    await expect(outputFields('searches', 'find_unit_rental')).resolves.toEqual(
      staticFields('searches', 'find_unit_rental'),
    );
  });

  test('settings of an unexpected shape label what they can and never throw', () => {
    const odd = {
      userCustomFields: [
        null,
        'gate_pin',
        { code: '' },
        { code: 'gate_pin', title: 42 },
        { code: 'gate_pin' },
      ],
      unitCustomFields: { floor: 'Floor' },
    } as never;
    expect(customFieldFields(odd, 'customer', 'customer')).toEqual([
      { key: 'customer__customFields__gate_pin', label: 'Customer Custom Field gate_pin' },
    ]);
    expect(customFieldFields(odd, 'unit', '')).toEqual([]);
  });
});

describe('T004 for the labels only Zapier asks for: each names a custom field the step hands on', () => {
  /** Titles for every model whose custom fields a step can hand on, so each step has some to label. */
  const EVERY_MODEL = {
    ...SETTINGS,
    invoiceCustomFields: [{ code: 'po_number', title: { en: 'PO number' } }],
    siteCustomFields: [{ code: 'region', title: { en: 'Region' } }],
  };

  const dynamic = (group: 'triggers' | 'searches') =>
    Object.keys((App as Dict)[group]).filter((key) =>
      (operation(group, key).outputFields ?? []).some((f: unknown) => typeof f === 'function'),
    );

  test('every trigger and search with records that carry custom fields labels them; none else reads settings', () => {
    expect(dynamic('searches').sort()).toEqual(
      ['find_customer', 'find_invoice', 'find_site', 'find_unit', 'find_unit_rental'].sort(),
    );
    const hooks = Object.keys((App as Dict).triggers).filter(
      (key) => operation('triggers', key).type === 'hook',
    );
    expect(dynamic('triggers')).toEqual(expect.arrayContaining(hooks));
  });

  test.each([
    ...dynamic('triggers').map((key) => ['triggers', key] as const),
    ...dynamic('searches').map((key) => ['searches', key] as const),
  ])('%s %s', async (group, key) => {
    sg().get(`${ADMIN}/settings`).reply(200, EVERY_MODEL);
    const sampleKeys = flattenOutput(operation(group, key).sample);
    const labelled = (await outputFields(group, key)).filter((f) => /customFields__/.test(f.key));
    expect(labelled.length).toBeGreaterThan(0);
    for (const { key: field } of labelled) {
      const record = field.replace(/customFields__.*$/, 'customFields'); // the record's custom fields
      expect([field, sampleKeys.get(record)]).toEqual([field, 'object']);
    }
  });
});
