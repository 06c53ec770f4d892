/**
 * The sandbox business's records and how its lists answer queries.
 *
 * Two modes. Lenient (the default) applies every query parameter as a field filter and honours
 * `include=` everywhere, so tests can ask for anything. Strict answers only as Storeganise is known
 * to (docs/storeganise-api.md, C or L): a list filter or an `include` the facts do not confirm is
 * ignored, as a tenant without it would ignore it — the whole list comes back, records without the
 * embedded ones. The app must work in both (test/zapier-local/lifecycle.test.ts runs in both).
 */
import { clone, HttpError, isObject, now } from './http';
import { makeId, type IdKind, type Rec, type SandboxData } from './seed';
import { siteByIdOrCode, userMatchesSearch } from './workflow-routes';

export type Collection = 'sites' | 'units' | 'users' | 'unitRentals' | 'invoices' | 'jobs';

/** The path segment of each collection below /v1/admin/. */
export const COLLECTION_PATHS: Record<string, Collection> = {
  sites: 'sites',
  units: 'units',
  users: 'users',
  'unit-rentals': 'unitRentals',
  invoices: 'invoices',
  jobs: 'jobs',
};

const ID_KIND: Record<Collection, IdKind> = {
  sites: 'site',
  units: 'unit',
  users: 'user',
  unitRentals: 'rental',
  invoices: 'invoice',
  jobs: 'job',
};

const NOUN: Record<Collection, string> = {
  sites: 'Site',
  units: 'Unit',
  users: 'User',
  unitRentals: 'Unit rental',
  invoices: 'Invoice',
  jobs: 'Job',
};

/**
 * List filters Storeganise is known to honour (docs/storeganise-api.md): `updatedAfter` on users,
 * invoices and unit rentals (C); `ownerId`/`state` on unit rentals (C); `siteId` on units (C/L);
 * `search` on users (L). Not here, so ignored in strict mode: `type`/`state` on jobs (A/L: the one
 * production client filters the answer again itself) and `sid` on invoices (A).
 */
export const CONFIRMED_FILTERS: Record<Collection, readonly string[]> = {
  users: ['updatedAfter', 'search'],
  invoices: ['updatedAfter'],
  unitRentals: ['ownerId', 'state', 'updatedAfter'],
  units: ['siteId'],
  sites: [],
  // L: a production client lists jobs with `sort=-updated` (the `type`/`state` filters are A)
  jobs: ['sort'],
};

/** `include=` names confirmed on single-record GETs (C/L); `include` on lists is unconfirmed (A). */
export const CONFIRMED_INCLUDES: Record<Collection, readonly string[]> = {
  unitRentals: ['unit', 'owner', 'customFields', 'agreementUrl'],
  invoices: ['owner', 'customFields'],
  users: ['customFields', 'billing'],
  jobs: ['customFields'],
  units: ['customFields'],
  sites: [],
};

/** Query parameters that are never field filters. */
const RESERVED_PARAMS = new Set(['limit', 'offset', 'include', 'updatedAfter', 'search', 'sort', 'fields']);
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

export class Store {
  private readonly counters = new Map<IdKind, number>();

  constructor(
    readonly data: SandboxData,
    readonly strict: boolean,
    /** Where a rental's agreement PDF would be served (for `include=agreementUrl`). */
    private readonly agreementBase: () => string,
  ) {}

  newId(kind: IdKind): string {
    const n = (this.counters.get(kind) ?? 1000) + 1;
    this.counters.set(kind, n);
    return makeId(kind, n);
  }

  find(collection: Collection, id: string): Rec | undefined {
    return this.data[collection].find((r) => r.id === id);
  }

  get(collection: Collection, id: string): Rec {
    // `GET sites/{idOrCode}` (C/L): a site answers to its code too
    const record =
      this.find(collection, id) ?? (collection === 'sites' ? siteByIdOrCode(this.data.sites, id) : undefined);
    if (!record) throw new HttpError(404, `${NOUN[collection]} ${id} not found`);
    return record;
  }

  insert(collection: Collection, fields: Record<string, unknown>): Rec {
    const stamp = now();
    const record: Rec = { ...fields, id: this.newId(ID_KIND[collection]), created: stamp, updated: stamp };
    this.data[collection].push(record);
    return record;
  }

  /** The names of `include=` this request gets: in strict mode only confirmed ones, and never on lists. */
  includes(collection: Collection, query: URLSearchParams, list: boolean): Set<string> {
    const asked = (query.get('include') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!this.strict) return new Set(asked);
    return new Set(list ? [] : asked.filter((name) => CONFIRMED_INCLUDES[collection].includes(name)));
  }

  list(collection: Collection, query: URLSearchParams): Rec[] {
    const limitRaw = query.get('limit');
    const offsetRaw = query.get('offset');
    const limit = limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw);
    const offset = offsetRaw === null ? 0 : Number(offsetRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new HttpError(400, `"limit" must be an integer from 1 to ${MAX_LIMIT}`);
    }
    if (!Number.isInteger(offset) || offset < 0)
      throw new HttpError(400, '"offset" must be a non-negative integer');
    const honoured = (name: string) => !this.strict || CONFIRMED_FILTERS[collection].includes(name);
    const updatedAfter = honoured('updatedAfter') ? query.get('updatedAfter') : null;
    if (updatedAfter !== null && Number.isNaN(Date.parse(updatedAfter))) {
      throw new HttpError(400, '"updatedAfter" must be an ISO date');
    }
    const search = collection === 'users' && honoured('search') ? query.get('search') : null;
    const filters = [...query.entries()].filter(([key]) => !RESERVED_PARAMS.has(key) && honoured(key));
    const include = this.includes(collection, query, true);
    // `sort=-updated` / `sort=created`: by that field, newest first with the minus
    const sort = honoured('sort') ? /^(-?)(created|updated)$/.exec(query.get('sort') ?? '') : null;
    const ordered = sort
      ? [...this.data[collection]].sort(
          (a, b) => (sort[1] ? -1 : 1) * String(a[sort[2]] ?? '').localeCompare(String(b[sort[2]] ?? '')),
        )
      : this.data[collection];
    return ordered
      .filter((r) => updatedAfter === null || Date.parse(r.updated) > Date.parse(updatedAfter))
      .filter((r) => search === null || userMatchesSearch(r, search))
      .filter((r) =>
        filters.every(([key, value]) => String(r[key] ?? '').toLowerCase() === value.toLowerCase()),
      )
      .slice(offset, offset + limit)
      .map((r) => this.expand(collection, r, include));
  }

  /** `include=` embeds related records (the help centre's names: unit, owner, site, job, agreementUrl, billing…). */
  expand(collection: Collection, record: Rec, include: Set<string>): Rec {
    const out = clone(record);
    if (collection !== 'users' || !include.has('billing')) delete out.billing;
    const related = (key: string, coll: Collection, idField: string) => {
      if (include.has(key) && typeof record[idField] === 'string') {
        out[key] = clone(this.find(coll, record[idField] as string) ?? null);
      }
    };
    related('unit', 'units', 'unitId');
    related('owner', 'users', 'ownerId');
    related('site', 'sites', 'siteId');
    related('unitRental', 'unitRentals', 'unitRentalId');
    if (isObject(out.owner)) delete (out.owner as Rec).billing;
    if (collection === 'unitRentals' && include.has('agreementUrl')) {
      out.agreementUrl = `${this.agreementBase()}/agreements/${record.id}.pdf`;
    }
    return out;
  }
}
