/**
 * Polling triggers (issue 11 item 7) on the confirmed `updatedAfter` lists, for businesses whose API
 * will not register webhooks: ids Zapier's deduper gets right, labels distinct from the instant
 * triggers, the same output keys, and refusal messages that point to them.
 */
import { ADMIN, App, appTester, AUTH, failure, sg, userMessage } from '../helpers';
import { sampleParityViolations } from '../publishing-rules';

type Dict = Record<string, any>;
const triggers = App.triggers as Dict;
const poll = (key: string) =>
  appTester(triggers[key].operation.perform, { authData: AUTH, inputData: {} }) as Promise<Dict[]>;

const recent = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const payment = (id: string, amount: number) => ({
  id,
  type: 'manual',
  amount,
  method: 'card',
  date: '2026-11-21',
});
const invoice = (over: Dict = {}) => ({
  id: 'inv_1',
  sid: 'lon010234',
  state: 'paid',
  ownerId: 'usr_1',
  total: 141.5,
  balance: 0,
  payments: [payment('pay_1', 141.5)],
  created: recent(3),
  updated: new Date(Date.now() - 60_000).toISOString(), // paid a minute ago: can be new to Zapier
  ...over,
});

describe('New Paid Invoice (Polling)', () => {
  test('lists invoices changed lately and hands on the fully paid ones, newest first', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query(
        (q) => typeof q.updatedAfter === 'string' && Date.parse(q.updatedAfter) < Date.now() - 6 * 86_400_000,
      )
      .reply(200, [
        invoice({ id: 'inv_old', updated: recent(2) }),
        invoice({ id: 'inv_sent', state: 'sent', balance: 41.5 }),
        invoice(),
      ])
      // the listed invoices do not embed their customer: its contact fields are read for the one paid
      // just now (can be new to Zapier), not for the one paid two days ago (Zapier has seen it)
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .reply(200, { id: 'usr_1', email: 'jane.doe@example.com', firstName: 'Jane', lastName: 'Doe' });
    const out = await poll('invoice_paid_polling');
    scope.done();
    expect(out.map((o) => o.invoiceId)).toEqual(['inv_1', 'inv_old']);
    expect(out[0]).toMatchObject({
      type: 'invoice.paid',
      invoice: { id: 'inv_1', invoiceNumber: 'lon010234', customerEmail: 'jane.doe@example.com' },
    });
    expect(out[1].invoice).toMatchObject({ id: 'inv_old', customerEmail: null });
  });

  test('its id: an edit of a paid invoice keeps it (no second Zap run), paid again after a refund changes it', async () => {
    sg()
      .get(`${ADMIN}/users/usr_1`)
      .query(true)
      .times(3)
      .optionally()
      .reply(200, { id: 'usr_1', email: 'jane.doe@example.com' });
    sg().get(`${ADMIN}/invoices`).query(true).reply(200, [invoice()]);
    const [first] = await poll('invoice_paid_polling');
    sg()
      .get(`${ADMIN}/invoices`)
      .query(true)
      .reply(200, [invoice({ customFields: { note: 'edited' }, updated: recent(0.5) })]);
    const [edited] = await poll('invoice_paid_polling');
    expect(edited.id).toBe(first.id);
    sg()
      .get(`${ADMIN}/invoices`)
      .query(true)
      .reply(200, [
        invoice({ payments: [payment('pay_1', 141.5), payment('ref_1', -141.5), payment('pay_2', 141.5)] }),
      ]);
    const [again] = await poll('invoice_paid_polling');
    expect(again.id).not.toBe(first.id);
    expect(again.id.startsWith('inv_1:')).toBe(true);
  });
});

describe('New Customer (Polling) and New Unit Rental (Polling)', () => {
  test('a customer created in the window fires, once per customer id; one only updated does not', async () => {
    sg()
      .get(`${ADMIN}/users`)
      .query(true)
      .reply(200, [
        { id: 'usr_new', email: 'new@example.com', created: recent(1), updated: recent(1) },
        { id: 'usr_old', email: 'old@example.com', created: recent(400), updated: recent(1) },
      ]);
    const out = await poll('new_customer_polling');
    expect(out.map((o) => o.id)).toEqual(['usr_new']);
    expect(out[0]).toMatchObject({
      type: 'user.created',
      userId: 'usr_new',
      customer: { email: 'new@example.com' },
    });
  });

  test('a rental that became occupied (a move-in done) fires, with its unit and customer from the list', async () => {
    sg()
      .get(`${ADMIN}/unit-rentals`)
      .query((q) => q.include === 'unit,owner' && typeof q.updatedAfter === 'string')
      .reply(200, [
        {
          id: 'ur_1',
          state: 'occupied',
          unit: { id: 'unit_1', name: 'A-104' },
          owner: { id: 'usr_1', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' },
          updated: recent(1),
        },
        { id: 'ur_2', state: 'reserved', updated: recent(1) },
      ]);
    const out = await poll('new_unit_rental_polling');
    expect(out.map((o) => o.id)).toEqual(['ur_1']);
    expect(out[0].unitRental).toMatchObject({ unitName: 'A-104', customerEmail: 'jane@example.com' });
  });
});

describe('beside the instant triggers', () => {
  const pairs: Array<[string, string]> = [
    ['new_customer_polling', 'new_customer'],
    ['new_unit_rental_polling', 'unit_rental_updated'],
    ['invoice_paid_polling', 'invoice_paid'],
  ];

  test.each(pairs)(
    "%s: a label that cannot be confused with %s, and its keys inside the instant one's (T006)",
    (key, instant) => {
      expect(triggers[key].display.label).toMatch(/\(Polling\)$/);
      expect(triggers[key].display.label).not.toBe(triggers[instant].display.label);
      expect(triggers[key].operation.type).toBe('polling');
      const { id: _a, type: _b, created: _c, ...polled } = triggers[key].operation.sample;
      const { id: _d, type: _e, created: _f, ...instantSample } = triggers[instant].operation.sample;
      const shared = Object.fromEntries(Object.entries(instantSample).filter(([k]) => k in polled));
      expect(Object.keys(shared).length).toBe(Object.keys(polled).length);
      expect(sampleParityViolations(key, polled, shared)).toEqual([]);
    },
  );

  test('a business that refuses webhook registration is pointed to the one that stands in', async () => {
    sg()
      .post(`${ADMIN}/webhooks`)
      .reply(404, { error: { message: 'Not found' } });
    const err = await failure(
      appTester(triggers.new_customer.operation.performSubscribe, {
        authData: AUTH,
        inputData: {},
        targetUrl: 'https://hooks.zapier.com/x',
      }),
    );
    expect(userMessage(err).message).toContain('Use "New Customer (Polling)" instead');
  });
});

describe("Zapier's Transfer: existing customers, rentals and invoices", () => {
  const bulk = (key: string, page: number) =>
    appTester(triggers[key].operation.perform, {
      authData: AUTH,
      inputData: {},
      meta: { isBulkRead: true, page },
    }) as Promise<Dict[]>;

  test('New Customer (Polling) pages through every customer, one request a page, until an empty page', async () => {
    expect(triggers.new_customer_polling.operation.canPaginate).toBe(true);
    const customers = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `usr_${from + i}`,
        created: recent(400),
        updated: recent(400),
      }));
    const page = (offset: number, answer: Dict[]) =>
      sg()
        .get(`${ADMIN}/users`)
        .query({ limit: '100', offset: String(offset) })
        .reply(200, answer);
    page(0, customers(0, 100));
    expect(await bulk('new_customer_polling', 0)).toHaveLength(100); // years old: Transfer takes them all
    page(100, customers(100, 7));
    expect((await bulk('new_customer_polling', 1)).map((o) => o.id)).toEqual(
      customers(100, 7).map((c) => c.id),
    );
    page(200, []);
    expect(await bulk('new_customer_polling', 2)).toEqual([]);
  });

  test('New Unit Rental (Polling) pages by 50 (the list embeds unit and customer), occupied rentals only', async () => {
    sg()
      .get(`${ADMIN}/unit-rentals`)
      .query({ include: 'unit,owner', limit: '50', offset: '50' })
      .reply(200, [
        { id: 'ur_in', state: 'occupied', created: recent(300), updated: recent(300) },
        { id: 'ur_gone', state: 'ended', created: recent(300), updated: recent(300) },
      ]);
    expect((await bulk('new_unit_rental_polling', 1)).map((o) => o.id)).toEqual(['ur_in']);
  });

  test('New Paid Invoice (Polling) pages by 25, each invoice with its customer’s e-mail', async () => {
    sg()
      .get(`${ADMIN}/invoices`)
      .query({ limit: '25', offset: '0' })
      .reply(200, [invoice({ updated: recent(500), owner: { id: 'usr_1', name: 'Jane Doe' } })]);
    sg().get(`${ADMIN}/users/usr_1`).query(true).reply(200, { id: 'usr_1', email: 'jane.doe@example.com' });
    const [out] = await bulk('invoice_paid_polling', 0);
    expect(out.invoice).toMatchObject({ id: 'inv_1', customerEmail: 'jane.doe@example.com' });
  });
});
