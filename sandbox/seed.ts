/**
 * The sandbox business's starting data: a small self-storage operator with three sites, a handful of
 * units, customers, rentals with charges, invoices and jobs (a completed move-in, a valet order, a
 * move-out notice). Shapes follow docs/storeganise-api.md. Every person and address is made up.
 */

import { makeId, type Rec, type SandboxData } from './ids';
import { seedSettings } from './seed-settings';

export { makeId, type IdKind, type Rec, type SandboxData } from './ids';

const at = (iso: string) => ({ created: iso, updated: iso });

export function seed(businessName = 'Sandbox Self Storage'): SandboxData {
  const site = (n: number, code: string, title: string, city: string): Rec => ({
    id: makeId('site', n),
    code,
    title: { en: title },
    address: { city, country: 'GB' },
    timezone: 'Europe/London',
    ...at('2025-01-06T09:00:00.000Z'),
  });
  const sites = [
    site(1, 'LON', 'Central London', 'London'),
    site(2, 'MAN', 'Manchester Trafford', 'Manchester'),
    site(3, 'BRS', 'Bristol Harbourside', 'Bristol'),
  ];

  const unitSpecs: Array<[number, string, string, number, number]> = [
    // [site, name, state, width m, depth m]
    [1, 'A-101', 'occupied', 1.5, 2],
    [1, 'A-102', 'available', 1.5, 2],
    [1, 'A-104', 'occupied', 2, 3],
    [1, 'B-201', 'available', 3, 3],
    [2, 'M-01', 'occupied', 2, 2.5],
    [2, 'M-02', 'available', 2, 2.5],
    [2, 'M-10', 'blocked', 4, 5],
    [3, 'H-5', 'available', 1, 1.5],
    [3, 'H-6', 'reserved', 1, 1.5],
  ];
  const units: Rec[] = unitSpecs.map(([s, name, state, width, depth], i) => ({
    id: makeId('unit', i + 1),
    siteId: makeId('site', s),
    name,
    state,
    width,
    depth,
    customFields: { floor: name.startsWith('B') ? 'First' : 'Ground' },
    ...at('2025-02-10T08:00:00.000Z'),
  }));
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;

  const person = (
    n: number,
    firstName: string,
    lastName: string,
    extra: Record<string, unknown> = {},
  ): Rec => ({
    id: makeId('user', n),
    email: `${firstName}.${lastName}@example.com`.toLowerCase(),
    firstName,
    lastName,
    phone: `+44 20 7946 0${String(100 + n).slice(-3)}`,
    companyName: '',
    roles: ['customer'],
    customFields: { preferred_contact: 'email', marketing_opt_in: false },
    billing: { type: 'card', last4: String(4240 + n) },
    ...at(`2026-0${n + 2}-14T10:20:00.000Z`),
    ...extra,
  });
  const users = [
    person(1, 'Jane', 'Doe'),
    person(2, 'Arjun', 'Patel', { customFields: { preferred_contact: 'sms', marketing_opt_in: true } }),
    person(3, 'Chloe', 'Martin', { companyName: 'Martin Florists Ltd' }),
    person(4, 'Tom', 'Okafor'),
  ];

  const rental = (
    n: number,
    unit: string,
    owner: number,
    startDate: string,
    price: number,
    charges: Rec[],
    extra: Record<string, unknown> = {},
  ): Rec => {
    const u = units.find((x) => x.name === unit)!;
    return {
      id: makeId('rental', n),
      unitId: u.id,
      siteId: u.siteId,
      ownerId: makeId('user', owner),
      state: 'occupied',
      startDate,
      endDate: null,
      price,
      deposit: 50,
      overdue: false,
      charges,
      customFields: { gate_code: String(4000 + n * 137).slice(0, 4), insurance_cover: '2000' },
      ...at(`${startDate}T09:30:00.000Z`),
      ...extra,
    };
  };
  const charge = (
    n: number,
    title: string,
    amount: number,
    startDate: string,
    endDate: string | null,
    code?: string,
  ): Rec => ({
    id: makeId('charge', n),
    title: { en: title },
    amount,
    qty: 1,
    startDate,
    endDate,
    accountingCodeId: null,
    ...(code ? { code } : {}),
    ...at(`${startDate}T09:31:00.000Z`),
  });
  const unitRentals = [
    rental(1, 'A-104', 1, '2026-06-01', 129, [
      charge(1, 'Padlock', 12.5, '2026-06-01', '2026-06-01', 'padlock'),
      charge(2, 'Contents insurance (£2,000)', 8, '2026-06-01', null, 'insurance'),
    ]),
    rental(
      2,
      'M-01',
      2,
      '2026-08-15',
      89,
      [charge(3, 'Admin fee', 25, '2026-08-15', '2026-08-15', 'admin_fee')],
      { overdue: true },
    ),
    rental(3, 'A-101', 3, '2026-03-01', 65, []),
  ];

  const invoice = (
    n: number,
    sid: string,
    rentalN: number,
    state: string,
    entries: Array<[string, number]>,
    paid: number,
  ): Rec => {
    const r = unitRentals[rentalN - 1];
    const total = entries.reduce((sum, [, amount]) => sum + amount, 0);
    return {
      id: makeId('invoice', n),
      sid,
      state,
      ownerId: r.ownerId,
      siteId: r.siteId,
      unitRentalId: r.id,
      entries: entries.map(([desc, amount]) => ({ desc, qty: 1, amount, total: amount })),
      total,
      balance: Math.round((total - paid) * 100) / 100,
      payments: paid
        ? [
            {
              id: makeId('payment', n),
              type: 'manual',
              amount: paid,
              method: 'card',
              date: '2026-11-01',
              notes: '',
            },
          ]
        : [],
      customFields: {},
      ...at('2026-11-01T06:00:00.000Z'),
    };
  };
  const invoices = [
    // real invoice numbers are text: the site's prefix and a counter (e.g. cen000041)
    invoice(
      1,
      'lon010231',
      1,
      'paid',
      [
        ['Unit A-104 (1 Nov – 30 Nov)', 129],
        ['Contents insurance (£2,000)', 8],
      ],
      137,
    ),
    invoice(2, 'man010232', 2, 'failed', [['Unit M-01 (15 Nov – 14 Dec)', 89]], 0),
    invoice(3, 'lon010233', 3, 'sent', [['Unit A-101 (1 Dec – 31 Dec)', 65]], 0),
  ];

  const jobs: Rec[] = [
    {
      id: makeId('job', 1),
      type: 'unit_moveIn',
      state: 'completed',
      step: 'completed',
      ownerId: makeId('user', 1),
      siteId: makeId('site', 1),
      data: { unitId: unitId('A-104'), startDate: '2026-06-01' },
      result: {
        unitId: unitId('A-104'),
        unitRentalId: makeId('rental', 1),
        ownerId: makeId('user', 1),
        siteId: makeId('site', 1),
      },
      steps: [
        {
          id: makeId('step', 1),
          type: 'unit_moveIn_agreement',
          state: 'completed',
          completedAt: '2026-05-28T16:10:02.000Z',
        },
        {
          id: makeId('step', 2),
          type: 'unit_moveIn_payment',
          state: 'completed',
          completedAt: '2026-05-28T16:12:40.000Z',
        },
      ],
      customFields: {},
      ...at('2026-05-28T16:02:55.000Z'),
    },
    {
      id: makeId('job', 2),
      type: 'valetOrder',
      state: 'submitted',
      step: 'submitted',
      ownerId: makeId('user', 4),
      siteId: makeId('site', 1),
      data: {
        date: '2026-12-04',
        timeslot: '09:00-12:00',
        address: { line1: '12 Example Road', city: 'London', postcode: 'N1 9ZZ' },
        deliverItems: [{ type: 'box', qty: 6 }],
        collectItems: [
          { type: 'box', qty: 6 },
          { type: 'bulky', desc: 'Road bike', qty: 1 },
        ],
      },
      result: { ownerId: makeId('user', 4), siteId: makeId('site', 1) },
      steps: [{ id: makeId('step', 3), type: 'valetOrder_deliver', state: 'ready' }],
      customFields: { access_notes: 'Ring flat 3' },
      ...at('2026-11-26T18:44:10.000Z'),
    },
    {
      id: makeId('job', 3),
      type: 'unit_moveOut',
      state: 'created',
      step: 'created',
      ownerId: makeId('user', 3),
      siteId: makeId('site', 1),
      data: { unitRentalId: makeId('rental', 3), date: '2026-12-31' },
      result: { unitRentalId: makeId('rental', 3), ownerId: makeId('user', 3), siteId: makeId('site', 1) },
      steps: [{ id: makeId('step', 4), type: 'unit_moveOut_confirm', state: 'ready' }],
      customFields: {},
      ...at('2026-11-27T11:05:00.000Z'),
    },
  ];

  const settings = seedSettings(businessName);

  return { settings, sites, units, users, unitRentals, invoices, jobs };
}
