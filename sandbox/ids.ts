/** The sandbox's records and ids: Mongo-style 24-hex ids, readable by kind. */

export type Rec = { id: string; created: string; updated: string; [key: string]: unknown };

export interface SandboxData {
  settings: Record<string, unknown>;
  sites: Rec[];
  units: Rec[];
  users: Rec[];
  unitRentals: Rec[];
  invoices: Rec[];
  jobs: Rec[];
}

/** Mongo-style 24-hex ids, readable by kind: `5a0d` + kind + counter. */
const KIND = {
  site: 'a',
  unit: 'b',
  user: 'c',
  rental: 'd',
  charge: 'e',
  job: 'f',
  invoice: '5',
  payment: '6',
  webhook: '7',
  event: '8',
  step: '9',
} as const;
export type IdKind = keyof typeof KIND;

export function makeId(kind: IdKind, n: number): string {
  return `5a0d00000000${KIND[kind]}${n.toString(16).padStart(11, '0')}`;
}
