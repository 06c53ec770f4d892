/** Related records embedded by each single-record GET (C-level include names only). */
export const INCLUDE = {
  job: 'customFields',
  unitRental: 'unit,owner,customFields,agreementUrl',
  unit: 'customFields',
  invoice: 'owner,customFields',
  user: 'customFields,billing',
} as const;

