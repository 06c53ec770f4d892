/** Input fields shared by several searches and actions, defined once here (src/read-input.ts reads them). */
import { defineInputField } from 'zapier-platform-core';

export const unitRentalIdField = defineInputField({
  key: 'unitRentalId',
  label: 'Unit Rental',
  required: true,
  dynamic: 'unit_rental_list.id.label',
  search: 'find_unit_rental.id',
  helpText: 'Pick a unit rental, or map a Unit Rental ID from a trigger or a Find Unit Rental step.',
});

export const invoiceIdField = defineInputField({
  key: 'invoiceId',
  label: 'Invoice',
  required: true,
  dynamic: 'invoice_list.id.label',
  search: 'find_invoice.id',
  helpText:
    'Pick an invoice, or map an Invoice ID from a trigger or a Find Invoice step (to look one up by its number).',
});

export const customerIdField = defineInputField({
  key: 'customerId',
  label: 'Customer',
  required: true,
  dynamic: 'customer_list.id.label',
  search: 'find_customer.id',
  helpText:
    'Pick a customer, or map a Customer ID from a trigger or a Find Customer step (to look one up by e-mail).',
});

export const siteIdField = defineInputField({
  key: 'siteId',
  label: 'Site',
  dynamic: 'site_list.id.label',
  helpText: 'Pick a site, or map a Site ID.',
});

/**
 * Searches that find a record in several ways get a required "Find By" (Zapier's check D009 wants a
 * required field on every search) and keep one optional field per way, so Find or Create still carries
 * the same keys across. `default` fills it in for new steps.
 */
export const findByField = (ways: Readonly<Record<string, string>>, first: string, what: string) =>
  defineInputField({
    key: 'findBy',
    label: 'Find By',
    required: true,
    choices: { ...ways },
    default: first,
    helpText: `How to find the ${what}: ${Object.values(ways).join(', or ')}. Then fill in that field below.`,
  });

export const skipDuplicatesField = (what: string) =>
  defineInputField({
    key: 'skipDuplicates',
    label: 'Skip If an Identical One Exists',
    type: 'boolean',
    default: 'true',
    helpText: `Zapier may replay a step. When on, an identical ${what} that already exists is returned instead of adding a second one.`,
  });

/**
 * The customer's own fields: Create Customer requires the e-mail, Update Customer keeps whatever is
 * left empty. Written out as a tuple so each action's inputData is typed field by field.
 */
export function customerFields(mode: 'create' | 'update') {
  const keep = mode === 'update' ? 'Leave empty to keep the current value.' : '';
  const help = (s: string) => [s, keep].filter(Boolean).join(' ') || undefined;
  return [
    {
      key: 'email',
      label: 'Email',
      required: mode === 'create',
      helpText: help("The customer's e-mail address; Storeganise uses it as their login."),
    },
    { key: 'firstName', label: 'First Name', required: false, helpText: help('') },
    { key: 'lastName', label: 'Last Name', required: false, helpText: help('') },
    {
      key: 'phone',
      label: 'Phone',
      required: false,
      helpText: help('Phone number, ideally in international format, e.g. +44 20 7946 0958.'),
    },
    {
      key: 'companyName',
      label: 'Company Name',
      required: false,
      helpText: help('For business customers; leave empty for individuals.'),
    },
  ] as const;
}

/** The keys of customerFields(), in form order. */
export const CUSTOMER_FIELD_KEYS = ['email', 'firstName', 'lastName', 'phone', 'companyName'] as const;
