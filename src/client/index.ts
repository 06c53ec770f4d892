/**
 * The Storeganise client: the ONE place that knows Storeganise's URLs, headers, include sets and
 * error shapes, split by concern. Callers import from here. Endpoints and fields marked A (assumed,
 * no public source; see docs/storeganise-api.md) are listed in the README's "API assumptions" table.
 */
export * from './http';
export * from './paths';
export * from './errors';
export * from './redact';
export * from './include';
export * from './poll-lists';
export * from './jobs';
export * from './unit-rentals';
export * from './invoices';
export * from './users';
export * from './sites-units';
export * from './settings';
export * from './webhook-registrations';
export * from './raw-request';
export * from './pages';
