/** Users (customers). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errorFields } from './errors';
import { listAll, must, sgRequest } from './http';
import { INCLUDE } from './include';
import type { User } from '../types';

/** How many answers a `search` look-up reads (what the production client that uses it asks for). */
export const USER_SEARCH_LIMIT = 10;

/** INCLUDE.customer without `billing`: what a user GET falls back to when the billing include fails. */
export const USER_INCLUDE_WITHOUT_BILLING = INCLUDE.customer
  .split(',')
  .filter((name) => name !== 'billing')
  .join(',');

/**
 * L (one production client): a user GET with `include=billing` can fail where the same GET without
 * it works (e.g. the billing provider is unreachable), so it is retried once without `billing`.
 * 401 (key), 404 (no such user) and 429 (Zapier retries) are final.
 */
async function readUser(
  z: ZObject,
  bundle: Bundle,
  idOrEmail: string,
  allowNotFound: boolean,
): Promise<User | null> {
  const ask = (include: string) =>
    sgRequest<User>(z, bundle, {
      path: ['users', idOrEmail],
      params: { include },
      what: `Customer ${idOrEmail}`,
      allowNotFound,
    });
  try {
    return await ask(INCLUDE.customer);
  } catch (err) {
    const status = errorFields(err).status;
    if (status === undefined || status === 401 || status === 404 || status === 429) throw err;
    return ask(USER_INCLUDE_WITHOUT_BILLING);
  }
}

export async function getUser(z: ZObject, bundle: Bundle, id: string): Promise<User> {
  const user = await readUser(z, bundle, id, false);
  if (!user) throw new z.errors.Error(`Customer ${id} came back empty from Storeganise.`, 'empty_response');
  return user;
}

/** Id or e-mail: L, `GET users/{urlencoded email}` answers 404 when absent. */
export const findUser = (z: ZObject, bundle: Bundle, idOrEmail: string) =>
  readUser(z, bundle, idOrEmail, true);

/** L: `GET users?search=<term>&limit=` finds customers by name, e-mail or phone (list items, no include). */
export const searchUsers = (z: ZObject, bundle: Bundle, term: string, limit = USER_SEARCH_LIMIT) =>
  sgRequest<User[]>(z, bundle, {
    path: ['users'],
    params: { search: term, limit },
    what: 'Searching customers',
    expect: 'list',
  }).then((list) => list ?? []);

const sameEmail = (user: User | null | undefined, wanted: string) =>
  user?.email?.trim().toLowerCase() === wanted;

/**
 * The customer with this e-mail, or null. Looked up lower-case (L: `GET users/{e-mail}`); when that
 * answers 404, the same production client searches (`?search=`) and keeps only an exact,
 * case-insensitive e-mail match, read again by id so the record carries its custom fields. Either
 * way the answer must really carry that e-mail: a look-up that matched something else is no match.
 */
export async function findUserByEmail(z: ZObject, bundle: Bundle, email: string): Promise<User | null> {
  const wanted = email.trim().toLowerCase();
  const user = await findUser(z, bundle, wanted);
  if (user) return sameEmail(user, wanted) ? user : null;
  const match = (await searchUsers(z, bundle, wanted)).find((u) => sameEmail(u, wanted));
  if (!match) return null;
  const full = await findUser(z, bundle, match.id);
  return full && sameEmail(full, wanted) ? full : null;
}

export const listUsers = (z: ZObject, bundle: Bundle, filter: { updatedAfter?: string }, max: number) =>
  listAll<User>(z, bundle, ['users'], filter, max);

export const createUser = (z: ZObject, bundle: Bundle, user: Partial<User>) =>
  must<User>(z, bundle, { method: 'POST', path: ['users'], body: user, what: 'Creating a customer' });

export const updateUser = (z: ZObject, bundle: Bundle, id: string, patch: Partial<User>) =>
  must<User>(z, bundle, { method: 'PUT', path: ['users', id], body: patch, what: `Customer ${id}` });
