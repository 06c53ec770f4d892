/**
 * Shapes of the Storeganise admin API records this app reads and writes. Only the fields the app
 * relies on are named; every record keeps the rest (`[key: string]: unknown`) so users see it all.
 * Confidence of each field: docs/storeganise-api.md and the README's "API assumptions".
 */

/** Storeganise's localised text, e.g. `{ en: "Padlock" }`. */
export type Localised = string | Record<string, string>;

export interface SgRecord {
  id: string;
  created?: string;
  updated?: string;
  [key: string]: unknown;
}

export interface Job extends SgRecord {
  type: string;
  state?: string;
  step?: string;
  ownerId?: string | null;
  siteId?: string;
  data?: Record<string, unknown>;
  result?: Record<string, unknown>;
  steps?: Array<{
    id: string;
    type?: string;
    state?: string;
    completedAt?: string;
    title?: Localised;
    result?: Record<string, unknown>;
    [key: string]: unknown;
  }>;
}

export interface Charge {
  id: string;
  title?: Localised;
  amount: number;
  qty?: number;
  startDate?: string | null;
  endDate?: string | null;
  accountingCodeId?: string | null;
  code?: string;
  /** `"preset"` for a charge made from a predefined charge (L: seen in real trial-business records). */
  sourceType?: string;
  /** The predefined charge's id, with `sourceType: "preset"`. */
  sourceId?: string;
  [key: string]: unknown;
}

export interface User extends SgRecord {
  email?: string;
  /** The whole name; some records (e.g. an invoice's embedded owner) carry only this and `id`. */
  name?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  companyName?: string;
  customFields?: Record<string, unknown>;
}

export interface Unit extends SgRecord {
  siteId?: string;
  name?: string;
  state?: string;
  customFields?: Record<string, unknown>;
}

export interface UnitRental extends SgRecord {
  unitId?: string;
  siteId?: string;
  ownerId?: string;
  state?: string;
  startDate?: string;
  endDate?: string | null;
  price?: number;
  deposit?: number;
  overdue?: boolean;
  charges?: Charge[];
  customFields?: Record<string, unknown>;
  unit?: Unit;
  owner?: User;
}

export interface Payment {
  id?: string;
  type?: string;
  amount: number;
  method?: string;
  date?: string;
  notes?: string;
  [key: string]: unknown;
}

export interface Invoice extends SgRecord {
  /** The number printed on the invoice: text such as "cen000041" in real records (site prefix + counter). */
  sid?: string | number;
  state?: string;
  ownerId?: string;
  owner?: User;
  siteId?: string;
  unitRentalId?: string;
  entries?: Array<Record<string, unknown>>;
  total?: number;
  balance?: number;
  payments?: Payment[];
  /**
   * Not Storeganise's: the business's currency (ISO code from its settings), attached by the client
   * where it reads invoices, which carry none; null when the settings could not be read.
   */
  businessCurrency?: string | null;
}

export interface Site extends SgRecord {
  code?: string;
  title?: Localised;
}

/** One step of a job (move-in agreement, payment, move-out confirmation…). */
export type JobStep = NonNullable<Job['steps']>[number];

export interface PredefinedCharge {
  /** Sent as a charge's `sourceId` (with `sourceType: "preset"`). */
  id?: string;
  code?: string;
  title?: Localised;
  amount?: number;
  accountingCodeId?: string | null;
  [key: string]: unknown;
}

export interface CustomFieldDefinition {
  code: string;
  title?: Localised;
  type?: string;
  [key: string]: unknown;
}

export interface Settings {
  [key: string]: unknown;
}

export interface WebhookRegistration {
  id: string;
  [key: string]: unknown;
}
