/**
 * The look-ups operators' Zaps start from: a CRM contact finds the customer by name or phone, an
 * accounting payment finds the invoice by its printed number, an access-control Zap finds the site
 * and the unit by name.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { fetchRecord } from '../src/client';
import { type KindKey, RECORD_KINDS } from '../src/record-kinds';
import { siteOutput } from '../src/record-outputs';
import { samples } from '../src/record-samples';
import { ADMIN, App, AUTH, appTester, failure, sg, unansweredRequests, userMessage } from './helpers';

const app: Record<string, any> = App;
type Row = Record<string, any>;
const search = (key: string, inputData: Record<string, unknown>) =>
  appTester(app.searches[key].operation.perform as never, { authData: AUTH, inputData }) as Promise<Row[]>;
/** A record as an instant trigger fetches and hands it on (the record kinds table). */
const hydrate = (kind: KindKey, id: string) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      const record = await fetchRecord(z, bundle, RECORD_KINDS[kind].resource, id);
      return record ? RECORD_KINDS[kind].output(record) : {};
    },
    { authData: AUTH },
  ) as Promise<Row>;

const userInclude = { include: 'customFields,billing' };
const jane = {
  id: 'usr_1',
  email: 'jane.doe@example.com',
  firstName: 'Jane',
  lastName: 'Doe',
  phone: '+44 20 7946 0958',
  customFields: {},
};
const janet = {
  id: 'usr_2',
  email: 'janet@example.com',
  firstName: 'Jane',
  lastName: 'Doerr',
  phone: '+44 20 7946 0000',
};
const notFound = { error: { message: 'Not found' } };

describe('Find Customer by name or phone', () => {
  const searching = (term: string, answer: unknown[]) =>
    sg().get(`${ADMIN}/users`).query({ search: term, limit: 10 }).reply(200, answer);

  test('hit by whole name: the partial match the API also returns is passed over; read by id like a trigger', async () => {
    const scope = searching('jane doe', [janet, jane]);
    sg().get(`${ADMIN}/users/usr_1`).query(userInclude).twice().reply(200, jane);
    const result = await search('find_customer', { nameOrPhone: 'jane doe' });
    expect(result).toEqual([await hydrate('customer', 'usr_1')]);
    expect(result[0]).toMatchObject({ id: 'usr_1', name: 'Jane Doe' });
    scope.done();
  });

  test('hit by phone: a national number finds its international form', async () => {
    searching('020 7946 0958', [jane]);
    sg().get(`${ADMIN}/users/usr_1`).query(userInclude).reply(200, jane);
    await expect(search('find_customer', { nameOrPhone: '020 7946 0958' })).resolves.toMatchObject([{ id: 'usr_1' }]);
  });

  test('miss: only partial matches is an empty result, not the nearest customer', async () => {
    const scope = searching('Jane Do', [janet, jane]);
    await expect(search('find_customer', { nameOrPhone: 'Jane Do' })).resolves.toEqual([]);
    scope.done();
  });

  test('miss: a phone that shares only its last digits is not a match', async () => {
    searching('7946 0958', [jane]);
    await expect(search('find_customer', { nameOrPhone: '7946 0958' })).resolves.toEqual([]);
  });

  test('E-mail and Customer ID come first when filled in', async () => {
    sg().get(`${ADMIN}/users/usr_1`).query(userInclude).reply(200, jane);
    await expect(search('find_customer', { customerId: 'usr_1', nameOrPhone: 'Someone Else' })).resolves.toMatchObject([
      { id: 'usr_1' },
    ]);
  });

  test('bad input: one character is refused before any request', async () => {
    let err: Error | undefined;
    const tried = await unansweredRequests(async () => {
      err = await failure(search('find_customer', { nameOrPhone: ' J ' }));
    });
    expect(tried).toBe(0);
    expect(userMessage(err)).toMatchObject({
      code: 'invalid_input',
      message: 'Name or Phone must be at least 2 characters (got "J").',
    });
  });
});

describe('Find Customer by e-mail falls back to the search when the look-up answers 404', () => {
  test('hit: an exact, case-insensitive e-mail match among the search answers, read by id', async () => {
    const scope = sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(userInclude)
      .reply(404, notFound)
      .get(`${ADMIN}/users`)
      .query({ search: 'jane.doe@example.com', limit: 10 })
      .reply(200, [
        { ...janet, email: 'jane.doe@example.com.au' },
        { ...jane, email: 'Jane.Doe@Example.com' },
      ])
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, { ...jane, email: 'Jane.Doe@Example.com' });
    await expect(search('find_customer', { email: 'JANE.DOE@example.com' })).resolves.toMatchObject([{ id: 'usr_1' }]);
    scope.done();
  });

  test('Find Unit Rental and Create Customer use the same fallback (one client function)', async () => {
    const scope = sg()
      .get(`${ADMIN}/users/jane.doe%40example.com`)
      .query(true)
      .reply(404, notFound)
      .get(`${ADMIN}/users`)
      .query({ search: 'jane.doe@example.com', limit: 10 })
      .reply(200, [jane])
      .get(`${ADMIN}/users/usr_1`)
      .query(userInclude)
      .reply(200, jane)
      .get(`${ADMIN}/unit-rentals`)
      .query({ ownerId: 'usr_1', limit: 1000, offset: 0 })
      .reply(200, []);
    await expect(search('find_unit_rental', { customerEmail: 'jane.doe@example.com' })).resolves.toEqual([]);
    scope.done();
  });
});

describe('Find Invoice by number, without the unconfirmed ?sid= filter', () => {
  const invoiceInclude = { include: 'owner,customFields' };
  const owner = { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' };
  const page = (n: number, from: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `inv_${from + i}`, sid: `cen${String(from + i).padStart(6, '0')}` }));

  test('hit: recent invoices listed (changed in the last 180 days), matched here not case-sensitive, read by id', async () => {
    const before = Date.now();
    let asked: Record<string, string> = {};
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => ((asked = q as Record<string, string>), true))
      .reply(200, [
        { id: 'inv_9', sid: 'cen000040' },
        { id: 'inv_1', sid: 'cen000041' },
      ])
      .get(`${ADMIN}/invoices/inv_1`)
      .query(invoiceInclude)
      .reply(200, { id: 'inv_1', sid: 'cen000041', owner, state: 'sent' });
    const [found] = await search('find_invoice', { invoiceNumber: '#CEN000041' });
    expect(found).toMatchObject({ id: 'inv_1', invoiceNumber: 'cen000041', customerEmail: 'jane.doe@example.com' });
    expect(asked).not.toHaveProperty('sid');
    expect(asked).toMatchObject({ limit: '1000', offset: '0' });
    const days = (before - Date.parse(asked.updatedAfter)) / 86_400_000;
    expect(days).toBeGreaterThan(179.9);
    expect(days).toBeLessThan(180.1);
    scope.done();
  });

  test('bounded: at most 2,000 invoices are read, then it is a miss', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => q.offset === '0')
      .reply(200, page(1000, 0))
      .get(`${ADMIN}/invoices`)
      .query((q) => q.offset === '1000')
      .reply(200, page(1000, 1000));
    await expect(search('find_invoice', { invoiceNumber: 'cen009999' })).resolves.toEqual([]);
    scope.done();
    expect(
      app.searches.find_invoice.operation.inputFields.find((f: Row) => f.key === 'invoiceNumber').helpText,
    ).toMatch(/last 180 days \(at most 2,000\)/);
  });

  test('the reading stops at the page that holds the match', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query((q) => q.offset === '0')
      .reply(200, [...page(999, 0), { id: 'inv_x', sid: 'cen009999' }])
      .get(`${ADMIN}/invoices/inv_x`)
      .query(invoiceInclude)
      .reply(200, { id: 'inv_x', sid: 'cen009999', owner });
    let found: Row[] = [];
    const tried = await unansweredRequests(async () => {
      found = await search('find_invoice', { invoiceNumber: 'cen009999' });
    });
    expect(tried).toBe(0);
    expect(found).toMatchObject([{ id: 'inv_x' }]);
    scope.done();
  });

  test('a number that only starts the same is not a match', async () => {
    sg()
      .get(`${ADMIN}/invoices`)
      .query(true)
      .reply(200, [{ id: 'inv_1', sid: 'cen0000411' }]);
    await expect(search('find_invoice', { invoiceNumber: 'cen000041' })).resolves.toEqual([]);
  });
});

describe('Find Site', () => {
  const central = {
    id: 'site_c',
    code: 'central',
    title: { en: 'Central', de: 'Zentrale' },
    subtitle: { en: 'Right in the centre' },
  };
  const spring = { id: 'site_s', code: 'spring_valley', title: { en: 'Spring Valley' } };

  test('hit by code: one GET sites/{code}; titles made plain, shaped as job triggers hand a site on', async () => {
    const scope = sg().get(`${ADMIN}/sites/central`).reply(200, central);
    const found = await search('find_site', { site: 'central' });
    expect(found).toEqual([
      { id: 'site_c', code: 'central', title: 'Central', subtitle: 'Right in the centre', name: 'Central' },
    ]);
    expect(found[0]).toEqual(siteOutput(central));
    scope.done();
  });

  test('hit by name in any language, not case-sensitive: a name with spaces goes straight to the list', async () => {
    const scope = sg().get(`${ADMIN}/sites`).query(true).reply(200, [central, spring]);
    await expect(search('find_site', { site: '  spring   valley ' })).resolves.toMatchObject([{ id: 'site_s' }]);
    scope.done();
    sg()
      .get(`${ADMIN}/sites/Zentrale`)
      .reply(404, notFound)
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, [central, spring]);
    await expect(search('find_site', { site: 'Zentrale' })).resolves.toMatchObject([{ id: 'site_c' }]);
  });

  test('miss: empty', async () => {
    sg()
      .get(`${ADMIN}/sites/North`)
      .reply(404, notFound)
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, [central, spring]);
    await expect(search('find_site', { site: 'North' })).resolves.toEqual([]);
  });

  test('bad input: blank', async () => {
    const err = userMessage(await failure(search('find_site', { site: ' ' })));
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Site Name, Code or ID is required.' });
  });
});

describe('Find Unit', () => {
  const unitInclude = { include: 'customFields' };
  const units = [
    { id: 'unit_1', siteId: 'site_c', name: 'A-104', state: 'occupied' },
    { id: 'unit_2', siteId: 'site_c', name: 'A-105', state: 'available' },
  ];

  test('hit by name within the site, not case-sensitive; read by id with custom fields like the Unit trigger', async () => {
    const full = { ...units[0], customFields: { gate_code: '4821' } };
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ siteId: 'site_c', limit: 1000, offset: 0 })
      .reply(200, units)
      .get(`${ADMIN}/units/unit_1`)
      .query(unitInclude)
      .twice()
      .reply(200, full);
    const result = await search('find_unit', { siteId: 'site_c', unitName: ' a-104 ' });
    expect(result).toEqual([await hydrate('unit', 'unit_1')]);
    expect(result[0]).toMatchObject({ id: 'unit_1', customFields: { gate_code: '4821' } });
    scope.done();
  });

  test('hit by ID', async () => {
    sg().get(`${ADMIN}/units/unit_2`).query(unitInclude).reply(200, units[1]);
    await expect(search('find_unit', { unitId: 'unit_2' })).resolves.toMatchObject([{ id: 'unit_2' }]);
  });

  test('miss: no unit of that name at the site (a unit of another site is not taken)', async () => {
    sg()
      .get(`${ADMIN}/units`)
      .query(true)
      .reply(200, [...units, { id: 'unit_9', siteId: 'site_s', name: 'B-1' }]);
    await expect(search('find_unit', { siteId: 'site_c', unitName: 'B-1' })).resolves.toEqual([]);
  });

  test('miss by ID: empty', async () => {
    sg().get(`${ADMIN}/units/unit_404`).query(true).reply(404, notFound);
    await expect(search('find_unit', { unitId: 'unit_404' })).resolves.toEqual([]);
  });

  test.each([
    [{}, 'Fill in the Unit ID, or the Site and the Unit Name.'],
    [{ unitName: 'A-104' }, 'Pick the Site of unit "A-104": unit names repeat across sites.'],
  ])('bad input %p is refused before any request', async (input, message) => {
    let err: Error | undefined;
    const tried = await unansweredRequests(async () => {
      err = await failure(search('find_unit', input));
    });
    expect(tried).toBe(0);
    expect(userMessage(err)).toMatchObject({ code: 'invalid_input', message });
  });

  test('fields: Site is the labelled site dropdown', () => {
    const site = app.searches.find_unit.operation.inputFields.find((f: Row) => f.key === 'siteId');
    expect(site).toMatchObject({ label: 'Site', dynamic: 'site_list.id.label' });
    expect(app.searches.find_unit.operation.sample).toBe(samples.unit);
  });
});
