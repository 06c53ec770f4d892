/** The sandbox business's settings: predefined charges and custom field definitions (shapes: docs/). */
import { makeId } from './ids';

export function seedSettings(businessName: string): Record<string, unknown> {
  return {
    companyName: businessName, // where a real trial business's settings name it
    brand: { color: '#1d4ed8' },
    // as a real trial business's settings: the symbol, and the ISO code invoices are in (they carry none)
    currency: '£',
    currencyCode: 'GBP',
    timezone: 'Europe/London',
    defaultLocale: 'en',
    charges: [
      {
        id: makeId('charge', 91),
        code: 'padlock',
        title: { en: 'Padlock' },
        amount: 12.5,
        accountingCodeId: 'acc_merch',
      },
      {
        id: makeId('charge', 92),
        code: 'admin_fee',
        title: { en: 'Admin fee' },
        amount: 25,
        accountingCodeId: 'acc_fees',
      },
      {
        id: makeId('charge', 93),
        code: 'insurance',
        title: { en: 'Contents insurance (£2,000)' },
        amount: 8,
        accountingCodeId: 'acc_ins',
      },
      {
        id: makeId('charge', 94),
        code: 'late_fee',
        title: { en: 'Late payment fee' },
        amount: 15,
        accountingCodeId: 'acc_fees',
      },
    ],
    unitRentalCustomFields: [
      { code: 'gate_code', title: { en: 'Gate code' }, type: 'text' },
      { code: 'vehicle_reg', title: { en: 'Vehicle registration' }, type: 'text' },
      {
        code: 'insurance_cover',
        title: { en: 'Insurance cover (£)' },
        type: 'select',
        options: ['1000', '2000', '5000'],
      },
      { code: 'climate_controlled', title: { en: 'Climate controlled' }, type: 'boolean' },
    ],
    userCustomFields: [
      {
        code: 'preferred_contact',
        title: { en: 'Preferred contact' },
        type: 'select',
        options: [
          { value: 'email', title: 'E-mail' },
          { value: 'sms', title: 'SMS' },
          { value: 'phone', title: 'Phone' },
        ],
      },
      { code: 'marketing_opt_in', title: { en: 'Marketing opt-in' }, type: 'boolean' },
      { code: 'date_of_birth', title: { en: 'Date of birth' }, type: 'date' },
    ],
  };
}
