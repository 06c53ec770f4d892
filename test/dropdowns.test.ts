import { ADMIN, App, AUTH, appTester, failure, sg, userMessage } from './helpers';

/** The app as plain data, so tests can index operations by key. */
const app: Record<string, any> = App;

const perform = (key: string, meta: Record<string, unknown> = {}, inputData: Record<string, unknown> = {}) =>
  appTester(app.triggers[key].operation.perform as never, { authData: AUTH, inputData, meta } as never) as Promise<
    Array<{ id: string; label: string }>
  >;

const sites = [
  { id: 'site_lon', code: 'LON', title: { en: 'Central London', fr: 'Londres' } },
  { id: 'site_man', code: 'MAN', title: 'Manchester' },
];

describe('dropdowns are hidden triggers with human labels', () => {
  test('every dropdown trigger is hidden', () => {
    for (const key of ['site_list', 'unit_list', 'unit_rental_list', 'predefined_charge_list']) {
      expect(app.triggers[key].display.hidden).toBe(true);
    }
  });

  test('sites: "Title (CODE)", sorted, never a bare id', async () => {
    const scope = sg().get(`${ADMIN}/sites`).query({ limit: 1000, offset: 0 }).reply(200, sites);
    await expect(perform('site_list')).resolves.toEqual([
      { id: 'site_lon', label: 'Central London (LON)' },
      { id: 'site_man', label: 'Manchester (MAN)' },
    ]);
    scope.done();
  });

  test('unit rentals: "unit name · customer · site", one page of 50 (lists with include page by 50)', async () => {
    const scope = sg()
      .get(`${ADMIN}/unit-rentals`)
      .query({ include: 'unit,owner', limit: 50, offset: 50 })
      .reply(200, [
        { id: 'ur_1', siteId: 'site_lon', unit: { id: 'u1', name: 'A-104' }, owner: { id: 'usr_1', firstName: 'Jane', lastName: 'Doe' } },
        { id: 'ur_2', siteId: 'site_man', unit: { id: 'u2', name: 'B-2' }, owner: { id: 'usr_2', companyName: 'Acme Ltd' } },
        { id: 'ur_3', siteId: 'site_gone', startDate: '2026-01-05', owner: { id: 'usr_3', email: 'x@example.com' } },
      ])
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, sites);
    await expect(perform('unit_rental_list', { page: 1 })).resolves.toEqual([
      { id: 'ur_1', label: 'A-104 · Jane Doe · Central London (LON)' },
      { id: 'ur_2', label: 'B-2 · Acme Ltd · Manchester (MAN)' },
      { id: 'ur_3', label: 'Rental from 2026-01-05 · x@example.com' },
    ]);
    expect(App.triggers.unit_rental_list.operation.canPaginate).toBe(true);
    scope.done();
  });

  test('units: "name (state) · site", narrowed to the form\'s site; a page stays whole so paging goes on', async () => {
    const scope = sg()
      .get(`${ADMIN}/units`)
      .query({ siteId: 'site_lon', limit: 100, offset: 0 })
      .reply(200, [
        { id: 'u1', siteId: 'site_lon', name: 'A-104', state: 'occupied' },
        { id: 'u2', siteId: 'site_lon', name: 'A-105' },
        { id: 'u3', siteId: 'site_lon', name: 'Old', state: 'archived' },
      ])
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, sites);
    await expect(perform('unit_list', { page: 0 }, { siteId: 'site_lon' })).resolves.toEqual([
      { id: 'u1', label: 'A-104 (occupied) · Central London (LON)' },
      { id: 'u2', label: 'A-105 · Central London (LON)' },
      { id: 'u3', label: 'Old (archived) · Central London (LON)' },
    ]);
    scope.done();
  });

  test('predefined charges: "title (amount)", keyed by charge code', async () => {
    const scope = sg()
      .get(`${ADMIN}/settings`)
      .reply(200, {
        charges: [
          { code: 'padlock', title: { en: 'Padlock' }, amount: 12.5 },
          { code: 'late_fee', title: 'Late fee', amount: 25 },
          { code: 'misc', title: { en: 'Miscellaneous' } },
          { title: 'No code: cannot be used' },
        ],
      });
    await expect(perform('predefined_charge_list')).resolves.toEqual([
      { id: 'padlock', label: 'Padlock (12.50)' },
      { id: 'late_fee', label: 'Late fee (25.00)' },
      { id: 'misc', label: 'Miscellaneous' },
    ]);
    scope.done();
  });

  test('predefined charges: settings without charges give an empty list, not an error', async () => {
    sg().get(`${ADMIN}/settings`).reply(200, { name: 'My Biz' });
    await expect(perform('predefined_charge_list')).resolves.toEqual([]);
  });

  test('a refused list surfaces the mapped error', async () => {
    sg().get(`${ADMIN}/sites`).query(true).reply(403, { error: { message: 'Insufficient role' } });
    const err = userMessage(await failure(perform('site_list')));
    expect(err).toMatchObject({ code: 'forbidden', status: 403 });
  });
});
