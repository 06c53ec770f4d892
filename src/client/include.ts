/**
 * Related records embedded by each single-record GET, by record kind (C-level include names only:
 * docs/storeganise-api.md); sites take none.
 */
export const INCLUDE = {
  job: 'customFields',
  unitRental: 'unit,owner,customFields,agreementUrl',
  unit: 'customFields',
  invoice: 'owner,customFields',
  customer: 'customFields,billing',
} as const;
