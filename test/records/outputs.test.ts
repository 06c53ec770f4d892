import { MAX_DEPTH, plain, TOO_DEEP } from '../../src/localised';
import { invoiceOutput, jobOutput, lineItem } from '../../src/records/outputs';
import { samples } from '../../src/records/samples';
import { App } from '../helpers';

describe('outputs a Zap step can map', () => {
  test('localised titles become plain strings, English first', () => {
    expect(plain({ title: { en: 'Padlock', fr: 'Cadenas' } })).toEqual({ title: 'Padlock' });
    expect(plain({ title: { fr: 'Cadenas' } })).toEqual({ title: 'Cadenas' });
    expect(plain({ title: { 'en-GB': 'Padlock', de: 'Schloss' } })).toEqual({ title: 'Padlock' });
    expect(plain({ charges: [{ title: { en: 'Insurance' }, amount: 5 }] })).toEqual({
      charges: [{ title: 'Insurance', amount: 5 }],
    });
  });

  test('records that merely have short keys are left alone', () => {
    expect(plain({ customFields: { id: 7 } })).toEqual({ customFields: { id: 7 } });
    expect(plain({ ref: { id: 'usr_1' } })).toEqual({ ref: { id: 'usr_1' } });
    expect(plain({ data: { to: 'paid' } })).toEqual({ data: { to: 'paid' } });
    expect(plain({ dims: { w: '2', h: '3', depth: '4' } })).toEqual({ dims: { w: '2', h: '3', depth: '4' } });
    expect(plain({ created: '2026-11-21T10:30:00.000Z' })).toEqual({ created: '2026-11-21T10:30:00.000Z' });
  });

  test('a job names its customer from result.ownerId, not the API user in ownerId', () => {
    const out = jobOutput({
      id: 'j',
      type: 'unit_moveIn',
      ownerId: 'api_user',
      result: { ownerId: 'usr_9', unitRentalId: 'ur_1' },
    });
    expect(out).toMatchObject({ customerId: 'usr_9', unitRentalId: 'ur_1', unitId: null });
  });

  test('samples contain no localised objects', () => {
    expect(JSON.stringify(samples)).not.toMatch(/\{"en":/);
    expect(samples.unitRental.charges?.[0].title).toBe('Padlock');
  });
});

describe('an invoice as an accounting step takes it', () => {
  test('a line item says what the entry says: a localised description made plain, no rate guessed from a tax amount', () => {
    expect(
      lineItem({ desc: { en: 'Padlock', fr: 'Cadenas' }, qty: 2, amount: 12.5, tax: 5, total: 30 }),
    ).toEqual({
      id: null,
      description: 'Padlock',
      quantity: 2,
      unitAmount: 12.5,
      subtotal: null,
      taxRate: null, // taxed, but at a rate the entry does not state
      tax: 5,
      total: 30,
      code: null,
      type: null,
      servicePeriodStart: null,
      servicePeriodEnd: null,
    });
    expect(lineItem({ desc: 'Storage', amount: 10, total: 10 })).toMatchObject({ taxRate: null, tax: null });
    expect(lineItem({ desc: 'Deposit', amount: 50, tax: 0, total: 50 })).toMatchObject({
      taxRate: 0,
      tax: 0,
    });
  });

  test('every key is there whatever the invoice lacks; the currency only as the client attached it', () => {
    const out = invoiceOutput({ id: 'inv_1', entries: [null, 'x', { desc: 'Rent' }] as never });
    expect(out).toMatchObject({ currency: null, subtotal: null, taxTotal: null, amountPaid: null });
    expect(out.lineItems).toHaveLength(1);
    expect(invoiceOutput({ id: 'inv_2' }).lineItems).toEqual([]);
    const attached = invoiceOutput({ id: 'inv_3', businessCurrency: 'USD' });
    expect(attached.currency).toBe('USD');
    expect(attached).not.toHaveProperty('businessCurrency');
  });

  test("the sample's line items add up to its totals, as a real invoice's do", () => {
    const { lineItems, subtotal, taxTotal, total } = samples.invoice;
    const sum = (pick: (l: (typeof lineItems)[number]) => number | null) =>
      Math.round(lineItems.reduce((acc, l) => acc + (pick(l) ?? 0), 0) * 100) / 100;
    expect([sum((l) => l.subtotal), sum((l) => l.tax), sum((l) => l.total)]).toEqual([
      subtotal,
      taxTotal,
      total,
    ]);
    expect(lineItems.map((l) => [l.description, l.taxRate])).toEqual([
      ['Deposit', 0],
      ['Rent A-104 (21 Nov – 20 Dec)', 20],
      ['Padlock', 20],
    ]);
    expect(samples.invoice.currency).toBe('GBP');
  });
});

describe('every step that hands on an invoice offers its line items to map', () => {
  type Dict = Record<string, any>;
  const steps = (['triggers', 'searches', 'creates'] as const).flatMap((group) =>
    Object.entries((App as Dict)[group] as Dict)
      .filter(([, op]) => !op.display?.hidden)
      .map(([key, op]) => {
        const sample = op.operation.sample ?? {};
        // the invoice at the top level (searches, actions) or under `invoice` (triggers)
        const at = 'invoiceNumber' in sample ? '' : sample.invoice ? 'invoice__' : undefined;
        return [`${group} ${key}`, at, op.operation.outputFields ?? []] as const;
      })
      .filter(([, at]) => at !== undefined),
  );

  test('the steps found are those that hand on an invoice', () => {
    expect(steps.map(([name]) => name).sort()).toEqual(
      [
        'creates add_invoice_payment',
        'creates mark_invoice_paid',
        'searches find_invoice',
        'triggers invoice_paid',
        'triggers invoice_paid_polling',
        'triggers invoice_payments_updated',
        'triggers invoice_state_changed',
        'triggers new_invoice',
        'triggers new_invoice_polling',
      ].sort(),
    );
  });

  test.each(steps)(
    '%s: a line-item group with each field labelled, and the currency and tax total',
    (_, at, fields) => {
      const byKey = new Map((fields as Dict[]).filter((f) => typeof f !== 'function').map((f) => [f.key, f]));
      expect(byKey.get(`${at}lineItems`)?.children?.map((c: Dict) => [c.key, c.label])).toEqual([
        ['id', 'Invoice Line Item ID'],
        ['description', 'Invoice Line Item Description'],
        ['quantity', 'Invoice Line Item Quantity'],
        ['unitAmount', 'Invoice Line Item Unit Amount'],
        ['subtotal', 'Invoice Line Item Subtotal'],
        ['taxRate', 'Invoice Line Item Tax Rate (%)'],
        ['tax', 'Invoice Line Item Tax'],
        ['total', 'Invoice Line Item Total'],
        ['code', 'Invoice Line Item Code'],
        ['type', 'Invoice Line Item Type'],
        ['servicePeriodStart', 'Invoice Line Item Service Period Start'],
        ['servicePeriodEnd', 'Invoice Line Item Service Period End'],
      ]);
      expect(
        [`${at}currency`, `${at}subtotal`, `${at}taxTotal`, `${at}amountPaid`].map(
          (k) => byKey.get(k)?.label,
        ),
      ).toEqual(['Invoice Currency', 'Invoice Subtotal', 'Invoice Tax Total', 'Invoice Amount Paid']);
    },
  );
});

describe('bounded depth', () => {
  test('a record nested 10,000 levels deep is cut at MAX_DEPTH instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    const out = plain({ id: 'x', deep }) as Record<string, unknown>;
    let at: unknown = out;
    let depth = 0;
    while (at && typeof at === 'object') {
      at = (at as Record<string, unknown>).deep ?? (at as Record<string, unknown>).next;
      depth += 1;
    }
    expect(at).toBe(TOO_DEEP);
    expect(depth).toBe(MAX_DEPTH);
  });
});
