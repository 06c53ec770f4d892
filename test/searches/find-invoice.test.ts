import {
  ADMIN,
  app,
  appTester,
  asTrigger,
  AUTH,
  failure,
  type Row,
  search,
  sg,
  unansweredRequests,
  userMessage,
} from '../helpers';
import { notFound, owner } from '../fixtures/records';

const invoice = {
  id: 'inv_1',
  sid: 10234,
  state: 'sent',
  ownerId: 'usr_1',
  owner,
  total: 141.5,
  balance: 141.5,
};

describe('Find Invoice', () => {
  const include = { include: 'owner,customFields' };

  test("hit by id: shaped exactly like a trigger's invoice", async () => {
    sg().get(`${ADMIN}/invoices/inv_1`).query(include).reply(200, invoice);
    const result = await search('find_invoice', { invoiceId: 'inv_1' });
    expect(result).toEqual([asTrigger('invoice', invoice)]);
    expect(result[0]).toMatchObject({ invoiceNumber: '10234', customerEmail: 'jane.doe@example.com' });
  });

  test('hit by number: matched on our side, then read by id with the hydration include', async () => {
    const scope = sg()
      .get(`${ADMIN}/invoices`)
      .query(
        (q) => !('sid' in q) && q.limit === '1000' && q.offset === '0' && typeof q.updatedAfter === 'string',
      )
      .reply(200, [
        { id: 'inv_9', sid: 99 },
        { id: 'inv_1', sid: 10234 },
      ])
      .get(`${ADMIN}/invoices/inv_1`)
      .query(include)
      .reply(200, invoice);
    await expect(search('find_invoice', { invoiceNumber: '#10234' })).resolves.toMatchObject([
      { id: 'inv_1', invoiceNumber: '10234' },
    ]);
    scope.done();
  });

  test('miss by number: a tenant that ignores the filter cannot hand back another invoice', async () => {
    sg()
      .get(`${ADMIN}/invoices`)
      .query(true)
      .reply(200, [{ id: 'inv_9', sid: 99 }]);
    await expect(search('find_invoice', { invoiceNumber: '10234' })).resolves.toEqual([]);
  });

  test('miss by id: empty', async () => {
    sg().get(`${ADMIN}/invoices/inv_404`).query(true).reply(404, notFound);
    await expect(search('find_invoice', { invoiceId: 'inv_404' })).resolves.toEqual([]);
  });

  test('bad input: neither id nor number', async () => {
    const err = userMessage(await failure(search('find_invoice', { invoiceNumber: ' # ' })));
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: 'Fill in the Invoice ID or the Invoice Number.',
    });
  });
});

describe("Find Invoice: the look-ups operators' Zaps start from", () => {
  /**
   * The look-ups operators' Zaps start from: a CRM contact finds the customer by name or phone, an
   * accounting payment finds the invoice by its printed number, an access-control Zap finds the site
   * and the unit by name.
   */

  const search = (key: string, inputData: Record<string, unknown>) =>
    appTester(app.searches[key].operation.perform as never, { authData: AUTH, inputData }) as Promise<Row[]>;

  describe('Find Invoice by number, without the unconfirmed ?sid= filter', () => {
    const invoiceInclude = { include: 'owner,customFields' };
    const page = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `inv_${from + i}`,
        sid: `cen${String(from + i).padStart(6, '0')}`,
      }));

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
      expect(found).toMatchObject({
        id: 'inv_1',
        invoiceNumber: 'cen000041',
        customerEmail: 'jane.doe@example.com',
      });
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
        .reply(200, { id: 'inv_x', sid: 'cen009999', owner })
        .get(`${ADMIN}/settings`) // read beside the invoice: its currency
        .reply(200, { currencyCode: 'GBP' });
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
});
