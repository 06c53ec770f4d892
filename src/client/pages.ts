/**
 * One page of a plain list (C: bare JSON arrays, `limit` + `offset`), for dropdowns that Zapier pages
 * itself (`canPaginate`): no `include`, no unconfirmed filters or sort order.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { sgRequest } from './http';
import type { Invoice, Job, User } from '../types';

export interface Page {
  offset: number;
  limit: number;
}

const listPage = <T>(z: ZObject, bundle: Bundle, resource: string, what: string, page: Page) =>
  sgRequest<T[]>(z, bundle, {
    path: [resource],
    params: { limit: page.limit, offset: page.offset },
    what,
    expect: 'list',
  }).then((list) => list ?? []);

export const usersPage = (z: ZObject, bundle: Bundle, page: Page) =>
  listPage<User>(z, bundle, 'users', 'Listing customers', page);
export const invoicesPage = (z: ZObject, bundle: Bundle, page: Page) =>
  listPage<Invoice>(z, bundle, 'invoices', 'Listing invoices', page);
export const jobsPage = (z: ZObject, bundle: Bundle, page: Page) =>
  listPage<Job>(z, bundle, 'jobs', 'Listing jobs', page);
