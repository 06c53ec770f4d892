/**
 * Where each record kind lives in the admin API and what its single-record GET embeds. Include
 * names are the C-level ones (docs/storeganise-api.md); sites take none.
 */
/** Related records embedded by each single-record GET (C-level include names only). */
export const INCLUDE = {
  job: 'customFields',
  unitRental: 'unit,owner,customFields,agreementUrl',
  unit: 'customFields',
  invoice: 'owner,customFields',
  user: 'customFields,billing',
} as const;

/** The record kinds the app fetches by id, and their endpoint below /v1/admin/. */
export const RESOURCES = {
  job: { path: 'jobs', include: INCLUDE.job, what: 'Job' },
  unitRental: { path: 'unit-rentals', include: INCLUDE.unitRental, what: 'Unit rental' },
  invoice: { path: 'invoices', include: INCLUDE.invoice, what: 'Invoice' },
  customer: { path: 'users', include: INCLUDE.user, what: 'Customer' },
  unit: { path: 'units', include: INCLUDE.unit, what: 'Unit' },
  // C/L: GET /v1/admin/sites/{idOrCode} (production clients)
  site: { path: 'sites', include: undefined, what: 'Site' },
} as const satisfies Record<string, { path: string; include: string | undefined; what: string }>;

export type ResourceKind = keyof typeof RESOURCES;
