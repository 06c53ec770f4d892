import { ADMIN, App, AUTH, appTester, failure, sg, userMessage } from './helpers';

/** The app as plain data, so tests can index operations by key. */
const app: Record<string, any> = App;

const perform = (key: string, meta: Record<string, unknown> = {}, inputData: Record<string, unknown> = {}) =>
  appTester(
    app.triggers[key].operation.perform as never,
    { authData: AUTH, inputData, meta } as never,
  ) as Promise<Array<{ id: string; label: string }>>;

const sites = [
  { id: 'site_lon', code: 'LON', title: { en: 'Central London', fr: 'Londres' } },
  { id: 'site_man', code: 'MAN', title: 'Manchester' },
];

describe('dropdowns are hidden triggers with human labels', () => {
  test('every dropdown trigger is hidden', () => {
    for (const key of [
      'site_list',
      'unit_list',
      'unit_rental_list',
      'predefined_charge_list',
      'customer_list',
      'invoice_list',
      'job_list',
      'custom_field_record_list',
    ]) {
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
        {
          id: 'ur_1',
          siteId: 'site_lon',
          unit: { id: 'u1', name: 'A-104' },
          owner: { id: 'usr_1', firstName: 'Jane', lastName: 'Doe' },
        },
        {
          id: 'ur_2',
          siteId: 'site_man',
          unit: { id: 'u2', name: 'B-2' },
          owner: { id: 'usr_2', companyName: 'Acme Ltd' },
        },
        {
          id: 'ur_3',
          siteId: 'site_gone',
          startDate: '2026-01-05',
          owner: { id: 'usr_3', email: 'x@example.com' },
        },
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
    sg()
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(403, { error: { message: 'Insufficient role' } });
    const err = userMessage(await failure(perform('site_list')));
    expect(err).toMatchObject({ code: 'forbidden', status: 403 });
  });
});

describe('record dropdowns: paged by 100, labelled for humans, never a bare id', () => {
  test('customers: "Name <e-mail>", a company or the e-mail alone when that is all there is', async () => {
    const scope = sg()
      .get(`${ADMIN}/users`)
      .query({ limit: 100, offset: 100 })
      .reply(200, [
        { id: 'usr_1', firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com' },
        { id: 'usr_2', companyName: 'Acme Ltd', email: 'ops@acme.example' },
        { id: 'usr_3', email: 'x@example.com' },
        { id: 'usr_4' },
      ]);
    await expect(perform('customer_list', { page: 1 })).resolves.toEqual([
      { id: 'usr_1', label: 'Jane Doe <jane.doe@example.com>' },
      { id: 'usr_2', label: 'Acme Ltd <ops@acme.example>' },
      { id: 'usr_3', label: 'x@example.com' },
      { id: 'usr_4', label: 'Customer usr_4' },
    ]);
    expect(app.triggers.customer_list.operation.canPaginate).toBe(true);
    scope.done();
  });

  test('invoices: "NUMBER · total · state · customer"', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query({ limit: 100, offset: 0 })
      .reply(200, [
        {
          id: 'inv_1',
          sid: 'cen000041',
          total: 141.5,
          state: 'sent',
          owner: { id: 'usr_1', name: 'Jane Doe' },
        },
        { id: 'inv_2', sid: 10234, total: 120, state: 'paid' },
        { id: 'inv_3', state: 'draft' },
      ]);
    await expect(perform('invoice_list', { page: 0 })).resolves.toEqual([
      { id: 'inv_1', label: 'CEN000041 · 141.50 · sent · Jane Doe' },
      { id: 'inv_2', label: '10234 · 120.00 · paid' },
      { id: 'inv_3', label: 'Invoice inv_3 · draft' },
    ]);
    expect(app.triggers.invoice_list.operation.canPaginate).toBe(true);
    scope.done();
  });

  test('jobs: "Kind[: title] · state · created day"', async () => {
    const scope = sg()
      .get(`${ADMIN}/jobs`)
      .query({ limit: 100, offset: 200 })
      .reply(200, [
        { id: 'job_1', type: 'unit_moveIn', state: 'completed', created: '2026-11-20T16:00:00.000Z' },
        {
          id: 'job_2',
          type: 'task',
          state: 'created',
          created: '2026-11-22T08:15:00.000Z',
          data: { title: 'Check lock' },
        },
        { id: 'job_3', type: 'valetOrder' },
      ]);
    await expect(perform('job_list', { page: 2 })).resolves.toEqual([
      { id: 'job_1', label: 'Move-in · completed · 2026-11-20' },
      { id: 'job_2', label: 'Task: Check lock · created · 2026-11-22' },
      { id: 'job_3', label: 'Valet order' },
    ]);
    expect(app.triggers.job_list.operation.canPaginate).toBe(true);
    scope.done();
  });

  test("Update Custom Fields' records follow the form's Record Type; none before one is chosen", async () => {
    await expect(perform('custom_field_record_list', { page: 0 }, {})).resolves.toEqual([]);
    const scope = sg()
      .get(`${ADMIN}/users`)
      .query({ limit: 100, offset: 0 })
      .reply(200, [{ id: 'usr_1', firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com' }])
      .get(`${ADMIN}/units`)
      .query({ limit: 100, offset: 0 })
      .reply(200, [{ id: 'u1', siteId: 'site_lon', name: 'A-104', state: 'occupied' }])
      .get(`${ADMIN}/sites`)
      .query(true)
      .reply(200, sites);
    await expect(
      perform('custom_field_record_list', { page: 0 }, { recordType: 'customer' }),
    ).resolves.toEqual([{ id: 'usr_1', label: 'Jane Doe <jane.doe@example.com>' }]);
    await expect(perform('custom_field_record_list', { page: 0 }, { recordType: 'unit' })).resolves.toEqual([
      { id: 'u1', label: 'A-104 (occupied) · Central London (LON)' },
    ]);
    scope.done();
  });

  test.each([
    ['create_task', 'customerId', 'customer_list.id.label'],
    ['update_customer', 'customerId', 'customer_list.id.label'],
    ['add_invoice_payment', 'invoiceId', 'invoice_list.id.label'],
    ['mark_invoice_paid', 'invoiceId', 'invoice_list.id.label'],
    ['complete_job_step', 'jobId', 'job_list.id.label'],
    ['update_custom_fields', 'recordId', 'custom_field_record_list.id.label'],
  ])('%s: %s is picked from %s', (create, key, dynamic) => {
    const field = app.creates[create].operation.inputFields.find((f: { key?: string }) => f.key === key);
    expect(field).toMatchObject({ dynamic });
  });
});
